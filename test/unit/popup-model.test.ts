// QueryResult → popup rows, today's total, the site in front, pages and the chart.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { QueryResult, SiteStat } from '../../src/core/api.ts';
import { buildChart } from '../../src/ui/chart-model.ts';
import { MORE_ROWS, buildPageRows, excludeSite, iconPage, buildPopupView, faviconUrl, pauseEnd, todayTotal, limitNote } from '../../src/ui/popup-model.ts';

const result = (over: Partial<QueryResult> = {}): QueryResult => ({
  range: { from: '2024-03-04', to: '2024-03-10' },
  now: Date.parse('2024-03-10T12:00:00Z'),
  today: '2024-03-10',
  totalMs: 10_000_000,
  sites: [
    { domain: 'example.com', ms: 2_500_000, visits: 3 },
    { domain: 'bbc.co.uk', ms: 7_500_000, visits: 9 },
  ],
  daily: [
    { day: '2024-03-08', ms: 4_000_000 },
    { day: '2024-03-10', ms: 6_000_000 },
  ],
  current: { domain: 'example.com', url: 'https://example.com/a', title: 'A page', msToday: 65_000 },
  pending: 3,
  ...over,
});

describe('buildPopupView', () => {
  it('sorts sites by time and computes each share of the range total', () => {
    const v = buildPopupView(result(), 'en');
    expect(v.rows.map((r) => [r.domain, r.time, r.shareText, r.current])).toEqual([
      ['bbc.co.uk', '2h 5m', '75%', false],
      ['example.com', '41m 40s', '25%', true],
    ]);
    expect(v.rangeText).toBe('2h 46m');
    expect(v.current).toEqual({ domain: 'example.com', label: 'example.com', url: 'https://example.com/a', title: 'A page', time: '1m 5s', inList: true, icon: 'https://example.com/a' });
    expect(v.empty).toBe(false);
  });

  it("takes today's total from the daily entry when the range is longer than today", () => {
    expect(todayTotal(result())).toBe(6_000_000);
    expect(buildPopupView(result(), 'en').todayText).toBe('1h 40m');
  });

  it("uses the range total as today's total when the range is today", () => {
    const r = result({ range: { from: '2024-03-10', to: '2024-03-10' }, totalMs: 123_000, daily: [{ day: '2024-03-10', ms: 999 }] });
    expect(todayTotal(r)).toBe(123_000);
  });

  it("is 0 today when today has no daily entry (e.g. 'all' before anything today)", () => {
    expect(todayTotal(result({ range: 'all', daily: [{ day: '2024-03-01', ms: 5 }] }))).toBe(0);
  });

  it('is empty on a fresh install: no sites, no current, zero totals', () => {
    const v = buildPopupView(result({ sites: [], totalMs: 0, daily: [], current: null }), 'en');
    expect(v).toMatchObject({ empty: true, rows: [], rest: null, current: null, todayText: '0s', rangeText: '0s' });
  });

  it('drops zero-time sites and folds sites past the limit into one "rest" line', () => {
    const sites: SiteStat[] = Array.from({ length: 25 }, (_, i) => ({ domain: `s${String(i).padStart(2, '0')}.com`, ms: (25 - i) * 1000, visits: 1 }));
    sites.push({ domain: 'zero.com', ms: 0, visits: 0 });
    const v = buildPopupView(result({ sites, totalMs: 325_000, current: null }), 'en', 20);
    expect(v.rows).toHaveLength(20);
    expect(v.rows[0]?.domain).toBe('s00.com');
    expect(v.rest).toEqual({ count: 5, shown: 0, ms: 15_000, time: '15s' });
  });

  it('scales each bar to the largest site in the list, not to the range total', () => {
    // 10 000 sites share the time: against the total every bar would be a dot.
    const sites: SiteStat[] = [
      { domain: 'big.com', ms: 400_000, visits: 1 },
      { domain: 'half.com', ms: 200_000, visits: 1 },
      { domain: 'tenth.com', ms: 40_000, visits: 1 },
    ];
    const v = buildPopupView(result({ sites, totalMs: 20_000_000, current: null }), 'en');
    expect(v.rows.map((r) => [r.domain, r.bar, r.shareText])).toEqual([
      ['big.com', 1, '2%'],
      ['half.com', 0.5, '1%'],
      ['tenth.com', 0.1, '<1%'],
    ]);
  });

  it('shows punycode names in Unicode unless they could pass for another name', () => {
    const sites: SiteStat[] = [
      { domain: 'xn--bcher-kva.test', ms: 2000, visits: 1 },
      { domain: 'xn--80ak6aa92e.com', ms: 1000, visits: 1 },
    ];
    const current = { domain: 'xn--bcher-kva.test', url: 'https://xn--bcher-kva.test/', title: '', msToday: 2000 };
    const v = buildPopupView(result({ sites, totalMs: 3000, current }), 'en');
    expect(v.rows.map((r) => [r.domain, r.label])).toEqual([
      ['xn--bcher-kva.test', 'bücher.test'],
      ['xn--80ak6aa92e.com', 'xn--80ak6aa92e.com'],
    ]);
    expect(v.current?.label).toBe('bücher.test');
  });

  it('a limited "All" answer (20 sites + 9,980 summed beyond): the rest line counts and sums them too', () => {
    const sites: SiteStat[] = Array.from({ length: 20 }, (_, i) => ({ domain: `s${String(i).padStart(3, '0')}.com`, ms: (100 - i) * 1000, visits: 1 }));
    const v = buildPopupView(result({ range: 'all', sites, beyond: { count: 9_980, ms: 3_600_000 }, current: null }), 'en');
    expect(v.rows).toHaveLength(20);
    expect(v.rest).toEqual({ count: 9_980, shown: 0, ms: 3_600_000, time: '1h' });
    const more = buildPopupView(result({ range: 'all', sites: [...sites, ...sites.map((s) => ({ ...s, domain: `more-${s.domain}`, ms: 1000 }))], beyond: { count: 9_960, ms: 3_580_000 }, current: null }), 'en', 20, MORE_ROWS);
    expect(more.rest).toMatchObject({ count: 9_980, shown: 20, ms: 3_600_000 });
  });

  it('"+ N more sites" adds up to 200 rows past the limit, and says how many of the rest it shows', () => {
    const sites: SiteStat[] = Array.from({ length: 250 }, (_, i) => ({ domain: `s${String(i).padStart(3, '0')}.com`, ms: (250 - i) * 1000, visits: 1 }));
    const r = result({ sites, totalMs: 31_375_000, current: null });
    const v = buildPopupView(r, 'en', 20, MORE_ROWS);
    expect(v.rows).toHaveLength(220);
    expect(v.rows.at(-1)?.domain).toBe('s219.com');
    expect(v.rest).toMatchObject({ count: 230, shown: 200 });
    const few = buildPopupView(result({ sites: sites.slice(0, 30), current: null }), 'en', 20, MORE_ROWS);
    expect(few.rows).toHaveLength(30);
    expect(few.rest).toMatchObject({ count: 10, shown: 10 });
  });

  it('lets the current row stand in for the "Now" card, with the page title on it', () => {
    const v = buildPopupView(result(), 'en');
    expect(v.current?.inList).toBe(true);
    expect(v.rows.map((row) => [row.domain, row.nowTitle])).toEqual([['bbc.co.uk', null], ['example.com', 'A page']]);
    // Far down the list (past the limit), the card is needed.
    const sites: SiteStat[] = Array.from({ length: 21 }, (_, i) => ({ domain: i === 20 ? 'example.com' : `s${i}.com`, ms: 100 - i, visits: 1 }));
    expect(buildPopupView(result({ sites }), 'en', 20).current?.inList).toBe(false);
  });

  it('breaks ties by domain so rows do not jump between ticks', () => {
    const v = buildPopupView(result({ sites: [{ domain: 'b.com', ms: 5, visits: 1 }, { domain: 'a.com', ms: 5, visits: 1 }], totalMs: 10 }), 'en');
    expect(v.rows.map((r) => r.domain)).toEqual(['a.com', 'b.com']);
  });

  it('keeps hostile titles and domains as plain data (rendered as text)', () => {
    const title = '<img src=x onerror=alert(1)>';
    const v = buildPopupView(result({ current: { domain: 'example.com', url: 'https://example.com/', title, msToday: 1000 } }), 'en');
    expect(v.current?.title).toBe(title);
  });
});

describe('buildPageRows', () => {
  const site: SiteStat = {
    domain: 'bbc.co.uk',
    ms: 100_000,
    visits: 4,
    pages: [
      { url: '(other pages)', title: '', ms: 50_000, visits: 9, other: true },
      { url: 'https://news.bbc.co.uk/world', title: '  ', ms: 20_000, visits: 1 },
      { url: 'https://www.bbc.co.uk/', title: 'BBC Home', ms: 30_000, visits: 2 },
      { url: 'https://www.bbc.co.uk/zero', title: 'never shown', ms: 0, visits: 0 },
    ],
  };

  it('lists pages by time, the "other" row last, path as title when there is none', () => {
    expect(buildPageRows(site, 'Other pages', 'en')?.map((p) => [p.title, p.path, p.time, p.other])).toEqual([
      ['BBC Home', 'www.bbc.co.uk', '30s', false],
      ['news.bbc.co.uk/world', 'news.bbc.co.uk/world', '20s', false],
      ['Other pages', '', '50s', true],
    ]);
  });

  it('is null while pages were not asked for / not loaded', () => {
    expect(buildPageRows({ domain: 'a.com', ms: 1, visits: 1 }, 'Other', 'en')).toBeNull();
    expect(buildPageRows(undefined, 'Other', 'en')).toBeNull();
  });
});

describe('faviconUrl', () => {
  it('asks the _favicon API about a page, URL-encoded', () => {
    const url = faviconUrl('https://www.bbc.co.uk', (p) => `chrome-extension://id${p}`);
    expect(url).toBe('chrome-extension://id/_favicon/?pageUrl=https%3A%2F%2Fwww.bbc.co.uk&size=16');
  });
});

describe('iconPage: a page the user actually visited, for _favicon', () => {
  const bbc: SiteStat = { domain: 'bbc.co.uk', ms: 10, visits: 3 };

  it("takes the site's page with the most time, when its pages were read (_favicon knows pages by exact URL)", () => {
    const pages = [
      { url: 'https://news.bbc.co.uk/world', title: '', ms: 2, visits: 1 },
      { url: '(other pages)', title: '', ms: 50, visits: 9, other: true },
      { url: 'https://www.bbc.co.uk/sport/x', title: '', ms: 8, visits: 2 },
    ];
    expect(iconPage({ ...bbc, pages }, null)).toEqual({ page: 'https://www.bbc.co.uk/sport/x', visited: true });
  });

  it('takes the page in front for the current site, else guesses https://<domain>', () => {
    const current = { domain: 'bbc.co.uk', url: 'https://www.bbc.co.uk/news', title: '', msToday: 1 };
    expect(iconPage(bbc, current)).toEqual({ page: 'https://www.bbc.co.uk/news', visited: true });
    expect(iconPage({ ...bbc, pages: [{ url: 'https://www.bbc.co.uk/sport', title: '', ms: 9, visits: 1 }] }, current), 'the page in front first: it is surely loaded').toEqual({ page: 'https://www.bbc.co.uk/news', visited: true });
    expect(iconPage(bbc, { ...current, domain: 'other.com' })).toEqual({ page: 'https://bbc.co.uk', visited: false });
  });

  it('is on every row of the view', () => {
    const v = buildPopupView(result({ current: { domain: 'example.com', url: 'http://www.example.com/a', title: '', msToday: 1 } }), 'en');
    expect(v.rows.map((r) => r.icon.page)).toEqual(['https://bbc.co.uk', 'http://www.example.com/a']);
    expect(v.current?.icon).toBe('http://www.example.com/a');
  });
});

describe('buildChart', () => {
  const size = { width: 70, height: 50, gap: 2 };
  it('has one bar per day, missing days at 0, scaled to the longest day', () => {
    const c = buildChart(result().daily, { from: '2024-03-04', to: '2024-03-10' }, '2024-03-10', size, 'en');
    expect(c.bars.map((b) => b.day)).toEqual(['2024-03-04', '2024-03-05', '2024-03-06', '2024-03-07', '2024-03-08', '2024-03-09', '2024-03-10']);
    expect(c.bars.map((b) => Math.round(b.height))).toEqual([0, 0, 0, 0, 33, 0, 50]);
    expect(c.bars.every((b) => b.y + b.height === 50)).toBe(true);
    expect(c.bars.at(-1)).toMatchObject({ today: true, x: 61, width: 8, label: 'Sun, Mar 10: 1h 40m' });
    expect(c.maxText).toBe('1h 40m');
    expect([c.firstLabel, c.lastLabel]).toEqual(['Mar 4', 'Mar 10']);
  });

  it('gives a tiny non-zero day at least 1 px, and an all-zero range no bars', () => {
    const c = buildChart([{ day: '2024-03-09', ms: 1 }, { day: '2024-03-10', ms: 10_000_000 }], { from: '2024-03-09', to: '2024-03-10' }, '2024-03-10', size, 'en');
    expect(c.bars[0]?.height).toBe(1);
    const z = buildChart([], { from: '2024-03-09', to: '2024-03-10' }, '2024-03-10', size, 'en');
    expect(z.bars.map((b) => b.height)).toEqual([0, 0]);
    expect(z.maxMs).toBe(0);
  });
});

describe('popup markup', () => {
  const html = readFileSync(new URL('../../src/popup/popup.html', import.meta.url), 'utf8');

  it('announces nothing on the once-a-second tick: no live region among what is rewritten', () => {
    // <output> is a polite status: today's total in one would be read out every second.
    expect(html).not.toMatch(/<output\b/);
    expect(html).not.toMatch(/aria-live|role="(status|log|timer|marquee)"/);
    expect(html).toMatch(/<p id="today-total"/);
  });
});

describe("excludeSite (Don't track this site)", () => {
  it('adds a rule covering the whole site, subdomains included, and keeps the others', () => {
    expect(excludeSite(['bank.example'], 'bbc.co.uk')).toEqual(['bank.example', '*.bbc.co.uk']);
  });

  it('changes nothing when the site is already excluded that way', () => {
    expect(excludeSite(['*.bbc.co.uk'], 'bbc.co.uk')).toBeNull();
  });
});

describe('pauseEnd: when a pause from the popup ends', () => {
  it('"for 1 hour" ends an hour later; "until tomorrow" at the next local midnight', () => {
    const now = new Date(2024, 2, 10, 14, 30).getTime();
    expect(pauseEnd('hour', now)).toBe(now + 3_600_000);
    expect(pauseEnd('tomorrow', now)).toBe(new Date(2024, 2, 11, 0, 0).getTime());
    expect(pauseEnd('tomorrow', new Date(2024, 2, 10, 0, 0).getTime())).toBe(new Date(2024, 2, 11).getTime());
  });
});

describe('the daily limit of the site in front', () => {
  // The worker read 18 min on news.test when the popup asked (once per site).
  const NOON = new Date(2024, 2, 10, 12, 0).getTime();
  const limit30 = { site: 'news.test', minutes: 30, usedMs: 18 * 60_000, siteUsedMs: 18 * 60_000, allowanceMs: 30 * 60_000, blocked: false, resetAt: 0, canSnooze: true };

  it('no limit today: no note', () => {
    expect(limitNote(null, 5 * 60_000, NOON)).toBeNull();
  });

  it('30 min a day, 17 min 55 s counted by the popup now: 12 min 5 s left', () => {
    expect(limitNote(limit30, 17 * 60_000 + 55_000, NOON)).toEqual({ limitMs: 30 * 60_000, usedMs: 17 * 60_000 + 55_000, leftMs: 12 * 60_000 + 5_000, reached: false, category: null, window: null });
  });

  it('"5 more minutes" taken: the worker’s allowance of 35 min counts, not the 30 min rule', () => {
    expect(limitNote({ ...limit30, allowanceMs: 35 * 60_000 }, 31 * 60_000, NOON)).toMatchObject({ limitMs: 30 * 60_000, leftMs: 4 * 60_000, reached: false });
  });

  it('used up, or blocked by the worker while the popup still counts a little less: reached', () => {
    expect(limitNote(limit30, 30 * 60_000 + 1, NOON)).toMatchObject({ limitMs: 30 * 60_000, leftMs: 0, reached: true });
    expect(limitNote({ ...limit30, blocked: true }, 29 * 60_000, NOON)?.reached).toBe(true);
  });

  it('Social may have 30 min: 12 min on chat.test and 8 min on social.test when asked; 2 min later on social.test, Social has used 22 min', () => {
    const social = { ...limit30, site: 'social.test', category: 'Social', usedMs: 20 * 60_000, siteUsedMs: 8 * 60_000 };
    expect(limitNote(social, 10 * 60_000, NOON)).toEqual({ limitMs: 30 * 60_000, usedMs: 22 * 60_000, leftMs: 8 * 60_000, reached: false, category: 'Social', window: null });
  });

  it('a category used up by its other sites: reached, though this site has little time of its own', () => {
    const social = { ...limit30, site: 'social.test', category: 'Social', usedMs: 30 * 60_000, siteUsedMs: 60_000, blocked: true };
    expect(limitNote(social, 60_000, NOON)).toMatchObject({ usedMs: 30 * 60_000, leftMs: 0, reached: true, category: 'Social' });
  });

  it('20 min between 9:00 and 17:00, 10 min of it used and 40 min on the site all day when asked: at noon 2 more minutes count, at 18:00 none', () => {
    const office = { ...limit30, minutes: 20, allowanceMs: 20 * 60_000, usedMs: 10 * 60_000, siteUsedMs: 40 * 60_000, window: { from: 9, to: 17 } };
    expect(limitNote(office, 42 * 60_000, NOON)).toEqual({ limitMs: 20 * 60_000, usedMs: 12 * 60_000, leftMs: 8 * 60_000, reached: false, category: null, window: { from: 9, to: 17 } });
    expect(limitNote(office, 42 * 60_000, new Date(2024, 2, 10, 18, 0).getTime())).toMatchObject({ usedMs: 10 * 60_000, leftMs: 10 * 60_000 });
  });
});
