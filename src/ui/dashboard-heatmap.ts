// The hours of the week as a heatmap (pure): a row per weekday, a column per local hour, each cell
// the time of the range's days of that weekday in that hour, summed, and shaded by quarters of the
// largest cell. The weekday of a day label is calendar arithmetic (range.ts weekdayOf: a label has
// no zone). Time without an hour is in no cell (core/hours.ts); dashboard-unhoured.ts says how much.
import { HOURS_PER_DAY } from '../core/hours.ts';
import type { DayHours } from './dashboard-day-hours.ts';
import { formatDuration } from './format.ts';
import { hourLabel, hourSpan, weekdayName, weekdayOrder } from './hour-labels.ts';
import { weekdayOf } from './range.ts';

export interface HeatCell {
  weekday: number;
  hour: number;
  ms: number;
  /** 0 = no time, 1..4 = quarters of the largest cell. */
  level: number;
  /** "Monday, 9:00 AM–10:00 AM: 1h 5m": the cell's tooltip. */
  label: string;
}

export interface HeatRow {
  /** 0 = Sunday. */
  weekday: number;
  /** "Mon": the row's label beside the grid. */
  name: string;
  cells: HeatCell[];
}

export interface Heatmap {
  /** In the week's order (the locale's first day first). */
  rows: HeatRow[];
  maxMs: number;
  /** Time in the cells (time with an hour). */
  totalMs: number;
  /** Column ticks: every third hour. */
  ticks: Array<{ hour: number; label: string }>;
  /** The text table: weekday names as column heads (week order, then the total). */
  columns: string[];
  /** A row per hour: its span, each weekday's time (same order as `columns`), the hour's total. */
  table: Array<{ hour: number; label: string; times: string[]; total: string; ms: number }>;
}

/** Quarters of the largest: any time at all is level 1 at least, so it never looks empty. */
export const heatLevel = (ms: number, maxMs: number): number => (ms > 0 && maxMs > 0 ? Math.min(4, Math.max(1, Math.ceil((ms / maxMs) * 4))) : 0);

/** ms per weekday (0 = Sunday) and hour, summed over the days. */
export function weekHours(days: readonly DayHours[]): number[][] {
  const grid = Array.from({ length: 7 }, () => new Array<number>(HOURS_PER_DAY).fill(0));
  for (const d of days) {
    if (!d.hours) continue;
    const row = grid[weekdayOf(d.day)]!;
    for (let h = 0; h < HOURS_PER_DAY; h++) row[h]! += d.hours[h] ?? 0;
  }
  return grid;
}

export function buildHeatmap(days: readonly DayHours[], weekStart: number, locale?: string): Heatmap {
  const grid = weekHours(days);
  const order = weekdayOrder(weekStart);
  const maxMs = Math.max(0, ...grid.flat());
  const rows = order.map((weekday) => {
    const long = weekdayName(weekday, locale, 'long');
    return {
      weekday,
      name: weekdayName(weekday, locale),
      cells: grid[weekday]!.map((ms, hour) => ({ weekday, hour, ms, level: heatLevel(ms, maxMs), label: `${long}, ${hourSpan(hour, locale)}: ${formatDuration(ms, locale)}` })),
    };
  });
  const table = Array.from({ length: HOURS_PER_DAY }, (_, hour) => {
    const ms = order.reduce((a, w) => a + grid[w]![hour]!, 0);
    return { hour, label: hourSpan(hour, locale), times: order.map((w) => formatDuration(grid[w]![hour]!, locale)), total: formatDuration(ms, locale), ms };
  });
  return {
    rows,
    maxMs,
    totalMs: table.reduce((a, r) => a + r.ms, 0),
    ticks: [0, 3, 6, 9, 12, 15, 18, 21].map((hour) => ({ hour, label: hourLabel(hour, locale) })),
    columns: order.map((w) => weekdayName(w, locale, 'long')),
    table,
  };
}
