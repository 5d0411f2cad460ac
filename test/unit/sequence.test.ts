// Sequence numbers: strictly increasing across worker restarts, never reused after a failed write
// (the lost number stays a gap and the aggregator reports it); and what is never written at all:
// excluded sites and incognito tabs leave no trace in the raw log, yet switching to them still
// ends the visit before.
import { afterEach, describe, expect, it } from 'vitest';
import { generationOf, seqOf, type DwellEvent } from '../../src/core/events.ts';
import { countGaps } from '../../src/core/sequence.ts';
import { FakeWorld, type TestWorker } from '../fixtures/fake-browser.ts';
import { armCrashAt, armFailureAt, disarm, lastCrash } from '../fixtures/faults.ts';
import { SECOND } from '../fixtures/story.ts';

let dbCounter = 0;
const freshDb = (): string => `sequence-${++dbCounter}-${Date.now()}`;
const workers: Array<{ world: FakeWorld; worker: TestWorker }> = [];

async function spawn(world: FakeWorld, dbName: string): Promise<TestWorker> {
  const worker = await world.spawnLiveWorker(dbName);
  workers.push({ world, worker });
  return worker;
}

afterEach(() => {
  disarm();
  for (const { world, worker } of workers.splice(0)) world.retire(worker);
});

const beat = { k: 'beat', scheduled: null } as const;

async function seqsInLog(worker: TestWorker): Promise<number[]> {
  return (await worker.db.getAllKeys('events')).map(Number);
}

describe('sequence numbers', () => {
  it('increase strictly in the order record() was called, also when calls overlap', async () => {
    const world = new FakeWorld();
    const w = await spawn(world, freshDb());
    // Ten signals in one tick, as when Chrome dispatches a burst of listeners.
    const pending = Array.from({ length: 10 }, (_, i) => {
      world.clock.advance(i % 3 === 0 ? 0 : SECOND);
      return w.engine.record({ k: 'focus', windowId: i });
    });
    const seqs = await Promise.all(pending);
    expect(seqs.every((s) => s !== null)).toBe(true);
    expect([...seqs].sort((a, b) => a! - b!)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(10);
    // And the log holds them in that order: seq order = call order.
    const log: DwellEvent[] = await w.db.getAll('events');
    const focuses = log.filter((e) => e.k === 'focus').map((e) => (e.k === 'focus' ? e.windowId : -9));
    expect(focuses).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('keep increasing across worker restarts and browser restarts (each worker a new generation)', async () => {
    const world = new FakeWorld();
    const db = freshDb();
    const all: number[] = [];
    for (let life = 0; life < 4; life++) {
      if (life === 2) world.restartBrowser();
      const w = await spawn(world, db);
      for (let i = 0; i < 3; i++) {
        world.clock.advance(SECOND);
        all.push((await w.engine.record(beat))!);
      }
      world.retire(w);
    }
    expect(all.every((s) => Number.isInteger(s))).toBe(true);
    for (let i = 1; i < all.length; i++) expect(all[i]).toBeGreaterThan(all[i - 1]!);
    expect(new Set(all.map(generationOf)).size).toBe(4);
    const w = await spawn(world, db);
    const stored = await seqsInLog(w);
    expect(stored).toEqual([...stored].sort((a, b) => a - b));
    for (const s of all) expect(stored).toContain(s);
  });

  it('a failed write leaves its number unused: later events get later numbers, the gap is reported', async () => {
    const world = new FakeWorld();
    const w = await spawn(world, freshDb());
    const before = await w.engine.record(beat);
    armFailureAt(1, (method, store) => method === 'add' && store === 'events');
    const failed = w.engine.record(beat);
    const after1 = w.engine.record(beat);
    const after2 = w.engine.record(beat);
    expect(await failed).toBeNull();
    const ok1 = await after1;
    const ok2 = await after2;
    expect(before).not.toBeNull();
    expect(ok1).not.toBeNull();
    // The failed event took before+1; nothing reuses it.
    expect(ok1).toBe(before! + 2);
    expect(ok2).toBe(before! + 3);
    const stored = await seqsInLog(w);
    expect(stored).not.toContain(before! + 1);

    const run = await w.engine.aggregate('test');
    expect(run.gaps).toBe(1);
    const diag = await w.engine.handle({ type: 'diagnostics' });
    expect(diag.ok && diag.result.counters.gaps).toBe(1);
    // The failure is on record for diagnostics.
    expect(diag.ok && diag.result.errors.some((e) => e.message.includes('WriteFault'))).toBe(true);
  });

  it('with sequenceTracking off the same failed write is not reported as a gap', async () => {
    const world = new FakeWorld({ flags: { sequenceTracking: false } });
    const w = await spawn(world, freshDb());
    await w.engine.record(beat);
    armFailureAt(1, (method, store) => method === 'add' && store === 'events');
    expect(await w.engine.record(beat)).toBeNull();
    await w.engine.record(beat);
    expect((await w.engine.aggregate('test')).gaps).toBe(0);
  });

  it('a worker restart is not a gap: a new generation starts where nothing was lost', async () => {
    const world = new FakeWorld();
    const db = freshDb();
    const first = await spawn(world, db);
    await first.engine.record(beat);
    expect((await first.engine.aggregate('test')).gaps).toBe(0);
    world.retire(first);
    const second = await spawn(world, db);
    world.clock.advance(SECOND);
    await second.engine.record(beat);
    const run = await second.engine.aggregate('test');
    expect(run.events).toBeGreaterThan(0);
    expect(run.gaps).toBe(0);
  });

  it('a worker killed mid-write: its seq is never handed out again by the next worker', async () => {
    const world = new FakeWorld();
    const db = freshDb();
    const w1 = await spawn(world, db);
    const ok = await w1.engine.record(beat);
    armCrashAt(1);
    const lost = await w1.engine.record(beat);
    expect(lost).toBeNull();
    expect(lastCrash()?.store).toBe('events');
    expect(w1.dead).toBe(true);
    world.retire(w1);
    const w2 = await spawn(world, db);
    const next = await w2.engine.record(beat);
    // The number the dead worker had taken (ok + 1) is neither in the log nor handed out again.
    expect(next).toBeGreaterThan(ok! + 1);
    expect(generationOf(next!)).toBeGreaterThan(generationOf(ok!));
    expect(await seqsInLog(w2)).not.toContain(ok! + 1);
  });
});

// The count itself (core/sequence.ts), on the numbers a log holds: the aggregator adds it to the
// diagnostics' lost-write count, so each missing number must count once, no more and no less.
describe('counting lost writes from sequence numbers', () => {
  it('a new worker whose first three writes failed: its first stored event has index 3, so 3 are lost', () => {
    expect(countGaps(null, [seqOf(4, 3), seqOf(4, 4)])).toBe(3);
  });

  it('generation 0 ended at index 9, generation 1 starts at index 2: two lost, whatever index the old one reached', () => {
    expect(countGaps(seqOf(0, 9), [seqOf(1, 2)])).toBe(2);
    expect(countGaps(seqOf(0, 1), [seqOf(1, 2), seqOf(1, 5)])).toBe(2 + 2);
  });

  it('a clean new generation after a busy one loses nothing', () => {
    expect(countGaps(seqOf(2, 500), [seqOf(3, 0), seqOf(3, 1)])).toBe(0);
  });
});

describe('what never reaches the raw log', () => {
  async function rawLog(worker: TestWorker): Promise<string> {
    return JSON.stringify(await worker.db.getAll('events'));
  }

  it('an excluded site leaves no url or title, and switching to it ends the visit before', async () => {
    const world = new FakeWorld({ flags: { excludedSites: ['*.bank.test'] } });
    const w = await spawn(world, freshDb());
    const { browser, clock } = world;
    const win = browser.openWindow();
    browser.openTab(win, 'https://a.test/x', 'Reading');
    await w.engine.flush();
    clock.advance(20 * SECOND);
    const bank = browser.openTab(win, 'https://www.bank.test/account?token=s3cr3t', 'My Bank Account');
    await w.engine.flush();
    clock.advance(10 * SECOND);
    browser.navigate(bank, 'https://online.bank.test/transfer', 'Transfer money');
    await w.engine.flush();
    clock.advance(10 * SECOND);
    browser.heartbeat();
    await w.engine.flush();

    const raw = await rawLog(w);
    expect(raw).not.toMatch(/bank|Bank|s3cr3t|Transfer/);
    const q = await w.engine.handle({ type: 'query', range: 'all', pages: true, now: clock.now() });
    expect(q.ok && q.result.sites.map((s) => [s.domain, s.ms])).toEqual([['a.test', 20_000]]);
  });

  it('an incognito window leaves nothing, and focusing it ends the visit before', async () => {
    const world = new FakeWorld();
    const w = await spawn(world, freshDb());
    const { browser, clock } = world;
    const normal = browser.openWindow();
    browser.openTab(normal, 'https://a.test/x', 'Reading');
    await w.engine.flush();
    clock.advance(15 * SECOND);
    const secret = browser.openWindow({ incognito: true });
    browser.openTab(secret, 'https://private.test/diary', 'Dear diary');
    await w.engine.flush();
    clock.advance(30 * SECOND);
    browser.heartbeat();
    await w.engine.flush();

    const raw = await rawLog(w);
    expect(raw).not.toMatch(/private|diary/i);
    const q = await w.engine.handle({ type: 'query', range: 'all', pages: true, now: clock.now() });
    expect(q.ok && q.result.sites.map((s) => [s.domain, s.ms])).toEqual([['a.test', 15_000]]);
  });

  it('query strings and fragments (tokens) are dropped before the write', async () => {
    const world = new FakeWorld();
    const w = await spawn(world, freshDb());
    const win = world.browser.openWindow();
    world.browser.openTab(win, 'https://a.test/login?session=abc123#access_token=xyz789', 'Login');
    await w.engine.flush();
    const raw = await rawLog(w);
    expect(raw).toContain('https://a.test/login');
    expect(raw).not.toMatch(/abc123|xyz789|session=|access_token/);
  });
});
