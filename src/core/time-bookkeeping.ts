// Time bookkeeping, before an event changes anything (docs/COUNTING.md §7–§10, §14): what the time since
// the previous event says about the browser, whatever the event is.
import type { DwellEvent } from './events.ts';
import type { Contribution } from './aggregates.ts';
import type { FoldState } from './state.ts';
import { closeSite, closeVisit, settleRun } from './visits.ts';
import { frontTab } from './front.ts';

/** Applies the time rules to `e`: the first event; a gap or a browser restart; then a clock jump
 *  back or a zone change (a boot can come with either). */
export function keepTime(s: FoldState, e: DwellEvent, out: Contribution[]): void {
  const lastT = s.lastT;
  if (lastT === null) {
    firstEvent(s, e.t);
    return;
  }
  if (isGap(s, lastT, e.t) || (e.k === 'boot' && !onlyReloaded(s, e))) closeAtLastEvidence(s, lastT, e.t, out);
  // Before the clock and zone rules: those would settle the outage's time into the open visit.
  if (e.k === 'outage') outage(s, e.since, e.t, out);
  if (e.t < lastT) clockWentBack(s, lastT, e.t, e.tz);
  else if (e.tz !== s.tz) zoneChanged(s, e.t, e.tz);
}

/** The first event: nothing before it counts, the front dates from it. */
function firstEvent(s: FoldState, t: number): void {
  s.subjectSince = t;
  s.floor = t;
}

/** §7 Gaps: more than gapMs since the previous event (exactly gapMs is none; the gapMs in force
 *  before this event) means the browser or the machine was not running. A clock that went back
 *  is no gap (§9). */
function isGap(s: FoldState, lastT: number, t: number): boolean {
  return t >= lastT && t - lastT > s.gapMs;
}

/** §8 A boot that is an extension reload in a running browser, not a browser restart: its front
 *  tab is the one the log has in front, active since no later than the last evidence (a restored
 *  tab becomes active at the restore, after it, even with the same ids), and no gap. Pure, so the
 *  time rules and the boot handler decide alike. */
export function onlyReloaded(s: FoldState, e: Extract<DwellEvent, { k: 'boot' }>): boolean {
  const f = e.front;
  if (!f || f.lastAccessed === null || s.lastT === null) return false;
  const sameTab = f.windowId === s.focused && f.tabId === frontTab(s);
  return sameTab && f.lastAccessed <= s.lastT && !isGap(s, s.lastT, e.t);
}

/** §7 Gaps and §8 a browser restart: the visit that counted ends at the previous event, the last evidence (the
 *  browser may have quit or slept hours ago), as a recovery; the site visit ends; t is a cut and
 *  the front dates from it. */
function closeAtLastEvidence(s: FoldState, lastT: number, t: number, out: Contribution[]): void {
  if (s.visit) {
    s.counters.recoveries += 1;
    closeVisit(s, lastT, out);
  }
  closeSite(s, out);
  s.subjectSince = t;
  s.floor = t;
}

/** §14 A database outage: nothing was written from `since` on, so the visit that counted ends at
 *  `since` (within its run and t), the site visit ends, t is a cut and the front dates from it.
 *  (After a gap the visit has already ended at the last evidence.) The handler forgets the focus
 *  and counts the outage. */
function outage(s: FoldState, since: number, t: number, out: Contribution[]): void {
  if (s.visit) closeVisit(s, Math.min(Math.max(since, s.visit.runStart), t), out);
  closeSite(s, out);
  s.subjectSince = t;
  s.floor = t;
}

/** §9 The clock goes back: the time between is nobody's; the open visit keeps what it had up to
 *  lastT and goes on from t in a new run (a clock jump); t is a cut. */
function clockWentBack(s: FoldState, lastT: number, t: number, tz: number): void {
  s.counters.clockJumps += 1;
  if (s.visit) settleRun(s.visit, lastT, t, tz);
  s.floor = t;
}

/** §10 Time zones: the open visit's time up to t is split into days with the old offset, from t on
 *  with the new one (a new run); t is a cut. */
function zoneChanged(s: FoldState, t: number, tz: number): void {
  if (s.visit) settleRun(s.visit, t, t, tz);
  s.floor = t;
}
