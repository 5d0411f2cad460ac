// The hours of the week: each day's slots land in the row of its weekday (calendar arithmetic on
// the label, no zone) and the column of their hour, summed; cells are shaded by quarters of the
// largest; the text table says every number; time without an hour is in no cell.
import { describe, expect, it } from 'vitest';
import { buildHeatmap, heatLevel, weekHours } from '../../src/ui/dashboard-heatmap.ts';
import { hourLabel, hourSpan, weekdayName, weekdayOrder } from '../../src/ui/hour-labels.ts';

const MIN = 60_000;
const slots = (entries: Record<number, number>): number[] => Array.from({ length: 24 }, (_, i) => entries[i] ?? 0);

describe('a week of hours', () => {
  // Monday 11 and Monday 18 March 2024, Sunday 10 March; one imported day without slots.
  const days = [
    { day: '2024-03-10', ms: 20 * MIN, hours: slots({ 23: 20 * MIN }) },
    { day: '2024-03-11', ms: 40 * MIN, hours: slots({ 9: 10 * MIN, 10: 30 * MIN }) },
    { day: '2024-03-18', ms: 50 * MIN, hours: slots({ 10: 50 * MIN }) },
    { day: '2024-03-12', ms: 90 * MIN }, // a Tuesday with no hourly detail
  ];

  it('two Mondays add up in their hour; a day without slots is in no cell', () => {
    const grid = weekHours(days);
    expect(grid[1]![10]).toBe(80 * MIN);
    expect(grid[1]![9]).toBe(10 * MIN);
    expect(grid[0]![23]).toBe(20 * MIN);
    expect(grid[2]!.every((ms) => ms === 0)).toBe(true);
  });

  it('rows in the week order of the locale, Monday first here; Sunday first in the US', () => {
    const map = buildHeatmap(days, 1, 'en-US');
    expect(map.rows.map((r) => r.name)).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    expect(buildHeatmap(days, 0, 'en-US').rows[0]!.weekday).toBe(0);
  });

  it('shades by quarters of the largest cell: 80 min is 4, 20 min is 1, 10 min still 1, none 0', () => {
    const map = buildHeatmap(days, 1, 'en-US');
    expect(map.maxMs).toBe(80 * MIN);
    const mon = map.rows[0]!.cells;
    const sun = map.rows[6]!.cells;
    expect([mon[10]!.level, sun[23]!.level, mon[9]!.level, mon[11]!.level]).toEqual([4, 1, 1, 0]);
    expect(mon[10]!.label).toBe('Monday, 10:00 AM–11:00 AM: 1h 20m');
    expect(map.totalMs).toBe(110 * MIN);
  });

  it('the text table: a row per hour, a column per weekday and the hour\'s total', () => {
    const map = buildHeatmap(days, 1, 'en-US');
    expect(map.columns).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
    expect(map.table).toHaveLength(24);
    expect(map.table[10]).toEqual({ hour: 10, label: '10:00 AM–11:00 AM', times: ['1h 20m', '0s', '0s', '0s', '0s', '0s', '0s'], total: '1h 20m', ms: 80 * MIN });
    expect(map.table[23]!.times.at(-1)).toBe('20m');
  });

  it('nothing at all: every cell empty, no division by zero', () => {
    const map = buildHeatmap([], 1, 'en-US');
    expect(map.maxMs).toBe(0);
    expect(map.rows.flatMap((r) => r.cells).every((c) => c.level === 0)).toBe(true);
    expect(heatLevel(5, 0)).toBe(0);
  });
});

describe('names of hours and weekdays', () => {
  it('an hour is a label of the local clock, the same on any machine zone', () => {
    expect(hourLabel(0, 'en-US')).toBe('12 AM');
    expect(hourLabel(9, 'de')).toBe('09 Uhr');
    expect(hourSpan(23, 'en-GB')).toBe('23:00–0:00'); // the last hour ends at the next midnight
    expect(hourSpan(9, 'ja')).toBe('9:00–10:00');
  });

  it('weekdays from the week\'s first day; 2024-03-10 is a Sunday in every language', () => {
    expect(weekdayOrder(1)).toEqual([1, 2, 3, 4, 5, 6, 0]);
    expect(weekdayOrder(6)).toEqual([6, 0, 1, 2, 3, 4, 5]);
    expect(weekdayName(0, 'de', 'long')).toBe('Sonntag');
    expect(weekdayName(1, 'fr')).toBe('lun.');
  });
});
