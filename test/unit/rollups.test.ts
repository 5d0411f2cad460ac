// The rollups the fast reads rely on: siteTotals (a site's time, visits, first and last day: the
// popup's All, the dashboard's "first seen / last seen") and dayTotals (a day's time: every chart)
// must equal what the site-day rows add up to — after folding, importing, deleting a day and
// deleting a site. Raw-event retention deletes exactly what is older than the cut-off, and a
// backlog folded in many batches counts no sequence gap that is not there.
import { describe, expect, it } from 'vitest';
import { Machine } from '../fixtures/machine.ts';
import type { DayRow, DayTotalRow, SiteTotalRow } from '../../src/core/aggregates.ts';

const SECOND = 1000;
const DAY = 24 * 3600 * SECOND;
const [FRI, SAT, SUN] = ['2024-03-08', '2024-03-09', '2024-03-10'];

/** Slot-by-slot sum, written here rather than imported: the rollups are checked, not reused. */
const plus = (a: number[] | undefined, b: number[]): number[] => b.map((x, i) => x + (a?.[i] ?? 0));

/** What the rollups must be, computed from the site-day rows alone (hours: the sum of the rows'
 *  slots, absent when no row has any). */
function rollupsOf(rows: readonly DayRow[]): { sites: SiteTotalRow[]; days: DayTotalRow[] } {
  const sites = new Map<string, SiteTotalRow>();
  const days = new Map<string, DayTotalRow>();
  for (const r of rows) {
    const s = sites.get(r.domain) ?? { domain: r.domain, ms: 0, visits: 0, firstDay: r.day, lastDay: r.day };
    s.ms += r.ms;
    s.visits += r.visits;
    if (r.hours) s.hours = plus(s.hours, r.hours);
    if (r.day < s.firstDay) s.firstDay = r.day;
    if (r.day > s.lastDay) s.lastDay = r.day;
    sites.set(r.domain, s);
    const d = days.get(r.day) ?? { day: r.day, ms: 0 };
    d.ms += r.ms;
    if (r.hours) d.hours = plus(d.hours, r.hours);
    days.set(r.day, d);
  }
  return {
    sites: [...sites.values()].sort((a, b) => (a.domain < b.domain ? -1 : 1)),
    days: [...days.values()].sort((a, b) => (a.day < b.day ? -1 : 1)),
  };
}

async function expectRollupsMatchRows(m: Machine): Promise<void> {
  const rows = await m.db.getAll('days');
  const want = rollupsOf(rows);
  const sites = (await m.db.getAll('siteTotals')).sort((a, b) => (a.domain < b.domain ? -1 : 1));
  const days = await m.db.getAll('dayTotals');
  expect(sites).toEqual(want.sites);
  expect(days).toEqual(want.days);
}

const site = (domain: string, s: number, visits = 1) => ({ domain, ms: s * SECOND, visits, pages: [] });

/** Imported: d.test alone on Thursday, a.test Friday–Sunday, b.test Saturday; then c.test read
 *  live on Sunday and folded. */
async function threeDays(): Promise<Machine> {
  const m = new Machine({ start: `${SUN}T10:00:00Z` });
  await m.wakeWorker();
  await m.ok({
    type: 'import',
    mode: 'merge',
    data: { format: 'dwell-export', version: 1, exportedAt: `${SUN}T09:00:00.000Z`, days: [
      { date: '2024-03-07', sites: [site('d.test', 25)] },
      { date: FRI, sites: [site('a.test', 30, 2)] },
      { date: SAT, sites: [site('a.test', 20, 1), site('b.test', 40, 3)] },
      { date: SUN, sites: [site('a.test', 10, 1)] },
    ] },
  });
  const tab = m.browser.openTab(m.browser.openWindow(), 'https://c.test/', 'C');
  await m.pass(15 * SECOND);
  m.browser.closeTab(tab);
  await m.aggregate();
  return m;
}

describe('rollups equal the site-day rows', () => {
  it('after an import and a live visit: a.test Friday–Sunday, b.test and c.test one day each', async () => {
    const m = await threeDays();
    await expectRollupsMatchRows(m);
    expect(await m.db.get('siteTotals', 'a.test')).toEqual({ domain: 'a.test', ms: 60 * SECOND, visits: 4, firstDay: FRI, lastDay: SUN });
    expect(await m.db.get('siteTotals', 'c.test')).toMatchObject({ ms: 15 * SECOND, visits: 1, firstDay: SUN, lastDay: SUN });
  });

  it('after deleting Friday, and then b.test: first days move, totals shrink, b.test is gone', async () => {
    const m = await threeDays();
    await m.ok({ type: 'deleteHistory', scope: { day: FRI } });
    await expectRollupsMatchRows(m);
    expect(await m.db.get('siteTotals', 'a.test')).toMatchObject({ ms: 30 * SECOND, visits: 2, firstDay: SAT, lastDay: SUN });
    await m.ok({ type: 'deleteHistory', scope: { site: 'b.test' } });
    await expectRollupsMatchRows(m);
    expect(await m.db.get('siteTotals', 'b.test')).toBeUndefined();
    expect(await m.db.get('dayTotals', SAT)).toMatchObject({ ms: 20 * SECOND });
  });

  it('after deleting d.test, the only site of Thursday: Thursday has no day total left (not one of 0)', async () => {
    const m = await threeDays();
    await m.ok({ type: 'deleteHistory', scope: { site: 'd.test' } });
    await expectRollupsMatchRows(m);
    expect(await m.db.get('dayTotals', '2024-03-07')).toBeUndefined();
  });

  it('a merge import that adds days before and after: first and last day widen', async () => {
    const m = await threeDays();
    await m.ok({ type: 'import', mode: 'merge', data: { format: 'dwell-export', version: 1, exportedAt: `${SUN}T11:00:00.000Z`, days: [
      { date: '2024-03-01', sites: [site('c.test', 5)] },
    ] } });
    await expectRollupsMatchRows(m);
    expect(await m.db.get('siteTotals', 'c.test')).toMatchObject({ firstDay: '2024-03-01', lastDay: SUN, ms: 20 * SECOND });
  });
});

describe('first and last day when a fold adds to a stored site', () => {
  it('a.test imported Friday to Sunday, then read 15 s live on Sunday and folded: still Friday to Sunday, 75 s', async () => {
    const m = await threeDays();
    const tab = m.browser.openTab(m.browser.openWindow(), 'https://a.test/', 'A');
    await m.pass(15 * SECOND);
    m.browser.closeTab(tab);
    await m.aggregate();
    const a = await m.db.get('siteTotals', 'a.test');
    expect(a).toMatchObject({ domain: 'a.test', ms: 75 * SECOND, visits: 5, firstDay: FRI, lastDay: SUN });
    // The file (version 1) had no hours: its 60 s stay without an hour, the 15 s read here have one.
    expect(a?.hours?.reduce((x, y) => x + y, 0)).toBe(15 * SECOND);
    await expectRollupsMatchRows(m);
  });

  it('a file from a machine whose clock ran a day ahead has b.test on Monday; b.test read live on Sunday and folded: its last day stays Monday', async () => {
    const m = await threeDays();
    const MON = '2024-03-11';
    await m.ok({ type: 'import', mode: 'merge', data: { format: 'dwell-export', version: 1, exportedAt: `${MON}T09:00:00.000Z`, days: [{ date: MON, sites: [site('b.test', 5)] }] } });
    const tab = m.browser.openTab(m.browser.openWindow(), 'https://b.test/', 'B');
    await m.pass(15 * SECOND);
    m.browser.closeTab(tab);
    await m.aggregate();
    expect(await m.db.get('siteTotals', 'b.test')).toMatchObject({ domain: 'b.test', ms: 60 * SECOND, visits: 5, firstDay: SAT, lastDay: MON });
    await expectRollupsMatchRows(m);
  });
});

describe("a day's rows, whatever the site's name", () => {
  it('1password.com (a name that sorts before any letter) and a.test on Friday: Friday alone lists both, and deleting Friday deletes both', async () => {
    const m = await threeDays();
    await m.ok({ type: 'import', mode: 'merge', data: { format: 'dwell-export', version: 1, exportedAt: `${SUN}T11:00:00.000Z`, days: [{ date: FRI, sites: [site('1password.com', 5)] }] } });
    const r = await m.ok({ type: 'query', range: { from: FRI, to: FRI }, now: m.clock.now() });
    expect(r.sites.map((s) => [s.domain, s.ms / SECOND])).toEqual([['a.test', 30], ['1password.com', 5]]);
    await m.ok({ type: 'deleteHistory', scope: { day: FRI } });
    expect((await m.db.getAll('days')).filter((row) => row.day === FRI)).toEqual([]);
    expect(await m.db.get('siteTotals', '1password.com')).toBeUndefined();
    await expectRollupsMatchRows(m);
  });
});

describe('raw events after folding', () => {
  it('retention 1 day: the events of two days ago go at the next run, today\'s stay', async () => {
    const m = new Machine({ start: `${FRI}T10:00:00Z`, flags: { rawEventRetentionDays: 1 } });
    await m.wakeWorker();
    const old = m.browser.openTab(m.browser.openWindow(), 'https://a.test/', 'A');
    await m.pass(10 * SECOND);
    m.browser.closeTab(old);
    await m.aggregate();
    const before = (await m.db.getAll('events')).length;
    expect(before).toBeGreaterThan(0);
    m.advance(2 * DAY);
    const fresh = m.browser.openTab(m.browser.openWindow(), 'https://b.test/', 'B');
    await m.pass(10 * SECOND);
    m.browser.closeTab(fresh);
    await m.aggregate();
    const left = await m.db.getAll('events');
    const cutoff = m.clock.now() - DAY;
    expect(left.length).toBeGreaterThan(0);
    expect(left.every((e) => e.t >= cutoff), 'nothing older than a day is kept').toBe(true);
    expect(left.length).toBeLessThan(before + 20);
  });

  it('a backlog folded in batches of 10 counts no sequence gap: none is missing', async () => {
    const m = new Machine({ flags: { batchSize: 10 } });
    await m.wakeWorker();
    const w = m.browser.openWindow();
    const tab = m.browser.openTab(w, 'https://a.test/1', 'A');
    for (let i = 2; i <= 30; i++) {
      m.browser.navigate(tab, `https://a.test/${i}`, `A ${i}`);
      await m.pass(SECOND);
    }
    await m.aggregate();
    const diag = await m.ok({ type: 'diagnostics' });
    expect(diag.counters.gaps).toBe(0);
    expect(diag.counters.events).toBeGreaterThan(30);
  });
});
