// The user's categories of sites (name, colour, rules), pure. A category is applied when a view is
// built, never written into the aggregates: changing a rule regroups all history at once, and
// deleting a category loses no time (its sites are simply "Uncategorised" again).
//
// A rule is what an exclusion is (domains.ts normalizeExclusion, Unicode typed as idn.ts
// asciiExclusion reads it) and matches as one (domains.ts isExcluded): "example.com" covers the
// site example.com (and www.example.com), "*.example.com" covers example.com and every
// subdomain. Sites are registrable domains, so a wildcard mostly matters under a public suffix
// such as "*.github.io".
//
// Overlaps resolve by the most specific rule, so a broad rule never takes a site a narrower one
// names: an exact rule beats any wildcard; between wildcards, the longer base beats the shorter
// ("*.blog.example.com" beats "*.example.com"); between equally specific rules, the category
// earlier in the list wins.
import { isExcluded, normalizeExclusion } from './domains.ts';
import { asciiExclusion } from './idn.ts';

export interface Category {
  /** Stable across renames: what a site's assignment and an import refer to. */
  id: string;
  name: string;
  /** "#rrggbb", lower case. */
  colour: string;
  /** Canonical rules (normalizeCategoryRule). */
  rules: string[];
}

export const CATEGORY_LIMITS = {
  categories: 100,
  rulesPerCategory: 500,
  nameLength: 60,
  idLength: 64,
} as const;

const ID = /^[A-Za-z0-9_-]+$/;
const COLOUR = /^#[0-9a-f]{6}$/;

export const isCategoryId = (id: string): boolean => id.length <= CATEGORY_LIMITS.idLength && ID.test(id);
export const isColour = (colour: string): boolean => COLOUR.test(colour);

/** A typed rule ("Example.COM", "*.bücher.test", "https://www.example.com/x") in its stored form,
 *  or null when it names no domain. The exclusion rule, so both lists read input alike. */
export const normalizeCategoryRule = (input: string): string | null => normalizeExclusion(asciiExclusion(input));

/** Higher is more specific: exact rules above every wildcard, longer wildcards above shorter. */
const specificity = (rule: string): number => (rule.startsWith('*.') ? rule.length : Number.MAX_SAFE_INTEGER);

/** The id of the category a site belongs to, or null ("Uncategorised"). */
export const categoryOf = (site: string, categories: readonly Category[]): string | null => categoryLookup(categories)(site);

interface Candidate {
  rule: string;
  rank: number;
  id: string;
}

/** The last two labels of a name ("example.com" of "a.b.example.com"; a one-label name itself). A
 *  rule can only match a site that ends in its own base, so the two share this key when the base
 *  has two labels or more, and the site's last label is the key of a one-label base: a filter
 *  that spares matching a site against rules it cannot match (10 k sites × 200 rules took 360
 *  ms), while isExcluded alone still decides. */
const keyOf = (name: string): string => name.split('.').slice(-2).join('.');
const lastLabel = (name: string): string => name.slice(name.lastIndexOf('.') + 1);

/** categoryOf for many sites over the same categories: rules are sorted once (most specific
 *  first, list order on a tie), and each site is judged once. */
export function categoryLookup(categories: readonly Category[]): (site: string) => string | null {
  const byKey = new Map<string, Candidate[]>();
  for (const c of categories) {
    for (const rule of c.rules) {
      const key = keyOf(rule.startsWith('*.') ? rule.slice(2) : rule);
      const list = byKey.get(key) ?? [];
      list.push({ rule, rank: specificity(rule), id: c.id });
      byKey.set(key, list);
    }
  }
  // Stable: equal ranks keep list order, so the earlier category wins a tie.
  for (const list of byKey.values()) list.sort((a, b) => b.rank - a.rank);
  const seen = new Map<string, string | null>();
  const judge = (site: string): string | null => {
    const host = site.toLowerCase().replace(/\.$/, '');
    let best: Candidate | null = null;
    for (const key of new Set([keyOf(host), lastLabel(host)])) {
      const hit = byKey.get(key)?.find((x) => isExcluded(site, [x.rule]));
      if (hit && (!best || hit.rank > best.rank || (hit.rank === best.rank && order(hit) < order(best)))) best = hit;
    }
    return best?.id ?? null;
  };
  const index = new Map(categories.map((c, i) => [c.id, i]));
  const order = (x: Candidate): number => index.get(x.id) ?? 0;
  return (site) => {
    let id = seen.get(site);
    if (id === undefined) {
      id = judge(site);
      seen.set(site, id);
    }
    return id;
  };
}

/** A stored list in its shape, whatever it held (settings are untrusted): entries that are not a
 *  category are dropped, names trimmed and cut to the limit, colours lower-cased, rules
 *  normalised (invalid ones dropped, each once), a repeated id kept only the first time, and the
 *  counts bounded. */
export function normalizeCategories(value: unknown): Category[] {
  if (!Array.isArray(value)) return [];
  const out: Category[] = [];
  const ids = new Set<string>();
  for (const entry of value as unknown[]) {
    if (out.length >= CATEGORY_LIMITS.categories) break;
    const c = normalizeCategory(entry);
    if (!c || ids.has(c.id)) continue;
    ids.add(c.id);
    out.push(c);
  }
  return out;
}

function normalizeCategory(entry: unknown): Category | null {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return null;
  const o = entry as Record<string, unknown>;
  const { id, name, colour, rules } = { id: own(o, 'id'), name: own(o, 'name'), colour: own(o, 'colour'), rules: own(o, 'rules') };
  if (typeof id !== 'string' || !isCategoryId(id)) return null;
  if (typeof name !== 'string' || typeof colour !== 'string') return null;
  const trimmed = cleanName(name);
  if (!trimmed || !isColour(colour.toLowerCase())) return null;
  return { id, name: trimmed, colour: colour.toLowerCase(), rules: normalizeRules(rules) };
}

const own = (o: Record<string, unknown>, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);

/** A name as stored: trimmed, inner runs of white space as one space, at most nameLength. */
export const cleanName = (name: string): string => [...name.trim().replace(/\s+/g, ' ')].slice(0, CATEGORY_LIMITS.nameLength).join('').trim();

function normalizeRules(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const rules = (value as unknown[]).map((r) => (typeof r === 'string' ? normalizeCategoryRule(r) : null)).filter((r): r is string => !!r);
  return [...new Set(rules)].slice(0, CATEGORY_LIMITS.rulesPerCategory);
}

/** What an import does to the user's categories. Replace: the file's list (when the file has
 *  one; a file without categories, such as every version 1 file, leaves them alone). Merge: the
 *  file's categories are added, one with an id already present replaces it in place (as a merge
 *  replaces each day × site row with the file's), the rest are kept; bounded like any list. */
export function importCategories(current: readonly Category[], incoming: readonly Category[] | undefined, mode: 'merge' | 'replace'): Category[] {
  if (!incoming) return [...current];
  if (mode === 'replace') return normalizeCategories(incoming);
  const byId = new Map(incoming.map((c) => [c.id, c]));
  const merged = current.map((c) => byId.get(c.id) ?? c);
  const present = new Set(current.map((c) => c.id));
  return normalizeCategories([...merged, ...incoming.filter((c) => !present.has(c.id))]);
}
