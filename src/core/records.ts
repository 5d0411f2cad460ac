// The records the engine keeps beside its aggregates (the `meta` and `runs` stores), as plain
// types: core/api.ts reports them, db/ stores them, and neither layer owns the other.
import type { FoldState } from './state.ts';

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

/** When Dwell began keeping hourly slots in this database (the upgrade that added them): time
 *  counted before it has no hour (core/hours.ts). */
export interface HoursRecord {
  key: 'hours';
  since: number;
}

export type MetaRecord = CursorRecord | LeaseRecord | GenerationRecord | ErrorsRecord | RetentionRecord | HoursRecord;
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
