// The aggregator: folds events above the watermark in bounded batches. Each batch is ONE
// readwrite transaction that checks the lease (fencing), reads ≤ batchSize events, folds them,
// and writes aggregates + cursor (watermark, fold state) + lease renewal, and deletes the folded
// events when no raw retention is kept. A crash anywhere leaves the old or the new state.
import { quiet, txOf } from '../db/tx.ts';
import type { DwellDb } from '../db/open.ts';
import type { RunSummary } from '../core/api.ts';
import type { Settings } from '../settings/defaults.ts';
import { foldBatch } from '../db/fold-batch.ts';
import { readCursor, readLease } from '../db/meta.ts';
import { readAfter } from '../db/events.ts';
import { holds, LEASE_TTL_MS } from './lease.ts';

export interface BatchContext {
  db: DwellDb;
  owner: string;
  now: () => number;
  flags: Settings;
  locked: boolean;
}

export type BatchResult =
  | { kind: 'done'; events: number; gaps: number; reconstructed: number; recoveries: number; corrupt: number }
  | { kind: 'fenced' };

export async function runBatch(ctx: BatchContext): Promise<BatchResult> {
  const tx = txOf(ctx.db, ['events', 'meta', 'days', 'siteTotals', 'dayTotals'], 'readwrite');
  const [lease, cursor] = await Promise.all([readLease(tx), readCursor(tx)]);
  const now = ctx.now();
  if (ctx.locked && !holds(lease, ctx.owner, now)) {
    // A zombie (our lease expired or was taken over) must not commit anything.
    tx.abort();
    await tx.done.catch(() => undefined);
    return { kind: 'fenced' };
  }
  const raw = await readAfter(tx, cursor.watermark, ctx.flags.batchSize);
  if (raw.length === 0) {
    await tx.done;
    return { kind: 'done', events: 0, gaps: 0, reconstructed: 0, recoveries: 0, corrupt: 0 };
  }
  const before = cursor.state.counters;
  const folded = await foldBatch(tx, cursor, raw, { sequenceTracking: ctx.flags.sequenceTracking });
  const { state, watermark: lastSeq } = folded.cursor;
  if (ctx.locked && lease) quiet(tx.objectStore('meta').put({ ...lease, expiresAt: now + LEASE_TTL_MS }));
  // Bounded below by the old watermark: an open-ended range would walk every key ever deleted
  // below it (measured: the largest cost of a batch, growing through a drain).
  if (ctx.flags.rawEventRetentionDays === 0) quiet(tx.objectStore('events').delete(IDBKeyRange.bound(cursor.watermark, lastSeq, true, false)));
  await tx.done;
  return {
    kind: 'done',
    events: raw.length,
    gaps: folded.gaps,
    reconstructed: state.counters.reconstructed - before.reconstructed,
    recoveries: state.counters.recoveries - before.recoveries,
    corrupt: folded.corrupt,
  };
}

export interface DrainResult extends Omit<RunSummary, 'lock' | 'durationMs'> {
  fenced: boolean;
  corrupt: number;
}

/** Runs batches until the backlog is drained (or one batch when batchProcessing is off). */
export async function drain(ctx: BatchContext, betweenBatches?: () => Promise<void>): Promise<DrainResult> {
  const r: DrainResult = { events: 0, batches: 0, gaps: 0, reconstructed: 0, recoveries: 0, more: false, fenced: false, corrupt: 0 };
  for (;;) {
    const b = await runBatch(ctx);
    if (b.kind === 'fenced') {
      r.fenced = true;
      return r;
    }
    if (b.events === 0) return r;
    r.batches += 1;
    r.events += b.events;
    r.gaps += b.gaps;
    r.reconstructed += b.reconstructed;
    r.recoveries += b.recoveries;
    r.corrupt += b.corrupt;
    if (b.events < ctx.flags.batchSize) return r;
    if (!ctx.flags.batchProcessing) {
      r.more = true;
      return r;
    }
    if (betweenBatches) await betweenBatches();
  }
}

