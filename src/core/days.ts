// Local days from epoch ms and the offset recorded with each event (not the machine's current
// zone: a visit folded next week must land on the day it happened).
import type { Day } from './aggregates.ts';

export const DAY_MS = 86_400_000;

/** The instants Dwell accepts (events, commands): 1970 up to the end of 2999. Beyond the Date
 *  range a day cannot even be named ("Invalid time value" wedged every command once), and a
 *  clock that far out is a corrupt record, not a visit. */
export const MIN_TIME = 0;
export const MAX_TIME = Date.UTC(3000, 0, 1) - 1;
export const isTime = (x: unknown): x is number => typeof x === 'number' && x >= MIN_TIME && x <= MAX_TIME;

/** A real calendar day "YYYY-MM-DD" inside the accepted instants (1970-01-01 … 2999-12-31). */
export function isValidDay(s: string): s is Day {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1970 || y > 2999 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** This machine's offset in minutes east of UTC at t (events carry the one captured with them). */
export const localOffset = (t: number): number => -new Date(t).getTimezoneOffset();

export function dayOf(t: number, tzMinutes: number): Day {
  return new Date(t + tzMinutes * 60_000).toISOString().slice(0, 10);
}

/** Adds [a, b) to `into`, split at local midnights. */
export function addSplitByDay(a: number, b: number, tzMinutes: number, into: Record<Day, number>): void {
  const shift = tzMinutes * 60_000;
  let x = a;
  while (x < b) {
    const nextMidnight = (Math.floor((x + shift) / DAY_MS) + 1) * DAY_MS - shift;
    const end = Math.min(b, nextMidnight);
    const day = dayOf(x, tzMinutes);
    into[day] = (into[day] ?? 0) + (end - x);
    x = end;
  }
}

/** Day arithmetic on "YYYY-MM-DD" labels (calendar days, no zone involved). */
export function addDays(day: Day, n: number): Day {
  const t = Date.parse(`${day}T00:00:00Z`) + n * DAY_MS;
  return new Date(t).toISOString().slice(0, 10);
}

