// The persisted lease lock: one aggregator at a time, like SKIP LOCKED. A lease whose owner is a
// previous worker instance is dead at once (only one worker of an extension runs at a time); a
// lease past expiresAt is taken over. Every batch re-checks it (fencing, see aggregator.ts).
import { quiet, txOf } from '../db/tx.ts';
import type { DwellDb } from '../db/open.ts';
import type { LeaseRecord, LockOutcome } from '../core/records.ts';
import { readLease } from '../db/meta.ts';

export const LEASE_TTL_MS = 60_000;

export const instanceOf = (owner: string): string => owner.split('/')[0] ?? owner;

export function isLive(lease: LeaseRecord | null, now: number): boolean {
  return !!lease && lease.expiresAt > now;
}

export async function acquireLease(db: DwellDb, owner: string, now: number, ttlMs = LEASE_TTL_MS): Promise<LockOutcome> {
  const tx = txOf(db, ['meta'], 'readwrite');
  const cur = await readLease(tx);
  let outcome: LockOutcome;
  if (!cur || !isLive(cur, now)) outcome = cur && cur.expiresAt > 0 ? 'takenOver' : 'acquired';
  else if (instanceOf(cur.owner) !== instanceOf(owner)) outcome = 'takenOver';
  else outcome = 'skipped';
  if (outcome !== 'skipped') quiet(tx.objectStore('meta').put({ key: 'lease', owner, acquiredAt: now, expiresAt: now + ttlMs }));
  await tx.done;
  return outcome;
}

/** True if `owner` may commit now (checked inside the batch transaction). */
export function holds(lease: LeaseRecord | null, owner: string, now: number): boolean {
  return !!lease && isLive(lease, now) && lease.owner === owner;
}

export async function releaseLease(db: DwellDb, owner: string): Promise<void> {
  const tx = txOf(db, ['meta'], 'readwrite');
  const cur = await readLease(tx);
  if (cur && cur.owner === owner) quiet(tx.objectStore('meta').put({ ...cur, expiresAt: 0 }));
  await tx.done;
}
