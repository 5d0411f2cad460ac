// What is in front (docs/COUNTING.md §1), and the visits that follow from it after each event.
import { NO_WINDOW } from './events.ts';
import type { Contribution } from './aggregates.ts';
import type { FoldState, PageInfo, WindowState } from './state.ts';
import type { StepContext } from './step-context.ts';
import { closeSite, closeVisit, openVisit, type Want } from './visits.ts';

/** Active tab of the focused window, or null when unknown. */
export const frontTab = (s: FoldState): number | null => (s.focused !== null ? (s.windows[s.focused]?.tabId ?? null) : null);

/** The focused window, when its page counts. */
type Counting = WindowState & { tabId: number; info: PageInfo & { url: string } };

/** §1 A page counts: focus on a real window whose active tab and its page are known, the page is
 *  tracked, not paused, and the user is active (or idle, not locked, on an audible tab with the
 *  setting on). That window, or null. */
function countingWindow(s: FoldState): Counting | null {
  if (s.paused || s.focused === null || s.focused === NO_WINDOW) return null;
  const w = s.windows[s.focused];
  if (!w || w.tabId === null || !w.info || w.info.url === null) return null;
  const ok = s.idle === 'active' || (s.idle === 'idle' && s.countAudibleWhileIdle && w.info.audible);
  return ok ? (w as Counting) : null;
}

/** §1 The page is still to come: the focused window would count but its active tab, or that tab's
 *  page, is not known yet. A site visit stays open across this (§11), so a same-site tab or
 *  window switch is one site visit. */
export function pageToCome(s: FoldState): boolean {
  if (s.paused || s.focused === null || s.focused === NO_WINDOW || s.idle === 'locked') return false;
  const w = s.windows[s.focused];
  return !w || w.tabId === null || w.info === null;
}

/** §1 The front changes, and §4 a page told late: an event that changed the front dates it from
 *  its boundary — unless it only told the focused window's active tab. Returns from when a page
 *  that opens now counts: since the last front change if its page was still to come and the front
 *  did not change (it was told late), else from the boundary. */
export function markFrontChange(s: FoldState, ctx: StepContext): number {
  const changed = (s.focused !== ctx.focused || frontTab(s) !== ctx.tab || s.idle !== ctx.idle || s.paused !== ctx.paused) && !ctx.revealed;
  if (changed) s.subjectSince = ctx.b;
  return ctx.toCome && !changed ? s.subjectSince : ctx.b;
}

/** §1 Visits and §11 site visits: the open visit ends (at b, within its run and t) when its page
 *  no longer counts or another one does; what counts now opens (from openFrom, not before the
 *  last cut), or the same visit takes a non-empty new title; the site visit ends when no page
 *  counts and none is still to come. */
export function settle(s: FoldState, b: number, openFrom: number, t: number, tz: number, out: Contribution[]): void {
  // The window, not a Want built for every event: only an opening visit needs one.
  const w = countingWindow(s);
  const v = s.visit;
  if (v && (!w || s.focused !== v.windowId || w.tabId !== v.tabId || w.info.url !== v.page)) {
    closeVisit(s, Math.min(Math.max(b, v.runStart), t), out);
  }
  if (w && !s.visit) {
    const want: Want = { windowId: s.focused!, tabId: w.tabId, url: w.info.url, domain: w.info.domain ?? w.info.url, title: w.info.title };
    openVisit(s, want, Math.min(Math.max(openFrom, s.floor), t), tz, out);
  } else if (w && s.visit && w.info.title) {
    s.visit.title = w.info.title;
  }
  if (!s.visit && s.site && !pageToCome(s)) closeSite(s, out);
}
