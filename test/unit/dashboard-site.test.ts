// Site detail: average visit, first and last day, the series with today's live time, and page links
// that can only ever open the https page Dwell stored.
import { describe, expect, it } from 'vitest';
import { OTHER_URL } from '../../src/core/aggregates.ts';
import { buildSiteView, safeHref, siteSeries } from '../../src/ui/dashboard-site.ts';

describe('page links', () => {
  it('an https page links to its origin + path only', () => {
    expect(safeHref('https://example.com/a/b')).toBe('https://example.com/a/b');
    expect(safeHref('https://user:pw@example.com/a?q=1#x')).toBe('https://example.com/a');
  });

  it('anything else gets no link', () => {
    for (const url of ['javascript:alert(1)', 'http://example.com/', 'data:text/html,<b>x</b>', 'file:///etc/passwd', 'not a url', OTHER_URL, 'chrome://settings']) {
      expect(safeHref(url), url).toBeNull();
    }
  });
});

describe('site detail', () => {
  it("puts today's live time in place of the stored row and drops empty days", () => {
    const rows = [{ day: '2024-03-08', ms: 5_000 }, { day: '2024-03-09', ms: 0 }, { day: '2024-03-10', ms: 1_000 }];
    expect(siteSeries(rows, '2024-03-10', 4_000)).toEqual([{ day: '2024-03-08', ms: 5_000 }, { day: '2024-03-10', ms: 4_000 }]);
    expect(siteSeries(rows, '2024-03-10', null)).toEqual([{ day: '2024-03-08', ms: 5_000 }, { day: '2024-03-10', ms: 1_000 }]);
  });

  it('shows visits, the average visit, first and last day and the pages as text', () => {
    const stat = {
      domain: 'evil.test', ms: 90_000, visits: 3, pages: [
        { url: 'https://evil.test/x', title: '\u202E<img src=x onerror=alert(1)>', ms: 60_000, visits: 2 },
        { url: 'javascript:alert(1)', title: '', ms: 20_000, visits: 1 },
        { url: OTHER_URL, title: '', ms: 10_000, visits: 0, other: true },
      ],
    };
    const series = [{ day: '2024-01-02', ms: 30_000 }, { day: '2024-03-10', ms: 60_000 }];
    const v = buildSiteView('evil.test', stat, series, { from: '2024-03-04', to: '2024-03-10' }, 'Other pages', 'en-US');
    expect(v).toMatchObject({ time: '1m 30s', visits: '3', averageVisit: '30s', firstDay: 'Tue, Jan 2', lastDay: 'Sun, Mar 10' });
    expect(v.pages).toEqual([
      { title: '<img src=x onerror=alert(1)>', path: 'evil.test/x', time: '1m', visits: '2', href: 'https://evil.test/x', other: false },
      { title: 'alert(1)', path: 'alert(1)', time: '20s', visits: '1', href: null, other: false },
      { title: 'Other pages', path: '', time: '10s', visits: '0', href: null, other: true },
    ]);
    expect(v.chart!.bars).toHaveLength(7);
  });

  it('a site with no time in the range shows zeros, not NaN', () => {
    const v = buildSiteView('gone.test', undefined, [], null, 'Other pages', 'en-US');
    expect(v).toMatchObject({ time: '0s', visits: '0', averageVisit: '0s', firstDay: '—', lastDay: '—', pages: [], chart: null });
  });
});
