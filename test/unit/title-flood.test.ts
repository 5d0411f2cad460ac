// A page that changes its title as fast as it can (issue 12, item 1). A title alone counts nothing,
// so capture coalesces a tab's title changes (src/background/title-coalescer.ts): the first at once,
// then at most one per window carrying the latest title, stamped with that title's own time. What
// may reveal or change what is counted is never held: a switch (even one the log lost), a load, a
// sound change, anything after a worker start. The worker's timers are vitest's fake ones (only
// setTimeout: fake-indexeddb schedules with setImmediate), moved on together with the machine clock.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DwellEvent } from '../../src/core/events.ts';
import { TITLE_WINDOW_MS } from '../../src/background/title-coalescer.ts';
import { Machine, pageSec, sec } from '../fixtures/machine.ts';

const LIVE = 'https://flood.test/live';
const CALM = 'https://calm.test/';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Time passes for the browser and for the worker's timers alike. */
function elapse(m: Machine, ms: number): void {
  m.clock.advance(ms);
  vi.advanceTimersByTime(ms);
}

/** The page retitles itself once a millisecond: `(i) Live` at t0 + i. */
function flood(m: Machine, tab: number, from: number, to: number): void {
  for (let i = from; i <= to; i++) {
    elapse(m, 1);
    m.browser.setTitle(tab, `(${i}) Live`);
  }
}

/** The log as a read created now sees it: every write created before it, committed or not yet,
 *  is ordered before it. No flush(), which would release what capture holds. */
async function log(m: Machine): Promise<DwellEvent[]> {
  return m.db.getAll('events');
}

type TabEvent = Extract<DwellEvent, { k: 'tab' }>;
const titlesOf = (events: DwellEvent[], tabId: number): TabEvent[] => events.filter((e): e is TabEvent => e.k === 'tab' && e.tabId === tabId && !e.nav && /^\(\d+\)/.test(e.title));
const floodIndex = (e: TabEvent): number => Number(/^\((\d+)\)/.exec(e.title)![1]);

async function liveTab(): Promise<{ m: Machine; win: number; live: number; t0: number; before: number }> {
  const m = new Machine();
  await m.wakeWorker();
  const win = m.browser.openWindow();
  const live = m.browser.openTab(win, LIVE, 'Live');
  await m.engine.flush();
  return { m, win, live, t0: m.clock.now(), before: (await log(m)).length };
}

describe('a title flood', () => {
  it('10,000 changes in 10 s on one tab leave at most 11 events, each at its exact time, the last with the latest title', async () => {
    const { m, live, t0, before } = await liveTab();
    flood(m, live, 1, 10_000);
    // The last window closes by itself: its held title goes in without any other event.
    elapse(m, TITLE_WINDOW_MS);
    const events = (await log(m)).slice(before);
    const titles = titlesOf(events, live);
    console.log(`[title flood] 10,000 title changes → ${events.length} events (${titles.length} titles)`);
    expect(events).toHaveLength(titles.length); // nothing but titles
    expect(titles.length).toBeGreaterThanOrEqual(10); // the latest title every second, not just one
    expect(titles.length).toBeLessThanOrEqual(1 + 10_000 / TITLE_WINDOW_MS);
    for (const e of titles) expect(e.t - t0, e.title).toBe(floodIndex(e));
    expect(titles.at(-1)).toMatchObject({ title: '(10000) Live', t: t0 + 10_000 });

    const q = await m.totals();
    expect(sec(q, 'flood.test')).toBe(11);
    expect(q.current?.title).toBe('(10000) Live');
  });

  it('a switch, a load and a sound change in a flood go in at once, each after the title held before it', async () => {
    const { m, win, live, t0, before } = await liveTab();
    flood(m, live, 1, 500);
    const calm = m.browser.openTab(win, CALM, 'Calm');
    let events = (await log(m)).slice(before);
    // The activation is in the log now, no timer needed; the title held before it precedes it.
    const activation = events.findIndex((e) => e.k === 'activated' && e.tabId === calm);
    expect(activation).toBeGreaterThan(0);
    expect(events[activation - 1]).toMatchObject({ k: 'tab', tabId: live, title: '(500) Live', t: t0 + 500 });
    expect(events[activation]!.t).toBe(t0 + 500);
    expect(titlesOf(events, live).length).toBeLessThanOrEqual(2);

    elapse(m, 2_000);
    m.browser.activate(live);
    expect((await log(m)).at(-1)).toMatchObject({ k: 'activated', tabId: live, t: t0 + 2_500 });
    flood(m, live, 2_501, 2_800);
    m.browser.navigate(live, `${LIVE}/2`, 'Live 2');
    events = await log(m);
    expect(events.at(-2)).toMatchObject({ k: 'tab', tabId: live, title: '(2800) Live', t: t0 + 2_800 });
    expect(events.at(-1)).toMatchObject({ k: 'tab', tabId: live, nav: true, url: `${LIVE}/2`, t: t0 + 2_800 });
    flood(m, live, 2_801, 3_000);
    m.browser.setAudible(live, true);
    events = await log(m);
    expect(events.at(-2)).toMatchObject({ k: 'tab', tabId: live, title: '(3000) Live', t: t0 + 3_000 });
    expect(events.at(-1)).toMatchObject({ k: 'tab', tabId: live, audible: true, t: t0 + 3_000 });
    // 800 title changes, 7 events: each phase's first change and the one held when it ended, the
    // page read after the switch back, and the sound change (which names the title it saw).
    expect(titlesOf(events.slice(before), live).map((e) => [e.title, e.t - t0, e.audible])).toEqual([
      ['(1) Live', 1, false],
      ['(500) Live', 500, false],
      ['(500) Live', 2_500, false],
      ['(2501) Live', 2_501, false],
      ['(2800) Live', 2_800, false],
      ['(3000) Live', 3_000, false],
      ['(3000) Live', 3_000, true],
    ]);

    // Time order in the log is arrival order, and nothing was counted differently.
    const ts = events.map((e) => e.t);
    expect(ts).toEqual([...ts].sort((a, b) => a - b));
    elapse(m, 1_000);
    const q = await m.totals();
    expect(sec(q, 'calm.test')).toBe(2);
    expect(pageSec(q, 'flood.test', LIVE)).toBe(0.5 + 0.3);
    expect(pageSec(q, 'flood.test', `${LIVE}/2`)).toBe(0.2 + 1);
  });

  it('a title change of a tab the log does not know is in front goes in at once: it reveals a lost switch', async () => {
    const { m, win, live, t0 } = await liveTab();
    const calm = m.browser.openTab(win, CALM, 'Calm');
    m.browser.setTitle(calm, '(0) Calm'); // calm's window is open from here on
    m.browser.activate(live);
    flood(m, live, 1, 300); // and live's, holding its latest title
    elapse(m, 200);
    m.browser.dropNextSignal(); // the switch to calm never reaches the worker
    m.browser.activate(calm);
    elapse(m, 100);
    m.browser.setTitle(calm, '(1) Calm');
    const events = await log(m);
    expect(events.at(-1)).toMatchObject({ k: 'tab', tabId: calm, title: '(1) Calm', t: t0 + 600 });
    expect(events.at(-2)).toMatchObject({ k: 'tab', tabId: live, title: '(300) Live', t: t0 + 300 });
    expect(titlesOf(events, live).length).toBeLessThanOrEqual(2);

    // The fold back-dates the switch to calm's lastAccessed: live counted until then, not after.
    elapse(m, 1_400);
    const q = await m.totals();
    expect(pageSec(q, 'flood.test', LIVE)).toBe(0.5);
    expect(sec(q, 'calm.test')).toBe(1.5);
  });

  it("a worker that dies holding a title loses that event (the next start's snapshot restates the title), never time", async () => {
    const { m, live, t0, before } = await liveTab();
    flood(m, live, 1, 400);
    expect(titlesOf((await log(m)).slice(before), live)).toHaveLength(1);
    // Killed: no flush, its listeners and its timers are gone with it.
    m.browser.disconnect(m.engine.capture);
    vi.clearAllTimers();
    elapse(m, 600);
    await m.wakeWorker();
    elapse(m, 1);
    m.browser.setTitle(live, '(1001) Live');
    const events = await log(m);
    expect(events.at(-1)).toMatchObject({ k: 'tab', tabId: live, title: '(1001) Live', t: t0 + 1_001 });
    expect(titlesOf(events, live).map(floodIndex)).not.toContain(400);

    elapse(m, 999);
    expect(sec(await m.totals(), 'flood.test')).toBe(2);
  });
});
