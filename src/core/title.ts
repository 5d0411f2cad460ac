// Page titles are hostile to privacy: while a page loads, and for pages with no <title> (plain
// text, JSON, API answers), Chrome's tab title IS the page's URL, query and fragment included,
// formatted the way Chrome shows URLs (scheme dropped, unescaped, IDN decoded). Every title that
// is stored (events, page rows, the fold state, imports) goes through cleanTitle first.

export const MAX_TITLE = 500;

/** A host as Chrome shows it: dotted labels ending in a name (Unicode or punycode), an IPv4
 *  address, localhost, or a bracketed IPv6 literal; then an optional port. */
const HOST = String.raw`(?:(?:[\p{L}\p{N}_-]+\.)+(?:[\p{L}\p{M}]{2,}|xn--[a-z0-9-]+)|\d{1,3}(?:\.\d{1,3}){3}|localhost|\[[0-9a-f:.]+\])(?::\d{1,5})?`;
const SCHEME = String.raw`(?:[a-z][a-z0-9+.-]*:\/\/)?`;
/** Optional user info (user@), the host, then a path: Chrome always shows one ("/" at least)
 *  before a query, and requiring it keeps "Node.js? A guide" whole. */
const URL_HEAD = String.raw`${SCHEME}(?:[^\s/?#@]+@)?${HOST}\/[^\s?#]*`;

/** A title that starts with a URL: Chrome shows the URL itself, whose query may hold unescaped
 *  spaces, so everything from its `?` or `#` on goes. */
const LEADING_URL = new RegExp(String.raw`^\s*(${URL_HEAD})[?#].*$`, 'isu');
/** A URL inside a real title: its query or fragment ends at the next white space. */
const INNER_URL = new RegExp(String.raw`(^|[\s("'<\[])(${URL_HEAD})[?#]\S*`, 'giu');

/** Cuts the query and fragment of every URL-like part of a title, and bounds its length.
 *  A title such as "Why? – FAQ" or "Q&A #3" has no URL-like part and stays whole. */
export function cleanTitle(title: string): string {
  const cleaned = title.replace(LEADING_URL, '$1').replace(INNER_URL, '$1$2');
  return cleaned.length > MAX_TITLE ? cleaned.slice(0, MAX_TITLE) : cleaned;
}
