// The real chrome.* behind the engine's ports.
import type { Settings } from '../settings/defaults.ts';
import type { SettingsStore } from '../settings/store.ts';
import type { BrowserPort, BrowserTab, SessionPort, SettingsPort } from './ports.ts';
import type { BadgePort } from './badge.ts';
import { SUMMARY_ALARM, type SummaryPorts } from './daily-summary.ts';
import { formatDuration } from '../core/duration.ts';
import { displayDomain } from '../core/idn.ts';

/** A tab without an id (TAB_ID_NONE: devtools and other non-browser tabs) is none of ours. */
export const toTab = (t: chrome.tabs.Tab | undefined): BrowserTab | null =>
  t && typeof t.id === 'number' && t.id >= 0
    ? { id: t.id, windowId: t.windowId, url: t.url, title: t.title, audible: t.audible, incognito: t.incognito, active: t.active, lastAccessed: t.lastAccessed, ...(t.pendingUrl ? { pendingUrl: t.pendingUrl } : {}) }
    : null;

export const chromeBrowser: BrowserPort = {
  async getTab(tabId) {
    try {
      return toTab(await chrome.tabs.get(tabId));
    } catch {
      return null; // closed in the meantime
    }
  },
  async activeTabs() {
    const tabs = await chrome.tabs.query({ active: true });
    return tabs.map(toTab).filter((t): t is BrowserTab => t !== null);
  },
  async activeTabIn(windowId) {
    const [tab] = await chrome.tabs.query({ active: true, windowId });
    return toTab(tab);
  },
  async focusedWindow() {
    try {
      const w = await chrome.windows.getLastFocused();
      return w.focused && typeof w.id === 'number' ? w.id : chrome.windows.WINDOW_ID_NONE;
    } catch {
      return chrome.windows.WINDOW_ID_NONE;
    }
  },
  idleState: (seconds) => chrome.idle.queryState(seconds),
};

const SESSION_MARKER = 'dwellBrowserSession';

/** storage.session is emptied when the browser restarts, so a missing marker = new session.
 *  (runtime.onStartup did not fire on relaunch with an unpacked extension, measured.) */
export const chromeSession: SessionPort = {
  async claimNewBrowserSession() {
    const got = await chrome.storage.session.get(SESSION_MARKER);
    if (got[SESSION_MARKER]) return false;
    await chrome.storage.session.set({ [SESSION_MARKER]: Date.now() });
    return true;
  },
};

/** The worker's settings: loaded once, kept current by the store's change listener (see index.ts,
 *  which registers it at top level), written through the same serialised save as the pages. */
export async function workerSettings(store: SettingsStore): Promise<SettingsPort & { changed(next: Settings): void }> {
  let current: Settings = await store.load();
  return {
    current: () => current,
    changed(next) {
      current = next;
    },
    async update(patch) {
      current = await store.save(patch);
    },
  };
}

/** The toolbar icon (background/badge.ts): the text, a grey behind it, and the tooltip in words. */
export const chromeBadge: BadgePort = {
  show: async ({ text, paused }) => {
    await Promise.all([
      chrome.action.setBadgeText({ text }),
      chrome.action.setBadgeBackgroundColor({ color: '#6b7280' }),
      chrome.action.setTitle({ title: chrome.i18n.getMessage(paused ? 'actionTitlePaused' : 'extName') }),
    ]);
  },
};

/** One id, so a summary replaces yesterday's if it is still on screen; tests find it by it. */
export const SUMMARY_NOTIFICATION = 'dwell-daily-summary';

/** The daily summary (background/daily-summary.ts): its alarm, and the notification in the UI
 *  language ("Today: 3h 12m" · "github.com 1h 5m · …"). */
export const chromeSummary: SummaryPorts = {
  alarm: {
    set: (when) => chrome.alarms.create(SUMMARY_ALARM, { when }),
    clear: async () => {
      await chrome.alarms.clear(SUMMARY_ALARM);
    },
  },
  notify: {
    summary: async ({ totalMs, top }) => {
      const lang = chrome.i18n.getUILanguage();
      await chrome.notifications.create(SUMMARY_NOTIFICATION, {
        type: 'basic',
        iconUrl: chrome.runtime.getURL('icons/128.png'),
        title: chrome.i18n.getMessage('summaryTitle', [formatDuration(totalMs, lang)]),
        message: top.map((s) => `${displayDomain(s.domain)} ${formatDuration(s.ms, lang)}`).join(' · '),
      });
    },
  },
};
