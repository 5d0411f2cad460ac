// The dashboard's data: IndexedDB read in the page (liveQuery, read-only) with the worker's `query`
// command as the fallback, as the popup does; and a site's stored rows for its daily series.
import type { DayRow } from '../core/aggregates.ts';
import { openDwellDb, type DwellDb } from '../db/open.ts';
import { liveQuery } from '../db/query.ts';
import { directSource, messageSource, withFallback, type StatsSource } from '../ui/stats-source.ts';

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
