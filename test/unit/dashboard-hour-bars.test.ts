// A day's (or a site's) 24 hours as bars: scaled to the busiest hour, a small hour still visible,
// ticks every sixth hour, and a table row for every hour, those without time too.
import { describe, expect, it } from 'vitest';
import { buildHourBars } from '../../src/ui/dashboard-hour-bars.ts';

const MIN = 60_000;
const SIZE = { width: 240, height: 100, gap: 2 };

describe('hour bars', () => {
  it('the busiest hour is full height, half of it half, a few seconds at least 1 px', () => {
    const hours = Array.from({ length: 24 }, (_, h) => (h === 9 ? 40 * MIN : h === 14 ? 20 * MIN : h === 22 ? 3_000 : 0));
    const chart = buildHourBars(hours, SIZE, 'en-US');
    expect(chart.bars).toHaveLength(24);
    const bar = (h: number) => chart.bars[h]!;
    expect([bar(9).height, bar(14).height, bar(22).height, bar(0).height]).toEqual([100, 50, 1, 0]);
    expect(bar(14)).toMatchObject({ x: 141, width: 8, y: 50, ms: 20 * MIN, text: '2:00 PM–3:00 PM: 20m' });
    expect(chart.ticks.map((t) => [t.x, t.label])).toEqual([[0, '12 AM'], [60, '6 AM'], [120, '12 PM'], [180, '6 PM']]);
    expect(chart.rows[9]).toEqual({ hour: 9, label: '9:00 AM–10:00 AM', time: '40m' });
    expect(chart.rows[3]).toEqual({ hour: 3, label: '3:00 AM–4:00 AM', time: '0s' });
  });

  it('no slots (a day from before hours were kept): flat, every row 0', () => {
    const chart = buildHourBars(undefined, SIZE, 'en-US');
    expect(chart.maxMs).toBe(0);
    expect(chart.bars.every((b) => b.height === 0)).toBe(true);
    expect(chart.rows.every((r) => r.time === '0s')).toBe(true);
  });
});
