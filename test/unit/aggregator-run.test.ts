// One aggregator run end to end (src/background/run.ts over aggregator.ts): what it returns, what
// it records for the diagnostics (the runs store, the error log), and what it leaves in the
// database when it is skipped, fenced, or fails half-way.
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/core/api.ts';
import { LEASE_TTL_MS } from '../../src/background/lease.ts';
import { readErrors } from '../../src/db/meta.ts';
import { recentRuns } from '../../src/db/runs.ts';
import type { Settings } from '../../src/settings/defaults.ts';
import { FakeWorld, type TestWorker } from '../fixtures/fake-browser.ts';
import { Machine } from '../fixtures/machine.ts';
import { DAY_MS } from '../../src/core/days.ts';
import { SECOND } from '../fixtures/story.ts';

let dbs = 0;

/** A worker whose log holds `loads` page loads of one feed above the watermark (batches of 10). */
async function feedBacklog(loads: number, flags: Partial<Settings>, betweenBatches?: (w: FakeWorld) => Promise<void>) {
  const world = new FakeWorld({ flags: { batchSize: 10, ...flags } });
  const dbName = `run-${++dbs}-${Date.now()}`;
  const worker: TestWorker = await world.spawnLiveWorker(dbName, betweenBatches ? { hooks: { betweenBatches: () => betweenBatches(world) } } : {});
  const tab = world.browser.openTab(world.browser.openWindow(), 'https://feed.test/', 'Feed');
  for (let i = 0; i < loads; i++) {
    world.clock.advance(100);
    world.browser.navigate(tab, `https://feed.test/?item=${i}`);
  }
  await worker.engine.flush();
  return { world, worker, db: worker.db, pending: await worker.db.count('events') };
}

const quiet: Omit<RunSummary, 'lock' | 'events' | 'batches' | 'durationMs' | 'more'> = { gaps: 0, reconstructed: 0, recoveries: 0 };

describe('an aggregator run', () => {
  it('a 25-event backlog in batches of 10, 5 s between batches: 3 batches, 10 s, nothing left, no errors, lease released', async () => {
    const { worker, db, pending } = await feedBacklog(15, {}, async (w) => void w.clock.advance(5 * SECOND));
    expect(pending).toBe(25); // 10 from the start and the first page, and 15 loads
    const run = await worker.engine.aggregate('test');
    expect(run).toEqual({ lock: 'acquired', events: 25, batches: 3, durationMs: 10 * SECOND, more: false, ...quiet });
    const [record] = await recentRuns(db, 1);
    expect(record).toMatchObject({ ...run, errors: [], trigger: 'test' });
    expect(record!.end - record!.start).toBe(10 * SECOND);
    expect(await readErrors(db)).toEqual([]);
    expect(await db.get('meta', 'lease')).toMatchObject({ expiresAt: 0 });
  });

  it('a backlog of exactly two batches: 2 batches (the empty read that ends it is not one), and a second run has 0', async () => {
    const { worker, pending } = await feedBacklog(10, {});
    expect(pending).toBe(20);
    expect(await worker.engine.aggregate('test')).toMatchObject({ events: 20, batches: 2, more: false });
    expect(await worker.engine.aggregate('test')).toMatchObject({ events: 0, batches: 0, more: false });
  });

  it('this worker’s own earlier run still holds the lease: skipped, nothing folded, the lease untouched, no errors', async () => {
    const { world, worker, db, pending } = await feedBacklog(5, {});
    const lease = { key: 'lease' as const, owner: `${worker.instanceId}/99`, acquiredAt: world.clock.now(), expiresAt: world.clock.now() + LEASE_TTL_MS };
    await db.put('meta', lease);
    expect(await worker.engine.aggregate('test')).toEqual({ lock: 'skipped', events: 0, batches: 0, durationMs: 0, more: false, ...quiet });
    expect(await db.count('events')).toBe(pending);
    expect(await db.get('meta', 'lease')).toEqual(lease);
    expect((await recentRuns(db, 1))[0]!.errors).toEqual([]);
    expect(await readErrors(db)).toEqual([]);
  });

  it('the run stalls past its lease after batch 1: stopped, said so in the run and the error log; old events are not expired', async () => {
    // Raw events kept 1 day, and the backlog is 2 days old: an expiry pass would delete batch 1.
    const { world, worker, db, pending } = await feedBacklog(
      15,
      { rawEventRetentionDays: 1 },
      async (w) => void w.clock.advance(LEASE_TTL_MS + 1),
    );
    world.clock.advance(2 * DAY_MS);
    const run = await worker.engine.aggregate('test');
    expect(run).toMatchObject({ lock: 'acquired', events: 10, batches: 1 });
    expect(await db.count('events')).toBe(pending);
    const lost = 'lease lost to another run: stopped without committing';
    expect((await recentRuns(db, 1))[0]!.errors).toEqual([lost]);
    expect((await readErrors(db)).map((e) => [e.where, e.message])).toEqual([['aggregate (test)', lost]]);
  });

  it('retention 0 and the run fenced after batch 1: exactly batch 1’s events are gone, the event at the old watermark stays', async () => {
    const fenced = { on: false };
    const { world, worker, db } = await feedBacklog(3, { rawEventRetentionDays: 3 }, async (w) => {
      if (fenced.on) w.clock.advance(LEASE_TTL_MS + 1);
    });
    // A first run folds the start-up events and keeps them (retention was 3 days then).
    await worker.engine.aggregate('test');
    const kept = await db.count('events');
    world.settings.flags = { ...world.settings.flags, rawEventRetentionDays: 0 };
    const tab = world.browser.openTab(world.browser.openWindow(), 'https://news.test/', 'News');
    for (let i = 0; i < 14; i++) {
      world.clock.advance(100);
      world.browser.navigate(tab, `https://news.test/?story=${i}`);
    }
    await worker.engine.flush();
    const fresh = (await db.count('events')) - kept;
    expect(fresh).toBeGreaterThan(10);
    fenced.on = true;
    expect(await worker.engine.aggregate('test')).toMatchObject({ events: 10, batches: 1 });
    expect(await db.count('events')).toBe(kept + fresh - 10);
  });

  it('the run fails between batches: it rejects with that error, the run and the error log say what and where, the lease is released', async () => {
    const { worker, db } = await feedBacklog(15, {}, async () => {
      throw new TypeError('disk on fire');
    });
    await expect(worker.engine.aggregate('test')).rejects.toThrow('disk on fire');
    const [record] = await recentRuns(db, 1);
    expect(record).toMatchObject({ lock: 'acquired', errors: ['TypeError: disk on fire'], trigger: 'test' });
    expect((await readErrors(db)).map((e) => [e.where, e.message])).toEqual([['aggregate (test)', 'TypeError: disk on fire']]);
    expect(await db.get('meta', 'lease')).toMatchObject({ expiresAt: 0 });
  });
});

describe('what a run reports it reconstructed and recovered', () => {
  /** Reading a.test, the switch to b.test is lost with the worker, which wakes 10 s later. */
  async function lostSwitch(m: Machine, win: number): Promise<void> {
    m.browser.openTab(win, 'https://a.test/', 'A');
    await m.pass(20 * SECOND);
    m.browser.dropNextSignal(2);
    m.browser.openTab(win, 'https://b.test/', 'B');
    await m.stopWorker();
    m.clock.advance(10 * SECOND);
    await m.wakeWorker();
  }

  it('one lost switch per run, twice: each run reports 1 reconstructed, not the running total', async () => {
    const m = new Machine();
    await m.wakeWorker();
    const win = m.browser.openWindow();
    await lostSwitch(m, win);
    expect(await m.aggregate()).toMatchObject({ reconstructed: 1 });
    await lostSwitch(m, win);
    expect(await m.aggregate()).toMatchObject({ reconstructed: 1 });
  });

  it('the laptop sleeps 10 min with a page open, twice, a run after each: each run reports 1 recovery', async () => {
    const m = new Machine();
    await m.wakeWorker();
    m.browser.openTab(m.browser.openWindow(), 'https://a.test/', 'A');
    for (let i = 0; i < 2; i++) {
      await m.pass(30 * SECOND);
      m.advance(10 * 60 * SECOND); // asleep: no alarm fires
      await m.pass(30 * SECOND);
      expect(await m.aggregate()).toMatchObject({ recoveries: 1 });
    }
  });
});

describe('history retention runs once a day', () => {
  async function readFor(m: Machine, url: string, ms: number): Promise<void> {
    const tab = m.browser.openTab(m.browser.openWindow(), url, 'Page');
    await m.pass(ms);
    m.browser.closeTab(tab);
    await m.engine.flush();
  }

  it('kept 2 days: old.test read and folded on the 10th, news.test folded on the 13th → the 13th’s run deletes the 10th', async () => {
    const m = new Machine({ start: '2024-03-10T10:00:00Z', flags: { historyRetentionDays: 2 } });
    await m.wakeWorker();
    await readFor(m, 'https://old.test/a', 40 * SECOND);
    await m.aggregate();
    m.advance(3 * DAY_MS);
    await readFor(m, 'https://news.test/today', 10 * SECOND);
    await m.aggregate();
    expect(await m.db.getAllKeys('dayTotals')).toEqual(['2024-03-13']);
    expect(await m.db.get('meta', 'retention')).toEqual({ key: 'retention', day: '2024-03-13' });
  });

  it('after today’s pass, a row for an old day appears (an import): it stays until tomorrow’s run', async () => {
    const m = new Machine({ start: '2024-03-13T10:00:00Z', flags: { historyRetentionDays: 2 } });
    await m.wakeWorker();
    await readFor(m, 'https://news.test/today', 10 * SECOND);
    await m.aggregate();
    await m.db.put('days', { day: '2024-03-01', domain: 'old.test', ms: 40 * SECOND, visits: 1, pages: {} });
    await m.db.put('dayTotals', { day: '2024-03-01', ms: 40 * SECOND });
    await readFor(m, 'https://news.test/today', 10 * SECOND);
    await m.aggregate();
    expect(await m.db.getAllKeys('dayTotals')).toEqual(['2024-03-01', '2024-03-13']);
    m.advance(DAY_MS);
    await m.aggregate();
    expect(await m.db.getAllKeys('dayTotals')).toEqual(['2024-03-13']);
  });
});
