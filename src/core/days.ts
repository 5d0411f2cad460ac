// Local days from epoch ms and the offset recorded with each event (not the machine's current
// zone: a visit folded next week must land on the day it happened).
import type { Day } from './aggregates.ts';

export const DAY_MS = 86_400_000;

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

