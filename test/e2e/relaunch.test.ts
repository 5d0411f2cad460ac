// Scenario 5: the browser is quit and started again on the same profile after a pause. The pause
// must not be counted (Dwell closes the last visit at its last evidence: allowed error one
// heartbeat period), nothing may be counted twice, history must survive, and the heartbeat alarm
// must be there again after the relaunch.
import { describe, expect, it } from 'vitest';
import { scenarioPerTest } from './harness/per-test.ts';
import { expectMatchesLedger } from './harness/verdict.ts';
import { defaults } from '../../src/settings/defaults.ts';
import { HEARTBEAT } from '../../src/background/alarms.ts';

/** Longer than the tolerance, so a counted pause cannot hide inside it. */
const PAUSE_MS = 35_000;
const HEARTBEAT_MS = defaults.heartbeatSeconds * 1000;

describe('browser quit and relaunched', () => {
  const start = scenarioPerTest();

  it('does not count the pause and counts nothing twice', async () => {
    const s = await start();
    await s.open('news', 'news.example.test', '/today');
    await s.dwellFor(2_500);
    await s.open('video', 'video.site.test', '/watch');
    await s.dwellFor(2_000);
    await s.goto('video', 'video.site.test', '/next');
    await s.dwellFor(1_000);
    await s.closeBrowser();

    await s.dwellFor(PAUSE_MS);

    await s.relaunch();
    // A command resolves only once the worker's start-up (which ensures the alarms) is done.
    await s.dwell.diagnostics();
    const alarms = await s.dwell.alarms();
    expect(alarms.map((a) => a.name), 'heartbeat alarm after relaunch').toContain(HEARTBEAT);
    await s.open('news', 'news.example.test', '/today');
    await s.dwellFor(2_500);
    await s.finish();
    const result = await expectMatchesLedger(s, 'browser relaunched after a pause', { tolerance: () => HEARTBEAT_MS });
    // Whether the quit closed the visit through tab/window removal events or through the boot
    // recovery depends on what Chrome delivered while shutting down; both are right.
    const diag = await s.dwell.diagnostics();
    console.log(`[e2e] relaunch counters: ${JSON.stringify(diag.counters)}`);
    expect(result.pending).toBe(0);
  });
});
