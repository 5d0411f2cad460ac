// Time per local hour of the day: 24 slots beside a row's ms. Hours are named with the offset
// each event carries, as days are (days.ts): a 25-hour day adds its repeated hour to the same
// slot, a 23-hour day leaves one slot empty. A row's time with no hourly detail (written before
// Dwell kept hours, imported from a file without them, settled into a visit before the upgrade)
// is its `unhoured` part: ms − Σ slots, never spread over hours.
import { DAY_MS, dayOf } from './days.ts';
import type { Day, Hours } from './aggregates.ts';

export const HOURS_PER_DAY = 24;
export const HOUR_MS = 3_600_000;

export type { Hours };

export const emptyHours = (): Hours => new Array<number>(HOURS_PER_DAY).fill(0);

export const hoursTotal = (h: readonly number[] | undefined): number => (h ? h.reduce((a, x) => a + x, 0) : 0);

/** Adds `from` into `into` slot by slot (into is created when absent). */
export function addHours(into: Hours | undefined, from: readonly number[] | undefined): Hours {
  const h = into ?? emptyHours();
  if (from) for (let i = 0; i < HOURS_PER_DAY; i++) h[i] = (h[i] ?? 0) + (from[i] ?? 0);
  return h;
}

/** The part of a row's time that has no hour: everything, for a row without slots. */
export const unhouredOf = (row: { ms: number; hours?: readonly number[] }): number => row.ms - hoursTotal(row.hours);

/** The local hour (0–23) of instant t under an offset of tzMinutes east of UTC. */
export const hourOf = (t: number, tzMinutes: number): number => Math.floor((((t + tzMinutes * 60_000) % DAY_MS) + DAY_MS) % DAY_MS / HOUR_MS);

/** Adds [a, b) to `into`, split at local hour boundaries (and so at midnights), per day. */
export function addSplitByHour(a: number, b: number, tzMinutes: number, into: Record<Day, Hours>): void {
  const shift = tzMinutes * 60_000;
  let x = a;
  while (x < b) {
    const end = Math.min(b, (Math.floor((x + shift) / HOUR_MS) + 1) * HOUR_MS - shift);
    const day = dayOf(x, tzMinutes);
    const h = (into[day] ??= emptyHours());
    const i = hourOf(x, tzMinutes);
    h[i] = (h[i] ?? 0) + (end - x);
    x = end;
  }
}

/** Slots as a file or an old record may hold them: 24 whole, non-negative numbers summing to at
 *  most `ms`, or the reason they are not. */
export function hoursProblem(x: unknown, ms: number): string | null {
  if (!Array.isArray(x) || x.length !== HOURS_PER_DAY) return `expected ${HOURS_PER_DAY} hourly amounts`;
  for (const v of x as unknown[]) if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) return 'expected whole, non-negative ms in every hour';
  const sum = hoursTotal(x as number[]);
  return sum > ms ? `hours add up to ${sum} ms, more than the row's ${ms} ms` : null;
}
