// What the log lost while the worker was stopped, reconstructed from what later events show
// (docs/COUNTING.md §5, §6): a switch whose `activated` never reached the log, and the page a tab
// showed until a load.
import { NO_WINDOW, type DwellEvent } from './events.ts';
import type { Contribution } from './aggregates.ts';
import type { FoldState, PageInfo } from './state.ts';
import { backDate, type StepContext } from './step-context.ts';
import { settle } from './front.ts';

type TabEvent = Extract<DwellEvent, { k: 'tab' }>;
type SnapshotEvent = Extract<DwellEvent, { k: 'snapshot' }>;

/** §5 Missed switch, from a `tab` event: the focused real window shows another tab than the log
 *  said, with lastAccessed, and no `activated` came for it (the worker was killed, then woken by
 *  this very tab). Back-dates the switch to lastAccessed; true if it was one. */
export function missedSwitchFromTab(s: FoldState, e: TabEvent, ctx: StepContext): boolean {
  const known = s.windows[e.windowId]?.tabId;
  if (e.windowId !== s.focused || s.focused === NO_WINDOW || known == null || known === e.tabId || e.lastAccessed == null) return false;
  backDate(s, ctx, e.lastAccessed);
  s.counters.reconstructed += 1;
  return true;
}

/** §5 Missed switch, from a `snapshot`: the same real window has focus as before, its known active
 *  tab was another, and the snapshot shows there a tab with lastAccessed (the worker stopped
 *  mid-capture). Back-dates the switch to lastAccessed. */
export function missedSwitchFromSnapshot(s: FoldState, e: SnapshotEvent, ctx: StepContext): void {
  const f = s.focused;
  if (f !== e.focused || f === null || f === NO_WINDOW) return;
  const known = s.windows[f]?.tabId;
  const front = e.tabs.find((x) => x.windowId === f);
  if (known != null && front && front.tabId !== known && front.lastAccessed != null) {
    backDate(s, ctx, front.lastAccessed);
    s.counters.reconstructed += 1;
  }
}

/** §6 A load after a lost page: a load (`nav`) in a tab whose last known page differs, when it is a
 *  missed switch or the tab is already its window's active tab with its page unknown (the
 *  activation's `tab` was lost), means the tab showed its last known page until the load: that
 *  page, or null. Read before the event updates the window and the tab's page. */
export function pageBeforeLoad(s: FoldState, e: TabEvent, missedSwitch: boolean): PageInfo | null {
  const last = s.tabPages[e.tabId];
  if (!e.nav || !last || last.url === e.url) return null;
  const w = s.windows[e.windowId];
  return missedSwitch || (w?.tabId === e.tabId && w.info === null) ? last : null;
}

/** §6, second step of a load after a lost page: the loaded page, from t on (an ordinary page change
 *  at t), in the load's own window — which may be unfocused, or not the focused one (it once went
 *  to the focused window: the loaded page replaced another window's page, and with no window
 *  focused the fold threw). */
export function showLoadedPage(s: FoldState, windowId: number, page: PageInfo, t: number, tz: number, out: Contribution[]): void {
  const w = s.windows[windowId];
  if (!w) return;
  s.windows[windowId] = { tabId: w.tabId, info: page };
  settle(s, t, t, t, tz, out);
}
