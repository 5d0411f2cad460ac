// Dwell's own pages (popup, options) opened from the loaded extension, for the UI scenarios in
// ui.test.ts. Every page opened here is watched: uncaught page errors, console errors, Dwell's
// console warnings (the popup warns when it falls back from reading IndexedDB to messaging) and
// JavaScript dialogs are collected as "problems", which a test expects to stay empty.
//
// Two ways to open the popup:
// - as a tab (`openUiTab`): the tab becomes the active one; an extension page is untracked, so this
//   ends the visit in front — close the ledger first;
// - beside the page (`openPopupBeside`): in a new window created unfocused, as Chrome's real popup
//   leaves the page in front: the tracked tab keeps counting and the popup shows it under "Now".
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { Scenario } from './scenario.ts';
import { withTimeout } from './timeout.ts';

export type UiPath = 'popup' | 'options';

const PATHS: Record<UiPath, string> = {
  popup: 'src/popup/popup.html',
  options: 'src/options/options.html',
};

/** How each page says "I have shown my first data". */
const READY: Record<UiPath, string> = {
  popup: 'body[data-source]',
  options: 'body[data-ready="true"]',
};

export interface UiPage {
  page: Page;
  which: UiPath;
  /** Opened beside the page in front (unfocused window): clicks are dispatched as DOM events,
   *  because Playwright's real clicks focus the window and so end the visit being shown. */
  beside: boolean;
  /** pageerror, console.error, Dwell's console warnings, dialogs: each one a line. */
  problems: string[];
  /** Waits until the page has shown its first data (popup: body[data-source]; options:
   *  body[data-ready]). */
  ready(): Promise<void>;
  /** Reloads the page and waits until it has shown its first data again. */
  reload(): Promise<void>;
}

export function extensionUrl(s: Scenario, which: UiPath): string {
  return `chrome-extension://${s.browser.extensionId}/${PATHS[which]}`;
}

function watch(page: Page, which: UiPath, beside = false): UiPage {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`${which} pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || (m.type() === 'warning' && m.text().startsWith('Dwell'))) problems.push(`${which} console.${m.type()}: ${m.text()}`);
  });
  page.on('dialog', (d) => {
    problems.push(`${which} dialog ${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => undefined);
  });
  const ui: UiPage = {
    page,
    which,
    beside,
    problems,
    ready: () => ready(ui),
    async reload() {
      await withTimeout(page.reload({ waitUntil: 'domcontentloaded' }), 15_000, `reloading the ${which} page`);
      await ready(ui);
    },
  };
  return ui;
}

async function ready(ui: UiPage): Promise<void> {
  await ui.page.waitForSelector(READY[ui.which], { state: 'attached', timeout: 15_000 });
}

/** Opens the popup or the options page in a new tab (it becomes the active tab). Resolves once
 *  the page has shown its first data, or with `waitReady: false` once its scripts have run (a
 *  module script runs before DOMContentLoaded: its first read has been asked for). */
export async function openUiTab(s: Scenario, which: UiPath, opts: { waitReady?: boolean } = {}): Promise<UiPage> {
  const page = await s.browser.ctx.newPage();
  const ui = watch(page, which);
  await withTimeout(page.goto(extensionUrl(s, which), { waitUntil: 'domcontentloaded' }), 15_000, `opening the ${which} page`);
  if (opts.waitReady ?? true) await ready(ui);
  return ui;
}

/** Opens the popup in a new, unfocused window: the page in front stays in front and counting. */
export function openPopupBeside(s: Scenario, size = { width: 340, height: 600 }): Promise<UiPage> {
  return openBeside(s, 'popup', size);
}

/** Opens one of Dwell's pages in a new, unfocused window (through the worker's chrome.windows):
 *  the page in front stays in front and counting. */
export async function openBeside(s: Scenario, which: UiPath, size = { width: 340, height: 600 }): Promise<UiPage> {
  const url = extensionUrl(s, which);
  const opened = s.browser.ctx.waitForEvent('page', { predicate: (p) => p.url() === url, timeout: 15_000 });
  const front = await s.browser.worker.evaluate(
    async (a: { url: string; width: number; height: number }) => {
      const before = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      await chrome.windows.create({ url: a.url, focused: false, width: a.width, height: a.height });
      const after = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      return { before: before[0]?.id, after: after[0]?.id };
    },
    { url, ...size },
    `open the ${which} page in an unfocused window`,
  );
  // The premise of "beside": the tab in front did not change.
  expect(front.after, `the ${which} window left the page in front`).toBe(front.before);
  const page = await opened;
  const ui = watch(page, which, true);
  await page.setViewportSize(size);
  await ready(ui);
  return ui;
}

/** From inside an extension page: the event log's state as a read-only transaction created now
 *  sees it (watermark = last folded event, pending = events above it). IndexedDB orders it after
 *  every read-write transaction created before it and before every one created after it. */
export async function logStateSeenBy(ui: UiPage): Promise<{ watermark: number; pending: number }> {
  return ui.page.evaluate(
    () =>
      new Promise<{ watermark: number; pending: number }>((resolve, reject) => {
        const open = indexedDB.open('dwell');
        open.onerror = () => reject(new Error(`open: ${String(open.error)}`));
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['meta', 'events'], 'readonly');
          tx.onerror = () => reject(new Error(`read: ${String(tx.error)}`));
          const cursor = tx.objectStore('meta').get('cursor');
          cursor.onsuccess = () => {
            const watermark = (cursor.result as { watermark?: number } | undefined)?.watermark ?? 0;
            const count = tx.objectStore('events').count(IDBKeyRange.lowerBound(watermark, true));
            count.onsuccess = () => {
              db.close();
              resolve({ watermark, pending: count.result });
            };
          };
        };
      }),
  );
}

// ---- reading what the popup shows -------------------------------------------------------------

export interface PopupReading {
  /** body[data-source]: 'direct' (IndexedDB read in the page) or 'message' (asked the worker). */
  source: string | undefined;
  today: string;
  rangeTotal: string;
  /** Site rows in display order: domain → time text. */
  sites: Array<{ domain: string; time: string }>;
  /** The site in front: the "Now" card, or the row standing in for it (aria-current, with the
   *  page title under the name; its time is then the range's). */
  current: { domain: string; time: string; title: string } | null;
  error: string | null;
  empty: boolean;
}

export async function readPopup(ui: UiPage): Promise<PopupReading> {
  return ui.page.evaluate(() => {
    const q = (id: string): HTMLElement | null => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    const text = (el: Element | null): string => el?.textContent ?? '';
    const current = q('current-site');
    const row = document.querySelector<HTMLElement>('[data-testid="site-row"][aria-current="true"]');
    const inRow = (id: string): string => text(row?.querySelector(`[data-testid="${id}"]`) ?? null);
    const error = q('popup-error');
    return {
      source: document.body.dataset.source,
      today: text(q('today-total')),
      rangeTotal: text(q('range-total')),
      sites: [...document.querySelectorAll<HTMLElement>('[data-testid="site-row"]')].map((li) => ({
        domain: li.dataset.domain ?? '',
        time: text(li.querySelector('[data-testid="site-time"]')),
      })),
      current:
        current && !current.hidden
          ? { domain: text(q('current-domain')), time: text(q('current-time')), title: text(q('current-title')) }
          : row
            ? { domain: inRow('site-domain'), time: inRow('site-time'), title: inRow('site-now-title') }
            : null,
      error: error && !error.hidden ? text(error) : null,
      empty: !(q('empty-state')?.hidden ?? true),
    };
  });
}

/** Expands a site row and returns its page rows once shown: url → {title, time}. */
export async function expandSite(ui: UiPage, domain: string): Promise<Array<{ url: string; title: string; titleAttr: string | null; time: string }>> {
  const row = ui.page.locator(`[data-testid="site-row"][data-domain="${domain}"]`);
  const toggle = row.getByTestId('site-toggle');
  if (ui.beside) await toggle.dispatchEvent('click');
  else await toggle.click();
  await row.locator('[data-testid="page-row"]').first().waitFor({ timeout: 10_000 });
  return row.locator('[data-testid="page-row"]').evaluateAll((lis) =>
    lis.map((li) => {
      const title = li.querySelector('[data-testid="page-title"]');
      return {
        url: (li as HTMLElement).dataset.url ?? '',
        title: title?.textContent ?? '',
        titleAttr: title?.getAttribute('title') ?? null,
        time: li.querySelector('[data-testid="page-time"]')?.textContent ?? '',
      };
    }),
  );
}

/** "1h 5m" / "12m 3s" / "42s" (en-US narrow units, as the popup formats them) → ms. */
export function parseDuration(text: string): number {
  const m = /^(?:(\d+)h)?\s*(?:(\d+)m)?\s*(?:(\d+)s)?$/.exec(text.trim());
  if (!m || text.trim() === '') throw new Error(`not a duration the popup shows in en-US: ${JSON.stringify(text)}`);
  return (Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0)) * 1000;
}

/** The popup shows whole seconds, truncated (or whole minutes past an hour). A shown value agrees
 *  with the truth within the product's max(1 s, 1 %) once that display precision is allowed for. */
export function expectShown(text: string, truthMs: number, what: string): void {
  const shown = parseDuration(text);
  const precision = truthMs >= 3_600_000 ? 60_000 : 1_000;
  const tol = Math.max(1000, truthMs * 0.01);
  const lo = truthMs - tol - precision;
  const hi = truthMs + tol;
  expect(shown, `${what}: shown ${JSON.stringify(text)} (${shown} ms) vs truth ${truthMs} ms (±${Math.round(tol)} ms, display precision ${precision} ms)`).toBeGreaterThan(lo);
  expect(shown, `${what}: shown ${JSON.stringify(text)} (${shown} ms) vs truth ${truthMs} ms (±${Math.round(tol)} ms)`).toBeLessThanOrEqual(hi);
}

/** Opens the options page's "Advanced" section (storage, safety features, diagnostics) as a user
 *  does, by its summary; a page opened beside gets a DOM click, which does not focus its window. */
export async function openAdvanced(ui: UiPage): Promise<void> {
  const toggle = ui.page.getByTestId('advanced-toggle');
  if (ui.beside) await toggle.dispatchEvent('click');
  else await toggle.click();
  await ui.page.waitForSelector('details#advanced[open]', { state: 'attached', timeout: 5_000 });
}
