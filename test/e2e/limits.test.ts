// Daily limits in real Chromium (docs/COUNTING.md §15): a site with a 1-minute limit is sent to
// the block page within 1 s of the minute the ledger counts, the warning notification is shown
// first (its id in notifications.getAll()), also when Chrome stopped the worker while the limit
// was pending (an alarm wakes it), "5 more minutes" returns to the whole URL through the
// tab's history, and two tabs of one site share one allowance, the
// second coming to the front with 10 s left (the in-worker timer, not the 30 s alarm). A limit set
// in the options for hours of the day that are not now counts nothing now and blocks nothing (its
// blocking inside the hours is checked to the ms in test/unit/limits-worker.test.ts).
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { scenarioPerTest } from './harness/per-test.ts';
import { expectMatchesLedger } from './harness/verdict.ts';
import type { Scenario } from './harness/scenario.ts';
import { sleep } from './harness/timeout.ts';
import { openBeside, openPopupBeside } from './harness/ui-pages.ts';
import { screenshotPath } from './harness/screenshots.ts';

const LIMIT_MS = 60_000;
const settings = { siteLimits: [{ site: 'limited.test', minutes: 1 }] };

/** When the tab showed Dwell's block page (polled from the test: the product polls nothing). */
async function blockedAt(page: Page, timeoutMs: number): Promise<number> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (page.url().startsWith('chrome-extension://')) return Date.now();
    await sleep(20);
  }
  throw new Error(`not blocked within ${timeoutMs} ms (still on ${page.url()})`);
}

/** The ledger's time on the site up to `at`, with the block page (no site) in front from then. */
function blockInLedger(s: Scenario, tab: string, at: number): void {
  s.ledger.tabShows(tab, null, at);
}

const notificationIds = (s: Scenario): Promise<string[]> =>
  s.browser.worker.evaluate(async () => Object.keys(await chrome.notifications.getAll()), undefined, 'chrome.notifications.getAll()');

describe('daily limits', () => {
  const start = scenarioPerTest();

  it('a 1-minute limit: warned first, the worker stopped while it is pending, blocked within 1 s of the ledger minute, the block page counts to no site, "5 more minutes" goes back', async () => {
    const s = await start({ settings, sameDayMs: 100_000 });
    await s.open('news', 'limited.test', '/today?session=secret');
    const openedAt = s.ledger.now();
    await s.dwellFor(5_000);
    expect(await notificationIds(s)).toContain('dwell-limit-limited.test');
    // Chrome stops the worker 20 s before the limit: nothing of Dwell runs until an alarm wakes it.
    await s.dwellFor(35_000);
    await s.stopWorker('stopAllWorkers');
    expect(await s.browser.worker.isRunning(), 'the worker is stopped while the limit is pending').toBe(false);
    const at = await blockedAt(s.page('news'), LIMIT_MS + 10_000);
    blockInLedger(s, 'news', at);
    const url = new URL(s.page('news').url());
    expect(url.searchParams.get('back')).toBe(s.url('limited.test', '/today'));
    expect(s.page('news').url()).not.toContain('secret');
    await s.page('news').getByTestId('block-used').waitFor({ state: 'visible', timeout: 5_000 });
    await s.page('news').screenshot({ path: screenshotPath('block.png') });
    await s.dwellFor(3_000); // on the block page: nobody's time
    // "5 more minutes": back through the tab's own history, to the whole URL Dwell never wrote.
    const page = s.page('news');
    await page.click('#block-snooze');
    const backAt = await (async () => {
      const end = Date.now() + 10_000;
      while (Date.now() < end && !page.url().startsWith('http:')) await sleep(20);
      return Date.now();
    })();
    expect(page.url()).toBe(s.url('limited.test', '/today?session=secret'));
    s.ledger.tabShows('news', page.url(), backAt);
    await s.dwellFor(3_000);
    expect(page.url().startsWith('http:'), 'still on the page 3 s into the snooze').toBe(true);
    await s.finish();
    const blockedAfter = at - openedAt;
    console.log(`limit 60000 ms: blocked after ${blockedAfter} ms of ledger time (err ${blockedAfter - LIMIT_MS} ms)`);
    expect(Math.abs(blockedAfter - LIMIT_MS)).toBeLessThanOrEqual(1000);
    await expectMatchesLedger(s, '1-minute limit, then the block page');
  });

  it('two tabs of the site share one allowance; back with 10 s left, blocked on time by the timer', async () => {
    const s = await start({ settings, sameDayMs: 100_000 });
    await s.open('a', 'limited.test', '/a');
    const onA = s.ledger.now();
    await s.dwellFor(25_000);
    await s.open('other', 'other.test', '/');
    const offA = s.ledger.now();
    await s.dwellFor(2_000);
    await s.open('b', 'www.limited.test', '/b');
    const onB = s.ledger.now();
    await s.dwellFor(25_000);
    // The popup, opened beside the page, says how much of the shared allowance is left.
    const popup = await openPopupBeside(s);
    await expect.poll(() => popup.page.getByTestId('limit-note').isVisible(), { timeout: 10_000 }).toBe(true);
    const note = (await popup.page.getByTestId('limit-note').textContent()) ?? '';
    const usedMs = offA - onA + (s.ledger.now() - onB); // the ledger's time on the site so far
    const left = /^Daily limit 1m: (\d+)s left$/.exec(note);
    console.log(`popup beside the page: "${note}", ${usedMs} ms of ledger time used`);
    expect(left, `the note: ${note}`).not.toBeNull();
    expect(Math.abs(Number(left![1]) - (LIMIT_MS - usedMs) / 1000), `${note}, ledger ${usedMs} ms used`).toBeLessThanOrEqual(2);
    await popup.page.close();
    await s.switchTo('other');
    await s.dwellFor(2_000);
    await s.switchTo('a');
    const backAt = s.ledger.now();
    const at = await blockedAt(s.page('a'), 20_000);
    blockInLedger(s, 'a', at);
    await s.dwellFor(1_000);
    // Tab b is blocked too once it comes to the front (the moments it showed before count).
    await s.switchTo('b');
    const switchedAt = s.ledger.now();
    const atB = await blockedAt(s.page('b'), 5_000);
    blockInLedger(s, 'b', atB);
    await s.finish();
    const truth = (s.ledger.totals().domains.get('limited.test')?.ms ?? 0) - (atB - switchedAt);
    console.log(`two tabs: blocked ${at - backAt} ms after coming back; the site had ${truth} ms of ledger time (err ${truth - LIMIT_MS} ms); tab b blocked ${atB - switchedAt} ms after it came to the front`);
    expect(Math.abs(truth - LIMIT_MS)).toBeLessThanOrEqual(1000);
    expect(atB - switchedAt).toBeLessThan(1000);
    await expectMatchesLedger(s, 'two tabs of a limited site', { visits: false });
  });

  it('a limit set in the options for hours that are not now: listed with its hours, time now counts nothing toward it, the popup says whose hours, nothing blocks', async () => {
    const s = await start();
    await s.open('news', 'limited.test', '/today');
    await s.dwellFor(1_000);
    // At least an hour away from now on either side, whatever the hour the test runs at.
    const hour = new Date().getHours();
    const window = hour < 12 ? { from: hour + 2, to: hour + 3 } : { from: hour - 2, to: hour - 1 };
    const options = await openBeside(s, 'options', { width: 1000, height: 900 });
    const form = options.page;
    // Typed and chosen as DOM events: the options window stays unfocused, the page in front counting.
    const typed = { 'limit-site': 'limited.test', 'limit-minutes': '1', 'limit-from': String(window.from), 'limit-to': String(window.to) };
    for (const [id, value] of Object.entries(typed)) {
      await form.getByTestId(id).evaluate((el, v) => {
        (el as HTMLInputElement | HTMLSelectElement).value = v;
        el.dispatchEvent(new Event('change', { bubbles: true }));
      }, value);
    }
    await form.getByTestId('limit-add').dispatchEvent('click');
    const stored = (): Promise<unknown> =>
      s.browser.worker.evaluate(async () => ((await chrome.storage.local.get('settings')).settings as { siteLimits?: unknown } | undefined)?.siteLimits, undefined, 'read the stored limits');
    await expect
      .poll(async () => ({ stored: await stored(), problem: await form.getByTestId('limit-problem').textContent() }), { timeout: 10_000 })
      .toEqual({ stored: [{ site: 'limited.test', minutes: 1, window }], problem: '' });
    const listed = (await form.getByTestId('limit-item-when').textContent()) ?? '';
    console.log(`[e2e] options lists the limit as "${listed}" (window ${window.from}–${window.to})`);
    expect(listed).toMatch(/^every day, \d{1,2}:00 [AP]M–\d{1,2}:00 [AP]M$/);
    expect(await form.getByTestId('limit-from').inputValue(), 'the form is back to all day').toBe('0');
    await form.locator('section[aria-labelledby="h-limits"]').screenshot({ path: screenshotPath('options-limits.png') });
    await options.page.close();
    await s.dwellFor(3_000);
    const info = await s.dwell.handle({ type: 'limitInfo', site: 'limited.test' });
    expect(info).toMatchObject({ minutes: 1, window, usedMs: 0, blocked: false });
    const popup = await openPopupBeside(s);
    await expect.poll(() => popup.page.getByTestId('limit-note').isVisible(), { timeout: 10_000 }).toBe(true);
    const note = (await popup.page.getByTestId('limit-note').textContent()) ?? '';
    console.log(`[e2e] popup beside the page: "${note}"`);
    expect(note).toMatch(/^Daily limit 1m: 1m left \(\d{1,2}:00 [AP]M–\d{1,2}:00 [AP]M only\)$/);
    expect(options.problems.concat(popup.problems)).toEqual([]);
    await popup.page.close();
    expect(s.page('news').url().startsWith('http:'), 'not blocked outside its hours').toBe(true);
    await s.finish();
    await expectMatchesLedger(s, 'a limit for other hours of the day');
  });
});
