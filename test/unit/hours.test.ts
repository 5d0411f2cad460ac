// Hourly slots (core/hours.ts, docs/COUNTING.md §17): time lands in the local hour it was spent
// in, with the offset its events carry; Σ slots + time without an hour = ms on every row; export
// and import carry the slots; a file without them imports its time without an hour.
import { describe, expect, it } from 'vitest';
import { addSplitByHour, hourOf, hoursProblem, unhouredOf } from '../../src/core/hours.ts';
import { validateExport } from '../../src/core/export-format.ts';
import { Machine } from '../fixtures/machine.ts';
import { mergeContributions } from '../../src/core/merge.ts';

const MINUTE = 60_000;
const H = 60 * MINUTE;
const slots = (entries: Record<number, number>): number[] => Array.from({ length: 24 }, (_, i) => entries[i] ?? 0);

describe('splitting time at local hours', () => {
  it('Kathmandu (+5:45): 10:00–10:30 UTC is 15:45–16:15 local, 15 min in hour 15 and 15 in hour 16', () => {
    const into: Record<string, number[]> = {};
    addSplitByHour(Date.parse('2024-03-10T10:00:00Z'), Date.parse('2024-03-10T10:30:00Z'), 345, into);
    expect(into).toEqual({ '2024-03-10': slots({ 15: 15 * MINUTE, 16: 15 * MINUTE }) });
  });

  it('across midnight at −5: 04:30–05:30 UTC is 23:30 on the 9th to 00:30 on the 10th', () => {
    const into: Record<string, number[]> = {};
    addSplitByHour(Date.parse('2024-03-10T04:30:00Z'), Date.parse('2024-03-10T05:30:00Z'), -300, into);
    expect(into).toEqual({ '2024-03-09': slots({ 23: 30 * MINUTE }), '2024-03-10': slots({ 0: 30 * MINUTE }) });
  });

  it('the autumn 25-hour day (Paris, 27 Oct 2024): both 02:00–03:00 hours add to slot 2', () => {
    // 00:00–01:00 UTC at +2 is 02:00–03:00; then the clocks go back and 01:00–02:00 UTC at +1 is 02:00–03:00 again.
    const change = Date.parse('2024-10-27T01:00:00Z');
    const into: Record<string, number[]> = {};
    addSplitByHour(change - H, change, 120, into);
    addSplitByHour(change, change + H, 60, into);
    expect(into['2024-10-27']).toEqual(slots({ 2: 2 * H }));
  });

  it('hourOf never answers outside 0–23, before 1970 or after a negative offset', () => {
    expect(hourOf(0, -720)).toBe(12);
    expect(hourOf(Date.parse('2024-03-10T23:59:59.999Z'), 0)).toBe(23);
    expect(hourOf(Date.parse('2024-03-10T00:00:00Z'), 840)).toBe(14);
  });

  it('a row without slots has all its time without an hour', () => {
    expect(unhouredOf({ ms: 5000 })).toBe(5000);
    expect(unhouredOf({ ms: 5000, hours: slots({ 3: 2000 }) })).toBe(3000);
  });
});

describe('merging time with and without hours', () => {
  const at = (ms: number, hours?: number[]) => ({ day: '2024-03-10', domain: 'a.test', url: null, title: '', ms, pageVisits: 0, siteVisits: 0, ...(hours ? { hours } : {}) });
  const nine = (ms: number) => Array.from({ length: 24 }, (_, h) => (h === 9 ? ms : 0));

  it('a minute settled before Dwell kept hours gains no slots: the row has none, not 24 zeros', () => {
    expect([...mergeContributions([at(60_000)]).days.values()][0]).toEqual({ day: '2024-03-10', domain: 'a.test', ms: 60_000, visits: 0 });
  });

  it('beside a minute at 09:xx, it stays time without an hour: slots 1 min, ms 2 min', () => {
    const row = [...mergeContributions([at(60_000), at(60_000, nine(60_000))]).days.values()][0]!;
    expect([row.ms, row.hours, unhouredOf(row)]).toEqual([120_000, nine(60_000), 60_000]);
  });
});

describe('slots in a file', () => {
  it('are refused, with the reason, when they are not 24 whole non-negative ms adding up to at most the row', () => {
    expect(hoursProblem(slots({}), 0)).toBeNull();
    expect(hoursProblem(new Array(23).fill(0), 0)).toBe('expected 24 hourly amounts');
    expect(hoursProblem('24', 0)).toBe('expected 24 hourly amounts');
    expect(hoursProblem(slots({ 1: -1 }), 10)).toBe('expected whole, non-negative ms in every hour');
    expect(hoursProblem(slots({ 1: 0.5 }), 10)).toBe('expected whole, non-negative ms in every hour');
    expect(hoursProblem(slots({ 1: 6, 2: 5 }), 10)).toBe("hours add up to 11 ms, more than the row's 10 ms");
  });

  const file = (version: number, hours: unknown) => ({
    format: 'dwell-export',
    version,
    exportedAt: '2024-03-10T12:00:00.000Z',
    days: [{ date: '2024-03-10', sites: [{ domain: 'a.test', ms: 10_000, visits: 1, pages: [], hours }] }],
  });

  it('a version-2 file with bad slots is refused, naming the row', () => {
    expect(validateExport(file(2, slots({ 4: 20_000 })))).toEqual({ ok: false, error: "days[0].sites[0].hours: hours add up to 20000 ms, more than the row's 10000 ms" });
  });

  it('a version-1 file knows no slots: an "hours" field in it is ignored, as any unknown field', () => {
    const v = validateExport(file(1, slots({ 4: 20_000 })));
    expect(v.ok && v.file.days[0]?.sites[0]).toEqual({ domain: 'a.test', ms: 10_000, visits: 1, pages: [] });
  });

  it('the slots read are a copy, never the array of the parsed file', () => {
    const raw = slots({ 4: 10_000 });
    const v = validateExport(file(2, raw));
    const got = v.ok ? v.file.days[0]?.sites[0]?.hours : undefined;
    expect(got).toEqual(raw);
    expect(got).not.toBe(raw);
  });
});

describe('slots through the engine', () => {
  it('b.test read 09:50–10:10 UTC: 10 min in hour 9, 10 in hour 10; exported and imported elsewhere, the same', async () => {
    const m = new Machine({ start: '2024-03-10T09:50:00Z' });
    await m.wakeWorker();
    const tab = m.browser.openTab(m.browser.openWindow(), 'https://b.test/', 'B');
    await m.pass(20 * MINUTE);
    m.browser.closeTab(tab);
    await m.aggregate();
    const row = await m.db.get('days', ['2024-03-10', 'b.test']);
    expect(row?.hours).toEqual(slots({ 9: 10 * MINUTE, 10: 10 * MINUTE }));
    expect(row && unhouredOf(row)).toBe(0);

    const exported = await m.exported();
    expect(exported.days[0]?.sites[0]?.hours).toEqual(slots({ 9: 10 * MINUTE, 10: 10 * MINUTE }));
    const other = new Machine({ start: '2024-03-11T09:00:00Z' });
    await other.wakeWorker();
    await other.ok({ type: 'import', data: exported, mode: 'replace' });
    expect((await other.exported()).days).toEqual(exported.days);
    expect((await other.db.get('dayTotals', '2024-03-10'))?.hours).toEqual(slots({ 9: 10 * MINUTE, 10: 10 * MINUTE }));
  });

  it('a version-1 file of 60 s for a.test, then 30 s read at 10:00: 30 s in hour 10, 60 s without an hour', async () => {
    const m = new Machine({ start: '2024-03-10T10:00:00Z' });
    await m.wakeWorker();
    await m.ok({ type: 'import', mode: 'replace', data: { format: 'dwell-export', version: 1, exportedAt: '2024-03-10T09:00:00.000Z', days: [{ date: '2024-03-10', sites: [{ domain: 'a.test', ms: 60_000, visits: 1, pages: [] }] }] } });
    const tab = m.browser.openTab(m.browser.openWindow(), 'https://a.test/', 'A');
    await m.pass(30_000);
    // Live, before any batch: this hour already holds the 30 s being read.
    const live = await m.totals({ from: '2024-03-10', to: '2024-03-10' });
    expect(live.sites.find((s) => s.domain === 'a.test')).toMatchObject({ ms: 90_000, hours: slots({ 10: 30_000 }) });
    expect(live.daily).toEqual([{ day: '2024-03-10', ms: 90_000, hours: slots({ 10: 30_000 }) }]);
    m.browser.closeTab(tab);
    await m.aggregate();
    const row = await m.db.get('days', ['2024-03-10', 'a.test']);
    expect(row).toMatchObject({ ms: 90_000, hours: slots({ 10: 30_000 }) });
    expect(row && unhouredOf(row)).toBe(60_000);
  });
});
