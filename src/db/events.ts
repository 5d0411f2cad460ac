// The `events` store: the append-only log, keyed by seq.
import { inside, quiet, type Needs, type Tx } from './tx.ts';
import type { DwellEvent } from '../core/events.ts';
import type { StoreName } from './schema.ts';
import type { DwellDb } from './open.ts';

/** Appends events in one transaction; resolves when committed. */
export async function appendEvents(db: DwellDb, events: readonly DwellEvent[]): Promise<void> {
  const tx = db.transaction('events', 'readwrite');
  for (const e of events) quiet(tx.store.add(e));
  await tx.done;
}

export function readAfter<S extends StoreName[]>(tx: Tx<S> & Needs<S, 'events'>, watermark: number, limit: number): Promise<DwellEvent[]> {
  return inside(tx).objectStore('events').getAll(IDBKeyRange.lowerBound(watermark, true), limit);
}

export async function countAfter(db: DwellDb, watermark: number): Promise<number> {
  return db.count('events', IDBKeyRange.lowerBound(watermark, true));
}

/** Deletes raw events at or below `seq` whose time is before `cutoff`, at most `limit` of them.
 *  Returns how many were deleted. Seq order follows time closely enough to stop at the first kept one. */
export async function expireEvents(db: DwellDb, seq: number, cutoff: number, limit: number): Promise<number> {
  const tx = db.transaction('events', 'readwrite');
  let cursor = await tx.store.openCursor(IDBKeyRange.upperBound(seq));
  let last: number | null = null;
  let n = 0;
  while (cursor && n < limit && cursor.value.t < cutoff) {
    last = cursor.key;
    n += 1;
    cursor = await cursor.continue();
  }
  if (last !== null) quiet(tx.store.delete(IDBKeyRange.upperBound(last)));
  await tx.done;
  return n;
}
