// The `runs` store: one record per aggregator run, for the diagnostics panel.
import { quiet } from './tx.ts';
import type { RunRecord } from '../core/records.ts';
import type { DwellDb } from './open.ts';

const KEEP = 100;

export async function addRun(db: DwellDb, run: RunRecord): Promise<void> {
  const tx = db.transaction('runs', 'readwrite');
  const id = await tx.store.add(run);
  if (id > KEEP) quiet(tx.store.delete(IDBKeyRange.upperBound(id - KEEP)));
  await tx.done;
}

export async function recentRuns(db: DwellDb, n: number): Promise<RunRecord[]> {
  const out: RunRecord[] = [];
  let cursor = await db.transaction('runs').store.openCursor(null, 'prev');
  while (cursor && out.length < n) {
    out.push(cursor.value);
    cursor = await cursor.continue();
  }
  return out;
}
