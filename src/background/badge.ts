// The toolbar icon: while tracking is paused, the paused sign (and the tooltip says so); else,
// as the `badge` setting asks, today's time on the site in front, today's total, or nothing.
// Refreshed at the waking events the worker already has (switches, loads, focus, idle, the
// heartbeat alarm, settings): never by a timer of its own, so a sleeping worker costs nothing and
// the badge lags the true time by at most one heartbeat period. The time is the live read model's
// (db/query.ts), the same the popup shows.
import { badgeText } from '../core/badge-text.ts';
import { dayOf } from '../core/days.ts';
import { liveQuery } from '../db/query.ts';
import type { DwellDb } from '../db/open.ts';
import type { Settings } from '../settings/defaults.ts';
import { tabInfo } from './capture.ts';
import type { BrowserPort, Clock, SettingsPort } from './ports.ts';

export const PAUSED_BADGE = '❚❚';

/** What the icon shows: the badge text, and whether it is the paused state (the tooltip says so). */
export interface BadgeView {
  text: string;
  paused: boolean;
}

/** chrome.action behind a port: tests read what was shown. */
export interface BadgePort {
  show(view: BadgeView): Promise<void>;
}

export interface BadgeDeps {
  db: DwellDb;
  clock: Clock;
  browser: BrowserPort;
  settings: SettingsPort;
  /** Waits until what was captured so far is in the log (Engine.flush). */
  flush(): Promise<void>;
  port: BadgePort;
  onError(where: string, err: unknown): void;
}

export interface Badge {
  /** Shows the badge for now; calls made while one runs are folded into one more run. */
  refresh(): Promise<void>;
}

/** The tracked site of the focused window's active tab, or null (no focus, an untracked page). */
async function frontSite(browser: BrowserPort, flags: Settings): Promise<string | null> {
  const windowId = await browser.focusedWindow();
  if (windowId < 0) return null;
  const tab = await browser.activeTabIn(windowId);
  return tab ? tabInfo(tab, flags).domain : null;
}

/** The badge as the settings and today's time say: the paused sign wins over every mode. */
export async function badgeView(d: Omit<BadgeDeps, 'port' | 'onError'>): Promise<BadgeView> {
  const flags = d.settings.current();
  if (flags.paused) return { text: PAUSED_BADGE, paused: true };
  if (flags.badge === 'off') return { text: '', paused: false };
  const site = flags.badge === 'site' ? await frontSite(d.browser, flags) : null;
  // No site in front: nothing to say (no read); today's total always has something to say.
  if (flags.badge === 'site' && site === null) return { text: '', paused: false };
  await d.flush();
  const now = d.clock.now();
  const tz = d.clock.tzOffset(now);
  const day = dayOf(now, tz);
  const q = await liveQuery(d.db, { from: day, to: day }, { now, tzOffset: tz });
  const ms = site === null ? q.totalMs : (q.sites.find((s) => s.domain === site)?.ms ?? 0);
  return { text: badgeText(ms), paused: false };
}

export function createBadge(d: BadgeDeps): Badge {
  let tail: Promise<void> = Promise.resolve();
  let queued: Promise<void> | null = null;
  let last: string | null = null;
  const run = async (): Promise<void> => {
    queued = null;
    const view = await badgeView(d);
    const key = `${view.paused}:${view.text}`;
    if (key === last) return; // unchanged: no call into the browser
    await d.port.show(view);
    last = key;
  };
  return {
    refresh() {
      if (queued) return queued;
      queued = tail.then(run).catch((err: unknown) => d.onError('badge', err));
      tail = queued;
      return queued;
    },
  };
}
