// The dashboard's data: IndexedDB read in the page (liveQuery, read-only) with the worker's `query`
// command as the fallback, as the popup does; and stored rows where a chart needs them per site and
// day (a site's daily series and its hours, a range's stacks by category), hourly slots included.
import type { DayRow } from '../core/aggregates.ts';
import { openDwellDb, type DwellDb } from '../db/open.ts';
import { liveQuery } from '../db/query.ts';
import { directSource, messageSource, withFallback, type StatsSource } from '../ui/stats-source.ts';
import type { DaySite } from '../ui/dashboard-categories.ts';
import { hoursSinceIn, storedHoursIn, type StoredHours } from '../ui/dashboard-day-hours.ts';

let db: Promise<DwellDb> | null = null;
const open = (): Promise<DwellDb> => (db ??= openDwellDb().catch((e: unknown) => {
  db = null; // a failed open must not be cached
  throw e;
}));

export function createDashboardSource(onFallback: (e: unknown) => void): StatsSource {
  return withFallback(directSource(open, liveQuery), messageSource(), onFallback);
}

/** Every stored site-day row of one site (its pages included). Empty when the database cannot be
 *  read here: the series is then missing, the site's totals still come from the query. */
export async function storedSiteRows(domain: string): Promise<DayRow[]> {
  try {
    return await (await open()).getAllFromIndex('days', 'byDomain', domain);
  } catch {
    return [];
  }
}

/** Every stored site-day of a range, its time and hourly slots (no pages; the stacks by
 *  category). Empty when the database cannot be read here. */
export async function storedDaySites(from: string, to: string): Promise<DaySite[]> {
  try {
    const rows = await (await open()).getAll('days', IDBKeyRange.bound([from, ''], [to, '\uffff']));
    return rows.map((r) => ({ day: r.day, domain: r.domain, ms: r.ms, ...(r.hours ? { hours: r.hours } : {}) }));
  } catch {
    return [];
  }
}

/** The stored reads of the charts of hours (ui/dashboard-day-hours.ts), hourly slots included. */
export const storedHours: StoredHours = storedHoursIn(open);

/** When this database began keeping hourly slots; null when it cannot be read here. */
export const storedHoursSince = (): Promise<number | null> => hoursSinceIn(open);
