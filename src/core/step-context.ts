// One event's way through the fold: the front before it, when its change happened (docs/COUNTING.md
// §3), and what its handler tells the rest of the step.
import type { IdleState } from './events.ts';
import type { FoldState, PageInfo } from './state.ts';
import { frontTab, pageToCome } from './front.ts';

/** One per foldEvents call, reset for each event: no allocation per event (the fold's speed bounds
 *  the aggregator's). */
export interface StepContext {
  t: number;
  /** §1 The front before the event (focused window, its active tab, idle, paused), and whether the
   *  focused window's page was still to come. */
  focused: number | null;
  tab: number | null;
  idle: IdleState;
  paused: boolean;
  toCome: boolean;
  /** The boundary: when the event's change happened (t unless back-dated). */
  b: number;
  /** §6 The page a load showed from t on, after the tab's last known page until t, in the
   *  load's own window. */
  later: PageInfo | null;
  laterIn: number;
  /** §4 The event only told the focused window's active tab, unknown until now: the front has been
   *  what it is since the focus change or activation. */
  revealed: boolean;
}

export const newStep = (): StepContext => ({ t: 0, focused: null, tab: null, idle: 'active', paused: false, toCome: false, b: 0, later: null, laterIn: 0, revealed: false });

/** Readies `ctx` for the event at t, after the time rules and before its handler. */
export function startStep(ctx: StepContext, s: FoldState, t: number): void {
  ctx.t = t;
  ctx.focused = s.focused;
  ctx.tab = frontTab(s);
  ctx.idle = s.idle;
  ctx.paused = s.paused;
  ctx.toCome = pageToCome(s);
  ctx.b = t;
  ctx.later = null;
  ctx.revealed = false;
}

/** §3 Changes that happened before their event (an idle `since`, a missed switch's lastAccessed):
 *  placed at x, but never after t and never before the earliest allowed instant — the open
 *  visit's run start, else the later of the last front change and the last cut — so time already
 *  counted is never given to someone else and nothing moves across a cut. (Handlers call this
 *  before any visit closes: the visit, subjectSince and floor are still as the event found them.) */
export function backDate(s: FoldState, ctx: StepContext, x: number): void {
  const earliest = s.visit ? s.visit.runStart : Math.max(s.subjectSince, s.floor);
  ctx.b = Math.min(Math.max(x, earliest), ctx.t);
}
