// Categories on the dashboard: applied when the view is built, so the same stored history regroups
// the moment a rule changes; the stacks add up to the range's numbers, pending time included; and
// the editor's steps (add, rename, recolour, delete, rules, assign from a site's row).
import { describe, expect, it } from 'vitest';
import { Machine } from '../fixtures/machine.ts';
import type { Category } from '../../src/core/categories.ts';
import { liveQuery } from '../../src/db/query.ts';
import { directSource } from '../../src/ui/stats-source.ts';
import { buildStackedBars, categoryTotals, liveDaySites, topCategories, type DaySite } from '../../src/ui/dashboard-categories.ts';
import { addCategory, addRules, assignSite, deleteCategory, recolourCategory, removeRule, renameCategory } from '../../src/ui/category-edit.ts';

const MIN = 60_000;
const work: Category = { id: 'work', name: 'Work', colour: '#4e79a7', rules: ['github.com'] };
const fun: Category = { id: 'fun', name: 'Fun', colour: '#f28e2b', rules: ['*.youtube.com'] };
const range = { from: '2024-03-09', to: '2024-03-10' };

/** GitHub 10 min before midnight, YouTube 20 min after (aggregated), then YouTube 5 min more that
 *  is still the open visit: not in any stored row yet. */
async function twoDays(): Promise<Machine> {
  const m = new Machine({ start: '2024-03-09T23:50:00Z', tz: 0 });
  await m.wakeWorker();
  const win = m.browser.openWindow();
  const tab = m.browser.openTab(win, 'https://github.com/dwell', 'Dwell');
  await m.pass(10 * MIN);
  m.browser.navigate(tab, 'https://www.youtube.com/watch', 'Video');
  await m.pass(20 * MIN);
  m.browser.openTab(win, 'https://news.test/', 'News');
  await m.pass(MIN);
  await m.aggregate();
  m.browser.openTab(win, 'https://www.youtube.com/watch', 'Video');
  await m.pass(5 * MIN);
  return m;
}

function viewOf(m: Machine) {
  const stats = directSource(async () => m.db, liveQuery);
  const stored = async (from: string, to: string): Promise<DaySite[]> =>
    (await m.db.getAll('days', IDBKeyRange.bound([from, ''], [to, '\uffff']))).map((r) => ({ day: r.day, domain: r.domain, ms: r.ms }));
  return { stats, stored };
}

describe('time per category for a range', () => {
  it('sums each site into the category its rules give it; the rest is Uncategorised', async () => {
    const m = await twoDays();
    const q = await m.totals(range);
    const totals = categoryTotals(q.sites, [work, fun]);
    expect(totals.map((t) => [t.id, t.ms / MIN, t.sites])).toEqual([['fun', 25, 1], ['work', 10, 1], [null, 1, 1]]);
    expect(totals.reduce((a, t) => a + t.ms, 0)).toBe(q.totalMs);
  });

  it('a changed rule regroups all history at once: nothing stored is rewritten', async () => {
    const m = await twoDays();
    const before = await m.db.getAll('days');
    const q = await m.totals(range);
    const moved = categoryTotals(q.sites, [{ ...work, rules: ['github.com', 'youtube.com'] }, fun]);
    expect(moved.map((t) => [t.id, t.ms / MIN])).toEqual([['work', 35], [null, 1], ['fun', 0]]);
    expect(await m.db.getAll('days')).toEqual(before);
  });

  it('top categories: only those with time, shares of the total, bars scaled to the largest', async () => {
    const m = await twoDays();
    const q = await m.totals(range);
    const top = topCategories(categoryTotals(q.sites, [work, fun, { id: 'idle', name: 'Idle', colour: '#000000', rules: ['nothing.test'] }]), q.totalMs, 'en-US');
    expect(top.map((t) => [t.id, t.time, t.share, t.fill])).toEqual([['fun', '25m', '69%', 1], ['work', '10m', '28%', 0.4], [null, '1m', '3%', 0.04]]);
  });
});

describe('daily bars stacked by category', () => {
  it('the live site-days add up to the query, the open visit included, day by day', async () => {
    const m = await twoDays();
    const { stats, stored } = viewOf(m);
    const q = await stats.query(range, { now: m.clock.now() });
    const rows = await liveDaySites(stored, stats, range, q.daily, m.clock.now());
    const perDay = (day: string) => rows.filter((r) => r.day === day).reduce((a, r) => a + r.ms, 0);
    expect(q.daily.map((d) => [d.day, perDay(d.day)])).toEqual(q.daily.map((d) => [d.day, d.ms]));
    expect(rows.find((r) => r.day === '2024-03-10' && r.domain === 'youtube.com')?.ms).toBe(25 * MIN);
  });

  it('each bar splits into its categories, bottom to top in list order, Uncategorised last', async () => {
    const m = await twoDays();
    const { stats, stored } = viewOf(m);
    const q = await stats.query(range, { now: m.clock.now() });
    const rows = await liveDaySites(stored, stats, range, q.daily, m.clock.now());
    const chart = buildStackedBars(rows, range.from, range.to, [work, fun], 'Uncategorised', { width: 200, height: 100, gap: 2 }, 'en-US');
    expect(chart.legend.map((l) => l.id)).toEqual(['work', 'fun', null]);
    expect(chart.segments.map((s) => s.map((x) => [x.id, x.ms / MIN]))).toEqual([[['work', 10]], [['fun', 25], [null, 1]]]);
    const [sat, sun] = chart.bars;
    expect(chart.segments[1]!.reduce((a, s) => a + s.height, 0)).toBeCloseTo(sun!.height);
    expect(chart.segments[1]![0]!.y + chart.segments[1]![0]!.height).toBeCloseTo(chart.height);
    expect(chart.segments[0]![0]!.height).toBeCloseTo(sat!.height);
    expect(chart.table).toEqual([
      { label: 'Sat, Mar 9', total: '10m', times: ['10m', '0s', '0s'] },
      { label: 'Sun, Mar 10', total: '26m', times: ['0s', '25m', '1m'] },
    ]);
    expect(chart.segments[1]![1]!.text).toBe('Sun, Mar 10, Uncategorised: 1m');
  });

  it('long ranges stack per month', () => {
    const rows: DaySite[] = [{ day: '2024-01-15', domain: 'github.com', ms: 5 * MIN }, { day: '2024-04-02', domain: 'youtube.com', ms: 7 * MIN }];
    const chart = buildStackedBars(rows, '2024-01-01', '2024-04-30', [work, fun], 'Uncategorised', { width: 200, height: 100, gap: 2 }, 'en-US');
    expect(chart.unit).toBe('month');
    expect(chart.segments.map((s) => s.map((x) => x.id))).toEqual([['work'], [], [], ['fun']]);
  });
});

describe('editing categories', () => {
  it('add, rename, recolour and delete, with the problems named', () => {
    const added = addCategory([], '  Deep  work ', '#ABCDEF', 'c1');
    expect(added).toEqual({ ok: true, value: [{ id: 'c1', name: 'Deep work', colour: '#abcdef', rules: [] }] });
    const list = added.ok ? added.value : [];
    expect(addCategory(list, 'deep WORK', '#000000', 'c2')).toEqual({ ok: false, problem: { key: 'categoryNameTaken', subs: ['deep WORK'] } });
    expect(addCategory(list, '   ', '#000000', 'c2')).toEqual({ ok: false, problem: { key: 'categoryNameEmpty', subs: [] } });
    expect(addCategory(list, 'Fun', 'red', 'c2')).toEqual({ ok: false, problem: { key: 'categoryColourInvalid', subs: ['red'] } });
    expect(renameCategory(list, 'c1', 'Focus')).toMatchObject({ ok: true, value: [{ name: 'Focus' }] });
    expect(renameCategory(list, 'c1', 'Deep work')).toMatchObject({ ok: true }); // its own name again
    expect(recolourCategory(list, 'c1', '#00FF00')).toMatchObject({ ok: true, value: [{ colour: '#00ff00' }] });
    expect(deleteCategory(list, 'c1')).toEqual([]);
  });

  it('rules typed as a list: each normalised, the bad ones and the repeats named', () => {
    const edit = addRules([work, fun], 'work', 'GitLab.com, not-a-domain!, github.com *.bücher.test https://www.youtube.com/x *.youtube.com');
    expect(edit.added).toEqual(['gitlab.com', '*.xn--bcher-kva.test', 'www.youtube.com']);
    expect(edit.invalid).toEqual(['not-a-domain!']);
    expect(edit.duplicates).toEqual(['github.com']);
    expect(edit.taken).toEqual([{ rule: '*.youtube.com', name: 'Fun' }]);
    expect(edit.next[0]?.rules).toEqual(['github.com', 'gitlab.com', '*.xn--bcher-kva.test', 'www.youtube.com']);
    expect(removeRule(edit.next, 'work', 'gitlab.com')[0]?.rules).toEqual(['github.com', '*.xn--bcher-kva.test', 'www.youtube.com']);
  });

  it('assign from a site\'s row: one step moves the site, whatever covered it before', () => {
    const moved = assignSite([work, fun], 'github.com', 'fun');
    expect(moved.now).toBe('fun');
    expect(moved.next.map((c) => c.rules)).toEqual([[], ['*.youtube.com', 'github.com']]);
    // youtube.com is under Fun's wildcard: an exact rule of Work wins over it.
    expect(assignSite([work, fun], 'youtube.com', 'work').now).toBe('work');
  });

  it('"Uncategorised" removes the site\'s own rule, and says where a wildcard still puts it', () => {
    expect(assignSite([work, fun], 'github.com', null)).toEqual({ next: [{ ...work, rules: [] }, fun], now: null });
    expect(assignSite([work, fun], 'youtube.com', null).now).toBe('fun');
  });
});
