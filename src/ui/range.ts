// The popup's range switch → the API's Range, in LOCAL days. Day labels come from the same
// helpers the engine uses (core/days.ts): the local day is the UTC date of t shifted by the zone
// offset in force at t, and day arithmetic is on calendar labels, so DST days of 23 or 25 hours
// still count as one day and "7 days" is always today and the 6 before.
import type { Day } from '../core/aggregates.ts';
import type { Range } from '../core/api.ts';
import { addDays, dayOf, localOffset } from '../core/days.ts';

export type RangeKind = 'today' | '7d' | '30d' | 'all';
export const RANGE_KINDS: readonly RangeKind[] = ['today', '7d', '30d', 'all'];

/** The local day of an instant in this machine's zone, as the engine labels it. */
export function localDay(t: number): Day {
  return dayOf(t, localOffset(t));
}

/** Number of days in a kind's range (null for 'all'). */
export function rangeLength(kind: RangeKind): number | null {
  return kind === 'today' ? 1 : kind === '7d' ? 7 : kind === '30d' ? 30 : null;
}

/** Today = today; 7 days = today and the 6 before; 30 days likewise; all = 'all'. */
export function rangeFor(kind: RangeKind, now: number): Range {
  const len = rangeLength(kind);
  if (len === null) return 'all';
  const to = localDay(now);
  return { from: addDays(to, -(len - 1)), to };
}

/** Every day of a bounded range, ascending (the chart's x axis). */
export function daysOf(range: { from: Day; to: Day }): Day[] {
  const out: Day[] = [];
  // Bounded so a malformed range can never spin: the popup's largest range is 30 days.
  for (let d = range.from; d <= range.to && out.length < 366; d = addDays(d, 1)) out.push(d);
  return out;
}

export const isRangeKind = (x: unknown): x is RangeKind => RANGE_KINDS.includes(x as RangeKind);

// ---- the dashboard's ranges -------------------------------------------------------------------

export type DashRangeKind = 'today' | 'yesterday' | 'week' | '7d' | '30d' | 'month' | 'custom' | 'all';
export const DASH_RANGE_KINDS: readonly DashRangeKind[] = ['today', 'yesterday', 'week', '7d', '30d', 'month', 'custom', 'all'];
export const isDashRangeKind = (x: unknown): x is DashRangeKind => DASH_RANGE_KINDS.includes(x as DashRangeKind);

/** Calendar days from a to b ("2024-03-01" → "2024-03-03" is 2), on labels like addDays. */
export function dayDiff(a: Day, b: Day): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Weekday of a day label, 0 = Sunday (a label has no zone, so its UTC weekday is its own). */
export const weekdayOf = (day: Day): number => new Date(`${day}T00:00:00Z`).getUTCDay();

/** A dashboard range ending today (a local day label). The week starts on `weekStart`
 *  (0 = Sunday, 1 = Monday: the caller passes the locale's). A custom range is taken as given,
 *  swapped if reversed; null when its days are missing. */
export function dashRangeFor(kind: DashRangeKind, today: Day, opts: { weekStart?: number; from?: Day; to?: Day } = {}): Range | null {
  switch (kind) {
    case 'today': return { from: today, to: today };
    case 'yesterday': { const d = addDays(today, -1); return { from: d, to: d }; }
    case 'week': return { from: addDays(today, -((weekdayOf(today) - (opts.weekStart ?? 1) + 7) % 7)), to: today };
    case '7d': return { from: addDays(today, -6), to: today };
    case '30d': return { from: addDays(today, -29), to: today };
    case 'month': return { from: `${today.slice(0, 8)}01`, to: today };
    case 'all': return 'all';
    case 'custom': {
      if (!opts.from || !opts.to) return null;
      return opts.from <= opts.to ? { from: opts.from, to: opts.to } : { from: opts.to, to: opts.from };
    }
  }
}

/** The period of the same length just before a range ("this week so far" against the same number
 *  of days before it), so a change compares like with like. */
export function previousPeriod(range: { from: Day; to: Day }): { from: Day; to: Day } {
  const len = dayDiff(range.from, range.to) + 1;
  return { from: addDays(range.from, -len), to: addDays(range.from, -1) };
}
