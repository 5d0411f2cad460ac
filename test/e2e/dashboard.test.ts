// The dashboard in real Chromium with the built extension, on an imported history of 1,002 sites:
// the overview's total is the query's, the all-sites table keeps ≤ 100 rows in the DOM and still
// reaches the last site, search finds a page by its title (and shows markup as text), site detail
// lists the pages and deletes the site, the calendar opens a day; time read a moment ago is in
// this local hour's cell of the heatmap and bar of the day, tables included. Writes
// docs/screenshots/dashboard.png and dashboard-dark.png.
import { describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { ExportFile, Range } from '../../src/core/api.ts';
import { addDays } from '../../src/core/days.ts';
import { formatDuration } from '../../src/ui/format.ts';
import { localDay, weekdayOf } from '../../src/ui/range.ts';
import { sleep } from './harness/timeout.ts';
import { scenarioPerTest } from './harness/per-test.ts';
import type { Scenario } from './harness/scenario.ts';
import { openUiTab } from './harness/ui-pages.ts';
import { screenshotPath } from './harness/screenshots.ts';

const SITES = 1_000;
const HOSTILE = '<img src=x onerror="document.title=\'pwned\'"> (.*) prizes';

function history(today: string): ExportFile {
  const days = [0, 1, 2, 3, 4, 5, 6].map((back) => ({ date: addDays(today, -back), sites: [] as ExportFile['days'][number]['sites'] }));
  for (let i = 0; i < SITES; i++) {
    const domain = `site${String(i).padStart(4, '0')}.test`;
    const ms = (SITES - i) * 1_000; // all different: site0000 is the largest, site0999 the smallest
    days[i % 7]!.sites.push({ domain, ms, visits: 1, pages: [{ url: `https://${domain}/page`, title: `Page number ${i}`, ms }] });
  }
  days[0]!.sites.push(
    { domain: 'github.com', ms: 3_000_000, visits: 4, pages: [
      { url: 'https://github.com/dwell-app/dwell/pulls', title: 'Pull requests · dwell-app/dwell', ms: 2_000_000 },
      { url: 'https://github.com/dwell-app/dwell/issues/10', title: 'Dashboard · Issue #10', ms: 1_000_000 },
    ] },
    { domain: 'evil.test', ms: 60_000, visits: 1, pages: [{ url: 'https://evil.test/win', title: HOSTILE, ms: 60_000 }] },
  );
  return { format: 'dwell-export', version: 1, exportedAt: new Date().toISOString(), days };
}

async function openDashboard(s: Scenario, hash: string): Promise<{ page: Page; problems: string[] }> {
  const page = await s.browser.ctx.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || (m.type() === 'warning' && m.text().startsWith('Dwell'))) problems.push(`console.${m.type()}: ${m.text()}`);
  });
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.goto(`chrome-extension://${s.browser.extensionId}/src/dashboard/dashboard.html${hash}`, { waitUntil: 'domcontentloaded' });
  return { page, problems };
}

/** Navigates inside the page and waits until the view has drawn its data. */
async function go(page: Page, hash: string, view: string): Promise<void> {
  await page.evaluate((h) => { location.hash = h; }, hash);
  await page.waitForSelector(`body[data-ready="${view}"]`, { state: 'attached', timeout: 15_000 });
}

describe('dashboard', () => {
  const start = scenarioPerTest();

  it('shows the query total, every site through a windowed table, search, site detail and the calendar', async () => {
    const s = await start();
    await s.dwell.handle({ type: 'setPaused', paused: true }); // nothing may grow while numbers are compared
    const today = localDay(Date.now());
    await s.dwell.handle({ type: 'import', data: history(today), mode: 'merge' });
    const week: Range = { from: addDays(today, -6), to: today };
    const q = await s.dwell.handle({ type: 'query', range: week });
    expect(q.sites).toHaveLength(SITES + 2);

    const options = await openUiTab(s, 'options');
    expect(await options.page.getByTestId('open-dashboard').getAttribute('href')).toBe(`chrome-extension://${s.browser.extensionId}/src/dashboard/dashboard.html#overview`);

    const { page, problems } = await openDashboard(s, '#overview?r=7d');
    await page.waitForSelector('body[data-ready="overview"]', { state: 'attached', timeout: 15_000 });
    const locale = await page.evaluate(() => document.documentElement.lang);
    const total = page.getByTestId('overview-total');
    expect(Number(await total.getAttribute('data-ms')), 'the overview total is the query total').toBe(q.totalMs);
    expect(await total.textContent()).toBe(formatDuration(q.totalMs, locale));
    expect(await page.getByTestId('overview-chart-bar').count(), 'a bar per day of the week').toBe(7);
    expect(await page.getByTestId('top-sites-row').first().getAttribute('data-domain')).toBe('github.com');
    await page.screenshot({ path: screenshotPath('dashboard.png'), fullPage: true });
    expect(statSync(screenshotPath('dashboard.png')).size).toBeGreaterThan(5_000);
    const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'dark mode applies').not.toBe(light);
    await page.screenshot({ path: screenshotPath('dashboard-dark.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });

    // Every site reachable, never more than 100 rows in the DOM.
    await go(page, '#sites?r=7d', 'sites');
    const rows = page.getByTestId('sites-row');
    expect(await page.getByTestId('sites-table').getAttribute('data-count')).toBe(String(SITES + 2));
    expect(await rows.count()).toBeGreaterThan(10);
    expect(await rows.count()).toBeLessThanOrEqual(100);
    await page.getByTestId('sites-scroll').evaluate((el) => { el.scrollTop = el.scrollHeight; });
    await page.locator(`[data-testid="sites-row"][data-index="${SITES + 1}"]`).waitFor({ timeout: 5_000 });
    expect(await rows.count(), 'still ≤ 100 rows at the bottom').toBeLessThanOrEqual(100);
    expect(await rows.last().getAttribute('data-domain'), 'the smallest site is the last row').toBe('site0999.test');
    await page.getByTestId('sort-name').click();
    await page.waitForSelector('body[data-ready="sites"]', { state: 'attached' });
    await expect.poll(() => rows.first().getAttribute('data-domain')).toBe('evil.test');

    // Search as you type, plain text.
    await go(page, '#search?r=7d', 'search');
    await page.getByTestId('search-input').fill('pull REQUESTS');
    const hit = page.locator('[data-testid="search-result"][data-kind="page"]');
    await expect.poll(() => hit.first().getAttribute('data-url')).toBe('https://github.com/dwell-app/dwell/pulls');
    await page.getByTestId('search-input').fill('(.*)');
    await expect.poll(() => hit.first().getAttribute('data-url')).toBe('https://evil.test/win');
    expect(await hit.count(), '".*" is two characters, not a pattern').toBe(1);
    expect(await hit.first().getByTestId('search-title').textContent()).toBe(HOSTILE);
    expect(await page.locator('[data-testid="search-results"] img').count(), 'markup in a title stays text').toBe(0);

    // Site detail: pages with links, then delete the site.
    await go(page, '#site?r=7d&d=github.com', 'site');
    expect(await page.getByTestId('site-time').textContent()).toBe(formatDuration(3_000_000, locale));
    expect(await page.getByTestId('site-visits').textContent()).toBe('4');
    expect(await page.getByTestId('site-page-title').allTextContents()).toEqual(['Pull requests · dwell-app/dwell', 'Dashboard · Issue #10']);
    const link = page.getByTestId('site-page-title').first().locator('a');
    expect(await link.getAttribute('href')).toBe('https://github.com/dwell-app/dwell/pulls');
    expect(await link.getAttribute('rel')).toContain('noopener');
    await page.getByTestId('site-delete').click();
    await page.getByTestId('confirm-ok').click();
    await page.waitForSelector('body[data-ready="site"]', { state: 'attached' });
    await expect.poll(() => page.getByTestId('site-time').textContent()).toBe(formatDuration(0, locale));
    expect((await s.dwell.handle({ type: 'query', range: week })).sites.some((x) => x.domain === 'github.com'), 'deleted').toBe(false);

    // The calendar opens a day.
    await go(page, '#calendar', 'calendar');
    expect(await page.getByTestId('calendar-day').count()).toBeGreaterThanOrEqual(365);
    await page.locator(`[data-testid="calendar-day"][data-day="${today}"]`).click();
    await page.waitForSelector('body[data-ready="day"]', { state: 'attached', timeout: 15_000 });
    const day = await s.dwell.handle({ type: 'query', range: { from: today, to: today } });
    expect(await page.getByTestId('day-total').textContent()).toBe(formatDuration(day.totalMs, locale));
    expect(await page.getByTestId('day-sites-row').count()).toBe(day.sites.length);

    expect(await page.title(), 'no script ran from a title').not.toBe('pwned');
    expect([...problems, ...options.problems]).toEqual([]);
  });

  it('a category made in the editor, a site assigned from its row, both in the overview', async () => {
    const s = await start();
    await s.dwell.handle({ type: 'setPaused', paused: true });
    const today = localDay(Date.now());
    const site = (domain: string, ms: number) => ({ domain, ms, visits: 1, pages: [] });
    const file: ExportFile = { format: 'dwell-export', version: 1, exportedAt: new Date().toISOString(), days: [
      { date: addDays(today, -1), sites: [site('github.com', 600_000), site('news.test', 300_000)] },
      { date: today, sites: [site('github.com', 120_000), site('gitlab.com', 240_000)] },
    ] };
    await s.dwell.handle({ type: 'import', data: file, mode: 'merge' });
    const { page, problems } = await openDashboard(s, '#categories');
    await page.waitForSelector('body[data-ready="categories"]', { state: 'attached', timeout: 15_000 });

    const name = `<img src=x onerror="document.title='pwned'"> Work`;
    await page.getByTestId('category-new-name').fill(name);
    await page.getByTestId('category-add').click();
    const rule = page.getByTestId('category-rule-input');
    await rule.waitFor();
    await rule.fill('GitHub.com not_a_domain! *.bücher.test');
    await page.getByTestId('category-rule-add').click();
    const rules = page.getByTestId('category-rule');
    await expect.poll(() => rules.evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')))).toEqual(['github.com', '*.xn--bcher-kva.test']);
    expect(await rules.allTextContents(), 'stored as punycode, shown in Unicode').toEqual(['github.com×', '*.bücher.test×']);
    expect(await page.getByTestId('categories-status').textContent()).not.toBe('');
    expect(await page.getByTestId('category-rule-problem').textContent(), 'the refused entry is named').toContain('not_a_domain!');
    expect(await page.getByTestId('category-name').inputValue()).toBe(name);

    const id = (await page.getByTestId('category').getAttribute('data-id')) ?? '';

    await go(page, '#sites?r=7d', 'sites');
    const select = page.locator('[data-testid="sites-category"][data-domain="gitlab.com"]');
    await select.selectOption(id);
    await expect.poll(() => page.getByTestId('sites-status').textContent()).toContain('gitlab.com');

    await go(page, '#overview?r=7d', 'overview');
    const work = page.locator(`[data-testid="overview-categories-row"][data-category="${id}"]`);
    expect(Number(await work.getAttribute('data-ms')), 'github.com and gitlab.com').toBe(960_000);
    expect(await work.textContent()).toContain(name);
    const segments = await page.getByTestId('overview-stack-segment').evaluateAll((els) => els.map((e) => [e.getAttribute('data-category'), Number(e.getAttribute('data-ms'))]));
    expect(segments, 'yesterday: Work and Uncategorised; today: Work only').toEqual([[id, 600_000], ['', 300_000], [id, 360_000]]);
    expect(await page.locator('.dash-view img').count(), 'a name with markup stays text').toBe(0);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: screenshotPath('dashboard-categories-dark.png'), fullPage: true });
    expect(await page.title()).not.toBe('pwned');
    expect(problems).toEqual([]);
  });

  it('time read a moment ago is in this local hour: its heatmap cell, its bar of the day and of the site, and the tables', async () => {
    // Not across an hour boundary: the reading would then split between two hours.
    const now = new Date();
    const toNextHour = ((59 - now.getMinutes()) * 60 + (60 - now.getSeconds())) * 1000;
    if (toNextHour < 10_000) await sleep(toNextHour + 1_000);
    const s = await start();
    await s.open('news', 'news.example.test', '/today');
    await s.dwellFor(2_500);
    await s.stopLooking(); // a blank tab in front: nothing grows while numbers are compared
    const { page, problems } = await openDashboard(s, '#hours?r=today');
    await page.waitForSelector('body[data-ready="hours"]', { state: 'attached', timeout: 15_000 });
    const { hour, today, locale } = await page.evaluate(() => {
      const d = new Date(Date.now());
      const p = (n: number) => String(n).padStart(2, '0');
      return { hour: d.getHours(), today: `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`, locale: document.documentElement.lang };
    });
    const q = await s.dwell.handle({ type: 'query', range: { from: today, to: today } });
    const slots = q.daily[0]?.hours ?? [];
    const ms = slots[hour] ?? 0;
    expect(ms, 'the worker counted the reading in this hour').toBeGreaterThanOrEqual(2_000);
    expect(slots.reduce((a, x) => a + x, 0), 'and all of today in it: a fresh profile').toBe(q.totalMs);

    const cell = page.locator(`[data-testid="heat-cell"][data-weekday="${weekdayOf(today)}"][data-hour="${hour}"]`);
    expect(Number(await cell.getAttribute('data-ms')), 'the heatmap cell of today\'s weekday and this hour').toBe(ms);
    expect(await cell.getAttribute('data-level')).toBe('4');
    const cells = await page.getByTestId('heat-cell').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-ms'))));
    expect(cells.reduce((a, x) => a + x, 0), 'no other cell has time').toBe(ms);
    const row = page.locator(`[data-testid="heat-row"][data-hour="${hour}"]`);
    expect(await row.locator(`td[data-weekday="${weekdayOf(today)}"]`).textContent(), 'the table says the same').toBe(formatDuration(ms, locale));
    expect(await row.locator('td[data-total]').textContent()).toBe(formatDuration(ms, locale));
    expect(await page.getByTestId('heat-unhoured').count(), 'every ms has its hour').toBe(0);

    await go(page, `#day?d=${today}`, 'day');
    const bar = page.locator(`[data-testid="day-hours-bar"][data-hour="${hour}"]`);
    expect(Number(await bar.getAttribute('data-ms')), 'the day\'s bar of this hour').toBe(ms);
    expect(await page.locator(`[data-testid="day-hours-row"][data-hour="${hour}"] td`).textContent()).toBe(formatDuration(ms, locale));

    const site = q.sites[0]!;
    await go(page, `#site?r=today&d=${site.domain}`, 'site');
    expect(Number(await page.locator(`[data-testid="site-hours-bar"][data-hour="${hour}"]`).getAttribute('data-ms')), 'the site\'s bar of this hour').toBe(site.hours?.[hour]);
    expect(problems).toEqual([]);
  });
});
