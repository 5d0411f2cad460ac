// Issue #9: the machine sleeps with no lock signal. Every browser process is stopped (SIGSTOP)
// for longer than the gap threshold and then continued, as a laptop lid closed on a machine that
// sends no lock event would do: no alarm, event or write happens meanwhile, the wall clock moves
// on, and the missed heartbeat fires at resume. Today's bound (docs/COUNTING.md §7): the sleep is
// never counted, the loss is at most the time since the last evidence before it (≤ one heartbeat
// period), and the visit resumes after.
import { describe, expect, it } from 'vitest';
import { scenarioPerTest } from './harness/per-test.ts';
import { expectMatchesLedger } from './harness/verdict.ts';
import { defaults, gapMsFor } from '../../src/settings/defaults.ts';

const HEARTBEAT_MS = defaults.heartbeatSeconds * 1000;
/** Longer than the gap threshold (75 s at the default heartbeat), or it would be no sleep at all. */
const SLEEP_MS = gapMsFor(defaults) + 5_000;
/**
 * Longer than one heartbeat period, so evidence falls inside the reading before the sleep. With
 * only the page load as evidence (a 4 s read, as this test once had), the bound lets the whole
 * visit before the sleep be lost — one CI run did exactly that and counted one visit, not two.
 */
const BEFORE_MS = HEARTBEAT_MS + 7_000;
const AFTER_MS = 6_000;

describe('machine sleep without a lock signal', () => {
  const start = scenarioPerTest();

  it('reading 37 s, asleep 80 s, reading 6 s: the sleep is not counted and the visit resumes', async () => {
    const s = await start();
    await s.open('news', 'news.example.test', '/today');
    await s.dwellFor(BEFORE_MS);
    await s.sleepMachine(SLEEP_MS);
    await s.dwellFor(AFTER_MS);
    await s.finish();

    // One heartbeat period is the documented worst case for the loss before the sleep.
    const result = await expectMatchesLedger(s, 'machine slept 80 s with no lock signal', { tolerance: () => HEARTBEAT_MS });
    const site = result.sites.find((x) => x.domain === 'example.test');
    expect(site, 'the site read before and after the sleep').toBeDefined();
    // The loss is the time since the last evidence, a heartbeat at most HEARTBEAT_MS before the
    // sleep. So the reading before the sleep counts all but that, the reading after counts
    // whole, and nothing of the sleep does.
    expect(site!.ms, 'the reading around the sleep counts').toBeGreaterThanOrEqual(BEFORE_MS - HEARTBEAT_MS + AFTER_MS - 1_000);
    expect(site!.ms, 'not a second of the sleep counts').toBeLessThanOrEqual(BEFORE_MS + AFTER_MS + 1_000);
    // The gap closed the visit before the sleep at its last evidence, and a new one began at the
    // first event after it: two visits, not one stretched over the sleep.
    expect(site!.visits, 'a visit before the sleep and one after').toBe(2);
    const diag = await s.dwell.diagnostics();
    console.log(`[e2e] sleep counters: ${JSON.stringify(diag.counters)}`);
  });
});
