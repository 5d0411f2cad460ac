// Scenario 7: one page in front for two minutes while Chrome stops the worker every ~30 s. Only
// the heartbeat alarm wakes it in between. All the time is counted, as one visit.
import { describe, expect, it } from 'vitest';
import { scenarioPerTest } from './harness/per-test.ts';
import { expectMatchesLedger } from './harness/verdict.ts';
import { defaults } from '../../src/settings/defaults.ts';

const HEARTBEAT_MS = defaults.heartbeatSeconds * 1000;

describe('one long page with repeated worker stops', () => {
  const start = scenarioPerTest();

  it('counts two minutes on one page as one visit across four stops', async () => {
    const s = await start();
    await s.open('article', 'longread.example.test', '/essay');
    const opened = Date.now();
    for (let i = 1; i <= 4; i++) {
      await s.dwellFor(opened + i * 30_000 - Date.now());
      // Nothing but the heartbeat alarm starts the worker between stops; wait for it if needed.
      await s.browser.worker.waitUntilRunning(HEARTBEAT_MS + 10_000, 'the heartbeat alarm to start the stopped worker');
      await s.stopWorker(i % 2 === 0 ? 'stopAllWorkers' : 'closeTarget');
    }
    await s.dwellFor(2_000);
    await s.finish();
    expect(s.stops).toHaveLength(4);
    await expectMatchesLedger(s, 'one page for two minutes, worker stopped every 30 s');
  });
});
