// The real chrome.* behind the daily limits (background/limit-ports.ts), on a behaving chrome:
// the one named alarm, the block page's URL, a redirect of a tab that may have closed, the day's
// record in storage.local, the warning notification as the user reads it, and a focus session's
// record and notices.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EXTENSION_ORIGIN, FakeChrome } from '../fixtures/fake-chrome.ts';
import { chromeBlock, chromeFocusNotify, chromeFocusStore, chromeLimitAlarm, chromeLimitDays, chromeNotify, chromeTimer, limitNotificationId } from '../../src/background/limit-ports.ts';
import type { LimitDay } from '../../src/background/limits.ts';
import type { FocusNow, FocusSession } from '../../src/core/focus.ts';

const MINUTE = 60_000;
let browser: FakeChrome;
beforeEach(() => {
  browser = new FakeChrome();
  vi.stubGlobal('chrome', browser);
});
afterEach(() => vi.unstubAllGlobals());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the limit alarm', () => {
  it('set for 10:02, then cleared: one alarm named "dwell-limit" at 10:02, then none', async () => {
    const when = Date.parse('2024-03-10T10:02:00Z');
    await chromeLimitAlarm.set(when);
    expect([...browser.alarmsSet]).toEqual([['dwell-limit', when]]);
    await chromeLimitAlarm.clear();
    expect([...browser.alarmsSet]).toEqual([]);
  });
});

describe('the in-worker timer', () => {
  it('two timers of 20 ms, the first cancelled: only the second runs', async () => {
    const ran: string[] = [];
    const cancelFirst = chromeTimer.after(20, () => ran.push('first'));
    chromeTimer.after(20, () => ran.push('second'));
    cancelFirst();
    await sleep(60);
    expect(ran).toEqual(['second']);
  });
});

describe('the block page', () => {
  it("news.test blocked on /today: the extension's block page, with the site and the page to go back to", () => {
    expect(chromeBlock.blockUrl('news.test', 'https://news.test/today')).toBe(`${EXTENSION_ORIGIN}/src/block/block.html?site=news.test&back=https%3A%2F%2Fnews.test%2Ftoday`);
  });

  it('tab 7 is sent to the block page; tab 8 closed meanwhile: the redirect of it quietly does nothing', async () => {
    browser.tabUrls.set(7, 'https://news.test/today');
    const url = chromeBlock.blockUrl('news.test', null);
    await chromeBlock.redirect(7, url);
    await expect(chromeBlock.redirect(8, url)).resolves.toBeUndefined();
    expect([...browser.tabUrls]).toEqual([[7, `${EXTENSION_ORIGIN}/src/block/block.html?site=news.test`]]);
  });
});

describe("the day's record in storage.local", () => {
  const day: LimitDay = { days: { '2024-03-10': { 'news.test': { blockedAt: MINUTE, snoozed: true } } } };

  it('saved, then loaded by the next worker: the same record', async () => {
    await chromeLimitDays.save(day);
    expect(await chromeLimitDays.load()).toEqual(day);
  });

  it('a record the previous version stored under "limitDay" is the one read back', async () => {
    browser.localArea.poke('limitDay', day);
    expect(await chromeLimitDays.load()).toEqual(day);
  });
});

describe('the warning before a limit', () => {
  it('4 min 0.001 s left on news.test: "Daily limit soon — news.test: 5 min left today.", with the Dwell icon, under news.test\'s own id', async () => {
    await chromeNotify.warn('news.test', 4 * MINUTE + 1);
    expect([...browser.notificationsShown]).toEqual([
      ['dwell-limit-news.test', { type: 'basic', iconUrl: `${EXTENSION_ORIGIN}/icons/128.png`, title: 'Daily limit soon', message: 'news.test: 5 min left today.' }],
    ]);
    expect(limitNotificationId('news.test')).toBe('dwell-limit-news.test');
  });

  it('exactly 3 minutes left says 3; 20 s left says 1 (never 0); a second warning for the site replaces the first', async () => {
    await chromeNotify.warn('news.test', 3 * MINUTE);
    expect(browser.notificationsShown.get('dwell-limit-news.test')?.message).toBe('news.test: 3 min left today.');
    await chromeNotify.warn('news.test', 20_000);
    expect([...browser.notificationsShown.keys()]).toEqual(['dwell-limit-news.test']);
    expect(browser.notificationsShown.get('dwell-limit-news.test')?.message).toBe('news.test: 1 min left today.');
  });
});

describe('the focus session in storage.local', () => {
  const session: FocusSession = { startedAt: Date.parse('2024-03-10T10:00:00Z'), focusMs: 25 * MINUTE, breakMs: 5 * MINUTE, cycles: 2, sites: ['news.test'], categories: [], noticed: 0 };

  it('saved, then loaded by the next worker: the same session', async () => {
    await chromeFocusStore.save(session);
    expect(await chromeFocusStore.load()).toEqual(session);
  });

  it('stopped (saved as none): the key is gone from storage, so the popup and the block page hear the session end, and the next worker finds none', async () => {
    await chromeFocusStore.save(session);
    const heard: unknown[] = [];
    browser.localArea.onChanged.addListener((changes) => heard.push(changes));
    await chromeFocusStore.save(null);
    expect(await browser.localArea.get('focusSession')).toEqual({});
    expect(heard).toEqual([{ focusSession: { oldValue: session } }]);
    expect(await chromeFocusStore.load()).toBeUndefined();
  });

  it('a session the previous version stored under "focusSession" (the key the popup and the block page listen to) is the one read back', async () => {
    browser.localArea.poke('focusSession', session);
    expect(await chromeFocusStore.load()).toEqual(session);
  });
});

describe('the focus notices', () => {
  /** Where the session is when the notice goes out: its phase ends `leftMs` from now. */
  const at = (cycle: number, leftMs: number): FocusNow => {
    const phaseEndsAt = Date.now() + leftMs;
    return { phase: 'focus', cycle, phaseEndsAt, endsAt: phaseEndsAt, boundaries: 0 };
  };
  const shown = () => [...browser.notificationsShown];

  it('a 5-minute break after focus period 1: "Time for a break — Focus period 1 done. Take 5 min off…", with the Dwell icon, under the one focus id', async () => {
    await chromeFocusNotify.focus('break', at(1, 5 * MINUTE));
    expect(shown()).toEqual([
      ['dwell-focus', { type: 'basic', iconUrl: `${EXTENSION_ORIGIN}/icons/128.png`, title: 'Time for a break', message: 'Focus period 1 done. Take 5 min off: nothing is blocked until then.' }],
    ]);
  });

  it('back to focus period 2 of 25 minutes, then the end: each replaces the one before', async () => {
    await chromeFocusNotify.focus('resume', at(2, 25 * MINUTE));
    expect(shown()).toEqual([['dwell-focus', expect.objectContaining({ title: 'Back to focus', message: 'Focus period 2: 25 min. Your focus sites are blocked again.' })]]);
    await chromeFocusNotify.focus('end', at(2, 0));
    expect(shown()).toEqual([['dwell-focus', expect.objectContaining({ title: 'Focus session over', message: 'Well done. Your sites are open again.' })]]);
  });

  it('20 s of the break left when the notice goes out (a late wake): it says 1 min, never 0', async () => {
    await chromeFocusNotify.focus('break', at(1, 20_000));
    expect(browser.notificationsShown.get('dwell-focus')?.message).toBe('Focus period 1 done. Take 1 min off: nothing is blocked until then.');
  });
});
