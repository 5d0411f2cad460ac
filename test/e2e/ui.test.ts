// What the popup and the options page show, in real Chromium with the built extension: numbers
// that agree with a stopwatch, an export that comes back identical, flags that take effect, hostile
// titles shown as text, pages that keep working through an aggregation run and a stopped worker,
// and screenshots of both pages (docs/screenshots/, rewritten every run).
import { describe, expect, it } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import type { ExportFile, QueryResult } from '../../src/core/api.ts';
import { addDays } from '../../src/core/days.ts';
import { formatDuration } from '../../src/ui/format.ts';
import { scenarioPerTest } from './harness/per-test.ts';
import type { Scenario } from './harness/scenario.ts';
import { startAggregation, waitForBacklog, waitForRunInProgress } from './harness/aggregation.ts';
import { waitFor } from './harness/timeout.ts';
import { expandSite, expectShown, openAdvanced, openPopupBeside, openUiTab, logStateSeenBy, readPopup, type PopupReading, type UiPage } from './harness/ui-pages.ts';
import type { LedgerTotals } from './harness/ledger.ts';
import { screenshotPath } from './harness/screenshots.ts';


/** Every number the popup shows for today agrees with the (ended) ledger. */
function expectPopupMatchesLedger(shown: PopupReading, truth: LedgerTotals, when: string): void {
  expect(shown.source, `${when}: the popup read IndexedDB itself`).toBe('direct');
  expect(shown.error, `${when}: no error line`).toBeNull();
  expectShown(shown.today, truth.totalMs, `${when}: today's total`);
  expect(shown.sites.map((r) => r.domain).sort(), `${when}: one row per site in front`).toEqual([...truth.domains.keys()].sort());
  for (const row of shown.sites) expectShown(row.time, truth.domains.get(row.domain)?.ms ?? 0, `${when}: ${row.domain}`);
}

/** What an export carries, from a query: page visit counts are not part of the format. */
function exportable(r: QueryResult) {
  return {
    totalMs: r.totalMs,
    daily: r.daily,
    sites: r.sites.map((s) => ({
      domain: s.domain,
      ms: s.ms,
      visits: s.visits,
      pages: (s.pages ?? []).map((p) => ({ url: p.url, title: p.title, ms: p.ms })).sort((a, b) => a.url.localeCompare(b.url)),
    })),
  };
}

/** Waits until chrome.storage.local 'settings' (read in the worker) holds `key: value`. */
async function waitForStoredSetting(s: Scenario, key: string, value: unknown): Promise<void> {
  const stored = (): Promise<unknown> =>
    s.browser.worker.evaluate(
      async (k: string) => ((await chrome.storage.local.get('settings')).settings as Record<string, unknown> | undefined)?.[k],
      key,
      'read chrome.storage.local settings',
    );
  await waitFor(async () => ((await stored()) === value ? true : undefined), 10_000, `settings.${key} = ${JSON.stringify(value)} in storage`);
}

/** Where the popup's site rows put their columns, and what they show. */
async function readRowLayout(ui: UiPage) {
  return ui.page.evaluate(() => {
    const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="site-row"]')];
    const x = (li: HTMLElement, id: string): number => Math.round(li.querySelector(`[data-testid="${id}"]`)!.getBoundingClientRect().left);
    const fill = rows[0]?.querySelector('.bar-fill')?.getBoundingClientRect().width ?? 0;
    const track = rows[0]?.querySelector('.bar')?.getBoundingClientRect().width ?? 1;
    return {
      labels: Object.fromEntries(rows.map((li) => [li.dataset.domain ?? '', li.querySelector('[data-testid="site-domain"]')?.textContent ?? ''])),
      timeX: rows.map((li) => x(li, 'site-time')),
      shareX: rows.map((li) => x(li, 'site-share')),
      barOfTop: fill / track,
      iconPages: Object.fromEntries(
        rows.map((li) => [li.dataset.domain ?? '', new URL(li.querySelector<HTMLImageElement>('[data-testid="site-favicon"]')?.src ?? 'x:').searchParams.get('pageUrl')]),
      ),
      liveRegions: [...document.querySelectorAll('output, [aria-live], [role="status"], [role="log"], [role="timer"]')].map((e) => `${e.tagName}#${e.id}`),
    };
  });
}

describe('popup and options pages', () => {
  const start = scenarioPerTest();

  it("shows today's total and each site's time as the stopwatch has them, before and after aggregation", async () => {
    const s = await start({ sameDayMs: 90_000 });
    await s.open('news', 'news.example.test', '/today');
    await s.dwellFor(2_500);
    await s.open('video', 'video.site.test', '/watch');
    await s.dwellFor(3_000);
    await s.switchTo('news');
    await s.dwellFor(1_500);
    // The user stops looking at both sites; opening the popup as a tab would end the visit anyway.
    const truth = await s.stopLooking();

    const popup = await openUiTab(s, 'popup');
    const fresh = await readPopup(popup);
    const q = await s.dwell.query(false);
    expect(q.pending, 'nothing aggregated yet: the popup folded the raw events itself').toBeGreaterThan(0);
    console.log(`[e2e] popup before aggregation: today ${fresh.today}, ${fresh.sites.map((r) => `${r.domain} ${r.time}`).join(', ')}; Dwell ${q.totalMs} ms, truth ${truth.totalMs} ms`);
    expectPopupMatchesLedger(fresh, truth, 'before aggregation');
    const locale = await popup.page.evaluate(() => document.documentElement.lang);
    expect(fresh.today, "the popup's direct read and the worker's query agree").toBe(formatDuration(q.totalMs, locale));
    expect(fresh.sites, 'site by site, in the same order').toEqual(q.sites.map((x) => ({ domain: x.domain, time: formatDuration(x.ms, locale) })));
    expect(fresh.rangeTotal, 'range "Today" totals the same').toBe(fresh.today);

    expect((await s.dwell.aggregateNow()).events).toBeGreaterThan(0);
    await popup.reload();
    const folded = await readPopup(popup);
    expectPopupMatchesLedger(folded, truth, 'after aggregation');
    expect(folded.today, 'aggregation changed nothing shown').toBe(fresh.today);
    expect(folded.sites).toEqual(fresh.sites);
    expect(popup.problems).toEqual([]);
  });

  it('export → delete everything → import gives identical totals, and a second import does not double them', async () => {
    const s = await start();
    await s.open('news', 'news.example.test', '/today');
    await s.dwellFor(1_500);
    await s.goto('news', 'news.example.test', '/sport');
    await s.dwellFor(1_500);
    await s.open('video', 'video.site.test', '/watch');
    await s.dwellFor(2_000);
    await s.finish();
    // Nothing may keep growing while totals are compared.
    await s.dwell.handle({ type: 'setPaused', paused: true });
    const before = exportable(await s.dwell.query(true));
    expect(before.totalMs).toBeGreaterThan(0);
    expect(before.sites.flatMap((x) => x.pages)).toHaveLength(3);

    const options = await openUiTab(s, 'options');
    const page = options.page;
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), page.getByTestId('export-json').click()]);
    const file = await download.path();
    await expect.poll(() => page.getByTestId('export-status').getAttribute('data-filename')).toBe(download.suggestedFilename());
    const exported = JSON.parse(readFileSync(file, 'utf8')) as ExportFile;
    expect(exported.format).toBe('dwell-export');
    expect(exported.days.flatMap((d) => d.sites).reduce((sum, x) => sum + x.ms, 0), 'the file holds every ms').toBe(before.totalMs);

    await page.getByTestId('delete-all').click();
    await page.getByTestId('confirm-dialog').waitFor({ state: 'visible' });
    await page.getByTestId('confirm-ok').click();
    await expect.poll(() => page.getByTestId('delete-status').textContent()).not.toBe('');
    const wiped = await s.dwell.query(true);
    expect(wiped.totalMs, 'everything deleted').toBe(0);
    expect(wiped.sites).toEqual([]);

    const importOnce = async (): Promise<string> => {
      await page.getByTestId('import-file').setInputFiles(file);
      await page.getByTestId('import-preview').waitFor({ state: 'visible' });
      expect(await page.getByTestId('import-total').textContent(), 'the preview totals the file').toBe(formatDuration(before.totalMs, 'en-US'));
      expect(await page.getByTestId('import-mode-merge').isChecked(), 'merge is the default').toBe(true);
      await page.getByTestId('import-confirm').click();
      await expect.poll(() => page.getByTestId('import-result').textContent()).not.toBe('');
      expect(await page.getByTestId('import-error').textContent()).toBe('');
      return (await page.getByTestId('import-result').textContent()) ?? '';
    };
    console.log(`[e2e] import 1: ${await importOnce()}`);
    expect(exportable(await s.dwell.query(true)), 'imported = exported').toEqual(before);
    console.log(`[e2e] import 2: ${await importOnce()}`);
    expect(exportable(await s.dwell.query(true)), 'imported twice = exported (merge replaces per day × site)').toEqual(before);
    expect(options.problems).toEqual([]);
  });

  it('applies a flag toggled and a batch size changed on the options page', async () => {
    const s = await start();
    await s.open('site', 'news.example.test', '/today');
    await s.dwellFor(1_000);
    const options = await openUiTab(s, 'options');
    const page = options.page;

    await openAdvanced(options);
    const lock = page.getByTestId('flag-processingLock');
    expect(await lock.isChecked(), 'the lock is on by default').toBe(true);
    await lock.uncheck();
    await waitForStoredSetting(s, 'processingLock', false);
    await expect.poll(() => page.getByTestId('settings-status').textContent()).toBe('Saved');
    expect((await s.dwell.aggregateNow()).lock, 'a run with the lock off takes no lease').toBe('unlocked');
    await lock.check();
    await waitForStoredSetting(s, 'processingLock', true);
    expect((await s.dwell.aggregateNow()).lock, 'and with the lock back on, takes it').toBe('acquired');

    const batch = page.getByTestId('setting-batchSize');
    expect(await batch.inputValue()).toBe('1000');
    await batch.fill('10');
    await batch.press('Enter');
    await waitForStoredSetting(s, 'batchSize', 10);
    // Sixty events to fold, with the site in front.
    await s.switchTo('site');
    await s.backlog(60);
    await waitForBacklog(s, 60, 15_000, 100);
    const run = await s.dwell.aggregateNow();
    console.log(`[e2e] run after batchSize 10: ${JSON.stringify(run)}`);
    expect(run.events).toBeGreaterThanOrEqual(30);
    expect(run.batches, 'the run folded in batches of 10').toBeGreaterThanOrEqual(Math.ceil(run.events / 10));
    expect(options.problems).toEqual([]);
  });

  it('shows a hostile page title as text: no element created, no script run', async () => {
    const s = await start();
    const hostile = '<img src=x onerror=alert(1)>';
    const url = s.url('evil.example.test', '/title');
    // A real page whose <title> is that string (the title element's content is text, so the tab's
    // title is exactly it).
    await s.browser.ctx.route(url, (route) =>
      route.fulfill({ contentType: 'text/html; charset=utf-8', body: `<!doctype html><html><head><title>${hostile}</title></head><body>hi</body></html>` }),
    );
    const dialogs: string[] = [];
    s.browser.ctx.on('dialog', (d) => {
      dialogs.push(d.message());
      d.dismiss().catch(() => undefined);
    });
    await s.open('evil', 'evil.example.test', '/title');
    expect(await s.page('evil').title()).toBe(hostile);
    await s.dwellFor(1_500);

    const popup = await openPopupBeside(s);
    const shown = await readPopup(popup);
    expect(shown.current?.domain, 'the page is in front, under "Now"').toBe('example.test');
    expect(shown.current?.title, 'the title shown as text').toBe(hostile);
    const pages = await expandSite(popup, 'example.test');
    expect(pages.map((p) => p.title)).toEqual([hostile]);
    expect(pages[0]?.titleAttr, 'and as the tooltip').toBe(hostile);
    expect((await readPopup(popup)).current?.title, 'still in front, still text').toBe(hostile);
    const injected = await popup.page.evaluate(() => ({
      imgX: document.querySelectorAll('img[src="x"]').length,
      onerror: document.querySelectorAll('[onerror]').length,
      imgs: [...document.images].map((i) => i.className),
    }));
    expect(injected.imgX, 'no <img src=x> in the popup').toBe(0);
    expect(injected.onerror, 'no element with an onerror attribute').toBe(0);
    expect(injected.imgs.every((c) => c === 'favicon'), `only favicons are images: ${injected.imgs.join(',')}`).toBe(true);
    expect(dialogs, 'no alert() ran').toEqual([]);
    expect(popup.problems).toEqual([]);
  });

  it('keeps both pages working, with the right numbers, while an aggregation run is in progress', async () => {
    const s = await start({ settings: { batchSize: 10 }, sameDayMs: 90_000 });
    await s.open('ticker', 'live.scores.test', '/match');
    await s.dwellFor(1_500);
    await s.backlog(1_500);
    const truth = await s.stopLooking();
    const backlog = await waitForBacklog(s, 1_000, 30_000, 100);

    await startAggregation(s);
    const midRun = await waitForRunInProgress(s, backlog, 200);
    // The worker's thread is now held mid-run for 3 s, as while folding a large batch: the run
    // stands still with part of the backlog folded, most likely inside a batch's transaction.
    await s.workerBusy(3_000);
    const heldUntil = Date.now() + 3_000;

    // Both pages are opened now: their first reads are asked for while the run is held. A
    // read-only transaction created now is ordered after the batch in progress and before the
    // next one, so it sees a half-folded backlog; a second one, made by the test in the popup page
    // at the same moment, says how much was still pending in that snapshot.
    const popup = await openUiTab(s, 'popup', { waitReady: false });
    const options = await openUiTab(s, 'options', { waitReady: false });
    const askedAt = Date.now();
    const seen = logStateSeenBy(popup);
    await popup.ready();
    await options.ready();
    const answeredAt = Date.now();
    const during = await readPopup(popup);
    const snapshot = await seen;
    await openAdvanced(options);
    await options.page.getByTestId('diag-refresh').click(); // a message: answered once the worker is free
    await expect.poll(() => options.page.getByTestId('diag-pending').textContent(), { timeout: 15_000 }).not.toBe('');
    console.log(
      `[e2e] run in progress (backlog ${backlog}, ${midRun.pending} pending when held, batches of 10): the popup's snapshot had ${snapshot.pending} pending; ` +
        `popup ${during.today} (truth ${truth.totalMs} ms); pages asked ${heldUntil - askedAt} ms before the hold ended, answered ${answeredAt - heldUntil} ms after; ` +
        `options shows ${await options.page.getByTestId('diag-pending').textContent()} pending`,
    );
    expect(askedAt, 'precondition: both pages asked for their data while the run was held').toBeLessThan(heldUntil);
    expect(snapshot.pending, "the popup's snapshot was taken mid-run: part of the backlog folded, part pending").toBeGreaterThan(0);
    expect(snapshot.pending).toBeLessThan(backlog);
    expectPopupMatchesLedger(during, truth, 'during the run');
    expect(await options.page.getByTestId('diag-status').textContent()).toBe('');

    // Waits for the run in progress, then runs once more: the backlog is gone, the numbers stay —
    // the mid-run snapshot showed exactly the final totals.
    await s.dwell.aggregateNow();
    const final = await s.dwell.query(false);
    expect(final.pending).toBe(0);
    expect(during.today, 'mid-run = final, to the second').toBe(formatDuration(final.totalMs, 'en-US'));
    await popup.reload();
    const after = await readPopup(popup);
    expectPopupMatchesLedger(after, truth, 'after the run');
    expect(after.sites).toEqual(during.sites);
    expect([...popup.problems, ...options.problems]).toEqual([]);
  });

  it("keeps showing today's numbers from IndexedDB while the worker is stopped", async () => {
    const s = await start({ sameDayMs: 90_000 });
    await s.open('news', 'news.example.test', '/today');
    await s.dwellFor(2_000);
    await s.goto('news', 'news.example.test', '/sport');
    await s.dwellFor(1_500);
    await s.open('video', 'video.site.test', '/watch');
    await s.dwellFor(2_000);
    const truth = await s.stopLooking();
    const popup = await openUiTab(s, 'popup');
    const options = await openUiTab(s, 'options');
    expectPopupMatchesLedger(await readPopup(popup), truth, 'worker running');

    await s.stopWorker();
    expect(await s.browser.worker.isRunning()).toBe(false);
    // Every click below makes the popup read again (range switch, page list): no tab event, no
    // message, so nothing wakes the worker.
    await popup.page.getByTestId('range-7d').click();
    await popup.page.getByTestId('chart').waitFor({ state: 'visible' });
    const week = await readPopup(popup);
    expectShown(week.rangeTotal, truth.totalMs, '7 days, worker stopped');
    expectShown(week.today, truth.totalMs, "7 days view, today's total, worker stopped");
    await popup.page.getByTestId('range-today').click();
    const pages = await expandSite(popup, 'example.test');
    expect(pages.map((p) => p.url).sort()).toEqual([s.url('news.example.test', '/sport'), s.url('news.example.test', '/today')]);
    for (const p of pages) expectShown(p.time, truth.pages.get(p.url)?.ms ?? 0, `page ${p.url}, worker stopped`);
    const stopped = await readPopup(popup);
    expect(await s.browser.worker.isRunning(), 'the popup read all that without the worker').toBe(false);
    expectPopupMatchesLedger(stopped, truth, 'worker stopped');

    // The options page asks the worker: its message starts the worker again.
    await openAdvanced(options);
    await options.page.getByTestId('diag-refresh').click();
    await expect.poll(() => options.page.getByTestId('diag-generation').textContent(), { timeout: 15_000 }).not.toBe('');
    expect(await options.page.getByTestId('diag-status').textContent()).not.toMatch(/error|fail/i);
    expect([...popup.problems, ...options.problems]).toEqual([]);
  });

  it('renders the popup (light and dark) and the options page with realistic data: docs/screenshots', async () => {
    const s = await start({ sameDayMs: 90_000 });
    const today = (await s.dwell.query(false)).today;
    const site = (domain: string, min: number, visits: number, pages: Array<[path: string, title: string, min: number]>) => ({
      domain,
      ms: Math.round(min * 60_000),
      visits,
      pages: pages.map(([url, title, m]) => ({ url, title, ms: Math.round(m * 60_000) })),
    });
    const history: ExportFile = {
      format: 'dwell-export',
      version: 1,
      exportedAt: new Date().toISOString(),
      days: [0, 1, 2, 3, 4, 5, 6].map((back) => ({
        date: addDays(today, -back),
        sites: [
          site('github.com', 74 - back * 7, 12, [
            ['https://github.com/dwell-app/dwell/pulls', 'Pull requests · dwell-app/dwell', 41 - back * 4],
            ['https://github.com/dwell-app/dwell/issues/4', 'What it must show · Issue #4 · dwell-app/dwell', 33 - back * 3],
          ]),
          site('wikipedia.org', 23 + back * 3, 4, [['https://en.wikipedia.org/wiki/Service_worker', 'Service worker - Wikipedia', 23 + back * 3]]),
          site('youtube.com', back % 2 ? 12 : 48, 3, [['https://www.youtube.com/watch', 'Lo-fi beats to code to - YouTube', back % 2 ? 12 : 48]]),
          site('ycombinator.com', 17, 6, [['https://news.ycombinator.com/', 'Hacker News', 17]]),
          site('stackoverflow.com', 9.5, 2, [['https://stackoverflow.com/questions/42', 'How do I read IndexedDB from an extension page? - Stack Overflow', 9.5]]),
          // Today, a realistic long tail: an IDN shop, a Cyrillic look-alike of "apple", small sites.
          ...(back === 0
            ? [
                site('mozilla.org', 12, 2, [['https://developer.mozilla.org/en-US/docs/Web/API/IndexedDB_API', 'IndexedDB API - Web APIs | MDN', 12]]),
                site('xn--bcher-kva.test', 6, 1, [['https://xn--bcher-kva.test/', 'Bücher', 6]]),
                site('xn--80ak6aa92e.com', 3, 1, [['https://xn--80ak6aa92e.com/', 'Sign in', 3]]),
                ...Array.from({ length: 18 }, (_, i) => site(`site-${String(i + 1).padStart(2, '0')}.test`, 1, 1, [[`https://site-${String(i + 1).padStart(2, '0')}.test/`, 'Home', 1]])),
              ]
            : []),
        ],
      })),
    };
    await s.dwell.handle({ type: 'import', data: history, mode: 'merge' });
    // A page in front right now (a real https URL, served by the test).
    await s.browser.ctx.route('https://developer.mozilla.org/**', (route) =>
      route.fulfill({ contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>IndexedDB API - Web APIs | MDN</title><h1>IndexedDB API</h1>' }),
    );
    const mdn = await s.browser.ctx.newPage();
    await mdn.goto('https://developer.mozilla.org/en-US/docs/Web/API/IndexedDB_API');
    await s.dwellFor(2_000);

    const popup = await openPopupBeside(s, { width: 340, height: 600 });
    const shown = await readPopup(popup);
    expect(shown.current?.domain).toBe('mozilla.org');
    expect(shown.sites.slice(0, 8).map((r) => r.domain)).toEqual(['github.com', 'youtube.com', 'wikipedia.org', 'ycombinator.com', 'mozilla.org', 'stackoverflow.com', 'xn--bcher-kva.test', 'xn--80ak6aa92e.com']);
    expect(shown.sites, '20 rows, then "+ N more sites"').toHaveLength(20);
    expect(shown.today).toBe('3h 30m');
    const layout = await readRowLayout(popup);
    expect(layout.labels['xn--bcher-kva.test'], 'IDN shown in Unicode').toBe('bücher.test');
    expect(layout.labels['xn--80ak6aa92e.com'], 'a Cyrillic look-alike of "apple" stays punycode').toBe('xn--80ak6aa92e.com');
    expect(layout.barOfTop, "the largest site's bar is full length").toBeGreaterThan(0.99);
    expect(new Set(layout.timeX).size, `time column at one x on every row, the current one included: ${layout.timeX.join(', ')}`).toBe(1);
    expect(new Set(layout.shareX).size, 'share column likewise').toBe(1);
    expect(layout.liveRegions, 'nothing announced on the tick').toEqual([]);
    expect(layout.iconPages['mozilla.org'], "favicon asked for the page in front, not the registrable domain's").toBe('https://developer.mozilla.org/en-US/docs/Web/API/IndexedDB_API');
    expect(layout.iconPages['wikipedia.org'], 'no page of it read yet: the bare domain').toBe('https://wikipedia.org');
    const github = await expandSite(popup, 'github.com');
    expect(github.map((p) => p.time)).toEqual(['41m', '33m']);
    expect((await readPopup(popup)).current?.domain, 'the page is still in front').toBe('mozilla.org');
    const shots: Array<[string, UiPage, () => Promise<void>]> = [
      ['popup-light.png', popup, () => popup.page.emulateMedia({ colorScheme: 'light' })],
      ['popup-dark.png', popup, () => popup.page.emulateMedia({ colorScheme: 'dark' })],
    ];
    const backgrounds: string[] = [];
    for (const [name, ui, scheme] of shots) {
      await scheme();
      backgrounds.push(await ui.page.evaluate(() => getComputedStyle(document.body).backgroundColor));
      await ui.page.screenshot({ path: screenshotPath(name) });
    }
    expect(backgrounds[0], 'light theme: white').toBe('rgb(255, 255, 255)');
    expect(backgrounds[1], 'dark theme applies').not.toBe(backgrounds[0]);

    // Chrome's popup is at most 600 px high: everything fits, Settings in view, the list scrolls.
    await popup.page.setViewportSize({ width: 400, height: 600 });
    const fits = async () =>
      popup.page.evaluate(() => ({
        height: document.documentElement.scrollHeight,
        settingsBottom: document.querySelector('[data-testid="open-options"]')!.getBoundingClientRect().bottom,
        rows: document.querySelectorAll('[data-testid="site-row"]').length,
      }));
    const fitted = await fits();
    expect(fitted.height, 'popup document ≤ 600 px with 26 sites').toBeLessThanOrEqual(600);
    expect(fitted.settingsBottom, 'Settings visible without scrolling').toBeLessThanOrEqual(600);
    await popup.page.getByTestId('sites-rest').dispatchEvent('click');
    await expect.poll(async () => (await fits()).rows, { message: '"+ 6 more sites" shows them all' }).toBe(26);
    expect((await fits()).height, 'still ≤ 600 px with the list expanded').toBeLessThanOrEqual(600);
    expect(await popup.page.getByTestId('sites-note').isHidden(), 'all of the rest shown: no "showing N of M"').toBe(true);

    await expandSite(popup, 'wikipedia.org');
    expect((await readRowLayout(popup)).iconPages['wikipedia.org'], 'once its pages are read, the page visited').toBe('https://en.wikipedia.org/wiki/Service_worker');

    // The toolbar badge set to the site in front: its time today (imported minutes and the seconds
    // just read), set again on every switch.
    const badge = () => s.browser.worker.evaluate(() => chrome.action.getBadgeText({}), undefined, 'the toolbar badge');
    await s.dwell.setSettings({ badge: 'site' });
    await expect.poll(badge, { timeout: 10_000, message: "mozilla.org's 12 min today" }).toBe('12m');
    await s.browser.ctx.route('https://github.com/**', (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>GitHub</title>' }));
    const gh = await s.browser.ctx.newPage();
    await gh.goto('https://github.com/dwell-app/dwell/pulls');
    await expect.poll(badge, { timeout: 10_000, message: "after a switch to github.com: its 74 min today" }).toBe('1h14');
    await gh.close();
    await mdn.bringToFront();
    await expect.poll(badge, { timeout: 10_000, message: 'back on mozilla.org' }).toBe('12m');

    // "Don't track this site" and Pause, from the popup.
    await expect.poll(() => popup.page.getByTestId('exclude-site').textContent(), { timeout: 10_000 }).toBe("Don't track mozilla.org");
    await popup.page.getByTestId('exclude-site').dispatchEvent('click');
    await popup.page.getByTestId('excluded-note').waitFor({ state: 'visible', timeout: 10_000 });
    const rules = await s.browser.worker.evaluate(
      async () => ((await chrome.storage.local.get('settings')).settings as { excludedSites?: string[] } | undefined)?.excludedSites,
      undefined,
      'read the stored exclusions',
    );
    expect(rules, 'the site and its subdomains').toEqual(['*.mozilla.org']);
    // Paused, nothing is in front any more: so "Don't track" came first (and both before the
    // options tab, which takes the front).
    await popup.page.getByTestId('pause-toggle').dispatchEvent('click');
    await popup.page.locator('[data-testid="pause-toggle"][data-paused="true"]').waitFor({ timeout: 10_000 });
    await waitForStoredSetting(s, 'paused', true);
    expect(await popup.page.getByTestId('paused-note').isVisible()).toBe(true);
    await expect
      .poll(() => s.browser.worker.evaluate(() => chrome.action.getBadgeText({}), undefined, 'the toolbar badge'), { timeout: 10_000 })
      .toBe('❚❚');

    const options = await openUiTab(s, 'options');
    await options.page.setViewportSize({ width: 900, height: 900 });
    await openAdvanced(options);
    await options.page.getByTestId('diag-refresh').click();
    await expect.poll(() => options.page.getByTestId('diag-generation').textContent()).not.toBe('');
    await options.page.screenshot({ path: screenshotPath('options.png'), fullPage: true });
    for (const name of ['popup-light.png', 'popup-dark.png', 'options.png']) {
      expect(readFileSync(screenshotPath(name)).subarray(1, 4).toString(), `${name} is a PNG`).toBe('PNG');
      expect(statSync(screenshotPath(name)).size).toBeGreaterThan(5_000);
    }

    expect([...popup.problems, ...options.problems]).toEqual([]);
  });
});
