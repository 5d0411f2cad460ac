// One aggregator run: lease (if the flag is on), drain the backlog in batches, expire raw events
// and old history, release, and record the run for diagnostics.
import type { RunSummary } from '../core/api.ts';
import { DAY_MS, addDays, dayOf } from '../core/days.ts';
import type { DwellDb } from '../db/open.ts';
import type { LockOutcome, RunRecord } from '../core/records.ts';
import { expireEvents } from '../db/events.ts';
import { expireHistory } from '../db/history.ts';
import { logError, readCursor } from '../db/meta.ts';
import { addRun } from '../db/runs.ts';
import { txOf } from '../db/tx.ts';
import type { Settings } from '../settings/defaults.ts';
import { drain, type DrainResult } from './aggregator.ts';
import { acquireLease, releaseLease } from './lease.ts';
import type { Clock } from './ports.ts';

export interface RunDeps {
  db: DwellDb;
  clock: Clock;
  flags: Settings;
  owner: string;
  trigger: string;
  betweenBatches?: () => Promise<void>;
}

const EXPIRE_PER_RUN = 20_000;

export async function runAggregator(d: RunDeps): Promise<RunSummary> {
  const start = d.clock.now();
  const errors: string[] = [];
  let lock: LockOutcome = 'unlocked';
  let r: DrainResult = { events: 0, batches: 0, gaps: 0, reconstructed: 0, recoveries: 0, more: false, fenced: false, corrupt: 0 };
  let failure: Error | null = null;
  try {
    if (d.flags.processingLock) lock = await acquireLease(d.db, d.owner, start);
    if (lock !== 'skipped') {
      r = await drain({ db: d.db, owner: d.owner, now: () => d.clock.now(), flags: d.flags, locked: d.flags.processingLock }, d.betweenBatches);
      if (r.fenced) errors.push('lease lost to another run: stopped without committing');
      if (r.corrupt > 0) errors.push(`${r.corrupt} corrupt event(s) skipped`);
      if (!r.fenced) await expire(d);
    }
  } catch (err) {
    failure = err instanceof Error ? err : new Error(String(err));
    errors.push(`${failure.name}: ${failure.message}`);
  } finally {
    if (d.flags.processingLock && lock !== 'skipped') await releaseLease(d.db, d.owner).catch(() => undefined);
  }
  const end = d.clock.now();
  const summary: RunSummary = { lock, events: r.events, batches: r.batches, durationMs: Math.max(0, end - start), gaps: r.gaps, reconstructed: r.reconstructed, recoveries: r.recoveries, more: r.more };
  const record: RunRecord = { ...summary, start, end, errors, trigger: d.trigger };
  await addRun(d.db, record).catch(() => undefined);
  for (const e of errors) await logError(d.db, `aggregate (${d.trigger})`, e, end);
  if (failure) throw failure;
  return summary;
}

async function expire(d: RunDeps): Promise<void> {
  const now = d.clock.now();
  // Also with retention 0: events kept under an earlier, longer retention must go too (the
  // batch itself only deletes what it folded).
  const tx = txOf(d.db, ['meta'], 'readonly');
  const { watermark } = await readCursor(tx);
  await tx.done;
  const days = d.flags.rawEventRetentionDays;
  await expireEvents(d.db, watermark, days > 0 ? now - days * DAY_MS : Number.POSITIVE_INFINITY, EXPIRE_PER_RUN);
  if (d.flags.historyRetentionDays > 0) {
    const today = dayOf(now, d.clock.tzOffset(now));
    const last = await d.db.get('meta', 'retention');
    if (last?.key === 'retention' && last.day === today) return;
    await expireHistory(d.db, addDays(today, -d.flags.historyRetentionDays));
    await d.db.put('meta', { key: 'retention', day: today });
  }
}
