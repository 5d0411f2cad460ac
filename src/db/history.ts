// Deleting history: one site, one day, everything, and history retention. Each is one
// transaction over the aggregates, their rollups, the cursor (the open visit's past time is
// dropped too) and the processed raw events (they hold the URLs being deleted).
import { quiet } from './schema.ts';
import type { DeleteScope } from '../core/api.ts';
import type { Day } from '../core/aggregates.ts';
import type { FoldState } from '../core/state.ts';
import { dayOf } from '../core/days.ts';
import { txOf, type AnyTx } from './schema.ts';
import type { DwellDb } from './open.ts';
import { dayRange, rebuildDayTotals, rebuildSiteTotals } from './aggregates.ts';
import { readCursor } from './meta.ts';

const STORES = ['days', 'siteTotals', 'dayTotals', 'meta', 'events'] as const;

/** The open visit keeps counting, but only from now: its earlier time belonged to what was deleted. */
function restartOpenVisit(state: FoldState, now: number): void {
  const v = state.visit;
  if (!v) return;
  const day = dayOf(now, v.runTz);
  Object.assign(v, { start: now, startDay: day, settled: {}, runStart: Math.max(now, v.runStart) });
  if (state.site) Object.assign(state.site, { startDay: day, ms: 0 });
}

async function purgeProcessedEvents(tx: AnyTx<'readwrite'>, watermark: number): Promise<void> {
  if (watermark > 0) await tx.objectStore('events').delete(IDBKeyRange.upperBound(watermark));
}

export async function deleteHistory(db: DwellDb, scope: DeleteScope, now: number): Promise<{ deletedDays: number; deletedRows: number }> {
  const tx = txOf(db, [...STORES], 'readwrite');
  const days = tx.objectStore('days');
  const cursor = await readCursor(tx);
  let deletedRows: number;
  let deletedDays: number;
  let touchesOpenVisit: boolean;
  if ('all' in scope) {
    deletedRows = await days.count();
    deletedDays = await tx.objectStore('dayTotals').count();
    await Promise.all([days.clear(), tx.objectStore('siteTotals').clear(), tx.objectStore('dayTotals').clear()]);
    touchesOpenVisit = true;
  } else if ('site' in scope) {
    const dayRows = await days.index('byDomain').getAll(scope.site);
    for (const r of dayRows) quiet(days.delete([r.day, r.domain]));
    deletedRows = dayRows.length;
    deletedDays = dayRows.length;
    quiet(tx.objectStore('siteTotals').delete(scope.site));
    await rebuildDayTotals(tx, dayRows.map((r) => r.day));
    touchesOpenVisit = cursor.state.visit?.domain === scope.site;
  } else {
    const rows = await days.getAll(dayRange(scope.day));
    await days.delete(dayRange(scope.day));
    quiet(tx.objectStore('dayTotals').delete(scope.day));
    await rebuildSiteTotals(tx, rows.map((r) => r.domain));
    deletedRows = rows.length;
    deletedDays = rows.length > 0 ? 1 : 0;
    const v = cursor.state.visit;
    touchesOpenVisit = !!v && (v.startDay <= scope.day || Object.keys(v.settled).includes(scope.day));
  }
  if (touchesOpenVisit) {
    restartOpenVisit(cursor.state, now);
    quiet(tx.objectStore('meta').put(cursor));
  }
  await purgeProcessedEvents(tx, cursor.watermark);
  await tx.done;
  return { deletedDays, deletedRows };
}

/** Deletes aggregated days before `cutoff` (history retention). */
export async function expireHistory(db: DwellDb, cutoff: Day): Promise<number> {
  const tx = txOf(db, ['days', 'siteTotals', 'dayTotals'], 'readwrite');
  const range = IDBKeyRange.upperBound([cutoff, ''], true);
  const old = await tx.objectStore('days').getAll(range);
  if (old.length > 0) {
    await tx.objectStore('days').delete(range);
    await tx.objectStore('dayTotals').delete(IDBKeyRange.upperBound(cutoff, true));
    await rebuildSiteTotals(tx, old.map((r) => r.domain));
  }
  await tx.done;
  return old.length;
}
