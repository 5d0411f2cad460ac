// The event log: small facts captured from browser signals, in sequence order.
// Every field the fold needs is in the event itself (incl. settings that change what is counted),
// so the totals are a pure function of the log, whatever ran when.

/** windowId used for "the browser has no focused window" (chrome.windows.WINDOW_ID_NONE). */
export const NO_WINDOW = -1;

export type IdleState = 'active' | 'idle' | 'locked';

/** What a tab shows. `url` is origin + path (query and fragment are dropped at capture: they hold
 *  tokens), or null when the page is untracked (excluded site, incognito, non-web page): then no
 *  URL or title is stored at all. */
export interface TabInfo {
  tabId: number;
  windowId: number;
  url: string | null;
  /** Registrable domain (eTLD+1) of url, computed at capture; null when url is null. */
  domain: string | null;
  title: string;
  audible: boolean;
}

/** The focused window's active tab at an instant, and when it became active (Tab.lastAccessed). */
export interface FrontTab {
  windowId: number;
  tabId: number;
  lastAccessed: number | null;
}

export interface SnapshotTab extends TabInfo {
  /** When this tab last became active (Tab.lastAccessed, ms); used to back-date a missed switch. */
  lastAccessed: number | null;
}

export type EventBody =
  /** A tab became the active tab of its window (tabs.onActivated). Carries no URL: recorded first,
   *  the tab's page follows in a `tab` event (enrichment). */
  | { k: 'activated'; tabId: number; windowId: number }
  /** The page of the *active* tab of `windowId` (onUpdated url/title/audible, or enrichment after
   *  activation/focus). Also asserts that tabId is the active tab of windowId; `lastAccessed`
   *  (when it became active) back-dates a switch whose `activated` never reached the log; `nav`
   *  says the tab's URL changed at t (a load), so whatever it showed before lasted until t. */
  | ({ k: 'tab'; lastAccessed?: number | null; nav?: boolean } & TabInfo)
  | { k: 'removed'; tabId: number; windowId: number }
  | { k: 'windowRemoved'; windowId: number }
  /** Focused window changed; NO_WINDOW when the browser lost focus. */
  | { k: 'focus'; windowId: number }
  /** Idle state changed. For 'idle', `since` = when input stopped (t − detection interval). */
  | { k: 'idle'; state: IdleState; since: number }
  /** Periodic heartbeat: evidence the browser (and the user, if counting) was there at t. With
   *  `scheduled: null` at the last index of a generation, it is that generation's seal
   *  (background/recorder.ts), written at the time of the event after it. */
  | { k: 'beat'; scheduled: number | null }
  /** No marker in storage.session: a new browser session, or this extension reloaded or updated
   *  in a running browser (both empty storage.session). `front` is what was in front when the
   *  worker started (the focused window's active tab and when it became active): the fold tells
   *  the two apart with it (docs/COUNTING.md, "Browser restart or extension reload"). Absent in
   *  events written before it existed: then it is a restart. */
  | { k: 'boot'; front?: FrontTab | null }
  /** What was in front when a worker started: focused window and each window's active tab. */
  | { k: 'snapshot'; focused: number; tabs: SnapshotTab[] }
  | { k: 'pause'; paused: boolean }
  /** Settings that change what is counted, stamped into the log when they change. */
  | { k: 'config'; countAudibleWhileIdle: boolean; gapMs: number }
  /** The browser closed the worker's database connection at `since` (a full disk does) and a new
   *  one worked from `until`: events of that time are lost (sequence gaps), so what was in front
   *  is not known. Recorded once the connection is back, followed by a snapshot. */
  | { k: 'outage'; since: number; until: number };

export interface EventHead {
  /** Strictly increasing, never reused: generation * 2^20 + n (handed out by background/recorder.ts). */
  seq: number;
  /** Wall-clock time in ms (may jump backwards; the fold copes). */
  t: number;
  /** Local time-zone offset in minutes east of UTC at t (= -Date#getTimezoneOffset()). */
  tz: number;
}

export type DwellEvent = EventHead & EventBody;

export const SEQ_BITS = 20;
export const SEQ_SPAN = 2 ** SEQ_BITS;
export const seqOf = (generation: number, n: number): number => generation * SEQ_SPAN + n;
export const generationOf = (seq: number): number => Math.floor(seq / SEQ_SPAN);
export const indexOf = (seq: number): number => seq % SEQ_SPAN;
