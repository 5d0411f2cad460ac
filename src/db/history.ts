// Deleting history: one site, one day, everything, and history retention. Each is one
// transaction over the aggregates, their rollups, the cursor (the open visit's past time is
// dropped too) and the processed raw events (they hold the URLs being deleted). Before it
// deletes, the transaction folds whatever is still pending: time captured before the delete
// must not arrive afterwards from the backlog (whatever the lease or the batch flag did).
import { inside, quiet, txOf, type Needs, type Tx } from './tx.ts';
import type { StoreName } from './schema.ts';
import type { CursorRecord } from '../core/records.ts';
import type { DeleteScope } from '../core/api.ts';
import type { Day } from '../core/aggregates.ts';
import type { FoldState } from '../core/state.ts';
import { dayOf } from '../core/days.ts';
import type { DwellDb } from './open.ts';
import { dayRange, rebuildDayTotals, rebuildSiteTotals } from './aggregates.ts';
import { readCursor } from './meta.ts';
import { foldBacklog, type FoldOptions } from './fold-batch.ts';

/** The stores a delete (and a replacing import, which deletes everything first) runs over. */
export const DELETE_STORES = ['days', 'siteTotals', 'dayTotals', 'meta', 'events'] as const;

export interface Deleted {
  deletedDays: number;
  deletedRows: number;
}

/** The open visit keeps counting, but only from now: its earlier time belonged to what was deleted. */
function restartOpenVisit(state: FoldState, now: number): void {
  const v = state.visit;
  if (!v) return;
  const day = dayOf(now, v.runTz);
  Object.assign(v, { start: now, startDay: day, settled: {}, hours: {}, runStart: Math.max(now, v.runStart) });
  if (state.site) Object.assign(state.site, { startDay: day, ms: 0 });
}

type Wide = Tx<StoreName[], 'readwrite'>;

async function deleteAll(tx: Wide): Promise<Deleted & { touchesOpenVisit: boolean }> {
  const days = tx.objectStore('days');
  const [deletedRows, deletedDays] = await Promise.all([days.count(), tx.objectStore('dayTotals').count()]);
  await Promise.all([days.clear(), tx.objectStore('siteTotals').clear(), tx.objectStore('dayTotals').clear()]);
  return { deletedRows, deletedDays, touchesOpenVisit: true };
}

async function deleteSite(tx: Wide, site: string, state: FoldState): Promise<Deleted & { touchesOpenVisit: boolean }> {
  const days = tx.objectStore('days');
  const dayRows = await days.index('byDomain').getAll(site);
  for (const r of dayRows) quiet(days.delete([r.day, r.domain]));
  quiet(tx.objectStore('siteTotals').delete(site));
  await rebuildDayTotals(tx, dayRows.map((r) => r.day));
  return { deletedRows: dayRows.length, deletedDays: dayRows.length, touchesOpenVisit: state.visit?.domain === site };
}

async function deleteDay(tx: Wide, day: Day, state: FoldState): Promise<Deleted & { touchesOpenVisit: boolean }> {
  const days = tx.objectStore('days');
  const rows = await days.getAll(dayRange(day));
  await days.delete(dayRange(day));
  quiet(tx.objectStore('dayTotals').delete(day));
  await rebuildSiteTotals(tx, rows.map((r) => r.domain));
  const v = state.visit;
  return { deletedRows: rows.length, deletedDays: rows.length > 0 ? 1 : 0, touchesOpenVisit: !!v && (v.startDay <= day || Object.keys(v.settled).includes(day)) };
}

/** Inside a caller's transaction over DELETE_STORES: settle the backlog, delete the scope, restart
 *  the open visit if its past belonged to the scope, and drop the processed raw events. */
export async function deleteInTx<S extends StoreName[]>(tx: Tx<S, 'readwrite'> & Needs<S, (typeof DELETE_STORES)[number]>, scope: DeleteScope, now: number, opts: FoldOptions): Promise<Deleted> {
  const t = inside(tx);
  const cursor: CursorRecord = await foldBacklog(t, await readCursor(t), opts);
  const r = 'all' in scope ? await deleteAll(t) : 'site' in scope ? await deleteSite(t, scope.site, cursor.state) : await deleteDay(t, scope.day, cursor.state);
  if (r.touchesOpenVisit) {
    restartOpenVisit(cursor.state, now);
    quiet(t.objectStore('meta').put(cursor));
  }
  if (cursor.watermark > 0) await t.objectStore('events').delete(IDBKeyRange.upperBound(cursor.watermark));
  return { deletedDays: r.deletedDays, deletedRows: r.deletedRows };
}

export async function deleteHistory(db: DwellDb, scope: DeleteScope, now: number, opts: FoldOptions): Promise<Deleted> {
  const tx = txOf(db, [...DELETE_STORES], 'readwrite');
  const r = await deleteInTx(tx, scope, now, opts);
  await tx.done;
  return r;
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
