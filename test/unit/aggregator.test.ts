// The aggregator on a large backlog: every read (and so every fold) is bounded by the batch size,
// the run is resumable across worker stops, and folded events are deleted or kept per retention.
import { afterEach, describe, expect, it } from 'vitest';
import { Machine, sec } from '../fixtures/machine.ts';
import { OTHER_URL, PAGE_CAP_PER_SITE_DAY } from '../../src/core/aggregates.ts';

/** Measures what each getAll on the events store returned (the aggregator folds exactly that). */
function measureEventReads(): { max: () => number; reads: () => number; stop: () => void } {
  const proto = (globalThis as unknown as { IDBObjectStore: { prototype: IDBObjectStore } }).IDBObjectStore.prototype;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- restored as-is, always called with apply(this)
  const original = proto.getAll;
  let max = 0;
  let reads = 0;
  proto.getAll = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['getAll']>) {
    const req = original.apply(this, args);
    if (this.name === 'events') {
      req.addEventListener('success', () => {
        reads += 1;
        max = Math.max(max, (req.result as unknown[]).length);
      });
    }
    return req;
  };
  return { max: () => max, reads: () => reads, stop: () => (proto.getAll = original) };
}

let stopMeasuring: (() => void) | null = null;
afterEach(() => stopMeasuring?.());

type Settings = NonNullable<NonNullable<ConstructorParameters<typeof Machine>[0]>['flags']>;

async function backlog(n: number, flags: Settings) {
  const m = new Machine({ flags });
  await m.wakeWorker();
  const win = m.browser.openWindow();
  const tab = m.browser.openTab(win, 'https://busy.test/feed', 'Feed');
  for (let i = 0; i < n; i += 1) {
    m.clock.advance(100);
    // A feed that rewrites its query string: one load each, the same page (the query is dropped),
    // recorded at once (title-only changes would be coalesced).
    m.browser.navigate(tab, `https://busy.test/feed?item=${i}`);
  }
  await m.engine.flush();
  return m;
}

describe('aggregator on a backlog', () => {
  it('drains 3,000 events in batches of 100, never reading more than one batch at a time', async () => {
    const m = await backlog(3_000, { batchSize: 100, rawEventRetentionDays: 0 });
    const pending = await m.db.count('events');
    const probe = measureEventReads();
    stopMeasuring = probe.stop;
    const run = await m.aggregate();
    probe.stop();
    expect(run.events).toBe(pending);
    expect(run.batches).toBe(Math.ceil(pending / 100));
    // The probe saw every batch's read (not vacuous), and the largest was one full batch.
    expect(probe.reads()).toBeGreaterThanOrEqual(run.batches);
    expect(probe.max()).toBe(100);
    expect(await m.db.count('events')).toBe(0); // folded events deleted in the batch transaction
    const q = await m.totals();
    expect(sec(q, 'busy.test')).toBe(300);
  });

  it('with batch processing off, one batch per run; the backlog resumes across worker stops', async () => {
    const m = await backlog(500, { batchSize: 100, batchProcessing: false });
    const first = await m.aggregate();
    expect(first.batches).toBe(1);
    expect(first.more).toBe(true);
    let runs = 1;
    for (;;) {
      await m.stopWorker();
      await m.wakeWorker();
      const r = await m.aggregate();
      runs += 1;
      if (!r.more) break;
    }
    expect(runs).toBeGreaterThanOrEqual(5);
    const d = await m.engine.handle({ type: 'diagnostics' });
    expect(d.ok && d.result.pending).toBe(0);
    expect(sec(await m.totals(), 'busy.test')).toBe(50);
  });

  it('raw-event retention keeps folded events until they expire, and they are never folded twice', async () => {
    const m = await backlog(200, { batchSize: 50, rawEventRetentionDays: 1 });
    await m.aggregate();
    const kept = await m.db.count('events');
    expect(kept).toBeGreaterThanOrEqual(200);
    await m.aggregate();
    expect(sec(await m.totals(), 'busy.test')).toBe(20);
    m.clock.advance(2 * 86_400_000);
    m.engine.capture.heartbeat(m.clock.now());
    await m.aggregate();
    expect(await m.db.count('events')).toBeLessThan(kept);
    expect(sec(await m.totals(), 'busy.test')).toBe(20);
  });

  it('turning raw retention off later deletes the events kept so far', async () => {
    const m = await backlog(100, { batchSize: 50, rawEventRetentionDays: 3 });
    await m.aggregate();
    expect(await m.db.count('events')).toBeGreaterThanOrEqual(100);
    m.world.settings.flags.rawEventRetentionDays = 0;
    m.engine.capture.heartbeat(m.clock.now());
    await m.aggregate();
    expect(await m.db.count('events')).toBe(0);
    expect(sec(await m.totals(), 'busy.test')).toBe(10);
  });

  it('caps the pages kept per site and day: the rest fold into one "other" row, no time lost', async () => {
    const m = new Machine({ flags: { batchSize: 100 } });
    await m.wakeWorker();
    const win = m.browser.openWindow();
    const tab = m.browser.openTab(win, 'https://tokens.test/p/0', 'P0');
    for (let i = 1; i < 250; i += 1) {
      m.clock.advance(1_000);
      m.browser.navigate(tab, `https://tokens.test/p/${i}`, `P${i}`); // a path that grows without bound
    }
    m.clock.advance(1_000);
    m.browser.blur();
    await m.aggregate();
    const [row] = await m.db.getAll('days');
    const urls = Object.keys(row!.pages);
    expect(urls.filter((u) => u !== OTHER_URL)).toHaveLength(PAGE_CAP_PER_SITE_DAY);
    expect(row!.pages[OTHER_URL]).toMatchObject({ ms: 50_000, other: true });
    expect(row!.ms).toBe(250_000);
    const q = await m.totals();
    expect(sec(q, 'tokens.test')).toBe(250);
    expect(q.sites[0]!.pages!.reduce((a, p) => a + p.ms, 0)).toBe(250_000);
  });
});
