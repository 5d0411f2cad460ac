// The fold: (state, events) → (state, contributions). Pure: no browser API, no clock, no I/O.
// It implements docs/COUNTING.md; the reference model in test/fixtures is written separately.
//
// Where each rule of COUNTING.md lives (each in a function whose comment names its section):
//   time rules, whatever the event: §7 gaps, §8 boot, §9 clock back, §10 zones,
//     §14 database outages                                                      time-bookkeeping.ts
//   what each event changes, one handler per kind; §12 remembered tabs          event-handlers.ts
//   §3 back-dating a change to the earliest allowed instant                      step-context.ts
//   §5 missed switches, §6 a load after a lost page                              reconstruct.ts
//   §1 what counts or is still to come, §4 a page told late, visits ending/opening  front.ts
//   §11 what a closed visit adds (days, page visits, site visits)                visits.ts, days.ts
import type { DwellEvent } from './events.ts';
import type { Contribution } from './aggregates.ts';
import type { FoldState } from './state.ts';
import { closeSite, closeVisit } from './visits.ts';
import { keepTime } from './time-bookkeeping.ts';
import { newStep, startStep, type StepContext } from './step-context.ts';
import { applyEvent } from './event-handlers.ts';
import { markFrontChange, settle } from './front.ts';
import { showLoadedPage } from './reconstruct.ts';

export interface FoldResult {
  state: FoldState;
  contributions: Contribution[];
}

export function foldEvents(state: FoldState, events: readonly DwellEvent[]): FoldResult {
  const s = structuredClone(state);
  const out: Contribution[] = [];
  const ctx = newStep();
  for (const e of events) step(s, e, ctx, out);
  return { state: s, contributions: out };
}

/** Closes the open visit and site visit at `until` on a copy (live totals; nothing is written). */
export function closeVirtually(state: FoldState, until: number): FoldResult {
  const s = structuredClone(state);
  const out: Contribution[] = [];
  if (s.visit) closeVisit(s, Math.max(until, s.visit.runStart), out);
  if (s.site) closeSite(s, out);
  return { state: s, contributions: out };
}

/** One event: the time rules, then what the event changes, then the visits that follow. */
function step(s: FoldState, e: DwellEvent, ctx: StepContext, out: Contribution[]): void {
  s.counters.events += 1;
  keepTime(s, e, out);
  startStep(ctx, s, e.t);
  applyEvent(s, e, ctx);
  settle(s, ctx.b, markFrontChange(s, ctx), e.t, e.tz, out);
  if (ctx.later) showLoadedPage(s, ctx.laterIn, ctx.later, e.t, e.tz, out);
  s.lastT = e.t;
  s.tz = e.tz;
  s.lastSeq = e.seq;
}
