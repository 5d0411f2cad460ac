// Search as you type: plain-text matching over domains, titles and URLs — what is typed is never a
// pattern, and what is found comes back as the stored text, bounded.
import { describe, expect, it } from 'vitest';
import type { SiteStat } from '../../src/core/api.ts';
import { OTHER_URL } from '../../src/core/aggregates.ts';
import { buildSearchIndex, search } from '../../src/ui/dashboard-search.ts';

const sites: SiteStat[] = [
  {
    domain: 'github.com', ms: 9_000, visits: 3, pages: [
      { url: 'https://github.com/dwell-app/dwell/pulls', title: 'Pull requests · dwell-app/dwell', ms: 5_000, visits: 2 },
      { url: OTHER_URL, title: '', ms: 1_000, visits: 1, other: true },
    ],
  },
  {
    domain: 'evil.test', ms: 2_000, visits: 1, pages: [
      { url: 'https://evil.test/x', title: '<img src=x onerror=alert(1)> (free) .* prizes', ms: 2_000, visits: 1 },
    ],
  },
  { domain: 'wikipedia.org', ms: 4_000, visits: 2, pages: [{ url: 'https://en.wikipedia.org/wiki/Regular_expression', title: 'Regular expression - Wikipedia', ms: 4_000, visits: 2 }] },
];
const index = buildSearchIndex({ sites });
const found = (q: string) => search(index, q).hits.map((h) => (h.kind === 'site' ? h.domain : h.url));

describe('search', () => {
  it('finds a page by a word of its title, whatever the case', () => {
    expect(found('PULL')).toEqual(['https://github.com/dwell-app/dwell/pulls']);
  });

  it('finds sites by domain before pages, and pages by URL', () => {
    expect(found('wiki')).toEqual(['wikipedia.org', 'https://en.wikipedia.org/wiki/Regular_expression']);
  });

  it('takes regex syntax as characters: ".*" and "(" match only where they are written', () => {
    expect(found('.*')).toEqual(['https://evil.test/x']);
    expect(found('(')).toEqual(['https://evil.test/x']);
    expect(found('(free')).toEqual(['https://evil.test/x']);
    expect(found('[')).toEqual([]);
    expect(found('\\')).toEqual([]);
  });

  it('finds markup as text and returns the title exactly as stored', () => {
    const hits = search(index, '<img src=x onerror').hits;
    expect(hits.map((h) => h.title)).toEqual(['<img src=x onerror=alert(1)> (free) .* prizes']);
  });

  it('blank input finds nothing; "(other pages)" is not a page to find', () => {
    expect(found('   ')).toEqual([]);
    expect(found('other pages')).toEqual([]);
  });

  it('returns at most the limit and says there were more', () => {
    const many: SiteStat[] = Array.from({ length: 120 }, (_, i) => ({ domain: `site${i}.test`, ms: 1_000 + i, visits: 1 }));
    const r = search(buildSearchIndex({ sites: many }), 'site');
    expect(r.hits).toHaveLength(50);
    expect(r.truncated).toBe(true);
    expect(search(buildSearchIndex({ sites: many }), 'site1', 200).truncated).toBe(false);
  });
});
