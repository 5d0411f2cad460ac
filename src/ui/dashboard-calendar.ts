// The calendar of the last 12 months (pure): a GitHub-style grid, one column per week and one row
// per weekday, each day shaded by its share of the busiest day; and a month table saying the same.
import type { Day } from '../core/aggregates.ts';
import { addDays } from '../core/days.ts';
import { formatDay, formatDuration, formatNumber } from './format.ts';
import { dayDiff, weekdayOf } from './range.ts';

export interface CalendarCell {
  day: Day;
  ms: number;
  /** 0 = no time, 1..4 = quarters of the busiest day. */
  level: number;
  week: number;
  weekday: number;
  label: string;
}

export interface CalendarView {
  from: Day;
  to: Day;
  weeks: number;
  cells: CalendarCell[];
  months: Array<{ month: string; label: string; time: string; activeDays: string }>;
  /** Column where each month's label goes (the week holding its first day). */
  monthTicks: Array<{ week: number; label: string }>;
}

const monthName = (month: string, locale?: string, year = true): string =>
  new Intl.DateTimeFormat(locale, year ? { month: 'long', year: 'numeric' } : { month: 'short' }).format(new Date(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 15));

/** 365 days ending today, starting on the week's first day so every column is a whole week. */
export function buildCalendar(daily: ReadonlyArray<{ day: Day; ms: number }>, today: Day, weekStart = 1, locale?: string): CalendarView {
  const yearAgo = addDays(today, -364);
  const from = addDays(yearAgo, -((weekdayOf(yearAgo) - weekStart + 7) % 7));
  const byDay = new Map(daily.map((d) => [d.day, d.ms]));
  const len = dayDiff(from, today) + 1;
  let max = 0;
  for (let i = 0; i < len; i++) max = Math.max(max, byDay.get(addDays(from, i)) ?? 0);
  const cells: CalendarCell[] = [];
  const months = new Map<string, { ms: number; active: number }>();
  const monthTicks: CalendarView['monthTicks'] = [];
  for (let i = 0; i < len; i++) {
    const day = addDays(from, i);
    const ms = byDay.get(day) ?? 0;
    const week = Math.floor(i / 7);
    cells.push({ day, ms, level: ms > 0 && max > 0 ? Math.max(1, Math.ceil((ms / max) * 4)) : 0, week, weekday: i % 7, label: `${formatDay(day, locale)}: ${formatDuration(ms, locale)}` });
    const month = day.slice(0, 7);
    const m = months.get(month) ?? { ms: 0, active: 0 };
    m.ms += ms;
    if (ms > 0) m.active += 1;
    months.set(month, m);
    if (day.endsWith('-01')) monthTicks.push({ week, label: monthName(month, locale, false) });
  }
  return {
    from,
    to: today,
    weeks: Math.ceil(len / 7),
    cells,
    months: [...months].map(([month, m]) => ({ month, label: monthName(month, locale), time: formatDuration(m.ms, locale), activeDays: formatNumber(m.active, locale) })),
    monthTicks,
  };
}
