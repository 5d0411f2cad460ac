// Where the charts of hours get their days: everything from the day rollups' slots (one query, no
// site-day row read), a site from its stored rows, a category from its sites' rows; the day with
// time not aggregated yet (the open visit) asked live, so "this hour" counts to now; and the note
// on the time that has no hour, from Σ (ms − Σ hours).
import { describe, expect, it } from 'vitest';
import type { QueryResult, Range } from '../../src/core/api.ts';
import type { Category } from '../../src/core/categories.ts';
import { liveQuery } from '../../src/db/query.ts';
import { dayHoursOf, hoursSinceIn, storedHoursIn, type HourScope } from '../../src/ui/dashboard-day-hours.ts';
import { buildHeatmap } from '../../src/ui/dashboard-heatmap.ts';
import { unhouredNote, unhouredTotal } from '../../src/ui/dashboard-unhoured.ts';
import { directSource, type QueryOptions, type StatsSource } from '../../src/ui/stats-source.ts';
import { Machine } from '../fixtures/machine.ts';

const MIN = 60_000;
const slots = (entries: Record<number, number>): number[] => Array.from({ length: 24 }, (_, i) => entries[i] ?? 0);
const video: Category = { id: 'video', name: 'Video', colour: '#f28e2b', rules: ['*.youtube.com'] };
const week = { from: '2024-03-10', to: '2024-03-16' };

/** Sunday 10 March 2024: 30 min of github.com imported from a version-1 file (no hours).
 *  Monday 11 March (UTC): github.com 09:50–10:10, YouTube 10:10–10:25 (aggregated), then
 *  github.com again 10:25–10:30, still the open visit: in no stored row. Now is 10:30. */
async function sundayAndMonday(): Promise<Machine> {
  const m = new Machine({ start: '2024-03-11T09:50:00Z', tz: 0 });
  await m.wakeWorker();
  await m.ok({ type: 'import', mode: 'merge', data: { format: 'dwell-export', version: 1, exportedAt: '2024-03-10T20:00:00.000Z', days: [{ date: '2024-03-10', sites: [{ domain: 'github.com', ms: 30 * MIN, visits: 1, pages: [] }] }] } });
  const tab = m.browser.openTab(m.browser.openWindow(), 'https://github.com/dwell', 'Dwell');
  await m.pass(20 * MIN);
  m.browser.navigate(tab, 'https://www.youtube.com/watch', 'Video');
  await m.pass(15 * MIN);
  await m.aggregate();
  m.browser.navigate(tab, 'https://github.com/dwell', 'Dwell');
  await m.pass(5 * MIN);
  return m;
}

/** The page's source over the machine's database, remembering what it was asked. */
function askedSource(m: Machine): StatsSource & { asked: Array<[Range, QueryOptions | undefined]> } {
  const inner = directSource(async () => m.db, liveQuery);
  const asked: Array<[Range, QueryOptions | undefined]> = [];
  return {
    asked,
    query(range: Range, opts?: QueryOptions): Promise<QueryResult> {
      asked.push([range, opts]);
      return inner.query(range, opts);
    },
  };
}

async function hoursOf(m: Machine, scope: HourScope, range: Range = week) {
  const stats = askedSource(m);
  const days = await dayHoursOf(stats, storedHoursIn(async () => m.db), scope, range, [video], m.clock.now());
  return { days, asked: stats.asked };
}

describe('the days behind the heatmap', () => {
  it('everything: Monday 09:00 has 10 min, 10:00 has 30 min (the open visit\'s 5 included); Sunday has time but no hour', async () => {
    const m = await sundayAndMonday();
    const { days, asked } = await hoursOf(m, { kind: 'all' });
    expect(days).toEqual([
      { day: '2024-03-10', ms: 30 * MIN },
      { day: '2024-03-11', ms: 40 * MIN, hours: slots({ 9: 10 * MIN, 10: 30 * MIN }) },
    ]);
    expect(asked, 'one query, of the day rollups: no site total, no site-day row').toEqual([['all', { limit: 0, now: m.clock.now() }]]);
    const map = buildHeatmap(days, 1, 'en-US');
    expect(map.rows[0]!.cells[10]).toMatchObject({ weekday: 1, hour: 10, ms: 30 * MIN, level: 4 });
    expect(map.rows[6]!.cells.every((c) => c.ms === 0), 'Sunday\'s imported time is in no cell').toBe(true);
  });

  it('one site: its stored rows, and only the day with time in no stored row asked live', async () => {
    const m = await sundayAndMonday();
    const { days, asked } = await hoursOf(m, { kind: 'site', domain: 'github.com' });
    expect(days).toEqual([
      { day: '2024-03-10', ms: 30 * MIN },
      { day: '2024-03-11', ms: 25 * MIN, hours: slots({ 9: 10 * MIN, 10: 15 * MIN }) },
    ]);
    expect(asked.map(([r]) => r)).toEqual(['all', { from: '2024-03-11', to: '2024-03-11' }]);
  });

  it('a category: the time of its sites, by its rules as they are now', async () => {
    const m = await sundayAndMonday();
    expect((await hoursOf(m, { kind: 'category', id: 'video' })).days).toEqual([{ day: '2024-03-11', ms: 15 * MIN, hours: slots({ 10: 15 * MIN }) }]);
  });

  it('a category over a week reads the rows of that week only; over all history, its sites\' rows, a day of 1 March included', async () => {
    const m = await sundayAndMonday();
    await m.ok({ type: 'import', mode: 'merge', data: { format: 'dwell-export', version: 1, exportedAt: '2024-03-10T20:00:00.000Z', days: [{ date: '2024-03-01', sites: [{ domain: 'youtube.com', ms: 10 * MIN, visits: 1, pages: [] }] }] } });
    const real = storedHoursIn(async () => m.db);
    const reads: string[] = [];
    const recorded = {
      siteRows: (d: string) => (reads.push(`site ${d}`), real.siteRows(d)),
      daysRows: (from: string, to: string) => (reads.push(`days ${from}..${to}`), real.daysRows(from, to)),
      domains: () => (reads.push('domains'), real.domains()),
      dayTotals: () => real.dayTotals(),
    };
    const monday = { day: '2024-03-11', ms: 15 * MIN, hours: slots({ 10: 15 * MIN }) };
    expect(await dayHoursOf(askedSource(m), recorded, { kind: 'category', id: 'video' }, week, [video], m.clock.now())).toEqual([monday]);
    expect(reads).toEqual(['days 2024-03-10..2024-03-16']);
    reads.length = 0;
    expect(await dayHoursOf(askedSource(m), recorded, { kind: 'category', id: 'video' }, 'all', [video], m.clock.now())).toEqual([{ day: '2024-03-01', ms: 10 * MIN }, monday]);
    expect(reads).toEqual(['domains', 'site youtube.com']);
  });

  it('a range is a range: the Sunday alone', async () => {
    const m = await sundayAndMonday();
    expect((await hoursOf(m, { kind: 'site', domain: 'github.com' }, { from: '2024-03-10', to: '2024-03-10' })).days).toEqual([{ day: '2024-03-10', ms: 30 * MIN }]);
  });

  it('when the page cannot read the database, every day is asked live, and the answer is the same', async () => {
    const m = await sundayAndMonday();
    const blocked = storedHoursIn(() => Promise.reject(new Error('blocked')));
    const days = await dayHoursOf(askedSource(m), blocked, { kind: 'site', domain: 'github.com' }, week, [], m.clock.now());
    expect(days).toEqual((await hoursOf(m, { kind: 'site', domain: 'github.com' })).days);
    expect(await hoursSinceIn(() => Promise.reject(new Error('blocked')))).toBeNull();
  });
});

describe('time without an hour', () => {
  it('the week has 30 min without an hour: the imported Sunday', async () => {
    const m = await sundayAndMonday();
    const { days } = await hoursOf(m, { kind: 'all' });
    expect(unhouredTotal(days)).toBe(30 * MIN);
    expect(unhouredNote(days, Date.parse('2024-03-11T12:00:00Z'), 'en-US')).toEqual({ ms: 30 * MIN, time: '30m', since: 'Mar 11, 2024' });
    expect(unhouredNote(days, null, 'en-US')?.since).toBeNull();
  });

  it('a day partly before the upgrade: 1h 30m of 2h has slots, so 30m has none; a day all in slots, no note', () => {
    const part = { ms: 120 * MIN, hours: slots({ 8: 60 * MIN, 9: 30 * MIN }) };
    expect(unhouredTotal([part])).toBe(30 * MIN);
    expect(unhouredNote([{ ms: 60 * MIN, hours: slots({ 8: 60 * MIN }) }], 0, 'en-US')).toBeNull();
  });

  it('the database says when hours began (meta "hours", written by its upgrade)', async () => {
    const m = await sundayAndMonday();
    const record = await m.db.get('meta', 'hours');
    const since = record?.key === 'hours' ? record.since : null;
    expect(since).toBeGreaterThan(0);
    expect(await hoursSinceIn(async () => m.db)).toBe(since);
  });
});
