// The browser closes the worker's database connection (a full disk does): the same handle works
// again once a new connection is open, and the engine hears when the outage began and ended.
import { describe, expect, it } from 'vitest';
import { forceCloseDatabase } from 'fake-indexeddb';
import { unwrap } from 'idb';
import { openDwellDb, type DwellDb } from '../../src/db/open.ts';
import { reconnecting } from '../../src/background/connection.ts';
import { FakeClock } from '../fixtures/fake-browser.ts';

describe('reconnecting connection', () => {
  it('closed by the browser: writes fail during the outage, then the same handle writes again', async () => {
    const name = `conn-${Date.now()}`;
    const clock = new FakeClock();
    const heard: string[] = [];
    let opened: DwellDb[] = [];
    const conn = await reconnecting(
      async () => {
        const db = await openDwellDb(name);
        opened = [...opened, db];
        return db;
      },
      clock,
      { lost: (at) => heard.push(`lost ${at}`), restored: (since, at) => heard.push(`restored ${since} ${at}`), retryFailed: () => heard.push('retry') },
    );
    await conn.db.put('meta', { key: 'retention', day: '2024-03-10' });
    const t0 = clock.now();
    forceCloseDatabase(unwrap(opened[0]!) as never);
    clock.advance(1_000);
    await conn.settled();
    expect(heard).toEqual([`lost ${t0}`, `restored ${t0} ${t0 + 1_000}`]);
    await conn.db.put('meta', { key: 'retention', day: '2024-03-11' });
    expect(await conn.db.get('meta', 'retention')).toEqual({ key: 'retention', day: '2024-03-11' });
    expect(opened).toHaveLength(2);
  });

  it('a reopen that fails is retried until it works', async () => {
    const name = `conn-retry-${Date.now()}`;
    const clock = new FakeClock();
    let failures = 2;
    let first: DwellDb | null = null;
    const retried: unknown[] = [];
    const waits: number[] = [];
    const conn = await reconnecting(
      async () => {
        if (first && failures-- > 0) throw new DOMException('quota', 'QuotaExceededError');
        const db = await openDwellDb(name);
        first ??= db;
        return db;
      },
      clock,
      { lost: () => undefined, restored: () => undefined, retryFailed: (e) => retried.push(e) },
      async (ms) => void waits.push(ms),
    );
    forceCloseDatabase(unwrap(first!) as never);
    await conn.settled();
    expect(retried).toHaveLength(2);
    expect(waits).toEqual([250, 1_000]);
    expect(await conn.db.count('events')).toBe(0);
  });
});
