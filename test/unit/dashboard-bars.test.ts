// Bars for the dashboard's charts: per day up to three months, per month beyond, never a
// non-zero bucket drawn as nothing.
import { describe, expect, it } from 'vitest';
import { MAX_DAILY_BARS, bucketize, buildBars } from '../../src/ui/dashboard-bars.ts';

describe('bars', () => {
  it('a long range is grouped by month, every ms kept', () => {
    const daily = [{ day: '2023-01-31', ms: 10 }, { day: '2023-02-01', ms: 20 }, { day: '2023-02-28', ms: 5 }, { day: '2023-12-31', ms: 7 }];
    const { unit, buckets } = bucketize(daily, '2023-01-01', '2023-12-31', 'en-US');
    expect(unit).toBe('month');
    expect(buckets).toHaveLength(12);
    expect(buckets.slice(0, 2).map((b) => [b.key, b.ms])).toEqual([['2023-01', 10], ['2023-02', 25]]);
    expect(buckets.reduce((a, b) => a + b.ms, 0)).toBe(42);
    expect(buckets[11]!.label).toBe('Dec 2023');
  });

  it(`up to ${MAX_DAILY_BARS} days is a bar per day`, () => {
    expect(bucketize([], '2024-01-01', '2024-04-01').unit).toBe('day'); // 92 days
    expect(bucketize([], '2024-01-01', '2024-04-02').unit).toBe('month');
  });

  it('a tiny day next to a huge one is still 1 px tall, an empty one is 0', () => {
    const c = buildBars([{ day: '2024-03-01', ms: 1 }, { day: '2024-03-02', ms: 10_000_000 }], '2024-03-01', '2024-03-03', { width: 300, height: 60, gap: 2 });
    expect(c.bars.map((b) => b.height)).toEqual([1, 60, 0]);
    expect(c.bars.map((b) => b.y)).toEqual([59, 0, 60]);
    expect(c.bars[1]!.x).toBe(101);
  });

  it('a reversed range draws nothing rather than spinning', () => {
    expect(buildBars([], '2024-03-05', '2024-03-01', { width: 300, height: 60, gap: 2 }).bars).toEqual([]);
  });
});
