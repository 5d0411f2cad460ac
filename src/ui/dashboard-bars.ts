// Totals per day (or per month for long ranges) → bar geometry for the dashboard's SVG charts, and
// the rows of the table that says the same in text. Plain SVG rather than a chart library: no
// dependency to vet and keep updated, a few dozen lines, and the colours are CSS variables, so
// dark mode is the stylesheet's business (a canvas library would need its own theme).
import type { Day } from '../core/aggregates.ts';
import { addDays } from '../core/days.ts';
import { dayDiff } from './range.ts';
import { formatDay, formatDayShort, formatDuration } from './format.ts';

export interface Bucket {
  /** A day "YYYY-MM-DD" or a month "YYYY-MM". */
  key: string;
  ms: number;
  /** "Sun, Mar 10" / "March 2024": the table's first column and the bar's tooltip. */
  label: string;
}

export interface Bar extends Bucket {
  x: number;
  y: number;
  width: number;
  height: number;
  /** label + duration, for the bar's <title>. */
  text: string;
}

export interface BarChart {
  width: number;
  height: number;
  unit: 'day' | 'month';
  bars: Bar[];
  maxMs: number;
  firstLabel: string;
  lastLabel: string;
  /** The text equivalent: one row per bucket. */
  rows: Array<{ label: string; time: string }>;
}

/** Past this many days a bar per day is thinner than a pixel: bars per month instead. */
export const MAX_DAILY_BARS = 92;
/** A guard against a malformed range spinning (3000 years of days). */
const MAX_DAYS = 366 * 30;

const monthLabel = (month: string, locale?: string): string =>
  new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric' }).format(new Date(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 15));

/** One bucket per day of [from, to] (days without time are 0), or per month when the range is
 *  longer than MAX_DAILY_BARS days. */
export function bucketize(daily: ReadonlyArray<{ day: Day; ms: number }>, from: Day, to: Day, locale?: string): { unit: 'day' | 'month'; buckets: Bucket[] } {
  const len = Math.min(MAX_DAYS, dayDiff(from, to) + 1);
  if (len <= 0) return { unit: 'day', buckets: [] };
  const byDay = new Map(daily.map((d) => [d.day, d.ms]));
  if (len <= MAX_DAILY_BARS) {
    const buckets: Bucket[] = [];
    for (let i = 0; i < len; i++) {
      const day = addDays(from, i);
      buckets.push({ key: day, ms: byDay.get(day) ?? 0, label: formatDay(day, locale) });
    }
    return { unit: 'day', buckets };
  }
  const months = new Map<string, number>();
  for (let i = 0; i < len; i++) {
    const month = addDays(from, i).slice(0, 7);
    months.set(month, (months.get(month) ?? 0) + (byDay.get(addDays(from, i)) ?? 0));
  }
  return { unit: 'month', buckets: [...months].map(([key, ms]) => ({ key, ms, label: monthLabel(key, locale) })) };
}

/** Bars scaled to the largest bucket; a bucket with time is at least 1 px tall so it never looks
 *  empty. */
export function buildBars(daily: ReadonlyArray<{ day: Day; ms: number }>, from: Day, to: Day, size: { width: number; height: number; gap: number }, locale?: string): BarChart {
  const { unit, buckets } = bucketize(daily, from, to, locale);
  const maxMs = Math.max(0, ...buckets.map((b) => b.ms));
  const slot = buckets.length ? size.width / buckets.length : size.width;
  const width = Math.max(0.5, slot - size.gap);
  const bars = buckets.map((b, i) => {
    const height = maxMs > 0 && b.ms > 0 ? Math.max(1, (b.ms / maxMs) * size.height) : 0;
    const time = formatDuration(b.ms, locale);
    return { ...b, x: i * slot + Math.min(size.gap, slot) / 2, y: size.height - height, width, height, text: `${b.label}: ${time}` };
  });
  const short = (key: string | undefined): string => (!key ? '' : unit === 'day' ? formatDayShort(key, locale) : monthLabel(key, locale));
  return {
    width: size.width,
    height: size.height,
    unit,
    bars,
    maxMs,
    firstLabel: short(buckets[0]?.key),
    lastLabel: short(buckets[buckets.length - 1]?.key),
    rows: bars.map((b) => ({ label: b.label, time: formatDuration(b.ms, locale) })),
  };
}
