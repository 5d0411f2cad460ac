// eTLD+1 with the public-suffix list (tldts, ~270 KB): used at capture time and by the options
// page, never by the fold, so the popup's first paint does not load it.
import { getDomain, getHostname } from 'tldts';
import { parseWebUrl } from './domains.ts';

/** eTLD+1 ("news.bbc.co.uk" → "bbc.co.uk"); IPs, localhost and private names fall back to the host. */
export function registrableDomain(raw: string): string | null {
  const u = parseWebUrl(raw);
  if (!u) return null;
  const host = u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return getDomain(host, { allowPrivateDomains: false }) ?? getHostname(host) ?? host;
}
