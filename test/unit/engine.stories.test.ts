// Engine stories on fake-indexeddb and an in-memory browser: what a person did, what Dwell says.
import { describe, expect, it } from 'vitest';
import { Machine, pageSec, pageVisits, sec, visits } from '../fixtures/machine.ts';
import { FakeWorld } from '../fixtures/fake-browser.ts';
import { crashNow } from '../fixtures/faults.ts';

async function browsing(opts: ConstructorParameters<typeof Machine>[0] = {}) {
  const m = new Machine(opts);
  await m.wakeWorker();
  const win = m.browser.openWindow();
  return { m, win };
}

describe('tabs and pages', () => {
  it('tab A 20 s, switch to B 10 s, back to A 5 s', async () => {
    const { m, win } = await browsing();
    const a = m.browser.openTab(win, 'https://a.example.com/one', 'A');
    await m.pass(20_000);
    m.browser.openTab(win, 'https://b.example.org/', 'B');
    await m.pass(10_000);
    m.browser.activate(a);
    await m.pass(5_000);
    const q = await m.storedTotals();
    expect(sec(q, 'example.com')).toBe(25);
    expect(visits(q, 'example.com')).toBe(2);
    expect(sec(q, 'example.org')).toBe(10);
    expect(visits(q, 'example.org')).toBe(1);
    expect(q.totalMs).toBe(35_000);
  });

  it('same-tab navigation: two pages of one site are one site visit, then another site', async () => {
    const { m, win } = await browsing();
    const tab = m.browser.openTab(win, 'https://news.example.com/a', 'A');
    await m.pass(10_000);
    m.browser.navigate(tab, 'https://news.example.com/b', 'B');
    await m.pass(5_000);
    m.browser.navigate(tab, 'https://other.test/', 'O');
    await m.pass(7_000);
    const q = await m.storedTotals();
    expect(sec(q, 'example.com')).toBe(15);
    expect(visits(q, 'example.com')).toBe(1);
    expect(pageSec(q, 'example.com', 'https://news.example.com/a')).toBe(10);
    expect(pageSec(q, 'example.com', 'https://news.example.com/b')).toBe(5);
    expect(sec(q, 'other.test')).toBe(7);
  });

  it('SPA: hash, query and reload keep the page visit; a history path change starts a new one', async () => {
    const { m, win } = await browsing();
    const tab = m.browser.openTab(win, 'https://app.test/inbox', 'Inbox');
    await m.pass(4_000);
    m.browser.navigate(tab, 'https://app.test/inbox#msg-1');
    await m.pass(3_000);
    m.browser.navigate(tab, 'https://app.test/inbox?token=secret');
    await m.pass(3_000);
    m.browser.navigate(tab, 'https://app.test/settings', 'Settings');
    await m.pass(6_000);
    const q = await m.storedTotals();
    expect(pageSec(q, 'app.test', 'https://app.test/inbox')).toBe(10);
    expect(pageVisits(q, 'app.test', 'https://app.test/inbox')).toBe(1);
    expect(pageSec(q, 'app.test', 'https://app.test/settings')).toBe(6);
    expect(visits(q, 'app.test')).toBe(1);
    const stored = JSON.stringify(await m.db.getAll('events'));
    expect(stored).not.toContain('secret');
    expect(stored).not.toContain('msg-1');
  });

  it('an untracked page between two sites ends the first visit and is never recorded', async () => {
    const { m, win } = await browsing();
    m.browser.openTab(win, 'https://a.test/', 'A');
    await m.pass(10_000);
    m.browser.openTab(win, 'chrome://settings/passwords', 'Passwords');
    await m.pass(20_000);
    m.browser.openTab(win, 'https://b.test/', 'B');
    await m.pass(5_000);
    const events = JSON.stringify(await m.db.getAll('events'));
    const q = await m.storedTotals();
    expect(sec(q, 'a.test')).toBe(10);
    expect(sec(q, 'b.test')).toBe(5);
    expect(q.totalMs).toBe(15_000);
    expect(events).not.toContain('chrome://');
    expect(events).not.toContain('Passwords');
  });
});

describe('attention', () => {
  it('blur stops the time and focus starts a new visit', async () => {
    const { m, win } = await browsing();
    m.browser.openTab(win, 'https://a.test/', 'A');
    await m.pass(10_000);
    m.browser.blur();
    await m.pass(30_000);
    m.browser.focusWindow(win);
    await m.pass(5_000);
    const q = await m.storedTotals();
    expect(sec(q, 'a.test')).toBe(15);
    expect(visits(q, 'a.test')).toBe(2);
  });

  it('idle is back-dated to when input stopped (now − interval); active starts a new visit', async () => {
    const { m, win } = await browsing({ flags: { idleSeconds: 60 } });
    m.browser.openTab(win, 'https://a.test/', 'A');
    await m.pass(100_000); // input stopped at 40 s; Chrome says idle at 100 s
    m.browser.setIdle('idle');
    await m.pass(100_000);
    m.browser.setIdle('active');
    await m.pass(10_000);
    const q = await m.storedTotals();
    expect(sec(q, 'a.test')).toBe(50);
    expect(visits(q, 'a.test')).toBe(2);
  });

  it('an audible tab keeps counting through idle, not through locked', async () => {
    const { m, win } = await browsing({ flags: { idleSeconds: 60 } });
    const tab = m.browser.openTab(win, 'https://video.test/watch', 'Film');
    m.browser.setAudible(tab, true);
    await m.pass(120_000);
    m.browser.setIdle('idle');
    await m.pass(60_000);
    m.browser.setIdle('locked');
    await m.pass(60_000);
    const q = await m.storedTotals();
    expect(sec(q, 'video.test')).toBe(180);
  });

  it('locked closes at once (no back-dating)', async () => {
    const { m, win } = await browsing({ flags: { idleSeconds: 60 } });
    m.browser.openTab(win, 'https://a.test/', 'A');
    await m.pass(30_000);
    m.browser.setIdle('locked');
    await m.pass(60_000);
    const q = await m.storedTotals();
    expect(sec(q, 'a.test')).toBe(30);
  });
});

describe('days and clocks', () => {
  it('a visit over local midnight splits its time and counts as a visit on the day it began', async () => {
    // UTC+1: local midnight is 23:00Z.
    const { m, win } = await browsing({ start: '2024-05-01T22:59:30Z', tz: 60 });
    m.browser.openTab(win, 'https://late.test/', 'Late');
    await m.pass(75_000);
    const day1 = await m.storedTotals({ from: '2024-05-01', to: '2024-05-01' });
    const day2 = await m.totals({ from: '2024-05-02', to: '2024-05-02' });
    expect(sec(day1, 'late.test')).toBe(30);
    expect(visits(day1, 'late.test')).toBe(1);
    expect(sec(day2, 'late.test')).toBe(45);
    expect(visits(day2, 'late.test')).toBe(0);
  });

  it('DST day: 00:30–04:30 local across the spring change is 3 hours, all on that day', async () => {
    // Europe/Paris 2024-03-31: +60 until 01:00Z, +120 after.
    const change = Date.parse('2024-03-31T01:00:00Z');
    const { m, win } = await browsing({ start: '2024-03-30T23:30:00Z', tz: (t) => (t < change ? 60 : 120) });
    m.browser.openTab(win, 'https://night.test/', 'Night');
    await m.pass(3 * 3_600_000);
    const q = await m.storedTotals({ from: '2024-03-31', to: '2024-03-31' });
    expect(sec(q, 'night.test')).toBe(3 * 3600);
    // Local hours: 00:30–02:00 at +1, then 03:00–04:30 at +2; 02:00–03:00 never happened.
    const H = 3_600_000;
    expect(q.daily).toEqual([{ day: '2024-03-31', ms: 3 * H, hours: [H / 2, H, 0, H, H / 2, ...new Array<number>(19).fill(0)] }]);
  });

  it('a clock jumping back an hour never yields negative or duplicated time', async () => {
    const { m, win } = await browsing();
    m.browser.openTab(win, 'https://a.test/', 'A');
    await m.pass(20_000);
    m.clock.advance(-3_600_000);
    m.browser.heartbeat();
    await m.pass(10_000);
    const q = await m.storedTotals();
    expect(sec(q, 'a.test')).toBe(30);
    expect(visits(q, 'a.test')).toBe(1);
  });
});

describe('workers and browsers stopping', () => {
  it('one page for 10 min with the worker stopped every 30 s: 600 s and one visit', async () => {
    const { m, win } = await browsing();
    m.browser.openTab(win, 'https://read.test/long-article', 'Article');
    for (let i = 0; i < 20; i += 1) {
      await m.stopWorker();
      m.clock.advance(30_000);
      await m.wakeWorker(); // the heartbeat alarm wakes it
      m.engine.capture.heartbeat(m.clock.now());
      if (i % 3 === 0) await m.aggregate();
    }
    const q = await m.storedTotals();
    expect(sec(q, 'read.test')).toBe(600);
    expect(visits(q, 'read.test')).toBe(1);
    expect(pageVisits(q, 'read.test', 'https://read.test/long-article')).toBe(1);
  });

  it('browser closed overnight: counted to the last evidence, not through the night', async () => {
    const { m, win } = await browsing({ flags: { heartbeatSeconds: 30 } });
    m.browser.openTab(win, 'https://a.test/', 'A');
    await m.pass(90_000); // heartbeats at 30, 60, 90 s
    m.clock.advance(20_000); // the user reads 20 s more; the browser quits with no event
    await m.quitBrowser();
    m.clock.advance(8 * 3_600_000);
    await m.wakeWorker();
    const w = m.browser.openWindow();
    m.browser.openTab(w, 'https://b.test/', 'B');
    await m.pass(10_000);
    const q = await m.storedTotals();
    expect(sec(q, 'a.test')).toBe(90); // the last 20 s had no evidence: within one heartbeat
    expect(sec(q, 'b.test')).toBe(10);
    const d = await m.engine.handle({ type: 'diagnostics' });
    expect(d.ok && d.result.counters.recoveries).toBe(1);
  });

  it('a sleep (heartbeat far later than scheduled) closes the visit at the last evidence', async () => {
    const { m, win } = await browsing();
    m.browser.openTab(win, 'https://a.test/', 'A');
    await m.pass(60_000);
    m.clock.advance(2 * 3_600_000);
    m.engine.capture.heartbeat(m.clock.now() - 2 * 3_600_000 + 30_000);
    await m.pass(10_000);
    const q = await m.storedTotals();
    expect(sec(q, 'a.test')).toBe(70); // 60 s before the sleep + 10 s after waking
    expect(visits(q, 'a.test')).toBe(2);
  });

  it('a switch lost in flight is reconstructed from lastAccessed at the next worker start', async () => {
    const { m, win } = await browsing();
    m.browser.openTab(win, 'https://a.test/', 'A');
    await m.pass(20_000);
    m.browser.dropNextSignal(2); // the worker is killed while Chrome dispatches the switch
    m.browser.openTab(win, 'https://b.test/', 'B');
    await m.stopWorker();
    m.clock.advance(10_000);
    await m.wakeWorker();
    const q = await m.storedTotals();
    expect(sec(q, 'a.test')).toBe(20);
    expect(sec(q, 'b.test')).toBe(10);
    const d = await m.engine.handle({ type: 'diagnostics' });
    expect(d.ok && d.result.counters.reconstructed).toBe(1);
  });

  it('a lost switch is reconstructed even when the tab switched to is what wakes the worker', async () => {
    const { m, win } = await browsing();
    m.browser.openTab(win, 'https://a.test/', 'A');
    await m.pass(20_000);
    const b = m.browser.openTab(win, 'https://b.test/', 'B', { active: false });
    m.browser.dropNextSignal(1); // the activation dies with the worker
    m.browser.activate(b);
    await m.stopWorker();
    m.clock.advance(10_000);
    await m.wakeWorker(() => m.browser.setTitle(b, '(1) B')); // B's title change starts the worker
    await m.pass(5_000);
    const q = await m.storedTotals();
    expect(sec(q, 'a.test')).toBe(20);
    expect(sec(q, 'b.test')).toBe(15);
  });
});

describe('the rules at their edges, through the capture handlers', () => {
  it('a heartbeat exactly gapMs after the last evidence is no gap; one ms later is', async () => {
    for (const [silence, want] of [
      [75_000, { s: 110, v: 1 }],
      [75_001, { s: 35, v: 2 }],
    ] as const) {
      const { m, win } = await browsing({ flags: { heartbeatSeconds: 30 } }); // gapMs = 75 s
      m.browser.openTab(win, 'https://a.test/', 'A');
      await m.pass(30_000); // the heartbeat at 30 s is the last evidence
      m.advance(silence);
      m.browser.heartbeat();
      await m.pass(5_000);
      const q = await m.storedTotals();
      expect([sec(q, 'a.test'), visits(q, 'a.test')], `silence of ${silence} ms`).toEqual([want.s, want.v]);
    }
  });

  it('a restart whose restored tabs get the same ids still closes at the last evidence', async () => {
    const { m, win } = await browsing({ flags: { heartbeatSeconds: 30 } });
    m.browser.openTab(win, 'https://a.test/', 'A');
    await m.pass(60_000); // heartbeats at 30 and 60 s
    m.advance(20_000); // read on for 20 s, then the browser quits with no event
    await m.stopWorker();
    const saved = m.world.restartBrowser();
    m.advance(30_000); // back 50 s after the last evidence: less than gapMs, so only boot tells
    m.browser.restore(saved, { sameIds: true });
    await m.wakeWorker();
    await m.pass(10_000);
    const q = await m.storedTotals();
    expect(sec(q, 'a.test')).toBe(70); // 60 s to the last heartbeat, 10 s after the restart
    expect(visits(q, 'a.test')).toBe(2);
    const d = await m.engine.handle({ type: 'diagnostics' });
    expect(d.ok && d.result.counters.recoveries).toBe(1);
  });

  it('the worker dies waiting for the page it switched to; the tab then loads another', async () => {
    const world = new FakeWorld();
    const dbName = `stories-lost-page-${Date.now()}`;
    const { browser, clock } = world;
    let worker = await world.spawnLiveWorker(dbName);
    const win = browser.openWindow();
    const a = browser.openTab(win, 'https://a.test/x', 'A');
    clock.advance(10_000);
    const b = browser.openTab(win, 'https://www.b.test/', 'B'); // 10 s on A
    clock.advance(10_000);
    browser.activate(a); // 10 s on B
    clock.advance(10_000);
    await worker.engine.flush();
    browser.stallAnswers(); // the activation is written, the worker dies before B's page comes
    browser.activate(b); // 10 s on A again
    await worker.engine.flush();
    crashNow(worker.db);
    world.retire(worker);
    browser.resumeAnswers();
    clock.advance(6_000);
    worker = await world.spawnWorker(dbName, { wokenBy: () => browser.navigate(b, 'https://www.b.test/two', 'B2') });
    clock.advance(4_000);
    const q = await worker.engine.handle({ type: 'query', range: 'all', pages: true, now: clock.now() });
    if (!q.ok) throw new Error(q.error);
    // B showed its last known page from the activation until the load: 10 + 6 s; B2 4 s.
    expect(pageSec(q.result, 'b.test', 'https://www.b.test/')).toBe(16);
    expect(pageSec(q.result, 'b.test', 'https://www.b.test/two')).toBe(4);
    expect(sec(q.result, 'a.test')).toBe(20);
    world.retire(worker);
  });
});
