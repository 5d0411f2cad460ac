// The part of a range's time that has no hour (pure): rows written before Dwell kept hourly slots
// (the database upgrade recorded when: meta `hours`.since), and rows imported from files without
// them. That time is never spread over hours (core/hours.ts); the views say how much there is.
import { unhouredOf } from '../core/hours.ts';
import { formatDuration } from './format.ts';

export interface UnhouredNote {
  ms: number;
  /** "1h 30m". */
  time: string;
  /** The day hourly slots began, in the locale ("Mar 10, 2024"); null when it cannot be read. */
  since: string | null;
}

type Rows = ReadonlyArray<{ ms: number; hours?: readonly number[] }>;

/** Σ (ms − Σ hours) over the rows; a row's slots never exceed its ms, so no row takes away. */
export const unhouredTotal = (rows: Rows): number => rows.reduce((a, r) => a + Math.max(0, unhouredOf(r)), 0);

/** The note's numbers, or null when every ms of the rows has its hour. `since`: meta `hours`. */
export function unhouredNote(rows: Rows, since: number | null, locale?: string): UnhouredNote | null {
  const ms = unhouredTotal(rows);
  if (ms <= 0) return null;
  return { ms, time: formatDuration(ms, locale), since: since === null || !Number.isFinite(since) ? null : new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(since)) };
}
