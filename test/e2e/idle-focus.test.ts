// Scenario 6: idle, locked and "browser lost focus", fired through the worker's real listeners
// (headless Chromium cannot produce them). Idle is back-dated by the detection interval (15 s
// here), exactly as the ledger does; lock and focus loss stop time at the instant; time resumes
// at once when the user is back. The worker is not stopped here: a restart would re-query the
// real idle state (always "active" headless) and end the faked idle.
import { describe, expect, it } from 'vitest';
import { scenarioPerTest } from './harness/per-test.ts';
import { expectMatchesLedger } from './harness/verdict.ts';

const IDLE_SECONDS = 15;

describe('idle, lock and focus', () => {
  const start = scenarioPerTest();

  it('stops time while idle (back-dated), locked or unfocused, and resumes exactly', async () => {
    const s = await start({ settings: { idleSeconds: IDLE_SECONDS } });
    await s.open('docs', 'docs.example.test', '/guide');
    // Longer than the interval: idle must take back exactly the last 15 s, not all of it.
    await s.dwellFor(IDLE_SECONDS * 1000 + 2_000);
    await s.idle('idle', IDLE_SECONDS);
    await s.dwellFor(2_000);
    await s.idle('active', IDLE_SECONDS);
    await s.dwellFor(2_000);
    await s.windowFocus(false);
    await s.dwellFor(2_000);
    await s.windowFocus(true);
    await s.dwellFor(2_000);
    await s.idle('locked', IDLE_SECONDS);
    await s.dwellFor(2_000);
    await s.idle('active', IDLE_SECONDS);
    await s.dwellFor(2_000);
    await s.finish();
    expect(s.stops).toEqual([]);
    await expectMatchesLedger(s, 'idle, locked and lost focus');
  });
});
