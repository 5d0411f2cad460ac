// Scenario 4: the worker is stopped while an aggregation run is in progress (a backlog of real
// events and a small batchSize make the run long enough to catch). Each batch is one transaction,
// so the stop leaves the store at a batch boundary; the next run must finish the backlog and the
// totals must still be exactly right: nothing lost, nothing folded twice.
import { describe, expect, it } from 'vitest';
import { scenarioPerTest } from './harness/per-test.ts';
import { expectMatchesLedger } from './harness/verdict.ts';
import { startAggregation, waitForBacklog, waitForRunInProgress } from './harness/aggregation.ts';

const BATCH_SIZE = 10;
const BACKLOG = 4_000;

describe('worker stopped during an aggregation run', () => {
  const start = scenarioPerTest();

  it('finishes the backlog on the next run with totals unchanged', async () => {
    const s = await start({ settings: { batchSize: BATCH_SIZE } });
    await s.open('ticker', 'live.scores.test', '/match');
    await s.dwellFor(1_500);
    await s.backlog(BACKLOG);
    const backlog = await waitForBacklog(s, BACKLOG, 30_000, 200);

    // In progress = the lease is held and part of the backlog is folded, part (one event or more) not.
    await startAggregation(s);
    const midRun = await waitForRunInProgress(s, backlog, 1);
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
