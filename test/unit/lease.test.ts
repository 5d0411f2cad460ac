// The aggregator's lease (src/background/lease.ts) at its edges: the instant it expires, and a
// lease its owner released.
import { describe, expect, it } from 'vitest';
import { acquireLease, holds, LEASE_TTL_MS, releaseLease } from '../../src/background/lease.ts';
import { openDwellDb } from '../../src/db/open.ts';

let dbs = 0;
const freshDb = () => openDwellDb(`lease-${++dbs}-${Date.now()}`);
const T0 = Date.parse('2024-03-10T10:00:00Z');

describe('lease', () => {
  it('worker-1 run 1 takes the lease at 10:00; its run 2 at the very ms it expires takes it over (not skipped)', async () => {
    const db = await freshDb();
    expect(await acquireLease(db, 'worker-1/1', T0)).toBe('acquired');
    expect(await acquireLease(db, 'worker-1/2', T0 + LEASE_TTL_MS - 1)).toBe('skipped');
    expect(await acquireLease(db, 'worker-1/2', T0 + LEASE_TTL_MS)).toBe('takenOver');
    expect(await db.get('meta', 'lease')).toEqual({ key: 'lease', owner: 'worker-1/2', acquiredAt: T0 + LEASE_TTL_MS, expiresAt: T0 + 2 * LEASE_TTL_MS });
  });

  it('a lease no longer holds at the ms it expires: its owner may not commit then', async () => {
    const lease = { key: 'lease' as const, owner: 'worker-1/1', acquiredAt: T0, expiresAt: T0 + LEASE_TTL_MS };
    expect(holds(lease, 'worker-1/1', T0 + LEASE_TTL_MS - 1)).toBe(true);
    expect(holds(lease, 'worker-1/1', T0 + LEASE_TTL_MS)).toBe(false);
  });

  it('run 1 takes the lease and releases it; run 2 a second later acquires it (nobody was taken over)', async () => {
    const db = await freshDb();
    expect(await acquireLease(db, 'worker-1/1', T0)).toBe('acquired');
    await releaseLease(db, 'worker-1/1');
    expect(await db.get('meta', 'lease')).toMatchObject({ owner: 'worker-1/1', expiresAt: 0 });
    expect(await acquireLease(db, 'worker-1/2', T0 + 1000)).toBe('acquired');
  });
});
