// Catching an aggregation run in the act: build a backlog of real events (Scenario.backlog), start a run without
// holding a call into the worker, and wait until the run is part-way through the backlog.
import type { Command, Diagnostics } from '../../../src/core/api.ts';
import type { Scenario } from './scenario.ts';
import { waitFor } from './timeout.ts';

/** Waits until at least `atLeast` captured events wait in the log unfolded; returns how many. */
export function waitForBacklog(s: Scenario, atLeast: number, timeoutMs = 30_000, everyMs = 100): Promise<number> {
  return waitFor(
    async () => {
      const d = await s.dwell.diagnostics();
      return d.pending >= atLeast ? d.pending : undefined;
    },
    timeoutMs,
    'the backlog to reach the event log',
    everyMs,
  );
}

/** Starts an aggregator run inside the worker without waiting for it: the test must not hold a
 *  call into a worker it is about to stop or keep busy, or while it watches the pages. */
export async function startAggregation(s: Scenario): Promise<void> {
  await s.browser.worker.evaluate(
    (cmd: Command) => {
      void (self as unknown as { dwell: { handle(c: Command): Promise<unknown> } }).dwell.handle(cmd);
    },
    { type: 'aggregateNow' },
    'start aggregateNow',
  );
}

/** In progress = the lease is held and part of the backlog is folded: at least `minPending`
 *  events still pending, fewer than the `backlog` there were. Returns the diagnostics seen then. */
export function waitForRunInProgress(s: Scenario, backlog: number, minPending: number): Promise<Diagnostics> {
  return waitFor(
    async () => {
      const d = await s.dwell.diagnostics();
      const leased = d.lease !== null && d.lease.expiresAt > Date.now();
      return leased && d.pending >= minPending && d.pending < backlog ? d : undefined;
    },
    30_000,
    'an aggregation run to be in progress',
    5,
  );
}
