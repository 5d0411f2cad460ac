// Issue 12 item 3: a full disk makes Chrome close the worker's database connection. Dwell reopens
// it, records the outage (an error, an `outage` event, a snapshot) and counts it to nobody.
import { describe, expect, it, vi } from 'vitest';
import { forceCloseDatabase } from 'fake-indexeddb';
import { unwrap } from 'idb';
import { openDwellDb, type DwellDb } from '../../src/db/open.ts';
import { reconnecting } from '../../src/background/connection.ts';
import { createEngine } from '../../src/background/engine.ts';
import type { Engine } from '../../src/background/engine-types.ts';
import { FakeWorld } from '../fixtures/fake-browser.ts';
import { Machine, sec } from '../fixtures/machine.ts';

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

describe('what the worker records when the connection reports an outage (as connection.ts reports it)', () => {
  async function reading() {
    const m = new Machine({ start: '2024-03-10T10:00:00Z' });
    await m.wakeWorker();
    m.browser.openTab(m.browser.openWindow(), 'https://a.test/x', 'A');
    await m.engine.flush();
    return m;
  }
  const connectionErrors = async (m: Machine) =>
    (await m.ok({ type: 'diagnostics' })).errors.filter((e) => e.where === 'database connection').map((e) => /after (\d+) failed attempt/.exec(e.message)?.[1]);
  const eventsAfter = async (m: Machine, t: number) => (await m.db.getAll('events')).filter((e) => e.t >= t).map((e) => ({ k: e.k, t: e.t }));

  it('two outages, the first with 2 failed reopens, the second with none: each error counts its own attempts', async () => {
    const m = await reading();
    for (const failures of [2, 0]) {
      const since = m.clock.now();
      m.engine.connection.lost(since);
      for (let i = 0; i < failures; i++) m.engine.connection.retryFailed(new DOMException('disk full', 'QuotaExceededError'));
      m.clock.advance(10_000);
      m.engine.connection.restored(since, m.clock.now());
      await m.engine.flush();
    }
    expect(await connectionErrors(m)).toEqual(['2', '0']);
  });

  it('the reopen worked at 10:00:30 but is reported 5 s later: the outage event is dated at the report, not before it', async () => {
    const m = await reading();
    const since = m.clock.now();
    m.engine.connection.lost(since);
    const until = since + 30_000;
    m.clock.set(until + 5_000);
    m.engine.connection.restored(since, until);
    await m.engine.flush();
    expect(await eventsAfter(m, since + 1)).toEqual([
      { k: 'outage', t: until + 5_000 },
      { k: 'idle', t: until + 5_000 },
      { k: 'snapshot', t: until + 5_000 },
    ]);
  });

  it('tracking paused during the outage: the outage is recorded, and no snapshot', async () => {
    const m = await reading();
    await m.ok({ type: 'setPaused', paused: true });
    const since = m.clock.now();
    m.engine.connection.lost(since);
    m.clock.advance(30_000);
    m.engine.connection.restored(since, m.clock.now());
    await m.engine.flush();
    expect(await eventsAfter(m, since + 1)).toEqual([{ k: 'outage', t: since + 30_000 }]);
  });

  it('the browser cannot be asked what is in front after the outage: "snapshot after an outage" in the error log', async () => {
    const m = await reading();
    const since = m.clock.now();
    m.engine.connection.lost(since);
    m.clock.advance(30_000);
    m.browser.activeTabs = () => Promise.reject(new Error('the browser is shutting down'));
    m.engine.connection.restored(since, m.clock.now());
    await m.engine.flush();
    await vi.waitFor(async () => expect((await m.ok({ type: 'diagnostics' })).errors.map((e) => e.where)).toContain('snapshot after an outage'));
  });
});
