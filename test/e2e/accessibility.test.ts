// Every page Dwell shows, audited by axe-core (@axe-core/playwright) in real Chromium, light and
// dark, with data in it: the popup, the options page (limits listed), each dashboard view (a
// category defined; the hours heatmap with time in this hour and imported time without one; the
// tables folded under the charts opened) and the block page of a site over its limit. The rules
// are WCAG 2.1 A and AA (contrast, names of controls, landmarks, list and table structure, ARIA
// use). A violation fails the test with the rule, its impact and the elements, so the fix is
// findable.
import AxeBuilder from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ExportFile } from '../../src/core/api.ts';
import { addDays } from '../../src/core/days.ts';
import { localDay } from '../../src/ui/range.ts';
import { scenarioPerTest } from './harness/per-test.ts';
import type { Scenario } from './harness/scenario.ts';
import { extensionUrl } from './harness/ui-pages.ts';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** A week of three sites with pages, one of them with a long title and markup in it. */
function week(today: string): ExportFile {
  const days = [0, 1, 2, 3, 4, 5, 6].map((back) => ({
    date: addDays(today, -back),
    sites: [
      { domain: 'github.com', ms: 3_600_000 - back * 60_000, visits: 4, pages: [{ url: 'https://github.com/dwell-app/dwell/pulls', title: 'Pull requests · dwell-app/dwell', ms: 3_600_000 - back * 60_000 }] },
      { domain: 'news.test', ms: 900_000, visits: 2, pages: [{ url: 'https://news.test/today', title: '<b>Breaking</b> a very long headline that goes on and on so that it has to be cut somewhere', ms: 900_000 }] },
      { domain: 'xn--bcher-kva.test', ms: 120_000, visits: 1, pages: [] },
    ],
  }));
  return { format: 'dwell-export', version: 1, exportedAt: new Date().toISOString(), days };
}

async function audit(page: Page, what: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return result.violations.map(
    (v) => `${what}: ${v.id} (${v.impact ?? 'n/a'}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}${v.nodes.length > 3 ? ` (+${v.nodes.length - 3} more)` : ''}`,
  );
}

async function openAt(s: Scenario, url: string, ready: string, size: { width: number; height: number }): Promise<Page> {
  const page = await s.browser.ctx.newPage();
  await page.setViewportSize(size);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector(ready, { state: 'attached', timeout: 15_000 });
  return page;
}

const dashboardViews = (today: string): ReadonlyArray<readonly [string, string]> => [
  ['overview', '#overview?r=7d'],
  ['sites', '#sites?r=7d'],
  ['search', '#search?r=7d'],
  ['site', '#site?r=7d&d=github.com'],
  ['hours', '#hours?r=7d'],
  ['calendar', '#calendar'],
  ['day', `#day?d=${today}`],
  ['categories', '#categories'],
];

describe('accessibility (axe-core, WCAG 2.1 A/AA)', () => {
  const start = scenarioPerTest();

  it('popup, options and every dashboard view, light and dark: no violations', async () => {
    const s = await start();
    await s.open('news', 'news.example.test', '/today');
    await s.dwellFor(1_500);
    const today = localDay(Date.now());
    await s.dwell.handle({ type: 'import', data: week(today), mode: 'merge' });
    await s.dwell.setSettings({
      categories: [{ id: 'work', name: 'Work <b>now</b>', colour: '#2b6cb0', rules: ['github.com', '*.news.test'] }],
      siteLimits: [{ site: 'github.com', minutes: 30 }, { site: 'news.test', minutes: 90, weekdays: [1, 2, 3, 4, 5] }],
      // The options page lists category limits (one of a deleted category) and the focus choices.
      categoryLimits: [{ category: 'work', minutes: 120 }, { category: 'gone', minutes: 10, weekdays: [0, 6] }],
      focusSites: ['focus-only.test', 'video.test'],
      focusCategories: ['work'],
      focusCycles: 4,
    });
    await s.stopLooking();
    const violations: string[] = [];
    for (const scheme of ['light', 'dark'] as const) {
      const popup = await openAt(s, extensionUrl(s, 'popup'), 'body[data-source]', { width: 360, height: 600 });
      await popup.emulateMedia({ colorScheme: scheme });
      violations.push(...(await audit(popup, `popup (${scheme})`)));
      // #advanced opens the folded-away section, so the audit covers every field and diagnostics too.
      const options = await openAt(s, `${extensionUrl(s, 'options')}#advanced`, 'body[data-ready="true"]', { width: 1000, height: 900 });
      await options.waitForSelector('details#advanced[open]', { state: 'attached' });
      await options.emulateMedia({ colorScheme: scheme });
      violations.push(...(await audit(options, `options (${scheme})`)));
      const dashboardUrl = `chrome-extension://${s.browser.extensionId}/src/dashboard/dashboard.html`;
      for (const [view, hash] of dashboardViews(today)) {
        const page = await openAt(s, `${dashboardUrl}${hash}`, `body[data-ready="${view}"]`, { width: 1100, height: 900 });
        await page.locator('.dash-view details').evaluateAll((all) => all.forEach((d) => { (d as HTMLDetailsElement).open = true; }));
        await page.emulateMedia({ colorScheme: scheme });
        violations.push(...(await audit(page, `dashboard ${view} (${scheme})`)));
        await page.close();
      }
      const block = await s.browser.ctx.newPage();
      await block.goto(`chrome-extension://${s.browser.extensionId}/src/block/block.html?site=github.com&back=${encodeURIComponent('https://github.com/dwell-app/dwell/pulls')}`, { waitUntil: 'domcontentloaded' });
      await block.waitForFunction(() => !!document.getElementById('block-used')?.textContent, undefined, { timeout: 15_000 });
      await block.emulateMedia({ colorScheme: scheme });
      violations.push(...(await audit(block, `block page (${scheme})`)));
      await block.close();
      await popup.close();
      await options.close();
    }
    // A focus session running: the popup's countdown and cycle, and the block page of a site it blocks.
    await s.dwell.handle({ type: 'focusStart', minutes: 25 });
    for (const scheme of ['light', 'dark'] as const) {
      const popup = await openAt(s, extensionUrl(s, 'popup'), 'body[data-source]', { width: 360, height: 600 });
      await popup.waitForSelector('[data-testid="focus-status"]', { state: 'visible', timeout: 5_000 });
      await popup.emulateMedia({ colorScheme: scheme });
      violations.push(...(await audit(popup, `popup, focus session running (${scheme})`)));
      await popup.close();
      const block = await s.browser.ctx.newPage();
      await block.goto(`chrome-extension://${s.browser.extensionId}/src/block/block.html?site=focus-only.test&back=${encodeURIComponent('https://focus-only.test/')}`, { waitUntil: 'domcontentloaded' });
      await block.waitForSelector('[data-testid="block-focus"]', { state: 'visible', timeout: 15_000 });
      await block.emulateMedia({ colorScheme: scheme });
      violations.push(...(await audit(block, `block page, focus session (${scheme})`)));
      await block.close();
    }
    console.log(`[e2e] axe: ${violations.length} violations${violations.length ? `\n  ${violations.join('\n  ')}` : ''}`);
    expect(violations).toEqual([]);
  });
});
