// The engine told that settings changed (storage.onChanged → engine.settingsChanged()): what it
// writes into the log for each kind of change, and nothing for a change that counts nothing
// differently. Also how it names and orders its aggregator runs.
import { describe, expect, it } from 'vitest';
import type { DwellEvent } from '../../src/core/events.ts';
import { createEngine } from '../../src/background/engine.ts';
import { openDwellDb } from '../../src/db/open.ts';
import { readErrors } from '../../src/db/meta.ts';
import { recentRuns } from '../../src/db/runs.ts';
import type { Settings } from '../../src/settings/defaults.ts';
import { FakeWorld } from '../fixtures/fake-browser.ts';
import { BrowserThatFailsLookups } from '../fixtures/failing-browser.ts';
import { Machine } from '../fixtures/machine.ts';

/** Reading news, with two sites excluded; `change` is a settings change as the worker sees one. */
async function readingNews(flags: Partial<Settings> = {}) {
  const m = new Machine({ flags: { excludedSites: ['ads.test', 'tracker.test'], ...flags } });
  await m.wakeWorker();
  m.browser.openTab(m.browser.openWindow(), 'https://news.test/today', 'News');
  await m.engine.flush();
  let seen = (await m.db.getAll('events')).length;
  return {
    m,
    change: async (patch: Partial<Settings>): Promise<DwellEvent[]> => {
      await m.world.settings.update(patch);
      m.engine.settingsChanged();
      await m.engine.flush();
      const all = await m.db.getAll('events');
      const fresh = all.slice(seen);
      seen = all.length;
      return fresh;
    },
  };
}

const kinds = (events: DwellEvent[]) => events.map((e) => e.k);

describe('settings changed', () => {
  it('idle detection 60 → 120 s, the exclusion list the same two sites: nothing is written', async () => {
    const { change } = await readingNews();
    expect(await change({ idleSeconds: 120, excludedSites: ['ads.test', 'tracker.test'] })).toEqual([]);
  });

  it('sound while idle no longer counts: one config event saying so', async () => {
    const { change } = await readingNews();
    const events = await change({ countAudibleWhileIdle: false });
    expect(kinds(events)).toEqual(['config']);
    expect(events[0]).toMatchObject({ countAudibleWhileIdle: false });
  });

  it('heartbeat 30 → 60 s: one config event, with a longer gap than before', async () => {
    const { m, change } = await readingNews();
    const before = (await m.db.getAll('events')).findLast((e) => e.k === 'config');
    const events = await change({ heartbeatSeconds: 60 });
    expect(kinds(events)).toEqual(['config']);
    expect(before?.k === 'config' && events[0]?.k === 'config' && events[0].gapMs > before.gapMs).toBe(true);
  });

  it('paused: one pause event, nothing restated', async () => {
    const { change } = await readingNews();
    const events = await change({ paused: true });
    expect(events.map((e) => (e.k === 'pause' ? [e.k, e.paused] : [e.k]))).toEqual([['pause', true]]);
  });

  it('resumed: the pause ends, then what is in front is told again (idle state and snapshot)', async () => {
    const { change } = await readingNews();
    await change({ paused: true });
    expect(kinds(await change({ paused: false }))).toEqual(['pause', 'idle', 'snapshot']);
  });

  it('incognito tabs recorded from now on: what is in front is told again', async () => {
    const { change } = await readingNews();
    expect(kinds(await change({ recordIncognito: true }))).toEqual(['idle', 'snapshot']);
  });

  it('a third site excluded: what is in front is told again', async () => {
    const { change } = await readingNews();
    expect(kinds(await change({ excludedSites: ['ads.test', 'tracker.test', 'news.test'] }))).toEqual(['idle', 'snapshot']);
  });

  it('a site excluded while paused: nothing is written (the resume will tell what is in front)', async () => {
    const { change } = await readingNews();
    await change({ paused: true });
    expect(await change({ excludedSites: ['news.test'] })).toEqual([]);
  });
});

describe('a snapshot after a settings change that fails', () => {
  it('the browser cannot be read: the pause event is in, and the failure is logged as the snapshot after resume', async () => {
    const world = new FakeWorld();
    const browser = new BrowserThatFailsLookups(world.clock);
    const db = await openDwellDb(`settings-failing-${Date.now()}`);
    const engine = createEngine({ ...world.deps(db), browser });
    browser.connect(engine.capture);
    await engine.start();
    browser.openTab(browser.openWindow(), 'https://news.test/today', 'News');
    await engine.flush();
    const change = async (patch: Partial<Settings>): Promise<void> => {
      await world.settings.update(patch);
      engine.settingsChanged();
      await engine.flush();
    };
    await change({ paused: true });
    browser.failing = true;
    await change({ paused: false });
    await change({ excludedSites: ['ads.test'] });
    expect((await db.getAll('events')).at(-1)).toMatchObject({ k: 'pause', paused: false });
    expect((await readErrors(db)).map((e) => [e.where, e.message])).toEqual([
      ['snapshot after resume', 'Error: tabs.query(active) failed'],
      ['snapshot after a tracking rule changed', 'Error: tabs.query(active) failed'],
    ]);
  });
});

describe('aggregator runs of one worker', () => {
  it('a run asked for without a trigger is recorded as manual', async () => {
    const { m } = await readingNews();
    await m.engine.aggregate();
    expect((await recentRuns(m.db, 1))[0]).toMatchObject({ trigger: 'manual', lock: 'acquired' });
  });

  it('"Aggregate now" clicked while the alarm’s run holds the lease: it waits for that run, then runs (not skipped)', async () => {
    const { m } = await readingNews();
    const alarm = m.engine.aggregate('alarm');
    const clicked = await m.ok({ type: 'aggregateNow' });
    expect(clicked.lock).toBe('acquired');
    expect((await alarm).lock).toBe('acquired');
    expect((await recentRuns(m.db, 2)).map((r) => [r.trigger, r.lock])).toEqual([
      ['command', 'acquired'],
      ['alarm', 'acquired'],
    ]);
  });

  it('"Aggregate now" clicked twice at once before the worker has run: the second waits for the first, then runs (not skipped)', async () => {
    const { m } = await readingNews();
    const [first, second] = await Promise.all([m.ok({ type: 'aggregateNow' }), m.ok({ type: 'aggregateNow' })]);
    expect([first.lock, second.lock]).toEqual(['acquired', 'acquired']);
  });

  it('"Aggregate now" clicked twice at once after a run: both run (they both waited for the finished run, then raced, and the second was skipped)', async () => {
    const { m } = await readingNews();
    expect((await m.ok({ type: 'aggregateNow' })).lock).toBe('acquired');
    const [first, second] = await Promise.all([m.ok({ type: 'aggregateNow' }), m.ok({ type: 'aggregateNow' })]);
    expect([first.lock, second.lock]).toEqual(['acquired', 'acquired']);
  });

  it('the worker’s runs are numbered 1, 2…: after its second run the lease (shown in diagnostics) names <instance>/2', async () => {
    const world = new FakeWorld();
    const worker = await world.spawnLiveWorker(`runs-numbered-${Date.now()}`);
    await worker.engine.aggregate('alarm');
    expect(await worker.db.get('meta', 'lease')).toMatchObject({ owner: `${worker.instanceId}/1` });
    await worker.engine.aggregate('alarm');
    expect(await worker.db.get('meta', 'lease')).toMatchObject({ owner: `${worker.instanceId}/2` });
    world.retire(worker);
  });
});
