// The overview of a range: the total, the daily average over the range's days, the change against
// the period of the same length before it, and the top sites.
import { describe, expect, it } from 'vitest';
import type { QueryResult } from '../../src/core/api.ts';
import { boundedRange, buildOverview, changeOf } from '../../src/ui/dashboard-overview.ts';

const MIN = 60_000;
const result = (range: QueryResult['range'], daily: Array<[string, number]>, sites: Array<[string, number]>): QueryResult => ({
  range,
  now: 0,
  today: '2024-03-10',
  totalMs: sites.reduce((a, [, ms]) => a + ms, 0),
  sites: sites.map(([domain, ms]) => ({ domain, ms, visits: 1 })),
  daily: daily.map(([day, ms]) => ({ day, ms })),
  current: null,
  pending: 0,
});

describe('overview', () => {
  const week = { from: '2024-03-04', to: '2024-03-10' };
  const now = result(week, [['2024-03-04', 30 * MIN], ['2024-03-09', 40 * MIN]], [['a.test', 50 * MIN], ['b.test', 20 * MIN]]);

  it('averages over every day of the range, including the days without time', () => {
    const v = buildOverview(now, null, 'en-US');
    expect(v.totalText).toBe('1h 10m');
    expect(v.days).toBe(7);
    expect(v.averageText).toBe('10m');
  });

  it('compares with the previous period of the same length', () => {
    const before = result({ from: '2024-02-26', to: '2024-03-03' }, [], [['a.test', 56 * MIN]]);
    expect(buildOverview(now, before, 'en-US').change).toMatchObject({ direction: 'up', text: '+25%' });
    expect(changeOf(30, 40, 'en-US')).toMatchObject({ direction: 'down', text: '-25%' });
    expect(changeOf(40, 40, 'en-US')).toMatchObject({ direction: 'same', text: '0%' });
    expect(changeOf(40, 0, 'en-US')).toEqual({ ratio: null, direction: 'new', text: '' });
  });

  it('top sites: shares of the total, bars scaled to the largest', () => {
    const v = buildOverview(now, null, 'en-US');
    expect(v.top).toEqual([
      { domain: 'a.test', time: '50m', share: '71%', fill: 1 },
      { domain: 'b.test', time: '20m', share: '29%', fill: 0.4 },
    ]);
  });

  it('one bar per day of the range, and a table row for each', () => {
    const chart = buildOverview(now, null, 'en-US').chart!;
    expect(chart.bars.map((b) => b.key)).toEqual(['2024-03-04', '2024-03-05', '2024-03-06', '2024-03-07', '2024-03-08', '2024-03-09', '2024-03-10']);
    expect(chart.bars[5]!.height).toBe(chart.height);
    expect(chart.bars[0]!.height).toBeCloseTo(chart.height * 0.75);
    expect(chart.bars[1]!.height).toBe(0);
    expect(chart.rows[5]).toEqual({ label: 'Sat, Mar 9', time: '40m' });
  });

  it('"all" runs from the first day with time to today, with no change to show', () => {
    const all = result('all', [['2024-02-10', 60 * MIN], ['2024-03-10', 60 * MIN]], [['a.test', 120 * MIN]]);
    expect(boundedRange('all', all.daily, all.today)).toEqual({ from: '2024-02-10', to: '2024-03-10' });
    const v = buildOverview(all, all, 'en-US');
    expect(v.days).toBe(30);
    expect(v.averageText).toBe('4m');
    expect(v.change).toBeNull();
  });

  it('one day has no chart, an empty range says so', () => {
    const today = result({ from: '2024-03-10', to: '2024-03-10' }, [], []);
    const v = buildOverview(today, null, 'en-US');
    expect(v.chart).toBeNull();
    expect(v.empty).toBe(true);
  });
});
