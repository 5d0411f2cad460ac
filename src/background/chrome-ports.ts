// The real chrome.* behind the engine's ports.
import { normalizeSettings, toStored } from '../settings/normalize.ts';
import { SETTINGS_KEY, type Flags } from '../settings/flags.ts';
import type { BrowserPort, BrowserTab, SessionPort, SettingsPort } from './ports.ts';

/** A tab without an id (TAB_ID_NONE: devtools and other non-browser tabs) is none of ours. */
export const toTab = (t: chrome.tabs.Tab | undefined): BrowserTab | null =>
  t && typeof t.id === 'number' && t.id >= 0
    ? { id: t.id, windowId: t.windowId, url: t.url, title: t.title, audible: t.audible, incognito: t.incognito, active: t.active, lastAccessed: t.lastAccessed }
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

export async function loadChromeSettings(): Promise<SettingsPort & { reload(raw: unknown): void }> {
  const got = await chrome.storage.local.get(SETTINGS_KEY);
  let flags: Flags = normalizeSettings(got[SETTINGS_KEY]);
  return {
    current: () => flags,
    reload(raw) {
      flags = normalizeSettings(raw);
    },
    async update(patch) {
      // Read-modify-write against storage: a page may have saved a change we have not seen yet.
      const stored = await chrome.storage.local.get(SETTINGS_KEY);
      flags = normalizeSettings({ ...normalizeSettings(stored[SETTINGS_KEY]), ...patch });
      await chrome.storage.local.set({ [SETTINGS_KEY]: toStored(flags) });
    },
  };
}
