// The 12-month calendar: whole weeks from the week's first day, today in the last column, days
// shaded by quarters of the busiest one, months summed for the text table.
import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../../src/ui/dashboard-calendar.ts';

describe('calendar', () => {
  const daily = [{ day: '2024-03-10', ms: 100 }, { day: '2024-03-09', ms: 26 }, { day: '2023-03-13', ms: 50 }, { day: '2023-01-01', ms: 999_999 }];
  const cal = buildCalendar(daily, '2024-03-10', 1, 'en-US'); // a Sunday; weeks start on Monday

  it('starts on the Monday on or before a year ago and ends today', () => {
    expect(cal.from).toBe('2023-03-06'); // 364 days back is Sunday 2023-03-12
    expect(cal.cells[0]).toMatchObject({ day: '2023-03-06', week: 0, weekday: 0 });
    expect(cal.cells.at(-1)).toMatchObject({ day: '2024-03-10', weekday: 6, week: cal.weeks - 1 });
    expect(cal.weeks).toBe(53);
  });

  it('shades by quarters of the busiest day in view; days older than the grid do not count', () => {
    const level = (day: string) => cal.cells.find((c) => c.day === day)?.level;
    expect(level('2024-03-10')).toBe(4);
    expect(level('2024-03-09')).toBe(2);
    expect(level('2023-03-13')).toBe(2);
    expect(level('2024-03-08')).toBe(0);
    expect(cal.cells.some((c) => c.day === '2023-01-01')).toBe(false);
  });

  it('sums each month for the table, with the days that had time', () => {
    expect(cal.months[0]).toEqual({ month: '2023-03', label: 'March 2023', time: '0s', activeDays: '1' });
    expect(cal.months.at(-1)).toMatchObject({ month: '2024-03', activeDays: '2' });
    expect(cal.monthTicks[0]).toEqual({ week: 3, label: 'Apr' });
  });

  it('a Sunday-first locale starts the grid on a Sunday', () => {
    expect(buildCalendar([], '2024-03-10', 0).from).toBe('2023-03-12');
  });
});
