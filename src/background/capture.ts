// Browser signals → events. Each handler records first (nothing awaited before the write is
// created: a worker stopped mid-handler loses what was not yet written) and enriches after.
// Untracked pages (excluded, incognito unless allowed, non-web, no storable site name) are recorded only as a url-less
// marker, so a switch to them still ends the previous visit.
import type { EventBody, IdleState, TabInfo } from '../core/events.ts';
import { trackedUrl } from '../core/domains.ts';
import { storedDomain } from '../core/registrable.ts';
import type { Settings } from '../settings/defaults.ts';
import type { BrowserPort, BrowserTab, Clock, SettingsPort } from './ports.ts';
import type { CaptureHandlers } from './engine-types.ts';
import { cleanTitle } from '../core/title.ts';
import type { TabEventBody } from './title-coalescer.ts';

export function tabInfo(tab: BrowserTab, flags: Settings): TabInfo {
  const tracked = trackedUrl(tab.url, tab.incognito, flags);
  // A page whose site has no storable name ("http://my_host/": see isStorableDomain) is untracked,
  // like a non-web page: a row stored under such a name could not be imported back, nor deleted
  // by name. Its switch still ends the previous visit.
  const domain = tracked ? storedDomain(tracked) : null;
  const url = domain ? tracked : null;
  return { tabId: tab.id, windowId: tab.windowId, url, domain, title: url ? cleanTitle(tab.title ?? '') : '', audible: url ? !!tab.audible : false };
}

/** lastAccessed has sub-ms precision; totals are whole ms. */
export const roundedLastAccessed = (tab: BrowserTab): number | null => (tab.lastAccessed == null ? null : Math.round(tab.lastAccessed));

/** A `tab` event: the page, and when the tab became active (reveals a switch the log missed). */
const tabEvent = (tab: BrowserTab, flags: Settings, nav = false): TabEventBody => ({
  k: 'tab',
  ...tabInfo(tab, flags),
  lastAccessed: roundedLastAccessed(tab),
  ...(nav ? { nav: true } : {}),
});

export interface CaptureDeps {
  record(body: EventBody, at?: number): Promise<number | null>;
  /** A title-only change: it may wait a moment, coalesced with the next ones (title-coalescer.ts). */
  titleChanged(body: TabEventBody, at: number): void;
  browser: BrowserPort;
  settings: SettingsPort;
  clock: Clock;
  onError(where: string, err: unknown): void;
}

export function createCapture(d: CaptureDeps): CaptureHandlers {
  const paused = (): boolean => d.settings.current().paused;
  const recordTab = (tab: BrowserTab | null): void => {
    if (tab && tab.active && !paused()) void d.record(tabEvent(tab, d.settings.current()));
  };
  const enrich = (where: string, p: Promise<BrowserTab | null>): void => {
    p.then(recordTab, (err: unknown) => d.onError(where, err));
  };

  return {
    tabActivated(tabId, windowId, at) {
      if (paused()) return;
      void d.record({ k: 'activated', tabId, windowId }, at);
      enrich('enrich activation', d.browser.getTab(tabId));
    },
    tabUpdated(tab, changed, at) {
      // Background tabs are not recorded: their page is read when they become active.
      if (paused() || !tab.active || !(changed.url || changed.title || changed.audible)) return;
      const body = tabEvent(tab, d.settings.current(), !!changed.url);
      // A load or a sound change is recorded at once; a title alone counts nothing and may wait.
      if (changed.url || changed.audible) void d.record(body, at);
      else d.titleChanged(body, at ?? d.clock.now());
    },
    tabRemoved(tabId, windowId, at) {
      if (!paused()) void d.record({ k: 'removed', tabId, windowId }, at);
    },
    tabReplaced(addedTabId) {
      if (!paused()) enrich('enrich replaced tab', d.browser.getTab(addedTabId));
    },
    windowRemoved(windowId, at) {
      if (!paused()) void d.record({ k: 'windowRemoved', windowId }, at);
    },
    focusChanged(windowId, at) {
      if (paused()) return;
      void d.record({ k: 'focus', windowId }, at);
      if (windowId >= 0) enrich('enrich focus', d.browser.activeTabIn(windowId));
    },
    idleChanged(state: IdleState, at) {
      if (paused()) return;
      const t = at ?? d.clock.now();
      // Input stopped a whole detection interval before Chrome said "idle".
      const since = state === 'idle' ? t - d.settings.current().idleSeconds * 1000 : t;
      void d.record({ k: 'idle', state, since }, t);
    },
    heartbeat(scheduledTime, at) {
      if (!paused()) void d.record({ k: 'beat', scheduled: scheduledTime }, at);
    },
  };
}
