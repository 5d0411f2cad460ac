// Daily totals → bar geometry for the popup's SVG chart (pure; the DOM part is popup/chart.ts).
import type { Day } from '../core/aggregates.ts';
import { daysOf } from './range.ts';
import { formatDay, formatDayShort, formatDuration } from './format.ts';

export interface ChartBar {
  day: Day;
  ms: number;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Tooltip / accessible text: "Sun, Mar 10: 1h 5m". */
  label: string;
  today: boolean;
}

export interface ChartModel {
  width: number;
  height: number;
  bars: ChartBar[];
  maxMs: number;
  maxText: string;
  firstLabel: string;
  lastLabel: string;
}

export interface ChartSize {
  width: number;
  height: number;
  gap: number;
}

/** One bar per day of the range (days without time are 0), scaled to the largest day. A non-zero
 *  day is at least 1 px tall so it never looks empty. */
export function buildChart(daily: ReadonlyArray<{ day: Day; ms: number }>, range: { from: Day; to: Day }, today: Day, size: ChartSize, locale?: string): ChartModel {
  const byDay = new Map(daily.map((d) => [d.day, d.ms]));
  const days = daysOf(range);
  const maxMs = Math.max(0, ...days.map((d) => byDay.get(d) ?? 0));
  const slot = days.length ? size.width / days.length : size.width;
  const width = Math.max(1, slot - size.gap);
  const bars = days.map((day, i) => {
    const ms = byDay.get(day) ?? 0;
    const height = maxMs > 0 && ms > 0 ? Math.max(1, (ms / maxMs) * size.height) : 0;
    return { day, ms, x: i * slot + size.gap / 2, y: size.height - height, width, height, label: `${formatDay(day, locale)}: ${formatDuration(ms, locale)}`, today: day === today };
  });
  return {
    width: size.width,
    height: size.height,
    bars,
    maxMs,
    maxText: formatDuration(maxMs, locale),
    firstLabel: days[0] ? formatDayShort(days[0], locale) : '',
    lastLabel: days.length ? formatDayShort(days[days.length - 1] ?? range.to, locale) : '',
  };
}
