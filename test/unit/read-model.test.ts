// The read model (db/query.ts liveQuery) for bounded ranges: stored site-day rows of the range,
// the pending events and the open visit on top, sites sorted by time then name, daily totals in
// day order without empty days, pages merged over the days of the range (the latest title), the
// "other pages" row kept as such, and today's time of the site in front. The mutation run found
// that no unit test read a bounded range after aggregation: the popup's Today and 7 days and
// every dashboard range rest on this.
import { describe, expect, it } from 'vitest';
import { Machine } from '../fixtures/machine.ts';
import type { QueryResult, Range } from '../../src/core/api.ts';
import { OTHER_URL } from '../../src/core/aggregates.ts';

const SECOND = 1000;
const [FRI, SAT, SUN] = ['2024-03-08', '2024-03-09', '2024-03-10']; // Sunday is the fake clock's today

const page = (url: string, title: string, s: number, extra: Record<string, unknown> = {}) => ({ url, title, ms: s * SECOND, visits: 1, ...extra });
const site = (domain: string, s: number, pages: unknown[] = []) => ({ domain, ms: s * SECOND, visits: 1, pages });

/** Friday a.test 65 s (other pages 5 s, /y 20 s, /x "X old" 40 s: stored smallest first),
 *  b.test 30 s; Saturday a.test 10 s (/x "X new") and c.test 10 s; Sunday b.test 5 s. */
const threeDays = {
  format: 'dwell-export',
  version: 1,
  exportedAt: `${SUN}T09:00:00.000Z`,
  days: [
    { date: FRI, sites: [site('a.test', 65, [page(OTHER_URL, '', 5, { other: true }), page('https://a.test/y', 'Y', 20), page('https://a.test/x', 'X old', 40)]), site('b.test', 30)] },
    { date: SAT, sites: [site('a.test', 10, [page('https://a.test/x', 'X new', 10)]), site('c.test', 10)] },
    { date: SUN, sites: [site('b.test', 5)] },
  ],
};

/** The history stored, and b.test in front right now for 20 s more (pending, not aggregated). */
async function historyAndBNow(): Promise<Machine> {
  const m = new Machine({ start: `${SUN}T10:00:00Z` });
  await m.wakeWorker();
  await m.ok({ type: 'import', data: threeDays, mode: 'replace' });
  m.browser.openTab(m.browser.openWindow(), 'https://b.test/now', 'B now');
  await m.pass(20 * SECOND);
  return m;
}

async function query(m: Machine, range: Range, pages?: boolean | string): Promise<QueryResult> {
  await m.engine.flush();
  const r = await m.engine.handle({ type: 'query', range, now: m.clock.now(), ...(pages !== undefined ? { pages } : {}) });
  if (!r.ok) throw new Error(r.error);
  return r.result;
}

const sitesOf = (q: QueryResult) => q.sites.map((s) => [s.domain, s.ms / SECOND]);

describe('the read model over a bounded range', () => {
  it('Saturday alone: its two sites (a tie, so by name), its one day, nothing of the other days', async () => {
    const m = await historyAndBNow();
    const q = await query(m, { from: SAT, to: SAT });
    expect(sitesOf(q)).toEqual([['a.test', 10], ['c.test', 10]]);
    expect(q.daily).toEqual([{ day: SAT, ms: 20 * SECOND }]);
    expect(q.totalMs).toBe(20 * SECOND);
  });

  it('Friday to Sunday: stored rows plus the 20 s of b.test still pending, sorted by time; days in order', async () => {
    const m = await historyAndBNow();
    const q = await query(m, { from: FRI, to: SUN });
    expect(sitesOf(q)).toEqual([['a.test', 75], ['b.test', 55], ['c.test', 10]]);
    expect(q.daily.map((d) => [d.day, d.ms])).toEqual([[FRI, 95 * SECOND], [SAT, 20 * SECOND], [SUN, 25 * SECOND]]);
    // The stored rows came from a file without hours; the pending 20 s of b.test sit in 10:00–11:00.
    expect(q.daily.map((d) => d.hours?.[10] ?? null)).toEqual([null, null, 20 * SECOND]);
    expect(q.sites.find((x) => x.domain === 'b.test')?.hours?.reduce((a, x) => a + x, 0)).toBe(20 * SECOND);
    expect(q.totalMs).toBe(140 * SECOND);
    expect(q.pending).toBeGreaterThan(0);
  });

  it('a range with no time at all: no site, no day', async () => {
    const m = await historyAndBNow();
    expect(await query(m, { from: '2024-03-01', to: '2024-03-07' })).toMatchObject({ sites: [], daily: [], totalMs: 0 });
  });

  it("b.test in front: its today is its stored Sunday 5 s + 20 s open, whichever range is asked (one holding today and other days, one before today, all)", async () => {
    const m = new Machine({ start: `${SUN}T10:00:00Z` });
    await m.wakeWorker();
    await m.ok({ type: 'import', mode: 'replace', data: { ...threeDays, days: [
      { date: FRI, sites: [site('b.test', 30)] },
      { date: SUN, sites: [site('a.test', 10), site('b.test', 5)] },
    ] } });
    m.browser.openTab(m.browser.openWindow(), 'https://b.test/now', 'B now');
    await m.pass(20 * SECOND);
    for (const range of [{ from: FRI, to: SUN }, { from: SUN, to: SUN }, { from: FRI, to: SAT }, 'all'] as const) {
      expect((await query(m, range)).current, JSON.stringify(range)).toMatchObject({ domain: 'b.test', msToday: 25 * SECOND });
    }
  });

  it("today's time of the site in front: stored today + the open visit", async () => {
    const m = await historyAndBNow();
    const q = await query(m, { from: SUN, to: SUN });
    expect(q.current).toMatchObject({ domain: 'b.test', url: 'https://b.test/now', msToday: 25 * SECOND });
    expect(sitesOf(q)).toEqual([['b.test', 25]]);
  });

  it('pages over Friday and Saturday: /x merged with its latest title, by time, the other-pages row kept', async () => {
    const m = await historyAndBNow();
    const q = await query(m, { from: FRI, to: SAT }, true);
    const a = q.sites.find((s) => s.domain === 'a.test');
    expect(a?.pages).toEqual([
      { url: 'https://a.test/x', title: 'X new', ms: 50 * SECOND, visits: 2 },
      { url: 'https://a.test/y', title: 'Y', ms: 20 * SECOND, visits: 1 },
      { url: OTHER_URL, title: '', ms: 5 * SECOND, visits: 1, other: true },
    ]);
  });

  it("pages of one site only: that site's pages, including the open visit's page today; the others have none", async () => {
    const m = await historyAndBNow();
    const q = await query(m, { from: FRI, to: SUN }, 'b.test');
    expect(q.sites.find((s) => s.domain === 'b.test')?.pages?.map((p) => [p.url, p.ms / SECOND])).toEqual([['https://b.test/now', 20]]);
    expect(q.sites.find((s) => s.domain === 'a.test')?.pages).toBeUndefined();
    const all = await query(m, 'all', 'a.test');
    expect(all.sites.find((s) => s.domain === 'a.test')?.pages?.map((p) => p.url)).toEqual(['https://a.test/x', 'https://a.test/y', OTHER_URL]);
    expect(all.sites.find((s) => s.domain === 'b.test')?.pages).toBeUndefined();
  });

  it('a visit open since Saturday 23:59:30, Friday and Sunday stored: the days come in order, Saturday live between them', async () => {
    const m = new Machine({ start: `${SAT}T23:59:30Z` });
    await m.wakeWorker();
    m.browser.openTab(m.browser.openWindow(), 'https://d.test/', 'D');
    await m.pass(60 * SECOND);
    await m.ok({ type: 'import', data: { ...threeDays, days: [threeDays.days[0], threeDays.days[2]] }, mode: 'merge' });
    const q = await query(m, { from: FRI, to: SUN });
    expect(q.daily.map((d) => [d.day, d.ms / SECOND])).toEqual([[FRI, 95], [SAT, 30], [SUN, 35]]);
  });
});

describe('page titles across batches', () => {
  it.each([
    ['its title is unknown ("") the second time: it stays "Spec"', 'Spec', '', 'Spec'],
    ['renamed "Final" the second time: it is stored as "Final"', 'Draft', 'Final', 'Final'],
  ])('a page stored in one batch and read again in a later one, %s', async (_story, first, second, stored) => {
    const m = new Machine();
    await m.wakeWorker();
    const w = m.browser.openWindow();
    const doc = m.browser.openTab(w, 'https://docs.test/spec', first);
    await m.pass(10 * SECOND);
    const other = m.browser.openTab(w, 'https://news.test/', 'News');
    await m.pass(5 * SECOND);
    await m.aggregate();
    m.browser.setTitle(doc, second);
    m.browser.activate(doc);
    await m.pass(10 * SECOND);
    m.browser.activate(other);
    await m.pass(5 * SECOND);
    const q = await m.storedTotals();
    const spec = q.sites.find((s) => s.domain === 'docs.test')?.pages?.find((p) => p.url === 'https://docs.test/spec');
    expect(spec).toMatchObject({ title: stored, ms: 20 * SECOND });
  });
});

describe('what the read model leaves out and keeps', () => {
  const file = (days: unknown[]) => ({ format: 'dwell-export', version: 1, exportedAt: `${SUN}T09:00:00.000Z`, days });

  it('a file with empty.test (0 s, 0 visits) and glance.test (0 s, 1 visit) on Friday: the glance is listed, the empty site and the empty Friday are not', async () => {
    const m = new Machine({ start: `${SUN}T10:00:00Z` });
    await m.wakeWorker();
    await m.ok({ type: 'import', mode: 'replace', data: file([
      { date: FRI, sites: [{ domain: 'empty.test', ms: 0, visits: 0, pages: [] }, { domain: 'glance.test', ms: 0, visits: 1, pages: [] }] },
      { date: SAT, sites: [site('a.test', 5)] },
    ]) });
    for (const range of ['all', { from: FRI, to: SAT }] as const) {
      const q = await query(m, range);
      expect(q.sites.map((s) => [s.domain, s.ms, s.visits])).toEqual([['a.test', 5 * SECOND, 1], ['glance.test', 0, 1]]);
      expect(q.daily).toEqual([{ day: SAT, ms: 5 * SECOND }]);
    }
  });

  it("pages of a.test only, Friday to Saturday: a.test's stored pages of both days", async () => {
    const m = await historyAndBNow();
    const q = await query(m, { from: FRI, to: SAT }, 'a.test');
    expect(q.sites.find((s) => s.domain === 'a.test')?.pages?.map((p) => [p.url, p.ms / SECOND])).toEqual([['https://a.test/x', 50], ['https://a.test/y', 20], [OTHER_URL, 5]]);
    expect(q.sites.find((s) => s.domain === 'b.test')?.pages).toBeUndefined();
  });

  it('/x titled "X" on Friday and stored untitled on Saturday: Friday to Saturday keeps "X"', async () => {
    const m = new Machine({ start: `${SUN}T10:00:00Z` });
    await m.wakeWorker();
    await m.ok({ type: 'import', mode: 'replace', data: file([
      { date: FRI, sites: [site('a.test', 10, [page('https://a.test/x', 'X', 10)])] },
      { date: SAT, sites: [site('a.test', 5, [page('https://a.test/x', '', 5)])] },
    ]) });
    const q = await query(m, { from: FRI, to: SAT }, true);
    expect(q.sites[0]?.pages).toEqual([{ url: 'https://a.test/x', title: 'X', ms: 15 * SECOND, visits: 2 }]);
  });

  it("b.test 40 s from Saturday 23:59:00, a.test 40 s across midnight, back on b.test 30 s, nothing folded: b.test's today is its 30 s of Sunday", async () => {
    const m = new Machine({ start: `${SAT}T23:59:00Z` });
    await m.wakeWorker();
    const w = m.browser.openWindow();
    const b = m.browser.openTab(w, 'https://b.test/', 'B');
    await m.pass(40 * SECOND, 10 * SECOND);
    m.browser.openTab(w, 'https://a.test/', 'A');
    await m.pass(40 * SECOND, 10 * SECOND);
    m.browser.activate(b);
    await m.pass(30 * SECOND, 10 * SECOND);
    const q = await query(m, { from: SUN, to: SUN });
    expect(q.pending).toBeGreaterThan(0);
    expect(q.current).toMatchObject({ domain: 'b.test', msToday: 30 * SECOND });
    expect(sitesOf(q)).toEqual([['b.test', 30], ['a.test', 20]]);
  });
});
