// Daily limits in the worker: a person reads a limited site, and the block page comes at the
// second its allowance runs out — from an alarm when it is far, from a timer when it is near,
// after a worker stop, in every tab of the site.
import { describe, expect, it, vi } from 'vitest';
import { BLOCK_BASE, LimitRig } from '../fixtures/limit-rig.ts';
import { MIN_ALARM_MS, type LimitDay } from '../../src/background/limits.ts';
import { tabInfo } from '../../src/background/capture.ts';
import { defaults } from '../../src/settings/defaults.ts';
import { hourOf } from '../../src/core/hours.ts';
import { dayOf } from '../../src/core/days.ts';
import { localHourStart, nextMidnight } from '../../src/core/limits.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

async function reading(minutes: number, flags = {}) {
  const r = new LimitRig({ flags: { siteLimits: [{ site: 'news.test', minutes }], ...flags } });
  await r.wake();
  const win = r.browser.openWindow();
  const news = r.browser.openTab(win, 'https://news.test/today?session=secret#top', 'News');
  await r.event('switch');
  return { r, win, news };
}

describe('a 2-minute limit on news.test', () => {
  it('reading from 10:00: blocked at 10:02:00.000 exactly, by the alarm; the block page counts to no site', async () => {
    const { r, news } = await reading(2);
    const t0 = r.clock.now();
    expect(r.alarm.when).toBe(t0 + 2 * MINUTE);
    await r.pass(3 * MINUTE);
    expect(r.blocks.map((b) => b.at - t0)).toEqual([2 * MINUTE]);
    expect(r.browser.urlOf(news).startsWith(BLOCK_BASE)).toBe(true);
    expect(await r.usedToday('news.test')).toBe(2 * MINUTE);
  });

  it('the block page keeps the page to go back to as origin + path: the query and fragment are not carried', async () => {
    const { r } = await reading(1);
    await r.pass(MINUTE);
    const url = new URL(r.blocks[0]!.url);
    expect(url.searchParams.get('site')).toBe('news.test');
    expect(url.searchParams.get('back')).toBe('https://news.test/today');
    expect(r.blocks[0]!.url).not.toContain('secret');
  });

  it('switching away stops the clock; back with 10 s left, a timer (not the 30 s alarm) blocks at the second', async () => {
    const { r, win, news } = await reading(2);
    await r.pass(110 * SECOND);
    r.browser.openTab(win, 'https://other.test/', 'Other');
    await r.event('switch');
    expect(r.alarm.when).toBeNull();
    // 7 s off the heartbeat's beat, so no heartbeat lands on the moment by chance.
    await r.pass(5 * MINUTE + 7 * SECOND);
    expect(r.blocks.length).toBe(0);
    r.browser.activate(news);
    await r.event('switch');
    const back = r.clock.now();
    // The alarm is clamped to 30 s; the exact moment comes from the in-worker timer.
    expect(r.alarm.when).toBe(back + MIN_ALARM_MS);
    await r.pass(MINUTE);
    expect(r.blocks.map((b) => b.at - back)).toEqual([10 * SECOND]);
    expect(await r.usedToday('news.test')).toBe(2 * MINUTE);
  });

  it('the worker stops while the limit is pending: the alarm wakes a new one, blocked on time', async () => {
    const { r } = await reading(2);
    const t0 = r.clock.now();
    await r.pass(40 * SECOND);
    await r.stop();
    await r.wake();
    await r.pass(2 * MINUTE);
    expect(r.blocks.map((b) => b.at - t0)).toEqual([2 * MINUTE]);
  });

  it('two tabs of the site share one allowance; the other tab is blocked when it comes to the front', async () => {
    const { r, win, news } = await reading(2);
    const t0 = r.clock.now();
    await r.pass(MINUTE);
    const second = r.browser.openTab(win, 'https://www.news.test/sport', 'Sport');
    await r.event('switch');
    await r.pass(2 * MINUTE);
    expect(r.blocks.map((b) => [b.tabId, b.at - t0])).toEqual([[second, 2 * MINUTE]]);
    r.browser.activate(news);
    await r.event('switch');
    expect(r.blocks.map((b) => b.tabId)).toEqual([second, news]);
    expect(await r.usedToday('news.test')).toBe(2 * MINUTE);
  });

  it('a warning 5 minutes before a 10-minute limit, once', async () => {
    const { r } = await reading(10);
    const t0 = r.clock.now();
    await r.pass(11 * MINUTE);
    expect(r.notes.shown).toEqual([{ at: t0 + 5 * MINUTE, site: 'news.test', remainingMs: 5 * MINUTE }]);
    expect(r.blocks.map((b) => b.at - t0)).toEqual([10 * MINUTE]);
  });

  it('"5 more minutes" once: blocked again 5 minutes later, and a second snooze is refused', async () => {
    const { r, news } = await reading(1);
    const t0 = r.clock.now();
    await r.pass(MINUTE);
    expect(await r.limits.snooze('news.test')).toBe(true);
    r.browser.navigate(news, 'https://news.test/today');
    await r.event('back');
    await r.pass(10 * MINUTE);
    expect(r.blocks.map((b) => b.at - t0)).toEqual([MINUTE, 6 * MINUTE]);
    expect(await r.limits.snooze('news.test')).toBe(false);
    expect((await r.limits.info('news.test'))?.canSnooze).toBe(false);
  });

  it('the snooze survives a browser restart (the limit day is in chrome.storage.local)', async () => {
    const { r } = await reading(1);
    await r.pass(MINUTE);
    await r.limits.snooze('news.test');
    await r.m.quitBrowser();
    await r.wake();
    expect(await r.limits.snooze('news.test')).toBe(false);
  });

  it("a clock set back into yesterday and forward again: today's snooze is still used (no second one)", async () => {
    const { r } = await reading(1);
    await r.pass(MINUTE);
    expect(await r.limits.snooze('news.test')).toBe(true);
    const today = r.clock.now();
    r.clock.set(today - 24 * 60 * MINUTE);
    // Yesterday's own allowance is yesterday's: its snooze is its own.
    expect(await r.limits.snooze('news.test')).toBe(true);
    r.clock.set(today + SECOND);
    expect(await r.limits.snooze('news.test')).toBe(false);
  });

  it('strict limits: no snooze', async () => {
    const { r } = await reading(1, { strictLimits: true });
    await r.pass(MINUTE);
    expect((await r.limits.info('news.test'))?.canSnooze).toBe(false);
    expect(await r.limits.snooze('news.test')).toBe(false);
  });

  it('going back to the page after the block: blocked again at once', async () => {
    const { r, news } = await reading(2);
    await r.pass(2 * MINUTE);
    r.browser.navigate(news, 'https://news.test/today');
    await r.event('back');
    expect(r.blocks.length).toBe(2);
  });

  it('the block page is no site: a chrome-extension URL is not tracked', () => {
    const tab = { id: 1, windowId: 1, url: `${BLOCK_BASE}?site=news.test`, title: 'Dwell', incognito: false, active: true };
    expect(tabInfo(tab, defaults)).toMatchObject({ url: null, domain: null });
  });

  it('no limits: no alarm is ever set', async () => {
    const r = new LimitRig();
    await r.wake();
    r.browser.openTab(r.browser.openWindow(), 'https://news.test/', 'News');
    await r.event('switch');
    await r.pass(2 * MINUTE);
    expect(r.alarm.log).toEqual([]);
  });
});

describe('the next day', () => {
  it('blocked at 23:58 with a 1-minute limit from 23:57; at midnight the new day has a new allowance', async () => {
    const r = new LimitRig({ start: '2024-03-10T23:57:00Z', flags: { siteLimits: [{ site: 'news.test', minutes: 1 }] } });
    await r.wake();
    const win = r.browser.openWindow();
    const news = r.browser.openTab(win, 'https://news.test/', 'News');
    await r.event('switch');
    await r.pass(4 * MINUTE);
    r.browser.navigate(news, 'https://news.test/');
    await r.event('back');
    const t = r.clock.now();
    await r.pass(2 * MINUTE);
    expect(r.blocks.map((b) => new Date(b.at).toISOString())).toEqual(['2024-03-10T23:58:00.000Z', new Date(t + MINUTE).toISOString()]);
  });
});

describe('what the block page asks the worker', () => {
  it('limitInfo: which limit, the time used, when it resets, whether "5 more minutes" is offered; snoozeLimit once', async () => {
    const { r } = await reading(1);
    await r.pass(MINUTE);
    const info = await r.m.ok({ type: 'limitInfo', site: 'news.test' });
    // Exactly these fields: a site's own limit names no category, not even an undefined one.
    expect(info).toStrictEqual({ site: 'news.test', minutes: 1, usedMs: MINUTE, siteUsedMs: MINUTE, allowanceMs: MINUTE, blocked: true, resetAt: Date.parse('2024-03-11T00:00:00Z'), canSnooze: true });
    expect(await r.m.ok({ type: 'snoozeLimit', site: 'news.test' })).toEqual({ granted: true });
    expect(await r.m.ok({ type: 'snoozeLimit', site: 'news.test' })).toEqual({ granted: false });
    expect(await r.m.ok({ type: 'limitInfo', site: 'other.test' })).toBeNull();
  });

  it('a malformed request acts on nothing', async () => {
    const { r } = await reading(1);
    for (const bad of [{ type: 'snoozeLimit' }, { type: 'snoozeLimit', site: '' }, { type: 'limitInfo', site: 'news.test', extra: 1 }]) {
      const answer = await r.m.engine.handle(bad as never);
      expect(answer.ok).toBe(false);
    }
  });
});

const TODAY = '2024-03-10';
/** The limit day as chrome.storage.local holds it now. */
const storedDay = (r: LimitRig) => r.days.load();
/** A limit day written by hand or by an older version (the stored value is untrusted). */
const handWritten = (r: LimitRig, value: unknown) => r.days.save(value as LimitDay);
const errorsOf = async (r: LimitRig) => (await r.m.ok({ type: 'diagnostics' })).errors.map((e) => e.where);

describe("the day's record in chrome.storage.local", () => {
  it('a 1-minute limit: warned at once, blocked at 1 minute; the record holds both, the block with the allowance it was made at', async () => {
    const { r } = await reading(1);
    await r.pass(MINUTE);
    expect(await storedDay(r)).toEqual({ days: { [TODAY]: { 'news.test': { blockedAt: MINUTE, warned: true } } } });
  });

  it('"5 more minutes" and blocked again at 6: the record moves the block to the 6-minute allowance', async () => {
    const { r, news } = await reading(1);
    await r.pass(MINUTE);
    await r.limits.snooze('news.test');
    r.browser.navigate(news, 'https://news.test/today');
    await r.event('back');
    await r.pass(5 * MINUTE);
    expect(r.blocks.length).toBe(2);
    expect(await storedDay(r)).toEqual({ days: { [TODAY]: { 'news.test': { blockedAt: 6 * MINUTE, snoozed: true, warned: true } } } });
  });

  it('while the block holds, later checks write nothing: a hand-edited record stays exactly as it was', async () => {
    const { r } = await reading(1);
    await r.pass(MINUTE);
    const edited = { days: { [TODAY]: { 'news.test': { blockedAt: MINUTE }, 'gone.test': 7 } } };
    await handWritten(r, edited);
    await r.event('focus');
    await r.pass(2 * MINUTE);
    expect(r.blocks.length).toBe(1);
    expect(await storedDay(r)).toEqual(edited);
  });

  it('a record stored as null: limits work as on a first day', async () => {
    const { r } = await reading(1);
    await handWritten(r, null);
    await r.pass(MINUTE);
    expect(r.blocks.length).toBe(1);
    expect(await storedDay(r)).toEqual({ days: { [TODAY]: { 'news.test': { blockedAt: MINUTE, warned: true } } } });
  });

  it('sites stored as null or a number are dropped at the next write, and the block still comes on time', async () => {
    const { r } = await reading(1);
    const t0 = r.clock.now();
    await handWritten(r, { days: { [TODAY]: { 'news.test': null, 'gone.test': 7 } } });
    await r.pass(MINUTE);
    expect(r.blocks.map((b) => b.at - t0)).toEqual([MINUTE]);
    expect(await storedDay(r)).toEqual({ days: { [TODAY]: { 'news.test': { blockedAt: MINUTE, warned: true } } } });
    expect(await errorsOf(r)).toEqual([]);
  });

  it('kept at the next write: today and the two latest other days; a label that is no day is dropped, not kept as "latest"', async () => {
    const { r } = await reading(1);
    const snoozed = { 'news.test': { blockedAt: MINUTE, snoozed: true } };
    await handWritten(r, { days: { '2024-03-07': snoozed, '2024-03-08': snoozed, '2024-03-09': snoozed, 'zz-not-a-day': snoozed } });
    await r.pass(MINUTE);
    expect(await storedDay(r)).toEqual({ days: { [TODAY]: { 'news.test': { blockedAt: MINUTE, warned: true } }, '2024-03-08': snoozed, '2024-03-09': snoozed } });
  });

  it('a day stored as null, or days stored as null: no sites that day, limits work as on a first day', async () => {
    for (const stored of [{ days: { [TODAY]: null, '2024-03-09': null } }, { days: null }]) {
      const { r } = await reading(1);
      const t0 = r.clock.now();
      await handWritten(r, stored);
      await r.pass(MINUTE);
      expect(r.blocks.map((b) => b.at - t0)).toEqual([MINUTE]);
      expect(await errorsOf(r)).toEqual([]);
    }
  });

  it('four mornings with "5 more minutes" each, then the clock set back into yesterday: yesterday’s snooze is still used (the latest days are kept, not the oldest)', async () => {
    const r = new LimitRig({ start: '2024-03-07T10:00:00Z', flags: { siteLimits: [{ site: 'news.test', minutes: 1 }] } });
    for (const day of ['2024-03-07', '2024-03-08', '2024-03-09', TODAY]) {
      r.clock.set(Date.parse(`${day}T10:00:00Z`));
      await r.wake();
      r.browser.openTab(r.browser.openWindow(), 'https://news.test/', 'News');
      await r.event('switch');
      await r.pass(MINUTE);
      expect(await r.limits.snooze('news.test')).toBe(true);
      await r.stop();
      r.m.world.restartBrowser();
    }
    expect(Object.keys(((await storedDay(r)) as LimitDay).days).sort()).toEqual(['2024-03-08', '2024-03-09', TODAY]);
    r.clock.set(Date.parse('2024-03-09T12:00:00Z'));
    await r.wake();
    expect(await r.limits.snooze('news.test')).toBe(false);
  });

  it('a block stored as the text "3600000" is no block: news.test with nothing used is open', async () => {
    const r = new LimitRig({ flags: { siteLimits: [{ site: 'news.test', minutes: 1 }] } });
    await r.wake();
    await handWritten(r, { days: { [TODAY]: { 'news.test': { blockedAt: '3600000' } } } });
    expect(await r.limits.info('news.test')).toMatchObject({ blocked: false, usedMs: 0, allowanceMs: MINUTE });
  });

  it('a record from an older version says warned: "yes" (not true): not taken as warned, the warning comes at 5 minutes', async () => {
    const { r } = await reading(10);
    const t0 = r.clock.now();
    await handWritten(r, { days: { [TODAY]: { 'news.test': { warned: 'yes' } } } });
    await r.pass(6 * MINUTE);
    expect(r.notes.shown).toEqual([{ at: t0 + 5 * MINUTE, site: 'news.test', remainingMs: 5 * MINUTE }]);
  });
});

describe('when the worker wakes up for a limit', () => {
  it('what the block page is told while reading: the limit is reached at 10:02 if news.test stays in front; switched away, never', async () => {
    const { r, win } = await reading(2);
    const t0 = r.clock.now();
    expect(await r.limits.info('news.test')).toMatchObject({ reachAt: t0 + 2 * MINUTE, remainingMs: 2 * MINUTE, blocked: false });
    r.browser.openTab(win, 'https://other.test/', 'Other');
    await r.event('switch');
    expect(await r.limits.info('news.test')).toMatchObject({ reachAt: null, warnAt: null, remainingMs: 2 * MINUTE });
  });

  it('2 minutes left: the alarm alone, no in-worker timer; exactly 30 s left: still the alarm alone, at the second', async () => {
    const { r } = await reading(2);
    const t0 = r.clock.now();
    expect([r.alarm.when, r.timers.next]).toEqual([t0 + 2 * MINUTE, null]);
    await r.pass(90 * SECOND);
    expect([r.alarm.when, r.timers.next]).toEqual([t0 + 2 * MINUTE, null]);
  });

  it('10 s left: the in-worker timer itself runs the check that blocks, at the second', async () => {
    const { r, win, news } = await reading(2);
    await r.pass(110 * SECOND);
    r.browser.openTab(win, 'https://other.test/', 'Other');
    await r.event('switch');
    r.browser.activate(news);
    await r.event('switch');
    const due = r.clock.now() + 10 * SECOND;
    expect(r.timers.next).toBe(due);
    r.clock.set(due);
    r.timers.fire(due);
    await vi.waitFor(() => expect(r.blocks.map((b) => b.at)).toEqual([due]));
  });

  it('reading at 23:58 with 10 minutes left: nothing is reached today, so the alarm is for midnight (the new allowance)', async () => {
    const r = new LimitRig({ start: '2024-03-10T23:58:00Z', flags: { siteLimits: [{ site: 'news.test', minutes: 10 }] } });
    await r.wake();
    r.browser.openTab(r.browser.openWindow(), 'https://news.test/', 'News');
    await r.event('switch');
    expect(r.alarm.when).toBe(Date.parse('2024-03-11T00:00:00Z'));
  });
});

describe('failures in a limit check are logged, and name the check', () => {
  it('notifications refused: "limit warning" in the error log, and the block still comes at 10 minutes', async () => {
    const { r } = await reading(10);
    const t0 = r.clock.now();
    r.notes.warn = () => Promise.reject(new Error('notifications are turned off'));
    await r.pass(11 * MINUTE);
    expect(await errorsOf(r)).toEqual(['limit warning']);
    expect(r.blocks.map((b) => b.at - t0)).toEqual([10 * MINUTE]);
  });

  it('the tabs in front cannot be listed (tabs.query failing) while nothing is blocked: no tab needed sending away, so the check asks for none, logs nothing and still sets the warning\'s alarm', async () => {
    const { r } = await reading(10);
    const warnAt = r.alarm.when!;
    r.browser.activeTabs = () => Promise.reject(new Error('tabs.query(active) failed'));
    await r.pass(MINUTE);
    expect(r.alarm.log.at(-1)).toEqual({ at: r.clock.now(), when: warnAt });
    expect(await errorsOf(r)).toEqual([]);
  });

  it('no limit set and no focus session: storage.local failing costs nothing, since a check without limits reads nothing and logs nothing', async () => {
    const r = new LimitRig();
    await r.wake();
    r.days.load = () => Promise.reject(new Error('storage.local unavailable'));
    r.browser.openTab(r.browser.openWindow(), 'https://news.test/', 'News');
    await r.event('switch');
    await r.pass(MINUTE);
    expect(await errorsOf(r)).toEqual([]);
    expect(r.alarm.when).toBeNull();
  });

  it('storage.local failing: "limits (switch)" for a switch, "limits (timer)" for the timer, "limits (snooze)" after a snooze', async () => {
    const { r, win, news } = await reading(1);
    await r.pass(50 * SECOND);
    r.browser.openTab(win, 'https://other.test/', 'Other');
    await r.event('switch');
    const load = r.days.load.bind(r.days);
    let failFrom = 1;
    let loads = 0;
    r.days.load = () => (++loads >= failFrom ? Promise.reject(new Error('storage.local unavailable')) : load());
    r.browser.activate(news);
    await r.event('switch');
    expect(await errorsOf(r)).toEqual(['limits (switch)']);

    // The alarm set before the failure is far; a timer from a working check fires into the failure.
    r.days.load = load;
    await r.event('switch');
    const due = r.timers.next!;
    r.days.load = () => Promise.reject(new Error('storage.local unavailable'));
    r.clock.set(due);
    r.timers.fire(due);
    await vi.waitFor(async () => expect(await errorsOf(r)).toContain('limits (timer)'));

    r.days.load = load;
    await r.pass(MINUTE);
    // The snooze itself reads the record once; the check it asks for is the one that fails.
    loads = 0;
    failFrom = 2;
    r.days.load = () => (++loads >= failFrom ? Promise.reject(new Error('storage.local unavailable')) : load());
    expect(await r.limits.snooze('news.test')).toBe(true);
    await vi.waitFor(async () => expect(await errorsOf(r)).toContain('limits (snooze)'));
  });
});

describe('a 2-minute limit on news.test only in the next hour of the day (a window)', () => {
  it('beside 30 minutes a day: before the hour, the block page is told of the day\'s limit, which holds now, though the hour\'s has less left', async () => {
    const probe = new LimitRig({});
    const t0 = probe.clock.now();
    const hour = hourOf(t0, probe.clock.tzOffset(t0));
    const window = { from: hour + 1, to: hour + 2 };
    const r = new LimitRig({ flags: { siteLimits: [{ site: 'news.test', minutes: 30 }, { site: 'news.test', minutes: 5, window }] } });
    await r.wake();
    r.browser.openTab(r.browser.openWindow(), 'https://news.test/today', 'News');
    await r.event('switch');
    await r.pass(2 * MINUTE);
    const info = await r.m.ok({ type: 'limitInfo', site: 'news.test' });
    expect(info).toMatchObject({ minutes: 30, usedMs: 2 * MINUTE, blocked: false });
    expect(info).not.toHaveProperty('window');
  });

  it('40 min read this hour (an import): used up both as 20 min in this hour and as 30 min a day — the block page is told it lifts at midnight, when both have, not at the hour\'s end', async () => {
    const probe = new LimitRig({});
    const t0 = probe.clock.now();
    const tz = probe.clock.tzOffset(t0);
    const hour = hourOf(t0, tz);
    const window = { from: hour, to: hour + 1 };
    const r = new LimitRig({ flags: { siteLimits: [{ site: 'news.test', minutes: 20, window }, { site: 'news.test', minutes: 30 }] } });
    await r.wake();
    const hours = Array.from({ length: 24 }, (_, h) => (h === hour ? 40 * MINUTE : 0));
    const site = { domain: 'news.test', ms: 40 * MINUTE, visits: 1, pages: [], hours };
    await r.m.ok({ type: 'import', mode: 'merge', data: { format: 'dwell-export', version: 2, exportedAt: new Date(t0).toISOString(), days: [{ date: dayOf(t0, tz), sites: [site] }] } });
    const info = await r.m.ok({ type: 'limitInfo', site: 'news.test' });
    expect(info).toMatchObject({ blocked: true, minutes: 30, resetAt: nextMidnight(t0, (t) => probe.clock.tzOffset(t)) });
  });

  it('news.test 3 min and docs.test 2 min, both in this hour: news used up and blocked; docs, opened after, has its own 2 minutes', async () => {
    const probe = new LimitRig({});
    const t0 = probe.clock.now();
    const hour = hourOf(t0, probe.clock.tzOffset(t0));
    const window = { from: hour, to: hour + 1 };
    const r = new LimitRig({ flags: { siteLimits: [{ site: 'news.test', minutes: 3, window }, { site: 'docs.test', minutes: 2, window }] } });
    await r.wake();
    const win = r.browser.openWindow();
    r.browser.openTab(win, 'https://news.test/today', 'News');
    await r.event('switch');
    await r.pass(4 * MINUTE);
    expect(r.blocks.length).toBe(1);
    const docs = r.browser.openTab(win, 'https://docs.test/guide', 'Docs');
    await r.event('switch');
    await r.pass(MINUTE);
    expect(r.browser.urlOf(docs)).toBe('https://docs.test/guide');
    expect(await r.limits.info('docs.test')).toMatchObject({ blocked: false, remainingMs: MINUTE });
  });

  it('read from before the window: the time before it does not count; blocked 2 min into the window, to the ms; after the window nothing blocks', async () => {
    const probe = new LimitRig({});
    const t0 = probe.clock.now();
    const hour = hourOf(t0, probe.clock.tzOffset(t0));
    const window = { from: hour + 1, to: hour + 2 };
    const opens = localHourStart(dayOf(t0, probe.clock.tzOffset(t0)), window.from, (t) => probe.clock.tzOffset(t));
    const r = new LimitRig({ flags: { siteLimits: [{ site: 'news.test', minutes: 2, window }] } });
    await r.wake();
    const win = r.browser.openWindow();
    const news = r.browser.openTab(win, 'https://news.test/today', 'News');
    await r.event('switch');
    // The next moment is the warning, 5 min before the limit that comes 2 min into the window.
    expect(r.alarm.when, 'the warning, before the window opens').toBe(opens + 2 * MINUTE - 5 * MINUTE);
    await r.pass(opens + 3 * MINUTE - r.clock.now());
    expect(r.blocks.map((b) => b.at)).toEqual([opens + 2 * MINUTE]);
    expect((await r.m.engine.handle({ type: 'limitInfo', site: 'news.test' }))).toMatchObject({ ok: true, result: { blocked: true, window, resetAt: opens + 60 * MINUTE } });
    // After the window: back on the site, nothing blocks it.
    await r.pass(opens + 61 * MINUTE - r.clock.now());
    r.browser.navigate(news, 'https://news.test/today', 'News');
    await r.event('switch');
    await r.pass(5 * MINUTE);
    expect(r.blocks.length).toBe(1);
    expect(r.browser.urlOf(news)).toBe('https://news.test/today');
  });
});
