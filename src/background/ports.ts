// Small ports between the engine and the browser, so tests drive an in-memory world
// (test/fixtures/fake-browser.ts) and the worker wires the real chrome.* calls (chrome-ports.ts).
import type { IdleState } from '../core/events.ts';
import { localOffset } from '../core/days.ts';
import type { Settings } from '../settings/defaults.ts';

export interface Clock {
  now(): number;
  /** Local offset in minutes east of UTC at t (core/days.ts localOffset for the real clock). */
  tzOffset(t: number): number;
}

export interface BrowserTab {
  id: number;
  windowId: number;
  url?: string;
  title?: string;
  audible?: boolean;
  incognito: boolean;
  active: boolean;
  /** When the tab last became active (Chrome ≥ 121). */
  lastAccessed?: number;
  /** Where the tab is navigating to, before that navigation commits (url is still the old page). */
  pendingUrl?: string;
}

export interface BrowserPort {
  getTab(tabId: number): Promise<BrowserTab | null>;
  /** The active tab of every window. */
  activeTabs(): Promise<BrowserTab[]>;
  activeTabIn(windowId: number): Promise<BrowserTab | null>;
  /** Focused window id, or -1 when the browser has no focus. */
  focusedWindow(): Promise<number>;
  idleState(intervalSeconds: number): Promise<IdleState>;
}

/** chrome.storage.session: survives worker stops, emptied when the browser restarts. */
export interface SessionPort {
  /** True once per browser session: checks for the marker and sets it. */
  claimNewBrowserSession(): Promise<boolean>;
}

export interface SettingsPort {
  /** Settings as last loaded (at worker start, then live on storage changes). */
  current(): Settings;
  /** Persist a change (the worker writes chrome.storage.local; tests keep it in memory). */
  update(patch: Partial<Settings>): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  tzOffset: localOffset,
};
