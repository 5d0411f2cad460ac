// The real chrome.* behind the limit ports (background/limits.ts).
import type { FocusNotifyPort, FocusStorePort } from './focus.ts';
import { FOCUS_STORAGE_KEY, type FocusNotice } from '../core/focus.ts';
import { LIMIT_ALARM, type BlockPort, type LimitAlarmPort, type LimitDay, type LimitDayPort, type NotifyPort, type TimerPort } from './limits.ts';

export const BLOCK_PAGE = 'src/block/block.html';
const LIMIT_DAY_KEY = 'limitDay';

export const chromeTimer: TimerPort = {
  after(ms, fn) {
    const id = setTimeout(fn, ms);
    return () => clearTimeout(id);
  },
};

export const chromeLimitAlarm: LimitAlarmPort = {
  set: (when) => chrome.alarms.create(LIMIT_ALARM, { when }),
  clear: async () => {
    await chrome.alarms.clear(LIMIT_ALARM);
  },
};

/** The block page's own URL carries the site and the page to go back to as origin + path: the
 *  query and fragment of the blocked page stay in the tab's own history (the page goes back with
 *  history.back()), never in a URL Dwell writes. */
export const blockUrlOf = (base: string, site: string, back: string | null): string => {
  const q = new URLSearchParams({ site });
  if (back) q.set('back', back);
  return `${base}?${q.toString()}`;
};

export const chromeBlock: BlockPort = {
  blockUrl: (site, back) => blockUrlOf(chrome.runtime.getURL(BLOCK_PAGE), site, back),
  redirect: async (tabId, url) => {
    try {
      await chrome.tabs.update(tabId, { url });
    } catch {
      // The tab closed in the meantime: nothing to block.
    }
  },
};

/** chrome.storage.local, beside the settings (not in them: a day's blocks and snoozes are no
 *  setting, and writing them must not wake every page's settings listener). */
export const chromeLimitDays: LimitDayPort = {
  load: async () => (await chrome.storage.local.get(LIMIT_DAY_KEY))[LIMIT_DAY_KEY],
  save: (state: LimitDay) => chrome.storage.local.set({ [LIMIT_DAY_KEY]: state }),
};

/** The warning before a limit. One id per site, so a second warning replaces the first; tests
 *  find it by that id in notifications.getAll(). */
export const limitNotificationId = (site: string): string => `dwell-limit-${site}`;

export const chromeNotify: NotifyPort = {
  warn: async (site, remainingMs) => {
    const minutes = String(Math.max(1, Math.ceil(remainingMs / 60_000)));
    await chrome.notifications.create(limitNotificationId(site), {
      type: 'basic',
      iconUrl: chrome.runtime.getURL('icons/128.png'),
      title: chrome.i18n.getMessage('limitWarnTitle'),
      message: chrome.i18n.getMessage('limitWarnMessage', [site, minutes]),
    });
  },
};

/** The running focus session, beside the limit day in chrome.storage.local (the block page
 *  listens to this key: a session ended early sends its tabs back at once). */
export const chromeFocusStore: FocusStorePort = {
  load: async () => (await chrome.storage.local.get(FOCUS_STORAGE_KEY))[FOCUS_STORAGE_KEY],
  save: (session) => (session ? chrome.storage.local.set({ [FOCUS_STORAGE_KEY]: session }) : chrome.storage.local.remove(FOCUS_STORAGE_KEY)),
};

/** One id for every focus notice: the next replaces the last. */
export const FOCUS_NOTIFICATION_ID = 'dwell-focus';

const focusText: Record<FocusNotice, [title: string, message: string]> = {
  break: ['focusBreakTitle', 'focusBreakMessage'],
  resume: ['focusResumeTitle', 'focusResumeMessage'],
  end: ['focusEndTitle', 'focusEndMessage'],
};

export const chromeFocusNotify: FocusNotifyPort = {
  focus: async (notice, now) => {
    const [title, message] = focusText[notice];
    const minutes = String(Math.max(1, Math.round((now.phaseEndsAt - Date.now()) / 60_000)));
    await chrome.notifications.create(FOCUS_NOTIFICATION_ID, {
      type: 'basic',
      iconUrl: chrome.runtime.getURL('icons/128.png'),
      title: chrome.i18n.getMessage(title),
      message: chrome.i18n.getMessage(message, [minutes, String(now.cycle)]),
    });
  },
};
