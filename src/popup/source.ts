// The popup's data source: IndexedDB read directly (liveQuery, read-only) by default, the worker's
// `query` command if a direct read fails.
import { openDwellDb, type DwellDb } from '../db/open.ts';
import { liveQuery } from '../db/query.ts';
import { directSource, messageSource, withFallback, type StatsSource } from '../ui/stats-source.ts';

// The open starts as this module is evaluated, before the popup's own set-up runs (the first
// paint waits for it); a failed open is not kept: the next query opens again.
let opening: Promise<DwellDb> | null = openDwellDb();
opening.catch(() => undefined);

function open(): Promise<DwellDb> {
  const db = opening ?? openDwellDb();
  opening = null;
  return db;
}

export function createPopupSource(onFallback: (e: unknown) => void): StatsSource {
  return withFallback(directSource(open, liveQuery), messageSource(), onFallback);
}
