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

/** A reconnecting handle over database `name`, with every connection it opened and what it heard. */
async function watched(name: string, opts: { failReopens?: number; wait?: (ms: number) => Promise<void> } = {}) {
  const clock = new FakeClock();
  const heard: string[] = [];
  const opened: DwellDb[] = [];
  let failures = opts.failReopens ?? 0;
  const conn = await reconnecting(
    async () => {
      if (opened.length > 0 && failures-- > 0) throw new DOMException('quota', 'QuotaExceededError');
      const db = await openDwellDb(name);
      opened.push(db);
      return db;
    },
    clock,
    { lost: (at) => heard.push(`lost ${at}`), restored: (since, at) => heard.push(`restored ${since} ${at}`), retryFailed: () => heard.push('retry') },
    ...(opts.wait ? [opts.wait] : []),
  );
  return { conn, clock, heard, opened };
}

describe('reconnecting connection, again and again', () => {
  it('two outages one after the other: each is heard, lost and restored, and the handle works after both', async () => {
    const { conn, clock, heard, opened } = await watched(`conn-twice-${Date.now()}`);
    const t0 = clock.now();
    forceCloseDatabase(unwrap(opened[0]!) as never);
    await conn.settled();
    clock.advance(60_000);
    forceCloseDatabase(unwrap(opened[1]!) as never);
    await conn.settled();
    expect(heard).toEqual([`lost ${t0}`, `restored ${t0} ${t0}`, `lost ${t0 + 60_000}`, `restored ${t0 + 60_000} ${t0 + 60_000}`]);
    expect(opened).toHaveLength(3);
    expect(await conn.db.count('events')).toBe(0);
  });

  it('reopens that keep failing back off 250 ms, 1 s, 5 s, then 30 s each time', async () => {
    const waits: number[] = [];
    const { conn, opened } = await watched(`conn-backoff-${Date.now()}`, { failReopens: 6, wait: async (ms) => void waits.push(ms) });
    forceCloseDatabase(unwrap(opened[0]!) as never);
    await conn.settled();
    expect(waits).toEqual([250, 1_000, 5_000, 30_000, 30_000, 30_000]);
    expect(opened).toHaveLength(2);
  });

  it('without a wait of its own, a failed reopen is retried after a real 250 ms', async () => {
    const { conn, heard, opened } = await watched(`conn-default-wait-${Date.now()}`, { failReopens: 1 });
    forceCloseDatabase(unwrap(opened[0]!) as never);
    await conn.settled();
    expect(heard.slice(1, 2)).toEqual(['retry']);
    expect(heard.at(-1)).toMatch(/^restored /);
    expect(opened).toHaveLength(2);
  });

  it('the handle passes plain properties through: the database name and version', async () => {
    const name = `conn-props-${Date.now()}`;
    const { conn, opened } = await watched(name);
    expect(conn.db.name).toBe(name);
    expect(conn.db.version).toBe(opened[0]!.version);
    expect([...conn.db.objectStoreNames]).toContain('events');
  });

  it('a connection already replaced reports a close late: ignored, no second outage', async () => {
    const { conn, heard, opened } = await watched(`conn-late-${Date.now()}`);
    forceCloseDatabase(unwrap(opened[0]!) as never);
    await conn.settled();
    forceCloseDatabase(unwrap(opened[0]!) as never);
    await new Promise((r) => setTimeout(r, 20));
    await conn.settled();
    expect(heard).toHaveLength(2);
    expect(opened).toHaveLength(2);
  });
});
