// Search over the domains, page titles and page URLs of a query result (pure). The index is built
// once per result, lazily (the first keystroke), and matched as plain text: lower-cased substring,
// never a RegExp made from what was typed, so ".*" or "(" are only characters.
import type { QueryResult } from '../core/api.ts';
import { OTHER_URL } from '../core/aggregates.ts';

export interface SearchEntry {
  kind: 'site' | 'page';
  domain: string;
  /** Page URL (origin + path); empty for a site. */
  url: string;
  title: string;
  ms: number;
  /** Lower-cased text the query is looked for in. */
  hay: string;
}

export interface SearchIndex {
  entries: SearchEntry[];
}

/** Results shown for one query, at most. */
export const MAX_RESULTS = 50;

const fold = (s: string): string => s.toLowerCase();

/** Sites, then pages, each by time (largest first): a hit on a big site ranks before a stray page. */
export function buildSearchIndex(r: Pick<QueryResult, 'sites'>): SearchIndex {
  const sites: SearchEntry[] = [];
  const pages: SearchEntry[] = [];
  for (const s of r.sites) {
    sites.push({ kind: 'site', domain: s.domain, url: '', title: '', ms: s.ms, hay: fold(s.domain) });
    for (const p of s.pages ?? []) {
      if (p.other || p.url === OTHER_URL) continue; // the folded rest has no page to find
      pages.push({ kind: 'page', domain: s.domain, url: p.url, title: p.title, ms: p.ms, hay: fold(`${p.title}\n${p.url}`) });
    }
  }
  pages.sort((a, b) => b.ms - a.ms);
  return { entries: [...sites, ...pages] };
}

export interface SearchResult {
  hits: SearchEntry[];
  /** More matched than were returned. */
  truncated: boolean;
}

/** Entries whose domain (sites) or title/URL (pages) contain the query, case-insensitively.
 *  Blank input matches nothing. */
export function search(index: SearchIndex, query: string, limit = MAX_RESULTS): SearchResult {
  const needle = fold(query.trim());
  if (!needle) return { hits: [], truncated: false };
  const hits: SearchEntry[] = [];
  for (const e of index.entries) {
    if (!e.hay.includes(needle)) continue;
    if (hits.length === limit) return { hits, truncated: true };
    hits.push(e);
  }
  return { hits, truncated: false };
}
