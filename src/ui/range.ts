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
