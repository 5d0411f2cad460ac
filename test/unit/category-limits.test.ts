// Daily limits on a category: the time of its sites together counts, every site of it is blocked
// once the allowance is used, and where a site has its own limit too the stricter wins.
import { describe, expect, it } from 'vitest';
import { BLOCK_BASE, LimitRig } from '../fixtures/limit-rig.ts';
import { checkCategoryLimit, normalizeCategoryLimits } from '../../src/core/limit-rules.ts';
import type { Settings } from '../../src/settings/defaults.ts';
import { hourOf } from '../../src/core/hours.ts';
import { nextMidnight } from '../../src/core/limits.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const categories = [{ id: 'social', name: 'Social', colour: '#3366cc', rules: ['social.test', 'chat.test'] }];

async function world(flags: Partial<Settings>) {
  const r = new LimitRig({ flags: { categories, ...flags } });
  await r.wake();
  const win = r.browser.openWindow();
  return { r, win };
}

const blocked = (r: LimitRig, tab: number) => r.browser.urlOf(tab).startsWith(BLOCK_BASE);

describe('Social (social.test, chat.test) may have 2 minutes a day', () => {
  const flags = { categoryLimits: [{ category: 'social', minutes: 2 }] };

  it('1 min on social, 1 min on chat: chat is blocked at 2:00 exactly, then social at once when it comes back; news stays open', async () => {
    const { r, win } = await world(flags);
    const t0 = r.clock.now();
    const social = r.browser.openTab(win, 'https://social.test/feed', 'Feed');
    await r.event('switch');
    await r.pass(MINUTE);
    const chat = r.browser.openTab(win, 'https://www.chat.test/room', 'Room');
    await r.event('switch');
    await r.pass(2 * MINUTE);
    expect(r.blocks.map((b) => [b.tabId, b.at - t0])).toEqual([[chat, 2 * MINUTE]]);
    expect((await r.usedToday('social.test')) + (await r.usedToday('chat.test'))).toBe(2 * MINUTE);
    r.browser.activate(social);
    await r.event('switch');
    expect(blocked(r, social)).toBe(true);
    const news = r.browser.openTab(win, 'https://news.test/', 'News');
    await r.event('switch');
    await r.pass(MINUTE);
    expect(blocked(r, news)).toBe(false);
  });

  it('the block page names the category; "5 more minutes" lifts it for the whole category, once', async () => {
    const { r, win } = await world(flags);
    const social = r.browser.openTab(win, 'https://social.test/feed', 'Feed');
    await r.event('switch');
    await r.pass(2 * MINUTE);
    expect(await r.limits.info('chat.test')).toMatchObject({ category: 'Social', minutes: 2, blocked: true, canSnooze: true });
    // What the block page is told, through the command it sends.
    expect(await r.m.ok({ type: 'limitInfo', site: 'chat.test' })).toMatchObject({ category: 'Social', minutes: 2, blocked: true });
    expect(await r.limits.snooze('social.test')).toBe(true);
    const chat = r.browser.openTab(win, 'https://chat.test/', 'Chat');
    await r.event('switch');
    expect(blocked(r, chat)).toBe(false);
    await r.pass(5 * MINUTE);
    expect(blocked(r, chat)).toBe(true);
    expect(await r.limits.snooze('chat.test')).toBe(false);
    expect(blocked(r, social)).toBe(true);
  });

  it('limitInfo gives the category\'s time and the site\'s own beside it: the popup, counting the site live, adds what it counted since', async () => {
    const { r, win } = await world({ categoryLimits: [{ category: 'social', minutes: 30 }] });
    r.browser.openTab(win, 'https://social.test/feed', 'Feed');
    await r.event('switch');
    await r.pass(3 * MINUTE);
    r.browser.openTab(win, 'https://chat.test/room', 'Room');
    await r.event('switch');
    await r.pass(2 * MINUTE);
    expect(await r.limits.info('chat.test')).toMatchObject({ category: 'Social', minutes: 30, usedMs: 5 * MINUTE, siteUsedMs: 2 * MINUTE, blocked: false });
  });

  it('the warning names the category', async () => {
    const { r, win } = await world({ categoryLimits: [{ category: 'social', minutes: 10 }] });
    const t0 = r.clock.now();
    r.browser.openTab(win, 'https://chat.test/', 'Chat');
    await r.event('switch');
    await r.pass(6 * MINUTE);
    expect(r.notes.shown).toEqual([{ at: t0 + 5 * MINUTE, site: 'Social', remainingMs: 5 * MINUTE }]);
  });

  it('a site added to the category today brings its time today with it: over the allowance, blocked at once', async () => {
    const { r, win } = await world({ ...flags, categories: [{ ...categories[0]!, rules: ['social.test'] }] });
    const video = r.browser.openTab(win, 'https://video.test/', 'Video');
    await r.event('switch');
    await r.pass(3 * MINUTE);
    expect(blocked(r, video)).toBe(false);
    r.setFlags({ categories: [{ ...categories[0]!, rules: ['social.test', 'video.test'] }] });
    await r.event('settings');
    expect(blocked(r, video)).toBe(true);
  });
});

describe('a site limit and a category limit both apply: the stricter wins', () => {
  it('social.test 5 min, Social 2 min: blocked at 2:00 by the category', async () => {
    const { r, win } = await world({ siteLimits: [{ site: 'social.test', minutes: 5 }], categoryLimits: [{ category: 'social', minutes: 2 }] });
    const t0 = r.clock.now();
    r.browser.openTab(win, 'https://social.test/', 'Social');
    await r.event('switch');
    await r.pass(3 * MINUTE);
    expect(r.blocks.map((b) => b.at - t0)).toEqual([2 * MINUTE]);
    expect(await r.limits.info('social.test')).toMatchObject({ category: 'Social', minutes: 2 });
  });

  it('social.test 10 min, Social 5 min, a minute in: neither blocks yet, and the block page is told of the one with less left (Social, 4 of its 5 min)', async () => {
    const { r, win } = await world({ siteLimits: [{ site: 'social.test', minutes: 10 }], categoryLimits: [{ category: 'social', minutes: 5 }] });
    r.browser.openTab(win, 'https://social.test/', 'Social');
    await r.event('switch');
    await r.pass(MINUTE);
    expect(await r.m.ok({ type: 'limitInfo', site: 'social.test' })).toMatchObject({ category: 'Social', minutes: 5, allowanceMs: 5 * MINUTE, usedMs: MINUTE, blocked: false });
  });

  it('social.test 5 min, Social 10 min, a minute in: the block page is told of the site\'s own limit (4 min left), not Social\'s 9', async () => {
    const { r, win } = await world({ siteLimits: [{ site: 'social.test', minutes: 5 }], categoryLimits: [{ category: 'social', minutes: 10 }] });
    r.browser.openTab(win, 'https://social.test/', 'Social');
    await r.event('switch');
    await r.pass(MINUTE);
    const info = await r.limits.info('social.test');
    expect(info).toMatchObject({ minutes: 5, remainingMs: 4 * MINUTE, blocked: false });
    expect(info?.category).toBeUndefined();
  });

  it('social.test 5 min and Social 5 min, a minute in: as much left of each, so the site\'s own limit is named (docs/COUNTING.md §15)', async () => {
    const { r, win } = await world({ siteLimits: [{ site: 'social.test', minutes: 5 }], categoryLimits: [{ category: 'social', minutes: 5 }] });
    r.browser.openTab(win, 'https://social.test/', 'Social');
    await r.event('switch');
    await r.pass(MINUTE);
    expect((await r.limits.info('social.test'))?.category).toBeUndefined();
  });

  it('social.test 2 min and Social 2 min, both used up: both lift at midnight, and the site\'s own limit is named', async () => {
    const { r, win } = await world({ siteLimits: [{ site: 'social.test', minutes: 2 }], categoryLimits: [{ category: 'social', minutes: 2 }] });
    r.browser.openTab(win, 'https://social.test/', 'Social');
    await r.event('switch');
    await r.pass(3 * MINUTE);
    const info = await r.limits.info('social.test');
    expect(info).toMatchObject({ minutes: 2, blocked: true });
    expect(info?.category).toBeUndefined();
  });

  it('social.test 2 min a day and Social 2 min in this hour, both used up: told it lifts at midnight (the site\'s), not at the hour\'s end', async () => {
    const probe = new LimitRig({});
    const t0 = probe.clock.now();
    const tzAt = (t: number) => probe.clock.tzOffset(t);
    const hour = hourOf(t0, tzAt(t0));
    const window = { from: hour, to: hour + 1 };
    const { r, win } = await world({ siteLimits: [{ site: 'social.test', minutes: 2 }], categoryLimits: [{ category: 'social', minutes: 2, window }] });
    r.browser.openTab(win, 'https://social.test/', 'Social');
    await r.event('switch');
    await r.pass(3 * MINUTE);
    const info = await r.limits.info('social.test');
    expect(info).toMatchObject({ minutes: 2, blocked: true, resetAt: nextMidnight(t0, tzAt) });
    expect(info?.category).toBeUndefined();
  });

  it('social.test 1 min, Social 10 min: social blocked at 1:00 by its own limit; chat still has 9 minutes', async () => {
    const { r, win } = await world({ siteLimits: [{ site: 'social.test', minutes: 1 }], categoryLimits: [{ category: 'social', minutes: 10 }] });
    const t0 = r.clock.now();
    const social = r.browser.openTab(win, 'https://social.test/', 'Social');
    await r.event('switch');
    await r.pass(2 * MINUTE);
    expect(r.blocks.map((b) => [b.tabId, b.at - t0])).toEqual([[social, MINUTE]]);
    const info = await r.limits.info('social.test');
    expect(info).toMatchObject({ minutes: 1, blocked: true });
    expect(info?.category).toBeUndefined();
    expect(await r.limits.info('chat.test')).toMatchObject({ category: 'Social', remainingMs: 9 * MINUTE, blocked: false });
  });
});

describe('two categories, Social (2 min) and Video (3 min), and news.test in neither', () => {
  const two = [...categories, { id: 'video', name: 'Video', colour: '#cc3366', rules: ['video.test'] }];

  it('a minute of news first: Social\'s 2 minutes are its own sites\' time, so social is blocked 2 min after it comes to the front, not 1', async () => {
    const { r, win } = await world({ categories: two, categoryLimits: [{ category: 'social', minutes: 2 }] });
    r.browser.openTab(win, 'https://news.test/', 'News');
    await r.event('switch');
    // Nothing of Social counts while news is in front: no moment to wake for.
    expect(r.alarm.when).toBeNull();
    await r.pass(MINUTE);
    const social = r.browser.openTab(win, 'https://social.test/feed', 'Feed');
    await r.event('switch');
    const t1 = r.clock.now();
    await r.pass(3 * MINUTE);
    expect(r.blocks.map((b) => [b.tabId, b.at - t1])).toEqual([[social, 2 * MINUTE]]);
  });

  it('a limit on Video alone: the block page names Video, not the first category of the list', async () => {
    const { r, win } = await world({ categories: two, categoryLimits: [{ category: 'video', minutes: 3 }] });
    r.browser.openTab(win, 'https://video.test/', 'Video');
    await r.event('switch');
    await r.pass(3 * MINUTE);
    expect(await r.m.ok({ type: 'limitInfo', site: 'video.test' })).toMatchObject({ category: 'Video', minutes: 3, blocked: true });
  });

  it('both used up: "5 more minutes" on social lifts Social only; video stays blocked and may still be snoozed itself', async () => {
    const { r, win } = await world({ categories: two, categoryLimits: [{ category: 'social', minutes: 2 }, { category: 'video', minutes: 3 }] });
    const social = r.browser.openTab(win, 'https://social.test/', 'Social');
    await r.event('switch');
    await r.pass(2 * MINUTE);
    const video = r.browser.openTab(win, 'https://video.test/', 'Video');
    await r.event('switch');
    await r.pass(3 * MINUTE);
    expect([blocked(r, social), blocked(r, video)]).toEqual([true, true]);
    expect(await r.m.ok({ type: 'snoozeLimit', site: 'social.test' })).toEqual({ granted: true });
    r.browser.navigate(video, 'https://video.test/', 'Video');
    await r.event('load');
    expect(blocked(r, video)).toBe(true);
    expect(await r.m.ok({ type: 'limitInfo', site: 'video.test' })).toMatchObject({ category: 'Video', blocked: true, canSnooze: true });
    const chat = r.browser.openTab(win, 'https://chat.test/', 'Chat');
    await r.event('switch');
    expect(blocked(r, chat)).toBe(false);
  });
});

describe('what a category limit may be', () => {
  it('refuses an unknown category, 0 or 1441 minutes, an empty weekday list', () => {
    expect(checkCategoryLimit({ category: 'work', minutes: 30 }, ['social'])).toEqual({ ok: false, problem: 'category' });
    expect(checkCategoryLimit({ category: 'social', minutes: '0' }, ['social'])).toEqual({ ok: false, problem: 'minutes-low' });
    expect(checkCategoryLimit({ category: 'social', minutes: 1441 }, ['social'])).toEqual({ ok: false, problem: 'minutes-high' });
    expect(checkCategoryLimit({ category: 'social', minutes: 30, weekdays: [] }, ['social'])).toEqual({ ok: false, problem: 'weekdays' });
    expect(checkCategoryLimit({ category: 'social', minutes: ' 30 ', weekdays: [5, 1, 1] }, ['social'])).toEqual({ ok: true, rule: { category: 'social', minutes: 30, weekdays: [1, 5] } });
  });

  it('reads stored rules that are whole, each once; junk is dropped', () => {
    const stored = [{ category: 'social', minutes: 30 }, { category: 'social', minutes: 30 }, { category: 'bad id!', minutes: 30 }, { category: 'social', minutes: '30' }, null, 'x', { category: 'work', minutes: 20, weekdays: [0, 1, 2, 3, 4, 5, 6] }];
    expect(normalizeCategoryLimits(stored)).toEqual([{ category: 'social', minutes: 30 }, { category: 'work', minutes: 20 }]);
    expect(normalizeCategoryLimits('nope')).toEqual([]);
  });
});
