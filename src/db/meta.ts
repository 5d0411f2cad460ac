// The `meta` store: cursor (watermark + fold state), lease, sequence generation, recent errors.
import { inside, quiet, type Needs, type Tx } from './tx.ts';
import type { StoreName } from './schema.ts';
import type { CursorRecord, ErrorEntry, GenerationRecord, LeaseRecord, MetaRecord } from '../core/records.ts';
import type { DwellDb } from './open.ts';
import { initialState, migrateFoldState } from '../core/state.ts';

export const emptyCursor = (): CursorRecord => ({ key: 'cursor', watermark: 0, state: initialState() });

export async function readCursor<S extends StoreName[]>(tx: Tx<S> & Needs<S, 'meta'>): Promise<CursorRecord> {
  const rec = await inside(tx).objectStore('meta').get('cursor');
  return rec?.key === 'cursor' ? { ...rec, state: migrateFoldState(rec.state as unknown as Record<string, unknown>) } : emptyCursor();
}

export async function readLease<S extends StoreName[]>(tx: Tx<S> & Needs<S, 'meta'>): Promise<LeaseRecord | null> {
  const rec = await inside(tx).objectStore('meta').get('lease');
  return rec?.key === 'lease' ? rec : null;
}

/** The generation record as stored. `rollovers` counts generations that ran out of numbers and went
 *  on in a successor taken in advance (background/recorder.ts); databases from before have none.
 *  (Kept here, beside the only code that writes it, until core/records.ts gives it a home.) */
type StoredGeneration = GenerationRecord & { rollovers?: number };

const generationIn = (rec: MetaRecord | undefined): StoredGeneration => (rec?.key === 'generation' ? rec : { key: 'generation', value: 0 });

/** Takes the next sequence generation in its own committed transaction, so numbers handed out
 *  from it are never reused even if every later write fails. A worker takes one at start, and its
 *  recorder takes the successor of a generation long before that one runs out. */
export async function nextGeneration(db: DwellDb): Promise<number> {
  const tx = db.transaction('meta', 'readwrite');
  const rec = generationIn(await tx.store.get('generation'));
  const next: StoredGeneration = { ...rec, value: rec.value + 1 };
  quiet(tx.store.put(next));
  await tx.done;
  return next.value;
}

/** A generation ran out and its successor took over. Only counted, for diagnostics: where the old
 *  one ended is stated in the log itself (the seal event), so a failure here loses nothing. */
export async function countRollover(db: DwellDb): Promise<void> {
  const tx = db.transaction('meta', 'readwrite');
  const rec = generationIn(await tx.store.get('generation'));
  const next: StoredGeneration = { ...rec, rollovers: (rec.rollovers ?? 0) + 1 };
  quiet(tx.store.put(next));
  await tx.done;
}

/** The last generation handed out, and how many generations rolled over into a successor. */
export async function readGeneration(db: DwellDb): Promise<{ generation: number; rollovers: number }> {
  const rec = generationIn(await db.get('meta', 'generation'));
  return { generation: rec.value, rollovers: rec.rollovers ?? 0 };
}

const MAX_ERRORS = 30;

/** Best effort: an error log that cannot be written (full quota) must not throw again. */
export async function logError(db: DwellDb, where: string, err: unknown, at: number): Promise<void> {
  const entry: ErrorEntry = { at, where, message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  try {
    const tx = db.transaction('meta', 'readwrite');
    const rec = await tx.store.get('errors');
    const recent = rec?.key === 'errors' ? rec.recent : [];
    quiet(tx.store.put({ key: 'errors', recent: [...recent, entry].slice(-MAX_ERRORS) }));
    await tx.done;
  } catch {
    // nothing more we can do; the run record and console still show it
  }
}

export async function readErrors(db: DwellDb): Promise<ErrorEntry[]> {
  const rec = await db.get('meta', 'errors');
  return rec?.key === 'errors' ? rec.recent : [];
}
