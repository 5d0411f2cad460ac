// One handler per event kind: how each event changes the fold's picture of the browser
// (docs/COUNTING.md, by section). A handler says through `ctx` when its change happened; the fold
// then ends and opens visits (front.ts). Time rules that hold whatever the event are in
// time-bookkeeping.ts, reconstructions of what the log lost in reconstruct.ts.
import type { DwellEvent } from './events.ts';
import type { FoldState, PageInfo } from './state.ts';
import { backDate, type StepContext } from './step-context.ts';
import { missedSwitchFromSnapshot, missedSwitchFromTab, pageBeforeLoad } from './reconstruct.ts';
import { onlyReloaded } from './time-bookkeeping.ts';

type EventKind = DwellEvent['k'];
type Handlers = { [K in EventKind]: (s: FoldState, e: Extract<DwellEvent, { k: K }>, ctx: StepContext) => void };

const pageOf = (x: { url: string | null; domain: string | null; title: string; audible: boolean }): PageInfo => ({ url: x.url, domain: x.domain, title: x.title, audible: x.audible });

const handlers: Handlers = {
  /** §1 The window's active tab is this tab; its page is unknown until its `tab` comes (§4),
   *  unless it was already this tab. */
  activated: (s, e) => {
    const w = s.windows[e.windowId];
    if (!w || w.tabId !== e.tabId) s.windows[e.windowId] = { tabId: e.tabId, info: null };
  },
  /** §1 The window's active tab shows this page — or, after a missed switch (§5) or for a load
   *  after a lost page (§6), first the tab's last known page; the page is remembered (§12). */
  tab: (s, e, ctx) => {
    const info = pageOf(e);
    ctx.revealed = e.windowId === ctx.focused && ctx.tab === null;
    const before = pageBeforeLoad(s, e, missedSwitchFromTab(s, e, ctx));
    if (before) {
      ctx.later = info;
      ctx.laterIn = e.windowId;
    }
    s.windows[e.windowId] = { tabId: e.tabId, info: before ?? info };
    remember(s, e.tabId, info);
  },
  /** §1 If it was the window's active tab, the window has none; §6 its page is forgotten. */
  removed: (s, e) => {
    if (s.windows[e.windowId]?.tabId === e.tabId) s.windows[e.windowId] = { tabId: null, info: null };
    delete s.tabPages[e.tabId];
  },
  /** §1 The window is forgotten; if it had focus, the focus is unknown. */
  windowRemoved: (s, e) => {
    delete s.windows[e.windowId];
    if (s.focused === e.windowId) s.focused = null;
  },
  /** §1 The focused window (NO_WINDOW: none). */
  focus: (s, e) => {
    s.focused = e.windowId;
  },
  /** §3 Going idle is placed when input stopped; active and locked at t. */
  idle: (s, e, ctx) => {
    s.idle = e.state;
    if (e.state === 'idle') backDate(s, ctx, e.since);
  },
  /** §7 Evidence only: the browser ran at t. */
  beat: () => {},
  /** §8 An extension reload changes nothing. A browser restart (its visit was closed by the time
   *  rules): windows, focus and remembered pages are forgotten, idle is active again. */
  boot: (s, e) => {
    if (onlyReloaded(s, e)) return;
    s.tabPages = {};
    s.windows = {};
    s.focused = null;
    s.idle = 'active';
  },
  /** §5 A missed switch, then the focus and the windows are exactly the snapshot's, each tab's page
   *  remembered (§12). */
  snapshot: (s, e, ctx) => {
    missedSwitchFromSnapshot(s, e, ctx);
    s.focused = e.focused;
    s.windows = {};
    for (const x of e.tabs) {
      const info = pageOf(x);
      s.windows[x.windowId] = { tabId: x.tabId, info };
      remember(s, x.tabId, info);
    }
  },
  /** §1 Nothing counts while paused. */
  pause: (s, e) => {
    s.paused = e.paused;
  },
  /** §3c, §7 Settings that change counting: audible while idle, gapMs (from the next event on). */
  config: (s, e) => {
    s.countAudibleWhileIdle = e.countAudibleWhileIdle;
    s.gapMs = e.gapMs;
  },
  /** §14 After an outage the focus is not known (its events may be lost) until a focus or the
   *  snapshot that follows tells it; the windows and remembered pages stay. */
  outage: (s) => {
    s.counters.outages += 1;
    s.focused = null;
  },
};

export function applyEvent(s: FoldState, e: DwellEvent, ctx: StepContext): void {
  (handlers[e.k] as (s: FoldState, e: DwellEvent, ctx: StepContext) => void)(s, e, ctx);
}

/** §12 Remembered tabs: each tab's last page, for at most MAX_TAB_PAGES tabs. Remembering one more
 *  forgets the lowest id (integer keys iterate in ascending order: Chrome's ids grow, so the
 *  oldest tab), even the one just remembered. */
const MAX_TAB_PAGES = 200;
function remember(s: FoldState, tabId: number, info: PageInfo): void {
  const known = tabId in s.tabPages;
  s.tabPages[tabId] = info;
  // Only a new tab can push the map over its bound (checked then, not on every event).
  if (!known) {
    const keys = Object.keys(s.tabPages);
    if (keys.length > MAX_TAB_PAGES) delete s.tabPages[keys[0]!];
  }
}
