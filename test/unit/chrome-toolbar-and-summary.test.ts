// The thin chrome.* adapters of the badge and the daily summary (background/chrome-ports.ts), on a
// behaving fake chrome with the real English messages: what the toolbar button and the
// notification say, and the summary's alarm by name.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeChrome } from '../fixtures/fake-chrome.ts';
import { chromeBadge, chromeSummary, SUMMARY_NOTIFICATION } from '../../src/background/chrome-ports.ts';
import { SUMMARY_ALARM } from '../../src/background/daily-summary.ts';

let browser: FakeChrome;
beforeEach(() => {
  browser = new FakeChrome();
  vi.stubGlobal('chrome', browser);
});
afterEach(() => vi.unstubAllGlobals());

describe('the toolbar button', () => {
  it('paused: "❚❚" on grey, tooltip "Dwell — tracking is paused"; a time: the time, tooltip "Dwell"', async () => {
    await chromeBadge.show({ text: '❚❚', paused: true });
    expect(browser.button).toEqual({ text: '❚❚', color: '#6b7280', title: 'Dwell — tracking is paused' });
    await chromeBadge.show({ text: '1h05', paused: false });
    expect(browser.button).toEqual({ text: '1h05', color: '#6b7280', title: 'Dwell' });
  });
});

describe('the daily summary in chrome', () => {
  it('one notification by its id: the total in the title, the top sites in Unicode with their times', async () => {
    await chromeSummary.notify.summary({ day: '2024-03-10', totalMs: 3 * 3_600_000 + 12 * 60_000, top: [{ domain: 'github.com', ms: 65 * 60_000 }, { domain: 'xn--bcher-kva.test', ms: 40 * 60_000 + 5_000 }] });
    expect([...browser.notificationsShown.keys()]).toEqual([SUMMARY_NOTIFICATION]);
    expect(browser.notificationsShown.get(SUMMARY_NOTIFICATION)).toEqual({
      type: 'basic',
      iconUrl: 'chrome-extension://dwellextensionid/icons/128.png',
      title: 'Today on the web: 3h 12m',
      message: 'github.com 1h 5m · bücher.test 40m 5s',
    });
  });

  it('the alarm is set by name for its moment, and cleared: one alarm named "dwell-summary", then none', async () => {
    const when = Date.parse('2024-03-10T21:00:00Z');
    await chromeSummary.alarm.set(when);
    expect([...browser.alarmsSet]).toEqual([['dwell-summary', when]]);
    await chromeSummary.alarm.clear();
    expect(browser.alarmsSet.has(SUMMARY_ALARM)).toBe(false);
  });
});
