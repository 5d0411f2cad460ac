// The one schema of the Dwell database. One module under db/ owns each store.
import type { DBSchema } from 'idb';
import type { DwellEvent } from '../core/events.ts';
import type { DayRow, DayTotalRow, SiteTotalRow } from '../core/aggregates.ts';
import type { FoldState } from '../core/state.ts';

export const DB_NAME = 'dwell';
/** = the number of upgrade steps in db/upgrades.ts. */
export const DB_VERSION = 2;

/** Aggregation progress: written atomically with the aggregates of every batch. */
export interface CursorRecord {
  key: 'cursor';
  /** Highest seq folded into the aggregates (0 = none). */
  watermark: number;
  state: FoldState;
}

export interface LeaseRecord {
  key: 'lease';
  owner: string;
  acquiredAt: number;
  expiresAt: number;
}

/** Last sequence generation handed to a worker (each worker start takes the next one). */
export interface GenerationRecord {
  key: 'generation';
  value: number;
}

export interface ErrorEntry {
  at: number;
  where: string;
  message: string;
}

export interface ErrorsRecord {
  key: 'errors';
  recent: ErrorEntry[];
}

/** When retention last ran (it runs at most once per local day). */
export interface RetentionRecord {
  key: 'retention';
  day: string;
}

export type MetaRecord = CursorRecord | LeaseRecord | GenerationRecord | ErrorsRecord | RetentionRecord;
export type MetaKey = MetaRecord['key'];

export type LockOutcome = 'acquired' | 'skipped' | 'takenOver' | 'unlocked';

export interface RunRecord {
  id?: number;
  start: number;
  end: number;
  durationMs: number;
  events: number;
  batches: number;
  lock: LockOutcome;
  gaps: number;
  reconstructed: number;
  recoveries: number;
  errors: string[];
  trigger: string;
}

export interface DwellDB extends DBSchema {
  events: { key: number; value: DwellEvent };
  meta: { key: MetaKey; value: MetaRecord };
  days: { key: [string, string]; value: DayRow; indexes: { byDomain: string } };
  siteTotals: { key: string; value: SiteTotalRow; indexes: { byMs: number } };
  dayTotals: { key: string; value: DayTotalRow };
  runs: { key: number; value: RunRecord };
}

export type StoreName = 'events' | 'meta' | 'days' | 'siteTotals' | 'dayTotals' | 'runs';

import type { IDBPDatabase, IDBPTransaction } from 'idb';
/** A transaction over some of the stores: store helpers take the transaction they run in, and
 *  idb's tuple-typed store lists do not widen, so the store list is left open here. */
export type AnyTx<M extends IDBTransactionMode = IDBTransactionMode> = IDBPTransaction<DwellDB, StoreName[], M>;
/** Opens a transaction typed as AnyTx (the store list still limits what it may touch at run time). */
export function txOf<M extends IDBTransactionMode>(db: IDBPDatabase<DwellDB>, stores: StoreName[], mode: M): AnyTx<M> {
  return db.transaction(stores, mode);
}

/** For requests issued inside a transaction without awaiting them: the transaction's `done`
 *  reports a failure, so the request's own rejection needs no second (unhandled) report. */
export function quiet(request: Promise<unknown>): void {
  request.catch(() => undefined);
}
