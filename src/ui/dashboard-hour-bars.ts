// 24 bars, one per local hour of the day (pure): a day's hours (day detail) or a site's over a
// range (site detail), scaled to the busiest hour, with the table that says the same in text.
import { HOURS_PER_DAY } from '../core/hours.ts';
import { formatDuration } from './format.ts';
import { hourLabel, hourSpan } from './hour-labels.ts';

export interface HourBar {
  hour: number;
  ms: number;
  x: number;
  y: number;
  width: number;
  height: number;
  /** "9:00 AM–10:00 AM: 12m": the bar's tooltip. */
  text: string;
}

export interface HourChart {
  width: number;
  height: number;
  bars: HourBar[];
  maxMs: number;
  /** Axis ticks every sixth hour, at the bar's left edge. */
  ticks: Array<{ x: number; label: string }>;
  /** The text equivalent: every hour, with or without time. */
  rows: Array<{ hour: number; label: string; time: string }>;
}

/** A bar with time is at least 1 px tall, so it never looks empty. */
export function buildHourBars(hours: readonly number[] | undefined, size: { width: number; height: number; gap: number }, locale?: string): HourChart {
  const slots = Array.from({ length: HOURS_PER_DAY }, (_, h) => hours?.[h] ?? 0);
  const maxMs = Math.max(0, ...slots);
  const slot = size.width / HOURS_PER_DAY;
  const width = Math.max(0.5, slot - size.gap);
  const bars = slots.map((ms, hour) => {
    const height = maxMs > 0 && ms > 0 ? Math.max(1, (ms / maxMs) * size.height) : 0;
    return { hour, ms, x: hour * slot + Math.min(size.gap, slot) / 2, y: size.height - height, width, height, text: `${hourSpan(hour, locale)}: ${formatDuration(ms, locale)}` };
  });
  return {
    width: size.width,
    height: size.height,
    bars,
    maxMs,
    ticks: [0, 6, 12, 18].map((hour) => ({ x: hour * slot, label: hourLabel(hour, locale) })),
    rows: slots.map((ms, hour) => ({ hour, label: hourSpan(hour, locale), time: formatDuration(ms, locale) })),
  };
}
