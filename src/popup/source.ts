// The popup's data source: IndexedDB read directly (liveQuery, read-only) by default, the worker's
// `query` command if a direct read fails.
import { openDwellDb } from '../db/open.ts';
import { liveQuery } from '../db/query.ts';
import { directSource, messageSource, withFallback, type StatsSource } from '../ui/stats-source.ts';

export function createPopupSource(onFallback: (e: unknown) => void): StatsSource {
  return withFallback(directSource(() => openDwellDb(), liveQuery), messageSource(), onFallback);
}
