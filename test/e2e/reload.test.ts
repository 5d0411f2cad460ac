// An extension reload (or update) while a page is read is not a browser restart
// (docs/COUNTING.md §8): Chrome reloads Dwell in place — same id, a new worker, the tabs stay,
// storage.session emptied — so the new worker logs a `boot`. The open visit must go on: one visit,
// the time since the last evidence not lost (it was, up to a heartbeat period, before the rule).
import { describe, expect, it } from 'vitest';
import { scenarioPerTest } from './harness/per-test.ts';
import { expectMatchesLedger } from './harness/verdict.ts';
import { distDir } from './harness/launch.ts';
import { RELOAD_ARGS, reloadExtension } from './harness/reload.ts';

/** Longer than the 1 s tolerance, shorter than the 30 s heartbeat: the last evidence before the
 *  reload is the page load, this long ago. */
const READ_BEFORE_MS = 6_000;
const READ_AFTER_MS = 4_000;

describe('extension reloaded in place while a page is read', () => {
  const start = scenarioPerTest();

  it('continues the visit: one visit, within 1 s of the truth, no recovery', async () => {
    const dir = distDir();
    const s = await start({ extensionDir: dir, extraArgs: RELOAD_ARGS });
    await s.open('news', 'news.example.test', '/today');
    await s.dwellFor(READ_BEFORE_MS);
    await reloadExtension(s, dir);
    await s.dwellFor(READ_AFTER_MS);
    await s.finish();
    const diag = await s.dwell.diagnostics();
    console.log(`[e2e] reload counters: ${JSON.stringify(diag.counters)}`);
    await expectMatchesLedger(s, 'extension reloaded in place'); // ±1 s, visits equal (one)
    expect(diag.counters.recoveries, 'a reload is no recovery').toBe(0);
  });
});
