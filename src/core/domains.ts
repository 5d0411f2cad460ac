// Which pages are tracked, and how a URL maps to a page key and a registrable domain.
// The registrable domain (tldts, with the public-suffix list) lives in registrable.ts: it is
// computed at capture, so the fold, and the popup that runs it, never load the list.

export const MAX_PAGE_URL = 2048;

/** Only ordinary web pages are tracked; chrome:, about:, data:, file:, extension pages are not. */
const TRACKED_PROTOCOLS = new Set(['http:', 'https:']);

export function parseWebUrl(raw: string | undefined | null): URL | null {
  if (!raw) return null;
  try {
    const u = new URL(raw);
    return TRACKED_PROTOCOLS.has(u.protocol) && u.hostname ? u : null;
  } catch {
    return null;
  }
}

const LDH_HOST = /^[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})*$/;
export const MAX_DOMAIN = 253;

/** The one rule for a site name Dwell keeps, shared by capture (registrable.ts storedDomain),
 *  import (export-format.ts) and "Delete one site" (ui/options-model.ts), so whatever is stored
 *  exports, imports back and can be deleted by name: a lower-case LDH host name of at most 253
 *  characters (punycode for Unicode names), a canonical IPv4 address, or an IPv6 address as the
 *  URL standard writes it, bare. Browsers also reach hosts DNS cannot name ("my_host",
 *  "a*b.com", labels over 63 characters); capture leaves those untracked rather than store a
 *  name nothing else would accept. */
export function isStorableDomain(domain: string): boolean {
  if (domain.length === 0 || domain.length > MAX_DOMAIN) return false;
  const ipv6 = domain.includes(':');
  if (!ipv6 && !LDH_HOST.test(domain)) return false;
  try {
    // The URL parser's own form: canonical IPv4 and IPv6, valid punycode, nothing else.
    const host = ipv6 ? `[${domain}]` : domain;
    return new URL(`http://${host}/`).hostname === host;
  } catch {
    return false;
  }
}

/** A URL of a site name (IPv6 in brackets), to read it back through registrable.ts. */
export const siteUrl = (domain: string): string => `http://${domain.includes(':') ? `[${domain}]` : domain}/`;

/** origin + path: no query, no fragment (they hold tokens and grow without bound). */
export function pageKey(raw: string): string | null {
  const u = parseWebUrl(raw);
  return u ? u.origin + u.pathname : null;
}

/** A page url capture could have stored (trackedUrl): http(s) origin + path exactly as the URL
 *  parser writes it, so no query, fragment or user name, and no other spelling of the page. */
export const isStorablePageUrl = (url: string): boolean => url.length <= MAX_PAGE_URL && pageKey(url) === url;

/** origin + path within MAX_PAGE_URL. A cut can end in "/." or "/%2e", which the parser drops on
 *  reading back, so the cut is read back until stable: what is stored is a fixed point of pageKey
 *  and an import takes it back unchanged. */
function boundedKey(u: URL): string | null {
  // A cut inside the origin would name another host.
  if (u.origin.length >= MAX_PAGE_URL) return null;
  let key = u.origin + u.pathname;
  // Reading back only shortens a cut of the parser's own output: two passes settle it; the bound
  // is there so no URL can ever spin capture.
  for (let pass = 0; pass < 4; pass++) {
    if (isStorablePageUrl(key)) return key;
    key = pageKey(key.slice(0, MAX_PAGE_URL)) ?? '';
  }
  return `${u.origin}/`;
}

/** "Example.COM", "*.example.com", "https://www.example.com/x" → canonical rule, or null if invalid. */
export function normalizeExclusion(input: string): string | null {
  let s = input.trim().toLowerCase();
  if (!s) return null;
  const wildcard = s.startsWith('*.');
  if (wildcard) s = s.slice(2);
  if (s.includes('://')) {
    try {
      s = new URL(s).hostname;
    } catch {
      return null;
    }
  }
  s = s.replace(/\/.*$/, '').replace(/\.$/, '');
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(s) && !/^\[[0-9a-f:]+\]$/.test(s)) return null;
  return wildcard ? `*.${s}` : s;
}

/** Exact rule matches the host and its www. form; "*.d" matches d and every subdomain of d. */
export function isExcluded(hostname: string, rules: readonly string[]): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  for (const rule of rules) {
    if (rule.startsWith('*.')) {
      const base = rule.slice(2);
      if (host === base || host.endsWith(`.${base}`)) return true;
    } else if (host === rule || host === `www.${rule}`) {
      return true;
    }
  }
  return false;
}

export interface TrackPolicy {
  excludedSites: readonly string[];
  recordIncognito: boolean;
}

/** The page to record for a tab (origin + path: query and fragment never reach the log), or null
 *  when it must not be recorded at all. */
export function trackedUrl(raw: string | undefined, incognito: boolean, policy: TrackPolicy): string | null {
  if (incognito && !policy.recordIncognito) return null;
  const u = parseWebUrl(raw);
  if (!u) return null;
  if (isExcluded(u.hostname, policy.excludedSites)) return null;
  // Bounded so every page we store can be exported and imported again (isStorablePageUrl).
  return boundedKey(u);
}
