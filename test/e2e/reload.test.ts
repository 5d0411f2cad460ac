// An extension reload (or update) while a page is read is not a browser restart
// (docs/COUNTING.md §8): Chrome reloads Dwell in place — same id, a new worker, the tabs stay,
// storage.session emptied — so the new worker logs a `boot`. The open visit must go on: one visit,
// the time since the last evidence not lost (it was, up to a heartbeat period, before the rule).
import { describe, expect, it } from 'vitest';
import { scenarioPerTest } from './harness/per-test.ts';
import { expectMatchesLedger } from './harness/verdict.ts';
import { distDir } from './harness/launch.ts';
import { ExtensionWorker } from './harness/worker.ts';
import { DwellClient } from './harness/dwell.ts';
import type { Scenario } from './harness/scenario.ts';
import { withTimeout } from './harness/timeout.ts';

/** Longer than the 1 s tolerance, shorter than the 30 s heartbeat: the last evidence before the
 *  reload is the page load, this long ago. */
const READ_BEFORE_MS = 6_000;
const READ_AFTER_MS = 4_000;

/** Chrome reloads the unpacked extension in place (browser-level CDP, which needs
 *  --enable-unsafe-extension-debugging); the test then talks to the new worker, attached afresh as
 *  at launch (a new ServiceWorker domain session: the old one's running status is stale). */
async function reloadExtension(s: Scenario, dir: string): Promise<void> {
  const browser = s.browser.ctx.browser();
  if (!browser) throw new Error('no Browser for this context: cannot open a browser CDP session');
  const cdp = await browser.newBrowserCDPSession();
  // The Extensions domain is missing from Playwright's protocol types.
  const send = cdp.send.bind(cdp) as unknown as (method: string, params: object) => Promise<{ id: string }>;
  const { id } = await withTimeout(send('Extensions.loadUnpacked', { path: dir }), 15_000, 'CDP Extensions.loadUnpacked');
  await cdp.detach();
  expect(id, 'reloaded in place: the same extension id').toBe(s.browser.extensionId);
  s.browser.worker.detach();
  const worker = await ExtensionWorker.attach(s.browser.ctx, id);
  await worker.ready();
  s.browser.worker = worker;
  s.dwell = new DwellClient(worker);
}

describe('extension reloaded in place while a page is read', () => {
  const start = scenarioPerTest();

  it('continues the visit: one visit, within 1 s of the truth, no recovery', async () => {
    const dir = distDir();
    const s = await start({ extensionDir: dir, extraArgs: ['--enable-unsafe-extension-debugging'] });
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
