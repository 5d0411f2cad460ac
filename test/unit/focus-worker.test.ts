// Focus sessions in the worker: a person starts a session from the popup, the sites it blocks go
// to the block page at once and whenever they come to the front during a focus period, breaks let
// them through, and the session ends on time — whatever Chrome did to the worker meanwhile.
import { describe, expect, it, vi } from 'vitest';
import { BLOCK_BASE } from '../fixtures/limit-rig.ts';
import { FocusRig } from '../fixtures/focus-rig.ts';
import type { Settings } from '../../src/settings/defaults.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

async function readingNews(flags: Partial<Settings> = {}) {
  const r = new FocusRig({ flags: { focusSites: ['news.test'], focusBreakMinutes: 0, ...flags } });
  await r.wake();
  const win = r.browser.openWindow();
  const news = r.browser.openTab(win, 'https://news.test/today?session=secret', 'News');
  await r.event('switch');
  return { r, win, news };
}

const blocked = (r: FocusRig, tab: number) => r.browser.urlOf(tab).startsWith(BLOCK_BASE);

describe('a 25-minute focus session blocking news.test', () => {
  it('reading news, start: the tab goes to the block page at once; another site stays open', async () => {
    const { r, win, news } = await readingNews();
    const t0 = r.clock.now();
    const { view } = await r.startFocus(25);
    expect(view).toMatchObject({ phase: 'focus', cycle: 1, cycles: 1, endsAt: t0 + 25 * MINUTE });
    expect(blocked(r, news)).toBe(true);
    expect(new URL(r.browser.urlOf(news)).searchParams.get('back')).toBe('https://news.test/today');
    const docs = r.browser.openTab(win, 'https://docs.test/guide', 'Docs');
    await r.event('switch');
    await r.pass(MINUTE);
    expect(blocked(r, docs)).toBe(false);
    expect(await r.focusInfo('news.test')).toMatchObject({ blocksSite: true });
    expect(await r.focusInfo('docs.test')).toMatchObject({ blocksSite: false });
  });

  it('news opened in a new tab 10 min in is blocked at once; the block page counts to no site', async () => {
    const { r, win } = await readingNews();
    r.browser.openTab(win, 'https://docs.test/', 'Docs');
    await r.event('switch');
    await r.startFocus(25);
    await r.pass(10 * MINUTE);
    const later = r.browser.openTab(win, 'https://news.test/other', 'News');
    await r.event('load');
    expect(blocked(r, later)).toBe(true);
    const before = await r.usedToday('news.test');
    await r.pass(5 * MINUTE);
    expect(await r.usedToday('news.test')).toBe(before);
  });

  it('the worker is stopped 5 min in and nothing wakes it but the alarm: the session ends at 25:00 exactly, with one end notice', async () => {
    const { r, news } = await readingNews();
    const t0 = r.clock.now();
    await r.startFocus(25);
    await r.pass(5 * MINUTE);
    await r.stop();
    // Chrome wakes the stopped worker for its alarm; nothing else happens meanwhile.
    const end = t0 + 25 * MINUTE;
    expect(r.alarm.when).toBe(end);
    r.clock.set(end);
    await r.wake();
    expect(r.notices.shown).toEqual([{ at: end, notice: 'end', cycle: 1 }]);
    expect(await r.focusInfo()).toBeNull();
    // The session is gone from storage (the block page, listening, lets its tab go) and nothing
    // is left to wake the worker for.
    expect(r.store.stored).toBeUndefined();
    expect(r.alarm.when).toBeNull();
    // After the session, news opens again.
    r.browser.navigate(news, 'https://news.test/today', 'News');
    await r.event('load');
    expect(blocked(r, news)).toBe(false);
    await r.pass(10 * MINUTE);
    expect(r.notices.shown.length).toBe(1);
  });

  it('a browser restart during the session neither ends nor extends it', async () => {
    const { r } = await readingNews();
    const t0 = r.clock.now();
    await r.startFocus(25);
    await r.pass(3 * MINUTE);
    await r.stop();
    r.clock.set(t0 + 12 * MINUTE);
    await r.wake();
    expect(await r.focusInfo()).toMatchObject({ phase: 'focus', endsAt: t0 + 25 * MINUTE });
    await r.pass(13 * MINUTE);
    expect(r.notices.shown.map((n) => [n.notice, n.at - t0])).toEqual([['end', 25 * MINUTE]]);
  });

  it('ended early from the popup: no end notice, no alarm left, news opens again', async () => {
    const { r, news } = await readingNews();
    await r.startFocus(25);
    await r.pass(2 * MINUTE);
    await r.stopFocus();
    expect(r.alarm.when).toBeNull();
    r.browser.navigate(news, 'https://news.test/today', 'News');
    await r.event('load');
    expect(blocked(r, news)).toBe(false);
    await r.pass(30 * MINUTE);
    expect(r.notices.shown).toEqual([]);
  });
});

describe('pomodoro: 2 cycles of 1 minute with 1-minute breaks', () => {
  it('news is blocked in each focus minute, open in the break, and each boundary is announced once, at its second', async () => {
    const { r, news } = await readingNews({ focusBreakMinutes: 1, focusCycles: 2 });
    const t0 = r.clock.now();
    const { view } = await r.startFocus(1);
    expect(view).toMatchObject({ cycles: 2, endsAt: t0 + 3 * MINUTE });
    expect(blocked(r, news)).toBe(true);
    await r.pass(MINUTE + 10 * SECOND); // into the break
    r.browser.navigate(news, 'https://news.test/today', 'News');
    await r.event('load');
    expect(blocked(r, news)).toBe(false);
    await r.pass(MINUTE); // back to focus at 2:00: the tab in front is sent away at that second
    expect(blocked(r, news)).toBe(true);
    await r.pass(2 * MINUTE);
    expect(r.notices.shown.map((n) => [n.notice, n.cycle, n.at - t0])).toEqual([
      ['break', 1, MINUTE],
      ['resume', 2, 2 * MINUTE],
      ['end', 2, 3 * MINUTE],
    ]);
    const resumed = r.blocks.filter((b) => b.tabId === news).map((b) => b.at - t0);
    expect(resumed).toEqual([0, 2 * MINUTE]);
  });

  it('a worker woken only after the whole session announces just its end', async () => {
    const { r } = await readingNews({ focusBreakMinutes: 1, focusCycles: 2 });
    const t0 = r.clock.now();
    await r.startFocus(1);
    await r.stop();
    r.clock.set(t0 + 10 * MINUTE);
    await r.wake();
    expect(r.notices.shown.map((n) => n.notice)).toEqual(['end']);
  });
});

describe('a session that cannot start', () => {
  it('nothing chosen to block: refused with a reason, nothing stored, no alarm', async () => {
    const { r, news } = await readingNews({ focusSites: [] });
    expect(await r.startFocus(25)).toEqual({ view: null, problem: 'nothing-to-block' });
    expect(r.store.stored).toBeUndefined();
    expect(blocked(r, news)).toBe(false);
    expect(r.alarm.when).toBeNull();
  });

  it('only a category chosen that was deleted since: refused as nothing to block (it started a session that blocked nothing)', async () => {
    const { r, news } = await readingNews({ focusSites: [], focusCategories: ['gone'], categories: [] });
    expect(await r.startFocus(25)).toEqual({ view: null, problem: 'nothing-to-block' });
    expect(r.store.stored).toBeUndefined();
    expect(blocked(r, news)).toBe(false);
  });

  it('Social kept and a category deleted since: the session stores Social alone', async () => {
    const social = { id: 'social', name: 'Social', colour: '#3366cc', rules: ['social.test'] };
    const { r } = await readingNews({ focusSites: [], focusCategories: ['gone', 'social'], categories: [social] });
    expect((await r.startFocus(25)).view).toMatchObject({ categories: ['social'] });
    expect(r.store.stored).toMatchObject({ categories: ['social'] });
  });

  it('0 minutes or 241 minutes: refused', async () => {
    const { r } = await readingNews();
    expect((await r.startFocus(0)).problem).toBe('minutes');
    const tooLong = await r.m.engine.handle({ type: 'focusStart', minutes: 241 });
    expect(tooLong.ok).toBe(false);
    expect(await r.focusInfo()).toBeNull();
  });

  it('a corrupt stored session is no session: nothing blocked, nothing wedged', async () => {
    const { r, news } = await readingNews();
    r.store.stored = { startedAt: 'yesterday', sites: 'news.test' };
    await r.event('switch');
    expect(blocked(r, news)).toBe(false);
    expect(await r.focusInfo()).toBeNull();
    expect((await r.startFocus(25)).view).not.toBeNull();
  });
});

describe('a focus session by category', () => {
  it('a category listed for focus blocks its sites as the category rules are now', async () => {
    const categories = [{ id: 'social', name: 'Social', colour: '#3366cc', rules: ['social.test'] }];
    const { r, win } = await readingNews({ focusSites: [], focusCategories: ['social'], categories });
    await r.startFocus(25);
    const social = r.browser.openTab(win, 'https://www.social.test/feed', 'Feed');
    await r.event('switch');
    expect(blocked(r, social)).toBe(true);
  });
});

/** What the diagnostics page lists as errors: where, and the message. */
const errorsOf = async (r: FocusRig) => (await r.m.ok({ type: 'diagnostics' })).errors.map((e) => [e.where, e.message]);

describe('the session and what is around it', () => {
  it('no session, and news.test\'s own 1-minute limit used up: news goes to the block page, docs in the other window stays', async () => {
    const { r, win, news } = await readingNews({ siteLimits: [{ site: 'news.test', minutes: 1 }] });
    const docs = r.browser.openTab(r.browser.openWindow({ focus: false }), 'https://docs.test/guide', 'Docs');
    r.browser.focusWindow(win);
    await r.event('focus');
    await r.pass(2 * MINUTE);
    expect(blocked(r, news)).toBe(true);
    expect(blocked(r, docs)).toBe(false);
  });

  it('the popup asks at 25:01, before the worker has run the limits since the end: no session is shown', async () => {
    const { r } = await readingNews();
    const t0 = r.clock.now();
    await r.startFocus(25);
    await r.stop();
    r.clock.set(t0 + 26 * MINUTE);
    expect(await r.focusInfo()).toBeNull();
  });

  it('a finished session whose end was already announced, left in storage: removed at the next wake, announced no more', async () => {
    const { r } = await readingNews();
    const t0 = r.clock.now();
    r.store.stored = { startedAt: t0 - 30 * MINUTE, focusMs: 25 * MINUTE, breakMs: 0, cycles: 1, sites: ['news.test'], categories: [], noticed: 1 };
    await r.event('switch');
    expect(r.store.stored).toBeUndefined();
    expect(r.notices.shown).toEqual([]);
  });

  it('notifications fail (turned off in the system): the failure is logged as the focus notice\'s, and the session goes on to its end', async () => {
    const r = new FocusRig({ flags: { focusSites: ['news.test'], focusBreakMinutes: 1, focusCycles: 2 } });
    r.notices.focus = async () => {
      throw new Error('notifications are turned off');
    };
    await r.wake();
    const news = r.browser.openTab(r.browser.openWindow(), 'https://news.test/', 'News');
    await r.event('switch');
    await r.startFocus(1);
    await r.pass(MINUTE + 10 * SECOND);
    await vi.waitFor(async () => expect(await errorsOf(r)).toEqual([['focus notice', 'Error: notifications are turned off']]));
    await r.pass(MINUTE);
    expect(blocked(r, news)).toBe(true);
    await r.pass(2 * MINUTE);
    expect(await r.focusInfo()).toBeNull();
  });
});

describe('what the popup is told when it starts and stops a session', () => {
  it('a start refused leaves the limits as they were: nothing is judged again, no alarm asked for', async () => {
    const { r } = await readingNews({ focusSites: [], siteLimits: [{ site: 'news.test', minutes: 30 }] });
    const asked = r.alarm.log.length;
    expect(asked).toBeGreaterThan(0);
    expect((await r.startFocus(25)).problem).toBe('nothing-to-block');
    expect(r.alarm.log.length).toBe(asked);
  });

  it('stopped: the popup is told so', async () => {
    const { r } = await readingNews();
    await r.startFocus(25);
    expect(await r.m.ok({ type: 'focusStop' })).toEqual({ stopped: true });
  });

  it('the limit day cannot be read (storage failing): the limits run after a start and after a stop each logs its error, named after it', async () => {
    const { r } = await readingNews({ siteLimits: [{ site: 'news.test', minutes: 30 }] });
    r.days.load = async () => {
      throw new Error('storage.local is failing');
    };
    await r.startFocus(25);
    await vi.waitFor(async () => expect(await errorsOf(r)).toEqual([['limits (focus start)', 'Error: storage.local is failing']]));
    await r.stopFocus();
    await vi.waitFor(async () => expect((await errorsOf(r)).map(([where]) => where)).toEqual(['limits (focus start)', 'limits (focus stop)']));
  });
});
