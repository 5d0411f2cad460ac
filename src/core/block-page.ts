// What the block page accepts from its own URL (?site=…&back=…). That URL can be typed or linked
// by anyone, so nothing in it is trusted: the site must be a name Dwell stores, and the page to
// go back to must be an ordinary http(s) page — never javascript:, data:, chrome:, file:, another
// extension or this one — and only its origin + path are kept. The blocked page's query and
// fragment are never written anywhere by Dwell: the block page returns to them through the tab's
// own history (history.back()), and only falls back to origin + path when there is none.
import { isStorableDomain, pageKey } from './domains.ts';

/** An http(s) page to return to, as origin + path; null for anything else. */
export const returnUrl = (raw: string | null | undefined): string | null => (raw ? pageKey(raw) : null);

export interface BlockParams {
  site: string;
  back: string | null;
}

/** The block page's query string → its site and page to go back to, or null without a site. */
export function blockParams(search: string): BlockParams | null {
  const q = new URLSearchParams(search);
  const site = q.get('site');
  if (!site || !isStorableDomain(site)) return null;
  return { site, back: returnUrl(q.get('back')) };
}
