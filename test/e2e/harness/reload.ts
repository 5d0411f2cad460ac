// Reloading Dwell in place, as an update or a developer's reload does: same id, a new worker, the
// tabs stay, storage.session emptied (docs/e2e.md). Needs a browser launched with
// --enable-unsafe-extension-debugging, for the browser-level CDP command Extensions.loadUnpacked.
import { expect } from 'vitest';
import { ExtensionWorker } from './worker.ts';
import { DwellClient } from './dwell.ts';
import type { Scenario } from './scenario.ts';
import { withTimeout } from './timeout.ts';

export const RELOAD_ARGS = ['--enable-unsafe-extension-debugging'];

/** Chrome reloads the unpacked extension at `dir` in place; the test then talks to the new
 *  worker, attached afresh as at launch (a new ServiceWorker domain session: the old one's
 *  running status is stale). */
export async function reloadExtension(s: Scenario, dir: string): Promise<void> {
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
