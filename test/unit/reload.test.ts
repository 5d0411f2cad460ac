// An extension reload or update in a running browser is not a browser restart (docs/COUNTING.md §8):
// told through the capture handlers and the fake browser, as it happens.
import { describe, expect, it } from 'vitest';
import { Machine, sec, visits } from '../fixtures/machine.ts';

async function reading(url = 'https://a.test/') {
  const m = new Machine({ flags: { heartbeatSeconds: 30 } }); // gapMs = 75 s
  await m.wakeWorker();
  const win = m.browser.openWindow();
  const tab = m.browser.openTab(win, url, 'A');
  return { m, win, tab };
}

/** Chrome reloads (or updates) the extension: the worker goes, storage.session is emptied, the tabs
 *  stay as they are, and a new worker starts. */
async function reloadExtension(m: Machine): Promise<void> {
  await m.stopWorker();
  m.world.session.clear();
  await m.wakeWorker();
}

async function recoveries(m: Machine): Promise<number> {
  const d = await m.engine.handle({ type: 'diagnostics' });
  if (!d.ok) throw new Error(d.error);
  return d.result.counters.recoveries;
}

describe('an extension reload while the browser runs', () => {
  it('tab A 20 s, extension reloaded, 10 s more on A: 30 s, one visit, no recovery', async () => {
    const { m } = await reading();
    await m.pass(20_000); // no heartbeat yet: the tab event at 0 s is the last evidence
    await reloadExtension(m);
    await m.pass(10_000);
    const q = await m.storedTotals();
    expect([sec(q, 'a.test'), visits(q, 'a.test')]).toEqual([30, 1]);
    expect(await recoveries(m)).toBe(0);
  });

  it('a reload after the user switched tabs while no worker listened is taken as a restart', async () => {
    const { m, win } = await reading();
    await m.pass(30_000); // heartbeat at 30 s: the last evidence
    m.advance(5_000);
    await m.stopWorker();
    m.world.session.clear();
    m.browser.openTab(win, 'https://www.b.test/', 'B'); // activated now, after the last evidence
    await m.wakeWorker();
    await m.pass(10_000);
    const q = await m.storedTotals();
    expect(sec(q, 'a.test')).toBe(30); // closed at the last evidence, as for a restart
    expect(sec(q, 'b.test')).toBe(10); // from the start-up snapshot
    expect(await recoveries(m)).toBe(1);
  });

  it('exactly gapMs after the last evidence the reload continues the visit; 1 ms later it is a gap', async () => {
    for (const [silence, want] of [
      [75_000, { s: 110, v: 1, r: 0 }],
      [75_001, { s: 35, v: 2, r: 1 }],
    ] as const) {
      const { m } = await reading();
      await m.pass(30_000); // the heartbeat at 30 s is the last evidence
      m.advance(silence);
      await reloadExtension(m);
      await m.pass(5_000);
      const q = await m.storedTotals();
      expect([sec(q, 'a.test'), visits(q, 'a.test'), await recoveries(m)], `silence of ${silence} ms`).toEqual([want.s, want.v, want.r]);
    }
  });
});

describe('a browser restart still closes the visit at the last evidence', () => {
  it('the restored tab got the same id but a new lastAccessed: closed at the last evidence', async () => {
    const { m, tab } = await reading();
    await m.pass(60_000); // heartbeats at 30 and 60 s
    m.advance(20_000); // read on for 20 s, then the browser quits with no event
    await m.stopWorker();
    const saved = m.world.restartBrowser();
    m.advance(10_000); // back 30 s after the last evidence: well under gapMs, so only the boot tells
    m.browser.restore(saved, { sameIds: true });
    await m.wakeWorker();
    expect(m.browser.activeTabIdOf(m.browser.focus)).toBe(tab); // the same id in front as before
    await m.pass(10_000);
    const q = await m.storedTotals();
    expect([sec(q, 'a.test'), visits(q, 'a.test')]).toEqual([70, 2]); // 60 s to the last heartbeat, 10 s after
    expect(await recoveries(m)).toBe(1);
  });
});
