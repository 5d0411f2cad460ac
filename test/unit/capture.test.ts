// Capture (src/background/capture.ts): which browser signals become which events, and that a
// paused tracker records none of them. Asserted on the log the engine wrote.
import { describe, expect, it } from 'vitest';
import type { DwellEvent, EventBody } from '../../src/core/events.ts';
import { tabInfo } from '../../src/background/capture.ts';
import { createEngine } from '../../src/background/engine.ts';
import type { BrowserTab } from '../../src/background/ports.ts';
import { openDwellDb } from '../../src/db/open.ts';
import { readErrors } from '../../src/db/meta.ts';
import { defaults } from '../../src/settings/defaults.ts';
import { FakeWorld, NO_WINDOW } from '../fixtures/fake-browser.ts';
import { BrowserThatFailsLookups } from '../fixtures/failing-browser.ts';
import { Machine } from '../fixtures/machine.ts';
import { SECOND } from '../fixtures/story.ts';

const NEWS = 'https://news.test/today';
const DOCS = 'https://docs.test/guide';

const bodyOf = ({ seq: _seq, t: _t, tz: _tz, ...body }: DwellEvent): EventBody => body;

/** A worker reading news in window 1; `since` marks where the story's own events begin. */
async function readingNews(): Promise<{ m: Machine; win: number; news: number; since: () => Promise<DwellEvent[]> }> {
  const m = new Machine();
  await m.wakeWorker();
  const win = m.browser.openWindow();
  const news = m.browser.openTab(win, NEWS, 'News');
  await m.engine.flush();
  const before = (await m.db.getAll('events')).length;
  const since = async () => {
    await m.engine.flush();
    return (await m.db.getAll('events')).slice(before);
  };
  return { m, win, news, since };
}

describe('tabInfo', () => {
  const tab = (over: Partial<BrowserTab>): BrowserTab => ({ id: 4, windowId: 2, incognito: false, active: true, ...over });

  it('a settings page playing sound is an untracked marker: no url, no site, no title, not audible', () => {
    expect(tabInfo(tab({ url: 'chrome://settings/', title: 'Settings', audible: true }), defaults)).toEqual({ tabId: 4, windowId: 2, url: null, domain: null, title: '', audible: false });
  });

  it('a web page Chrome gave no title: an empty title', () => {
    expect(tabInfo(tab({ url: NEWS, audible: true }), defaults)).toEqual({ tabId: 4, windowId: 2, url: NEWS, domain: 'news.test', title: '', audible: true });
  });
});

describe('capture while paused', () => {
  it('paused: switching, loading, retitling, sound, closing, replacing, focus, idle and the heartbeat record nothing', async () => {
    const { m, win, news, since } = await readingNews();
    const docs = m.browser.openTab(win, DOCS, 'Docs');
    const other = m.browser.openWindow();
    m.browser.openTab(other, DOCS, 'Docs 2');
    m.browser.focusWindow(win);
    await m.ok({ type: 'setPaused', paused: true });
    const paused = (await since()).length;

    m.browser.activate(news);
    m.browser.navigate(news, `${NEWS}/2`, 'News 2');
    m.browser.setTitle(news, 'News 3');
    m.browser.setAudible(news, true);
    m.browser.closeTab(docs);
    m.browser.replaceTab(news, `${NEWS}/3`, 'News 4');
    m.browser.focusWindow(other);
    m.browser.setIdle('locked');
    m.browser.heartbeat();
    m.browser.closeWindow(other);
    await m.pass(SECOND);

    expect((await since()).slice(paused).map(bodyOf)).toEqual([]);
  });
});

describe('capture around a resume', () => {
  it('a tab swapped in while paused, and the pause lifted before the worker read the new tab: the swap is not recorded, the resume restates the front', async () => {
    const { m, news, since } = await readingNews();
    await m.ok({ type: 'setPaused', paused: true });
    const paused = (await since()).length;
    const swapped = m.browser.replaceTab(news, `${NEWS}/next`, 'Next');
    // Resumed in the same tick (from the popup): the swap's look-up is answered after it.
    m.world.settings.flags = { ...m.world.settings.flags, paused: false };
    m.engine.settingsChanged();
    const events = (await since()).slice(paused);
    expect(events.map((e) => e.k)).toEqual(['pause', 'idle', 'snapshot']);
    expect(events[2]).toMatchObject({ k: 'snapshot', tabs: [{ tabId: swapped, url: `${NEWS}/next` }] });
  });
});

describe('capture of single signals', () => {
  it('a background tab closes: a removed event for it, in its window', async () => {
    const { m, win, since } = await readingNews();
    const docs = m.browser.openTab(win, DOCS, 'Docs', { active: false });
    m.browser.closeTab(docs);
    expect((await since()).map(bodyOf)).toEqual([{ k: 'removed', tabId: docs, windowId: win }]);
  });

  it('a second window, not focused, closes: one windowRemoved event for it', async () => {
    const { m, win, since } = await readingNews();
    const other = m.browser.openWindow({ focus: false });
    m.browser.openTab(other, DOCS, 'Docs', { active: false });
    const before = (await since()).length;
    m.browser.closeWindow(other);
    expect((await since()).slice(before).map(bodyOf)).toEqual([{ k: 'windowRemoved', windowId: other }]);
    expect(m.browser.focus).toBe(win);
  });

  it('a prerendered page swaps in as a new tab id: the new tab and its page are recorded', async () => {
    const { m, win, news, since } = await readingNews();
    const swapped = m.browser.replaceTab(news, `${NEWS}/next`, 'Next');
    const events = (await since()).map(bodyOf);
    expect(events).toEqual([{ k: 'tab', tabId: swapped, windowId: win, url: `${NEWS}/next`, domain: 'news.test', title: 'Next', audible: false, lastAccessed: m.clock.now() }]);
  });

  it('a tab update that changes neither page, title nor sound (a favicon, a loading status) records nothing', async () => {
    const { m, win, news, since } = await readingNews();
    m.engine.capture.tabUpdated({ id: news, windowId: win, url: NEWS, title: 'News', audible: false, incognito: false, active: true, lastAccessed: m.clock.now() }, {});
    await m.pass(2 * SECOND);
    expect((await since()).filter((e) => e.k !== 'beat').map(bodyOf)).toEqual([]);
  });

  it('the screen locks: the idle event says locked since now, not an idle interval earlier', async () => {
    const { m, since } = await readingNews();
    m.advance(5 * SECOND);
    m.browser.setIdle('locked');
    const [locked] = await since();
    expect(locked).toMatchObject({ k: 'idle', state: 'locked', since: m.clock.now(), t: m.clock.now() });
  });

  it('input stops and Chrome says idle: the idle event is dated one detection interval (60 s) earlier', async () => {
    const { m, since } = await readingNews();
    m.advance(90 * SECOND);
    m.browser.setIdle('idle');
    const [idle] = await since();
    expect(idle).toMatchObject({ k: 'idle', state: 'idle', since: m.clock.now() - 60 * SECOND, t: m.clock.now() });
  });

  it('focus moves to window 2: the focus event, then the page in front of window 2', async () => {
    const { m, since } = await readingNews();
    const other = m.browser.openWindow({ focus: false });
    const docs = m.browser.openTab(other, DOCS, 'Docs');
    const before = (await since()).length;
    m.browser.focusWindow(other);
    expect((await since()).slice(before).map(bodyOf)).toEqual([
      { k: 'focus', windowId: other },
      { k: 'tab', tabId: docs, windowId: other, url: DOCS, domain: 'docs.test', title: 'Docs', audible: false, lastAccessed: m.clock.now() },
    ]);
  });

  it('a window whose id is 0 gets focus: its page in front is read too', async () => {
    const { m, since } = await readingNews();
    m.browser.load({ focused: NO_WINDOW, idle: 'active', windows: [{ id: 0, activeTab: { id: 50, url: DOCS, title: 'Docs', audible: false, lastAccessed: m.clock.now() } }] });
    const before = (await since()).length;
    m.browser.focusWindow(0);
    expect((await since()).slice(before).map(bodyOf)).toEqual([
      { k: 'focus', windowId: 0 },
      { k: 'tab', tabId: 50, windowId: 0, url: DOCS, domain: 'docs.test', title: 'Docs', audible: false, lastAccessed: m.clock.now() },
    ]);
  });
});

describe('a failed look-up after a signal', () => {
  it('the activation and focus are recorded; the failed reads of their pages are logged where they happened', async () => {
    const world = new FakeWorld();
    const browser = new BrowserThatFailsLookups(world.clock);
    const db = await openDwellDb(`capture-failing-${Date.now()}`);
    const engine = createEngine({ ...world.deps(db), browser });
    browser.connect(engine.capture);
    await engine.start();
    const win = browser.openWindow();
    const news = browser.openTab(win, NEWS, 'News');
    const docs = browser.openTab(win, DOCS, 'Docs', { active: false });
    await engine.flush();
    browser.failing = true;
    browser.activate(docs);
    const swapped = browser.replaceTab(news, `${NEWS}/next`, 'Next');
    const other = browser.openWindow({ focus: false });
    browser.focusWindow(other);
    // A blur asks the browser nothing (there is no window to read), so it cannot fail.
    browser.blur();
    await engine.flush();
    // Errors are logged fire-and-forget (flush() does not wait for them): let those writes land.
    await new Promise((r) => setTimeout(r, 10));
    const events = (await db.getAll('events')).map(bodyOf);
    expect(events.slice(-3)).toEqual([
      { k: 'activated', tabId: docs, windowId: win },
      { k: 'focus', windowId: other },
      { k: 'focus', windowId: NO_WINDOW },
    ]);
    expect((await readErrors(db)).map((e) => [e.where, e.message])).toEqual([
      ['enrich activation', `Error: tabs.get(${docs}) failed`],
      ['enrich replaced tab', `Error: tabs.get(${swapped}) failed`],
      ['enrich focus', `Error: tabs.query(window ${other}) failed`],
    ]);
  });
});
