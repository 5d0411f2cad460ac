// 6. The dashboard on the popup section's history: the overview painted, and search.
// Overview: navigation start → body[data-ready="overview"] (+ the next frame), for 'all' and for
// the last 30 days; the first open of the dashboard page in this browser, then warm ones.
// Search over all history (issue #10): the index is built in the page, lazily, on the
// first keystroke, from one query with pages over 'all' (src/dashboard/search-view.ts). Measured on
// the popup section's imported history (730 days × 150 sites: ~110 k site-day rows, one page each):
//   first keystroke → results shown (the read of every page row + building the index + matching),
//   each later keystroke → results shown (matching only), and the page's JS heap after the index
//   exists (CDP Runtime.getHeapUsage after a GC), against the same page before the first keystroke.
import type { Page } from 'playwright-core';
import type { Bench } from './launch.ts';
import { fmtMB, fmtMs, median, type Row } from './stats.ts';

interface Typed {
  ms: number;
  status: string;
  results: number;
}

/** Sets the search field to `q` as typing does (an input event) and waits until the list says it
 *  answers `q` (data-answered, set with the status line). */
async function typeAndWait(page: Page, q: string): Promise<Typed> {
  return page.evaluate(async (query: string) => {
    const input = document.getElementById('search-input') as HTMLInputElement;
    const status = document.getElementById('search-status')!;
    const list = document.getElementById('search-results')!;
    const t0 = performance.now();
    input.value = query;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    // No named function inside: tsx would wrap it in a __name() helper the page does not have.
    await new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error(`no answer for ${JSON.stringify(query)} within 60 s`)), 60_000);
      const obs = new MutationObserver(() => {
        if (list.dataset.answered !== query) return;
        clearTimeout(deadline);
        obs.disconnect();
        requestAnimationFrame(() => resolve());
      });
      obs.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    return { ms: performance.now() - t0, status: status.textContent ?? '', results: list.childElementCount };
  }, q);
}

async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  } finally {
    await cdp.detach();
  }
}

async function overviewPainted(b: Bench, range: string): Promise<number> {
  const page = await b.ctx.newPage();
  try {
    await page.setViewportSize({ width: 1100, height: 900 });
    await page.goto(`chrome-extension://${b.extensionId}/src/dashboard/dashboard.html#overview?r=${range}`, { waitUntil: 'commit' });
    await page.waitForSelector('body[data-ready="overview"]', { state: 'attached', timeout: 60_000 });
    return await page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now()))));
  } finally {
    await page.close();
  }
}

export async function measureOverview(b: Bench, opts: { opens: number }): Promise<{ rows: Row[]; log: string[] }> {
  const first = await overviewPainted(b, '30d');
  const warm30: number[] = [];
  const warmAll: number[] = [];
  for (let i = 0; i < opts.opens; i++) {
    warm30.push(await overviewPainted(b, '30d'));
    warmAll.push(await overviewPainted(b, 'all'));
  }
  return {
    rows: [
      { metric: 'Dashboard overview, last 30 days: navigation start → painted, first dashboard page of the browser', value: fmtMs(first, 0), target: '< 300 ms', pass: first < 300 },
      { metric: `Dashboard overview, last 30 days: navigation start → painted, warm (median of ${warm30.length})`, value: fmtMs(median(warm30), 0), target: '< 300 ms', pass: median(warm30) < 300 },
      { metric: `Dashboard overview, all history: navigation start → painted, warm (median of ${warmAll.length})`, value: fmtMs(median(warmAll), 0), target: '—', pass: null },
    ],
    log: [`overview: first ${first.toFixed(0)} ms; 30 days ${warm30.map((x) => x.toFixed(0)).join(', ')} ms; all ${warmAll.map((x) => x.toFixed(0)).join(', ')} ms`],
  };
}

export async function measureSearch(b: Bench, opts: { rows: number; keystrokes: number }): Promise<{ rows: Row[]; log: string[] }> {
  const page = await b.ctx.newPage();
  try {
    await page.setViewportSize({ width: 1100, height: 900 });
    await page.goto(`chrome-extension://${b.extensionId}/src/dashboard/dashboard.html#search?r=all`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('body[data-ready="search"]', { state: 'attached', timeout: 30_000 });
    const heapBefore = await heapAfterGc(page);
    // "site-1" matches a tenth of the sites (bench/seed.ts names them site-<id>.com) and their pages.
    const first = await typeAndWait(page, 'site-1');
    const heapWithIndex = await heapAfterGc(page);
    const later: Typed[] = [];
    const words = ['site-12', 'site-123', 'site-1234', 'page 7', 'site-9', 'nothing-matches-this'];
    for (let i = 0; i < opts.keystrokes; i++) later.push(await typeAndWait(page, words[i % words.length]!));
    if (first.results === 0) throw new Error(`search "site-1" found nothing (status ${JSON.stringify(first.status)})`);
    const log = [
      `search: first keystroke ${first.ms.toFixed(0)} ms (${first.results} shown, "${first.status}"); later ${later.map((x) => x.ms.toFixed(1)).join(', ')} ms; heap ${fmtMB(heapBefore)} → ${fmtMB(heapWithIndex)}`,
    ];
    const rows: Row[] = [
      { metric: `Dashboard search, all history (~${Math.round(opts.rows / 1000)} k page rows): first keystroke → results painted (read + build the in-memory index + match)`, value: fmtMs(first.ms, 0), target: '—', pass: null },
      { metric: `Dashboard search: a later keystroke → results painted (index kept; median of ${later.length})`, value: fmtMs(median(later.map((x) => x.ms))), target: '< 50 ms', pass: median(later.map((x) => x.ms)) < 50 },
      { metric: 'Dashboard search: page JS heap with the index (after GC), vs before the first keystroke', value: `${fmtMB(heapWithIndex)} (${fmtMB(heapBefore)})`, target: '—', pass: null },
    ];
    return { rows, log };
  } finally {
    await page.close();
  }
}
