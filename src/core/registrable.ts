// eTLD+1 with the public-suffix list (tldts, ~270 KB): used at capture time and by the options
// page, never by the fold, so the popup's first paint does not load it.
import { getDomain, getHostname } from 'tldts';
import { isStorableDomain, parseWebUrl } from './domains.ts';

/** eTLD+1 ("news.bbc.co.uk" → "bbc.co.uk"); IPs, localhost and private names fall back to the host. */
export function registrableDomain(raw: string): string | null {
  const u = parseWebUrl(raw);
  if (!u) return null;
  const host = u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return getDomain(host, { allowPrivateDomains: false }) ?? getHostname(host) ?? host;
}

/** The site capture stores a page under, or null when its registrable domain is no storable
 *  name (isStorableDomain): such a page is then untracked, see background/capture.ts. */
export function storedDomain(raw: string): string | null {
  const domain = registrableDomain(raw);
  return domain !== null && isStorableDomain(domain) ? domain : null;
}
