// Folding events into the stored aggregates inside a caller's readwrite transaction: the
// aggregator's batches, and the backlog a delete or a replace-import settles before it acts
// (whatever the lease or the batch flag did, nothing of a deleted scope may arrive later).
import type { CursorRecord } from '../core/records.ts';
import type { StoreName } from './schema.ts';
import { inside, quiet, type Needs, type Tx } from './tx.ts';
import type { DwellEvent } from '../core/events.ts';
import { foldEvents } from '../core/fold.ts';
import { mergeContributions } from '../core/merge.ts';
import { countGaps } from '../core/sequence.ts';
import { checkEvents } from '../core/validate-event.ts';
import { applyDeltas } from './aggregates.ts';
import { readAfter } from './events.ts';

export interface FoldOptions {
  /** Count missing sequence numbers (failed writes) as gaps. */
  sequenceTracking: boolean;
}

export interface Folded {
  cursor: CursorRecord;
  events: number;
  gaps: number;
  corrupt: number;
}

/** Folds `raw` (the events right after the cursor's watermark, in seq order) and writes the
 *  aggregates and the new cursor. Corrupt records are skipped and counted; the watermark still
 *  moves past them, or they would be read again forever. */
/** The stores a fold writes: the aggregates, their rollups and the cursor. */
type Folds = 'meta' | 'days' | 'siteTotals' | 'dayTotals';

export async function foldBatch<S extends StoreName[]>(tx: Tx<S, 'readwrite'> & Needs<S, Folds>, cursor: CursorRecord, raw: readonly DwellEvent[], opts: FoldOptions): Promise<Folded> {
  const t = inside(tx);
  const { good, corrupt } = checkEvents(raw);
  const gaps = opts.sequenceTracking ? countGaps(cursor.state.lastSeq, good.map((e) => e.seq)) : 0;
  const { state, contributions } = foldEvents(cursor.state, good);
  state.counters.gaps += gaps;
  state.counters.corrupt += corrupt.length;
  const lastSeq = raw[raw.length - 1]!.seq;
  state.lastSeq = Math.max(state.lastSeq ?? 0, lastSeq);
  await applyDeltas(t, mergeContributions(contributions));
  const next: CursorRecord = { key: 'cursor', watermark: lastSeq, state };
  quiet(t.objectStore('meta').put(next));
  return { cursor: next, events: raw.length, gaps, corrupt: corrupt.length };
}

/** Folds everything above the watermark, `chunk` events per read, and returns the cursor after. */
export async function foldBacklog<S extends StoreName[]>(tx: Tx<S, 'readwrite'> & Needs<S, Folds | 'events'>, cursor: CursorRecord, opts: FoldOptions, chunk = 1000): Promise<CursorRecord> {
  const t = inside(tx);
  let at = cursor;
  for (;;) {
    const raw = await readAfter(t, at.watermark, chunk);
    if (raw.length === 0) return at;
    at = (await foldBatch(t, at, raw, opts)).cursor;
    if (raw.length < chunk) return at;
  }
}
