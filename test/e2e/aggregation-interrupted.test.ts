// Scenario 4: the worker is stopped while an aggregation run is in progress (a backlog of real
// events and a small batchSize make the run long enough to catch). Each batch is one transaction,
// so the stop leaves the store at a batch boundary; the next run must finish the backlog and the
// totals must still be exactly right: nothing lost, nothing folded twice.
import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from '../../src/core/api.ts';
import { Scenario } from './harness/scenario.ts';
import { expectMatchesLedger } from './harness/verdict.ts';
import { waitFor } from './harness/timeout.ts';

const BATCH_SIZE = 10;
const TITLE_CHANGES = 4_000;

describe('worker stopped during an aggregation run', () => {
  let s: Scenario | undefined;
  afterEach(async () => {
    await s?.dispose();
    s = undefined;
  });

  it('finishes the backlog on the next run with totals unchanged', async () => {
    s = await Scenario.start({ settings: { batchSize: BATCH_SIZE } });
    await s.open('ticker', 'live.scores.test', '/match');
    await s.dwellFor(1_500);
    await s.churnTitle('ticker', TITLE_CHANGES);
    const dwell = s.dwell;
    const backlog = await waitFor(
      async () => {
        const d = await dwell.diagnostics();
        return d.pending >= TITLE_CHANGES / 2 ? d.pending : undefined;
      },
      30_000,
      'the title changes to reach the event log',
      200,
    );

    // Start a run inside the worker without waiting for it: the test must not hold a call into a
    // worker it is about to stop.
    await s.browser.worker.evaluate(
      (cmd: Command) => {
        void (self as unknown as { dwell: { handle(c: Command): Promise<unknown> } }).dwell.handle(cmd);
      },
      { type: 'aggregateNow' },
      'start aggregateNow',
    );
    // In progress = the lease is held and part of the backlog is folded, part not.
    const midRun = await waitFor(
      async () => {
        const d = await dwell.diagnostics();
        const leased = d.lease !== null && d.lease.expiresAt > Date.now();
        return leased && d.pending > 0 && d.pending < backlog ? d : undefined;
      },
      30_000,
      'an aggregation run to be in progress',
      5,
    );
    await s.stopWorker();
    console.log(`[e2e] stopped the worker mid-run: ${backlog} events pending before, ${midRun.pending} when stopped`);

    await s.dwellFor(2_000);
    await s.open('blog', 'blog.other.test', '/post'); // wakes the worker
    await s.dwellFor(2_000);
    await s.switchTo('ticker');
    await s.dwellFor(1_500);
    await s.finish(); // runs aggregateNow to the end

    const after = await s.dwell.diagnostics();
    expect(after.pending, 'the next run drained the backlog').toBe(0);
    await expectMatchesLedger(s, 'worker stopped during aggregation');
  });
});
