// The one schema of the Dwell database. One module under db/ owns each store; transactions and
// their typing live in db/tx.ts, the upgrade steps in db/upgrades.ts.
import type { DBSchema } from 'idb';
import type { DwellEvent } from '../core/events.ts';
import type { DayRow, DayTotalRow, SiteTotalRow } from '../core/aggregates.ts';
import type { MetaKey, MetaRecord, RunRecord } from '../core/records.ts';
import { TEST_DB_STEP } from './test-build.ts';

export const DB_NAME = 'dwell';
/** = the number of upgrade steps in db/upgrades.ts (a unit test holds them equal); a test build
 *  (db/test-build.ts) has one more. */
export const DB_VERSION = TEST_DB_STEP ? 4 : 3;

export interface DwellDB extends DBSchema {
  events: { key: number; value: DwellEvent };
  meta: { key: MetaKey; value: MetaRecord };
  days: { key: [string, string]; value: DayRow; indexes: { byDomain: string } };
  siteTotals: { key: string; value: SiteTotalRow; indexes: { byMs: number } };
  dayTotals: { key: string; value: DayTotalRow };
  runs: { key: number; value: RunRecord };
}

export type StoreName = 'events' | 'meta' | 'days' | 'siteTotals' | 'dayTotals' | 'runs';
