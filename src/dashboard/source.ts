// The dashboard's data: IndexedDB read in the page (liveQuery, read-only) with the worker's `query`
// command as the fallback, as the popup does; and a site's stored rows for its daily series.
import type { DayRow } from '../core/aggregates.ts';
import { openDwellDb, type DwellDb } from '../db/open.ts';
import { liveQuery } from '../db/query.ts';
import { directSource, messageSource, withFallback, type StatsSource } from '../ui/stats-source.ts';
import type { DaySite } from '../ui/dashboard-categories.ts';

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

/** Every stored site-day of a range, its time only (the stacks by category). Empty when the
 *  database cannot be read here. */
export async function storedDaySites(from: string, to: string): Promise<DaySite[]> {
  try {
    const rows = await (await open()).getAll('days', IDBKeyRange.bound([from, ''], [to, '\uffff']));
    return rows.map((r) => ({ day: r.day, domain: r.domain, ms: r.ms }));
  } catch {
    return [];
  }
}
