// Issue #10: the popup's favicons come from a page Chrome actually loaded. _favicon answers a
// default icon for any page it knows nothing of, so a broken icon looks like "no icon" — the test
// compares bytes: the popup's icon for a site read on www. must not be the default, and asking
// for the registrable domain's own URL (never visited) gives exactly the default, which is why
// Dwell asks with the visited origin.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { scenarioPerTest } from './harness/per-test.ts';
import { openPopupBeside } from './harness/ui-pages.ts';
import { sleep } from './harness/timeout.ts';

/** The bytes _favicon answers for `src` (an extension URL), base64, fetched inside the page. */
function iconBytes(page: Page, src: string): Promise<string> {
  return page.evaluate(async (u: string) => {
    const buf = new Uint8Array(await (await fetch(u)).arrayBuffer());
    let s = '';
    for (const b of buf) s += String.fromCharCode(b);
    return btoa(s);
  }, src);
}

describe('favicons in the popup', () => {
  const start = scenarioPerTest();

  it('a site read on www. with its own icon: the popup shows that icon, not the default', async () => {
    const s = await start();
    await s.open('news', 'www.icons.test', '/iconic/today');
    await s.dwellFor(2_000);
    const popup = await openPopupBeside(s);
    const id = s.browser.extensionId;
    const defaultIcon = await iconBytes(popup.page, `chrome-extension://${id}/_favicon/?pageUrl=${encodeURIComponent('http://never-visited.test/')}&size=16`);
    const row = popup.page.locator('li[data-domain="icons.test"] [data-testid="site-favicon"]').first();
    // Chrome stores the icon a moment after the load: ask again until it has it (or 10 s pass).
    let shown = '';
    for (let i = 0; i < 20; i++) {
      await popup.reload();
      shown = await iconBytes(popup.page, (await row.getAttribute('src')) ?? '');
      if (shown !== defaultIcon) break;
      await sleep(500);
    }
    const src = new URL((await row.getAttribute('src')) ?? 'x:');
    expect(src.searchParams.get('pageUrl'), 'asked for the page that was loaded').toBe(s.url('www.icons.test', '/iconic/today'));
    expect(shown, 'the site\'s own icon, not _favicon\'s default').not.toBe(defaultIcon);
    const registrable = await iconBytes(popup.page, `chrome-extension://${id}/_favicon/?pageUrl=${encodeURIComponent(`http://icons.test:${s.server.port}/`)}&size=16`);
    expect(registrable, 'the registrable domain, never loaded, gets the default').toBe(defaultIcon);
    expect(popup.problems).toEqual([]);
  });
});
