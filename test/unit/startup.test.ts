// Worker start-up (background/startup.ts) as the log records it: what a start restates, the
// snapshot of the front that follows unless tracking is paused, and the idle state's `since`.
import { describe, expect, it } from 'vitest';
import { Machine } from '../fixtures/machine.ts';
import type { IdleState } from '../../src/core/events.ts';

const START = Date.parse('2024-03-10T10:00:00Z');

/** A browser with one window (id `windowId`, focused) showing news.test, in the idle state given,
 *  when the first worker starts; returns the log that start wrote. */
async function firstStart(opts: { idle?: IdleState; windowId?: number; paused?: boolean } = {}) {
  const m = new Machine({ start: START, flags: { idleSeconds: 90, paused: opts.paused ?? false } });
  const windowId = opts.windowId ?? 1;
  m.browser.load({
    focused: windowId,
    idle: opts.idle ?? 'active',
    windows: [{ id: windowId, activeTab: { id: 5, url: 'https://news.test/today', title: 'News', audible: false, lastAccessed: START - 60_000 } }],
  });
  await m.wakeWorker();
  return { m, log: await m.db.getAll('events') };
}

describe('a worker starts', () => {
  it('tracking on: boot, config, pause restated, then the idle state and a snapshot of news.test in front', async () => {
    const { log } = await firstStart();
    expect(log.map((e) => e.k)).toEqual(['boot', 'config', 'pause', 'idle', 'snapshot']);
  });

  it('tracking paused: boot, config and pause restated, and no snapshot (nothing is in front for Dwell)', async () => {
    const { log } = await firstStart({ paused: true });
    expect(log.map((e) => e.k)).toEqual(['boot', 'config', 'pause']);
  });

  it('the browser has been idle (idle after 90 s): the idle state is dated 90 s before the start', async () => {
    const { log } = await firstStart({ idle: 'idle' });
    expect(log.find((e) => e.k === 'idle')).toMatchObject({ k: 'idle', state: 'idle', since: START - 90_000, t: START });
  });

  it('the user is active, or the screen is locked: the state is dated at the start itself', async () => {
    for (const idle of ['active', 'locked'] as const) {
      const { log } = await firstStart({ idle });
      expect(log.find((e) => e.k === 'idle')).toMatchObject({ k: 'idle', state: idle, since: START, t: START });
    }
  });

  it('a focused window whose id is 0 (a valid id): the boot records its active tab as the front', async () => {
    const { log } = await firstStart({ windowId: 0 });
    expect(log.find((e) => e.k === 'boot')).toMatchObject({ k: 'boot', front: { windowId: 0, tabId: 5, lastAccessed: START - 60_000 } });
  });
});
