// International domain names: sites are stored as the URL parser writes them (punycode,
// "xn--bcher-kva.test"); people read and type them in Unicode ("bücher.test"). A Unicode form is
// shown only when it cannot pass for another name, after Chrome's omnibox rule in short: a label
// whose letters mix scripts, or a Cyrillic/Greek label made only of Latin look-alikes
// ("xn--80ak6aa92e.com" is "аррӏе.com"), keeps the whole name in punycode.

const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;

function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : delta >> 1;
  d += Math.floor(d / points);
  let k = 0;
  for (; d > ((BASE - T_MIN) * T_MAX) >> 1; k += BASE) d = Math.floor(d / (BASE - T_MIN));
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
}

function digitOf(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 22; // '0'..'9' → 26..35
  if (c >= 0x61 && c <= 0x7a) return c - 0x61; // 'a'..'z' → 0..25
  if (c >= 0x41 && c <= 0x5a) return c - 0x41;
  return BASE;
}

/** RFC 3492 decoding of one label's punycode part (without "xn--"), or null if it is not valid. */
export function decodePunycode(input: string): string | null {
  const cut = input.lastIndexOf('-');
  const out = [...(cut > 0 ? input.slice(0, cut) : '')].map((ch) => ch.codePointAt(0) ?? 0);
  if (out.some((c) => c >= 0x80)) return null;
  let n = INITIAL_N;
  let bias = INITIAL_BIAS;
  let i = 0;
  for (let pos = cut > 0 ? cut + 1 : 0; pos < input.length; ) {
    const oldi = i;
    for (let w = 1, k = BASE; ; k += BASE) {
      if (pos >= input.length) return null;
      const digit = digitOf(input.charCodeAt(pos++));
      if (digit >= BASE) return null;
      i += digit * w;
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < t) break;
      w *= BASE - t;
      if (!Number.isSafeInteger(i) || !Number.isSafeInteger(w)) return null;
    }
    bias = adapt(i - oldi, out.length + 1, oldi === 0);
    n += Math.floor(i / (out.length + 1));
    i %= out.length + 1;
    if (n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return null;
    out.splice(i++, 0, n);
  }
  return String.fromCodePoint(...out);
}

/** Script sets a single name may combine (Japanese, Chinese and Korean writing mixes them). */
const SCRIPTS = ['Latin', 'Cyrillic', 'Greek', 'Armenian', 'Hebrew', 'Arabic', 'Devanagari', 'Thai', 'Georgian', 'Han', 'Hiragana', 'Katakana', 'Hangul', 'Bopomofo'] as const;
type Script = (typeof SCRIPTS)[number];
const SCRIPT_RE = new Map(SCRIPTS.map((s) => [s, new RegExp(`^\\p{Script=${s}}$`, 'u')]));
const ALLOWED_MIXES: ReadonlyArray<ReadonlySet<Script>> = [
  new Set(['Latin', 'Han', 'Hiragana', 'Katakana']),
  new Set(['Latin', 'Han', 'Bopomofo']),
  new Set(['Latin', 'Han', 'Hangul']),
];
/** Cyrillic and Greek letters that read as Latin ones: a label of these alone spells a Latin word. */
const LATIN_LOOKALIKES = /^[асԁеһіјӏорԛѕԝхуъьҽпгѵѡкαικνορτυω]+$/u;
const LETTER = /\p{L}/u;
const ALLOWED_CHAR = /^[\p{L}\p{M}\p{Nd}-]$/u;

function scriptOf(ch: string): Script | 'other' {
  for (const [s, re] of SCRIPT_RE) if (re.test(ch)) return s;
  return 'other';
}

/** A decoded label that could pass for another name: mixed scripts, a script outside the list,
 *  a symbol, or a Cyrillic/Greek spelling of a Latin word. */
export function isDeceptiveLabel(label: string): boolean {
  const chars = [...label];
  if (!chars.every((c) => ALLOWED_CHAR.test(c))) return true;
  const scripts = new Set(chars.filter((c) => LETTER.test(c)).map(scriptOf));
  if (scripts.has('other')) return true;
  if (scripts.size > 1 && !ALLOWED_MIXES.some((mix) => [...scripts].every((s) => mix.has(s as Script)))) return true;
  const letters = chars.filter((c) => LETTER.test(c)).join('');
  return (scripts.has('Cyrillic') || scripts.has('Greek')) && LATIN_LOOKALIKES.test(letters);
}

/** What the URL parser makes of a typed host name (lower case, IDNA to punycode), or null. */
export function toAsciiHost(text: string): string | null {
  try {
    return new URL(`http://${text.trim()}/`).hostname || null;
  } catch {
    return null;
  }
}

/** A stored site name for display: Unicode when every label is safe to show, else as stored. */
export function displayDomain(domain: string): string {
  if (!domain.includes('xn--')) return domain;
  const labels = domain.split('.').map((l) => (l.startsWith('xn--') ? decodePunycode(l.slice(4)) : l));
  if (labels.some((l) => l === null || isDeceptiveLabel(l))) return domain;
  const unicode = labels.join('.');
  // The parser must spell it back exactly as stored: no decoder slip shows another name.
  return toAsciiHost(unicode) === domain ? unicode : domain;
}

/** A typed exclusion with a Unicode host ("bücher.test", "*.bücher.test/x") in the punycode form
 *  the stored rules and the URLs use; anything else unchanged (the exclusion rule judges it). */
export function asciiExclusion(entry: string): string {
  const s = entry.trim();
  // eslint-disable-next-line no-control-regex -- "only ASCII" is exactly the test
  if (/^[\x00-\x7f]*$/.test(s) || s.includes('://')) return s;
  const wild = s.startsWith('*.') ? '*.' : '';
  const rest = s.slice(wild.length);
  const host = rest.split('/')[0] ?? '';
  const ascii = toAsciiHost(host);
  return ascii ? wild + ascii + rest.slice(host.length) : s;
}
