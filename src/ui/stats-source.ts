// Where the popup's numbers come from. Direct: read IndexedDB in the page (read-only, no worker
// round trip, works while the worker is stopped). Message: ask the worker. Direct first; if a
// direct read throws (no IndexedDB, schema mismatch mid-upgrade…) switch to messages for good.
import type { QueryResult, Range } from '../core/api.ts';
import { send } from './messaging.ts';

export interface QueryOptions {
  pages?: boolean | string;
  now?: number;
  /** 'all' only: the largest sites alone, the rest summed (QueryResult.beyond). */
  limit?: number;
}

export interface StatsSource {
  query(range: Range, opts?: QueryOptions): Promise<QueryResult>;
}

export function messageSource(sender: typeof send = send): StatsSource {
  return { query: (range, opts = {}) => sender({ type: 'query', range, ...opts }) };
}

/** Opens the database once (lazily) and answers every query with `live` over it. */
export function directSource<Db>(
  open: () => Promise<Db>,
  live: (db: Db, range: Range, opts: QueryOptions) => Promise<QueryResult>,
): StatsSource {
  let db: Promise<Db> | null = null;
  return {
    async query(range, opts = {}) {
      db ??= open();
      try {
        return await live(await db, range, opts);
      } catch (e) {
        db = null; // a failed open must not be cached
        throw e;
      }
    },
  };
}

/** Primary until it throws once, then the fallback for this call and every later one. */
export function withFallback(primary: StatsSource, fallback: StatsSource, onFallback?: (e: unknown) => void): StatsSource {
  let current = primary;
  return {
    async query(range, opts) {
      if (current === fallback) return fallback.query(range, opts);
      try {
        return await primary.query(range, opts);
      } catch (e) {
        current = fallback;
        onFallback?.(e);
        return fallback.query(range, opts);
      }
    },
  };
}
