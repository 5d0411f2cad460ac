// Issue 12 item 3: a full disk makes Chrome close the worker's database connection. Dwell reopens
// it, records the outage (an error, an `outage` event, a snapshot) and counts it to nobody.
import { describe, expect, it } from 'vitest';
import { forceCloseDatabase } from 'fake-indexeddb';
import { unwrap } from 'idb';
import { openDwellDb, type DwellDb } from '../../src/db/open.ts';
import { reconnecting } from '../../src/background/connection.ts';
import { createEngine } from '../../src/background/engine.ts';
import type { Engine } from '../../src/background/engine-types.ts';
import { FakeWorld } from '../fixtures/fake-browser.ts';
import { sec } from '../fixtures/machine.ts';

describe('a database connection closed by the browser (full disk)', () => {
  it('tab A 20 s, the disk fills and the connection closes, 30 s outage, space freed: A gets 20 s, not 50; an outage event, an error, counted; commands work again', async () => {
    const world = new FakeWorld();
    const { clock, browser } = world;
    let diskFull = false;
    let freeSpace = (): void => undefined;
    let first: DwellDb | null = null;
    let engine: Engine | null = null;
    const name = `outage-${Date.now()}`;
    const conn = await reconnecting(
      async () => {
        if (diskFull) throw new DOMException('disk full', 'QuotaExceededError');
        const db = await openDwellDb(name);
        first ??= db;
        return db;
      },
      clock,
      { lost: (at) => engine!.connection.lost(at), restored: (since, at) => engine!.connection.restored(since, at), retryFailed: (err) => engine!.connection.retryFailed(err) },
      () => new Promise<void>((resolve) => (freeSpace = resolve)),
    );
    engine = createEngine(world.deps(conn.db));
    browser.connect(engine.capture);
    await engine.start();
    const win = browser.openWindow();
    browser.openTab(win, 'https://a.test/x', 'A');
    await engine.flush();

    clock.advance(20_000);
    diskFull = true;
    forceCloseDatabase(unwrap(first!) as never);
    clock.advance(15_000);
    engine.capture.heartbeat(clock.now()); // lost: the write fails, its number a gap
    await engine.flush();
    clock.advance(15_000);
    diskFull = false;
    freeSpace();
    await conn.settled();
    await engine.flush();

    const q = await engine.handle({ type: 'query', range: 'all', pages: true, now: clock.now() });
    expect(q.ok && sec(q.result, 'a.test')).toBe(20);
    const log = await conn.db.getAll('events');
    expect(log.filter((e) => e.k === 'outage').map((e) => e.k === 'outage' && [e.since, e.until])).toEqual([[clock.now() - 30_000, clock.now()]]);
    expect(log.at(-1)?.k).toBe('snapshot');

    clock.advance(10_000);
    engine.capture.heartbeat(clock.now());
    await engine.aggregate('test');
    const later = await engine.handle({ type: 'query', range: 'all', pages: true, now: clock.now() });
    expect(later.ok && sec(later.result, 'a.test')).toBe(30);
    const d = await engine.handle({ type: 'diagnostics' });
    if (!d.ok) throw new Error(d.error);
    expect(d.result.counters.outages).toBe(1);
    expect(d.result.counters.gaps).toBeGreaterThanOrEqual(1);
    expect(d.result.errors.find((e) => e.where === 'database connection')?.message).toMatch(/closed by the browser .* reopened 30000 ms later after 1 failed attempt/);
  });
});
