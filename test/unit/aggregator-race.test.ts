// Aggregators racing each other. Whatever interleaves (two runs on one engine, two engines on one
// database, with the lease lock on or off), the totals equal one serial run. The lease decides who
// runs: a live lease → 'skipped', an expired one → 'takenOver', one held by another instance (a
// dead worker) → taken over at once; and a zombie that stalls past its lease and then wakes up is
// refused at its next commit, so nothing is counted twice.
import { afterEach, describe, expect, it } from 'vitest';
import type { DwellEvent } from '../../src/core/events.ts';
import type { RunSummary } from '../../src/core/api.ts';
import type { Settings } from '../../src/settings/defaults.ts';
import { FakeWorld, type TestWorker } from '../fixtures/fake-browser.ts';
import { referenceTotals, type Totals } from '../fixtures/reference-model.ts';
import { HOUR, MINUTE, SECOND, story } from '../fixtures/story.ts';

const A = 'https://a.test/x';
const A2 = 'https://a.test/y';
const B = 'https://www.b.test/';
const C = 'https://news.c.co.uk/p';

/** An evening across midnight with several sites, long enough for many small batches. */
const evening: DwellEvent[] = story()
  .at('23:50:00').focus(1).tab(1, 1, A)
  .after(40 * SECOND).beat()
  .after(20 * SECOND).switchTo(2, 1, B)
  .after(30 * SECOND).beat()
  .after(30 * SECOND).tab(2, 1, C)
  .after(45 * SECOND).idle(30 * SECOND)
  .after(2 * MINUTE).active()
  .after(30 * SECOND).switchTo(1, 1, A2)
  .after(50 * SECOND).beat()
  .after(50 * SECOND).blur()
  .after(20 * SECOND).focus(1)
  .at('23:59:30').beat()
  .after(45 * SECOND).beat() // over midnight
  .after(30 * SECOND).switchTo(3, 1, B)
  .after(30 * SECOND).beat()
  .after(HOUR).beat() // slept: the gap closes B at the last beat
  .after(10 * SECOND).switchTo(1, 1, A)
  .after(20 * SECOND).beat().events;

let dbCounter = 0;
const live: Array<{ world: FakeWorld; worker: TestWorker }> = [];

afterEach(() => {
  for (const { world, worker } of live.splice(0)) world.retire(worker);
});

/** A machine whose database already holds the evening (recorded by a first worker, now gone). */
async function machineWithEvening(flags: Partial<Settings>): Promise<{ world: FakeWorld; dbName: string; log: DwellEvent[] }> {
  const dbName = `race-${++dbCounter}-${Date.now()}`;
  // Retention 0: every batch also deletes what it folded, so the races race that delete too.
  const world = new FakeWorld({ start: evening[0]!.t, flags: { rawEventRetentionDays: 0, ...flags } });
  const recorder = await world.spawnLiveWorker(dbName);
  for (const e of evening) {
    const { seq: _seq, t, tz, ...body } = e;
    world.clock.set(t).setTz(tz);
    await recorder.engine.record(body);
  }
  await recorder.engine.flush();
  const log = await recorder.db.getAll('events');
  world.retire(recorder);
  return { world, dbName, log };
}

async function worker(world: FakeWorld, dbName: string, hooks?: { betweenBatches?: () => Promise<void> }): Promise<TestWorker> {
  // These workers only aggregate: no start(), so the log stays exactly the evening.
  const w = await world.spawnWorker(dbName, { start: false, listen: false, ...(hooks ? { hooks } : {}) });
  live.push({ world, worker: w });
  return w;
}

interface Stored {
  days: Record<string, Totals>;
  pages: Record<string, Totals>;
  watermark: number;
  /** Raw events still stored: retention is 0, so the batches must have deleted what they folded. */
  rawLeft: number;
}

async function stored(w: TestWorker): Promise<Stored> {
  const days: Record<string, Totals> = {};
  for (const r of (await w.db.getAll('days')).sort((a, b) => `${a.day}${a.domain}`.localeCompare(`${b.day}${b.domain}`))) {
    if (r.ms || r.visits) days[`${r.day}|${r.domain}`] = { ms: r.ms, visits: r.visits };
  }
  const pages: Record<string, Totals> = {};
  // Pages live inside their site-day row.
  for (const r of await w.db.getAll('days')) {
    for (const [url, p] of Object.entries(r.pages)) if (p.ms || p.visits) pages[`${r.day}|${r.domain}|${url}`] = { ms: p.ms, visits: p.visits };
  }
  const cursor = await w.db.get('meta', 'cursor');
  const watermark = cursor?.key === 'cursor' ? cursor.watermark : 0;
  return { days, pages, watermark, rawLeft: await w.db.count('events', IDBKeyRange.upperBound(watermark)) };
}

/** The serial answer: one worker, one run after another until nothing is left. */
async function serialRun(flags: Partial<Settings>): Promise<Stored> {
  const { world, dbName } = await machineWithEvening(flags);
  const w = await worker(world, dbName);
  for (let i = 0; i < 100; i++) {
    const run = await w.engine.aggregate('serial');
    if (!run.more && run.events === 0) break;
  }
  return stored(w);
}

async function drainAll(w: TestWorker): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const run = await w.engine.aggregate('drain');
    if (run.lock !== 'skipped' && !run.more && run.events === 0) return;
  }
  throw new Error('did not drain');
}

function expectMatchesModel(s: Stored, log: DwellEvent[]): void {
  const model = referenceTotals(log, { closeAt: null });
  const pick = (m: Map<string, Totals>): Record<string, Totals> =>
    Object.fromEntries([...m].filter(([, v]) => v.ms || v.visits).sort(([a], [b]) => a.localeCompare(b)));
  expect(s.days).toEqual(pick(model.days));
  expect(s.pages).toEqual(pick(model.pages));
  expect(s.rawLeft, 'folded raw events left behind').toBe(0);
}

/** A switch the aggregator passes between batches: the first time, it waits there until let go. */
class Stall {
  private armed = false;
  private reachedResolve: (() => void) | null = null;
  private goResolve: (() => void) | null = null;
  readonly reached: Promise<void>;
  private readonly go: Promise<void>;

  constructor() {
    this.reached = new Promise((r) => (this.reachedResolve = r));
    this.go = new Promise((r) => (this.goResolve = r));
    this.armed = true;
  }

  readonly hook = async (): Promise<void> => {
    if (!this.armed) return;
    this.armed = false;
    this.reachedResolve?.();
    await this.go;
  };

  release(): void {
    this.goResolve?.();
  }
}

describe('the serial result is the evening worked by hand', () => {
  it('five site-days, gaps before midnight and after, the last visit still open', async () => {
    const [d10, d11] = ['2024-03-10', '2024-03-11'];
    // A 23:50–23:51; B –23:52; C (tab 2 now) –23:52:15 (idle since then); a gap (no visit open);
    // C 23:54:45–23:55:15; A2 –23:56:55 (blur); A2 at 23:57:15 closed by the gap at once (0 ms);
    // A2 23:59:30–00:00:45 over midnight; B –00:01:15; a gap; B 01:01:15–01:01:25; A still open.
    const days = {
      [`${d10}|a.test`]: { ms: 190_000, visits: 3 },
      [`${d10}|b.test`]: { ms: 60_000, visits: 1 },
      [`${d10}|c.co.uk`]: { ms: 45_000, visits: 2 },
      [`${d11}|a.test`]: { ms: 45_000, visits: 0 },
      [`${d11}|b.test`]: { ms: 40_000, visits: 2 },
    };
    const pages = {
      [`${d10}|a.test|${A}`]: { ms: 60_000, visits: 1 },
      [`${d10}|a.test|${A2}`]: { ms: 130_000, visits: 2 },
      [`${d10}|b.test|${B}`]: { ms: 60_000, visits: 1 },
      [`${d10}|c.co.uk|${C}`]: { ms: 45_000, visits: 2 },
      [`${d11}|a.test|${A2}`]: { ms: 45_000, visits: 0 },
      [`${d11}|b.test|${B}`]: { ms: 40_000, visits: 2 },
    };
    const serial = await serialRun({ batchSize: 3 });
    expect(serial.days).toEqual(days);
    expect(serial.pages).toEqual(pages);
  });
});

describe('racing aggregators give the serial result', () => {
  for (const processingLock of [true, false]) {
    describe(`processingLock ${processingLock ? 'on' : 'off'}`, () => {
      const flags = { processingLock, batchSize: 3 };

      it('two concurrent runs on one engine', async () => {
        const serial = await serialRun(flags);
        const { world, dbName, log } = await machineWithEvening(flags);
        const w = await worker(world, dbName);
        const [r1, r2] = await Promise.all([w.engine.aggregate('one'), w.engine.aggregate('two')]);
        if (processingLock) {
          // One holds the lease for the whole drain; the other sees it live and steps aside.
          expect([r1.lock, r2.lock].sort()).toEqual(['acquired', 'skipped']);
        } else {
          expect([r1.lock, r2.lock]).toEqual(['unlocked', 'unlocked']);
        }
        await drainAll(w);
        const result = await stored(w);
        expect(result).toEqual(serial);
        expect(result.watermark).toBe(Math.max(...log.map((e) => e.seq)));
        // Not vacuous: two days, three sites, several pages.
        expect(Object.keys(result.days).length).toBeGreaterThanOrEqual(4);
        expect(Object.keys(result.pages).length).toBeGreaterThanOrEqual(5);
        expectMatchesModel(result, log);
      });

      it('two engines (two workers) on one database', async () => {
        const serial = await serialRun(flags);
        const { world, dbName, log } = await machineWithEvening(flags);
        const one = await worker(world, dbName);
        const two = await worker(world, dbName);
        const runs = await Promise.all([one.engine.aggregate('one'), two.engine.aggregate('two'), one.engine.aggregate('three')]);
        if (!processingLock) expect(runs.every((r) => r.lock === 'unlocked')).toBe(true);
        await drainAll(two);
        await drainAll(one);
        const result = await stored(one);
        expect(result).toEqual(serial);
        expectMatchesModel(result, log);
      });
    });
  }
});

describe('the lease', () => {
  const flags = { processingLock: true, batchSize: 3 };

  it('a live lease makes a second run skip; the first finishes the work', async () => {
    const { world, dbName, log } = await machineWithEvening(flags);
    const stall = new Stall();
    const w = await worker(world, dbName, { betweenBatches: stall.hook });
    const first = w.engine.aggregate('first');
    await stall.reached; // first holds the lease, between two batches
    const second = await w.engine.aggregate('second');
    expect(second.lock).toBe('skipped');
    expect(second.events).toBe(0);
    stall.release();
    const done = await first;
    expect(done.lock).toBe('acquired');
    expect(done.more).toBe(false);
    expectMatchesModel(await stored(w), log);
  });

  it('an expired lease is taken over', async () => {
    const { world, dbName, log } = await machineWithEvening(flags);
    const stall = new Stall();
    const w = await worker(world, dbName, { betweenBatches: stall.hook });
    const first = w.engine.aggregate('first');
    await stall.reached;
    world.clock.advance(10 * MINUTE); // far past any lease time
    const second = await w.engine.aggregate('second');
    expect(second.lock).toBe('takenOver');
    expect(second.more).toBe(false);
    stall.release();
    await first;
    await drainAll(w);
    expectMatchesModel(await stored(w), log);
  });

  it('a lease held by another instance (a dead worker) is taken over at once', async () => {
    const { world, dbName, log } = await machineWithEvening(flags);
    const w = await worker(world, dbName);
    const now = world.clock.now();
    await w.db.put('meta', { key: 'lease', owner: 'worker-that-died/7', acquiredAt: now, expiresAt: now + HOUR });
    const run = await w.engine.aggregate('after restart');
    expect(run.lock).toBe('takenOver');
    expect(run.more).toBe(false);
    expectMatchesModel(await stored(w), log);
  });

  it('a zombie that stalls past its lease is refused when it wakes up: nothing counted twice', async () => {
    const { world, dbName, log } = await machineWithEvening(flags);
    const stall = new Stall();
    const zombie = await worker(world, dbName, { betweenBatches: stall.hook });
    const zombieRun = zombie.engine.aggregate('zombie');
    await stall.reached; // A folded one batch and stalls (a frozen worker)
    const afterFirstBatch = (await stored(zombie)).watermark;
    expect(afterFirstBatch).toBeGreaterThan(0);

    world.clock.advance(5 * MINUTE); // its lease runs out
    const successor = await worker(world, dbName);
    const takeover = await successor.engine.aggregate('successor');
    expect(takeover.lock).toBe('takenOver');
    expect(takeover.more).toBe(false);
    const afterSuccessor = await stored(successor);

    stall.release(); // A wakes up and tries its next batch
    const late: RunSummary = await zombieRun;
    expect(late.batches).toBe(1); // only the batch before the stall was committed
    // Its run is on record with the refusal.
    const diag = await successor.engine.handle({ type: 'diagnostics' });
    const zombieRecord = diag.ok ? diag.result.runs.find((r) => r.trigger === 'zombie') : undefined;
    expect(zombieRecord?.errors.join(' ')).toMatch(/lease/i);
    // And the totals did not move: nothing was folded twice.
    expect(await stored(successor)).toEqual(afterSuccessor);
    expectMatchesModel(afterSuccessor, log);
  });

  it('a zombie that wakes while its successor still holds a live lease is refused: the lease is the successor\'s', async () => {
    const { world, dbName, log } = await machineWithEvening(flags);
    const zombieStall = new Stall();
    const zombie = await worker(world, dbName, { betweenBatches: zombieStall.hook });
    const zombieRun = zombie.engine.aggregate('zombie');
    await zombieStall.reached; // A folded one batch and froze
    world.clock.advance(5 * MINUTE); // its lease runs out
    const successorStall = new Stall();
    const successor = await worker(world, dbName, { betweenBatches: successorStall.hook });
    const successorRun = successor.engine.aggregate('successor');
    await successorStall.reached; // B took over, folded a batch, and holds a live lease

    zombieStall.release(); // A wakes up in the middle of B's run
    const late: RunSummary = await zombieRun;
    expect(late.batches, 'A commits nothing more under B\'s live lease').toBe(1);
    successorStall.release();
    const run = await successorRun;
    expect(run.lock).toBe('takenOver');
    expect(run.more).toBe(false);
    expectMatchesModel(await stored(successor), log);
  });

  it('a run that stalls past its own lease stops without committing; the next run finishes', async () => {
    const { world, dbName, log } = await machineWithEvening(flags);
    const stall = new Stall();
    const w = await worker(world, dbName, { betweenBatches: stall.hook });
    const run = w.engine.aggregate('slow');
    await stall.reached;
    world.clock.advance(5 * MINUTE);
    stall.release();
    const slow = await run;
    expect(slow.batches).toBe(1);
    await drainAll(w);
    expectMatchesModel(await stored(w), log);
  });
});
