// 4. Popup paint with a large history, and 5. query latency on it.
// History: 730 days × 150 sites a day out of 10,000 distinct ones (bench/seed.ts makeHistory),
// published through the documented import command (mode 'replace').
// Popup: opened as a tab at chrome-extension://<id>/src/popup/popup.html. An init script (before
// any popup code runs) watches the DOM with a MutationObserver and records performance.now()
// (origin = navigation start) when the popup's own hooks say it rendered:
//   Today painted: body[data-source] set (first answer rendered), #today-total has text, and the
//                  site list has ≥ 1 row (li[data-testid=site-row]);
//   All painted:   after a click on #range-all: body[data-rendered-range="all"] with rows
//                  from what Today showed, ≥ 1 site row (the popup drops a stale in-flight Today
//                  answer, so the first render after the click is the All one).
// "painted" = the requestAnimationFrame callback after that DOM state (the frame that shows it).
import type { QueryResult, Range } from '../src/core/api.ts';
import { clearAlarms, largestChunk, launch, popupScripts, type Bench } from './launch.ts';
import { installSource, type BenchGlobal, type HistoryPlan } from './seed.ts';
import { fmtInt, fmtMs, median, type Row } from './stats.ts';
import { measureOverview, measureSearch } from './dashboard.ts';

type G = { __bench: BenchGlobal; dwell: { handle(c: unknown): Promise<{ ok: boolean; result?: unknown; error?: string }> } };

interface Marks {
  dcl?: number;
  idbOpenAt?: number;
  idbOpenDone?: number;
  todayDom?: number;
  todayFrame?: number;
  todayRows?: number;
  source?: string;
  clickAt?: number;
  allDom?: number;
  allFrame?: number;
  allRows?: number;
  allTotal?: string;
}

// Runs in every page of the context before its scripts; only acts on the popup.
const INIT_SCRIPT = `(() => {
  if (!location.pathname.endsWith('/popup.html')) return;
  const m = (window.__benchMarks = {});
  // Where the time goes before the first paint: when the popup first opens IndexedDB, when the
  // open succeeds (listeners only; nothing the popup sees changes).
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (...args) {
    const req = open.apply(this, args);
    if (m.idbOpenAt === undefined) {
      m.idbOpenAt = performance.now();
      req.addEventListener('success', () => { m.idbOpenDone = performance.now(); });
    }
    return req;
  };
  document.addEventListener('DOMContentLoaded', () => { m.dcl = performance.now(); });
  const rows = () => document.querySelectorAll('#sites > li[data-testid="site-row"]').length;
  const text = (id) => (document.getElementById(id)?.textContent ?? '').trim();
  let todayText = null;
  const check = () => {
    if (m.todayDom === undefined) {
      const empty = document.getElementById('empty');
      if (document.body?.dataset.source && text('today-total') && (rows() > 0 || (empty && !empty.hidden))) {
        m.todayDom = performance.now();
        m.todayRows = rows();
        m.source = document.body.dataset.source;
        requestAnimationFrame(() => { m.todayFrame = performance.now(); });
      }
      return;
    }
    if (m.clickAt !== undefined && m.allDom === undefined) {
      const pressed = document.getElementById('range-all')?.getAttribute('aria-pressed') === 'true';
      if (pressed && document.body.dataset.renderedRange === 'all' && text('range-total') && rows() > 0) {
        m.allDom = performance.now();
        m.allRows = rows();
        m.allTotal = text('range-total');
        requestAnimationFrame(() => { m.allFrame = performance.now(); });
      }
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  window.__benchClickAll = () => {
    m.todayRangeText = text('range-total');
    m.clickAt = performance.now();
    document.getElementById('range-all').click();
  };
})();`;

const marks = (b: Bench, page: import('playwright-core').Page): Promise<Marks> =>
  page.evaluate(() => (window as unknown as { __benchMarks: Marks }).__benchMarks);

async function openPopup(b: Bench, url: string, all = true): Promise<Marks> {
  const page = await b.ctx.newPage();
  try {
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => (window as unknown as { __benchMarks?: Marks }).__benchMarks?.todayFrame !== undefined, undefined, { timeout: 30_000 });
    if (!all) return await marks(b, page);
    await page.evaluate(() => (window as unknown as { __benchClickAll(): void }).__benchClickAll());
    await page.waitForFunction(() => (window as unknown as { __benchMarks: Marks }).__benchMarks.allFrame !== undefined, undefined, { timeout: 30_000 });
    const m = await marks(b, page);
    // The popup remembers the range in localStorage: the next open must start on Today again.
    await page.evaluate(() => localStorage.removeItem('dwell.popup.range'));
    return m;
  } finally {
    await page.close();
  }
}

async function queryTimed(b: Bench, range: Range): Promise<{ inWorker: number; roundTrip: number; sites: number; total: number }> {
  const t0 = performance.now();
  const r = await b.inWorker(
    async (range: Range) => {
      const s = performance.now();
      const res = await (self as unknown as G).dwell.handle({ type: 'query', range });
      const ms = performance.now() - s;
      if (!res.ok) throw new Error(`query failed: ${res.error}`);
      const q = res.result as QueryResult;
      return { ms, sites: q.sites.length, total: q.totalMs };
    },
    range,
    'query',
  );
  return { inWorker: r.ms, roundTrip: performance.now() - t0, sites: r.sites, total: r.total };
}

/** The stored rows the All query reads (siteTotals + dayTotals, one readonly transaction, values
 *  deserialized), timed in the worker on a second connection: the floor under query(All). */
async function allRowsRead(b: Bench): Promise<number> {
  return b.inWorker(async () => {
    const req = <T,>(r: IDBRequest<T>): Promise<T> => new Promise((res, rej) => {
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error ?? new Error('IDB request failed'));
    });
    const db = await req(indexedDB.open('dwell'));
    const t0 = performance.now();
    const tx = db.transaction(['siteTotals', 'dayTotals'], 'readonly');
    const [sites, days] = await Promise.all([req(tx.objectStore('siteTotals').getAll()), req(tx.objectStore('dayTotals').getAll())]);
    const ms = performance.now() - t0;
    db.close();
    if (sites.length === 0 || days.length === 0) throw new Error('no rows to read');
    return ms;
  }, undefined, 'raw read of the All rows');
}

/** Navigation start → DOMContentLoaded of a probe page (bench/launch.ts writes them into the
 *  private copy of dist/): the floor of an extension page, and that page + one JS chunk. */
async function pageDcl(b: Bench, url: string): Promise<number> {
  const page = await b.ctx.newPage();
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    return await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd);
  } finally {
    await page.close();
  }
}

export async function runPopupBench(opts: { days: number; sites: number; perDay: number; opens: number; queries: number }): Promise<{ rows: Row[]; log: string[] }> {
  const b = await launch();
  const log: string[] = [];
  try {
    await clearAlarms(b);
    await b.sw.evaluate(installSource());
    await b.ctx.addInitScript(INIT_SCRIPT);
    const url = `chrome-extension://${b.extensionId}/src/popup/popup.html`;
    const today = await b.inWorker(() => {
      const now = Date.now();
      return new Date(now - new Date(now).getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
    }, undefined, 'today');
    const plan: HistoryPlan = { today, days: opts.days, sites: opts.sites, perDay: opts.perDay };
    const imp = await b.inWorker(
      async (p: HistoryPlan) => {
        const g = self as unknown as G;
        const data = g.__bench.makeHistory(p);
        const t0 = performance.now();
        const res = await g.dwell.handle({ type: 'import', data, mode: 'replace' });
        if (!res.ok) throw new Error(`import failed: ${res.error}`);
        return { ms: performance.now() - t0, summary: res.result as { days: number; sites: number; totalMs: number } };
      },
      plan,
      'import of the history',
      300_000,
    );
    log.push(`import: ${imp.summary.days} days, ${fmtInt(imp.summary.sites)} sites, in ${imp.ms.toFixed(0)} ms`);
    await b.handle({ type: 'aggregateNow' });

    // 5. Query latency (worker round trip from Node, and the handler's own time in the worker).
    const todayRange: Range = { from: today, to: today };
    const q: Record<'today' | 'all', Array<{ inWorker: number; roundTrip: number; sites: number; total: number }>> = { today: [], all: [] };
    for (let i = 0; i < opts.queries; i++) {
      q.today.push(await queryTimed(b, todayRange));
      q.all.push(await queryTimed(b, 'all'));
    }
    const rawAll: number[] = [];
    for (let i = 0; i < Math.max(3, opts.queries - 1); i++) rawAll.push(await allRowsRead(b));
    const t = q.today[0]!;
    const a = q.all[0]!;
    if (t.sites < opts.perDay * 0.9) throw new Error(`Today query returned ${t.sites} sites, expected about ${opts.perDay}`);
    if (a.sites < opts.sites * 0.99) throw new Error(`All query returned ${a.sites} sites, expected ${opts.sites}`);
    log.push(`query today: ${t.sites} sites; all: ${a.sites} sites; first calls ${t.roundTrip.toFixed(1)} / ${a.roundTrip.toFixed(1)} ms`);

    // 4. Popup paint. The first open is the first extension page of this browser (cold).
    const opens: Marks[] = [];
    for (let i = 0; i < opts.opens; i++) opens.push(await openPopup(b, url));
    for (const [i, m] of opens.entries()) {
      log.push(
        `popup open ${i + 1}${i === 0 ? ' (cold)' : ''}: source ${m.source}, DOMContentLoaded ${m.dcl?.toFixed(1)}, IDB open ${m.idbOpenAt?.toFixed(1)}→${m.idbOpenDone?.toFixed(1)}, Today DOM ${m.todayDom?.toFixed(1)} / frame ${m.todayFrame?.toFixed(1)} ms (${m.todayRows} rows); ` +
          `All after click DOM ${(m.allDom! - m.clickAt!).toFixed(1)} / frame ${(m.allFrame! - m.clickAt!).toFixed(1)} ms (${m.allRows} rows, total ${m.allTotal})`,
      );
    }
    const floor: number[] = [];
    const chunk: number[] = [];
    for (let i = 0; i < 5; i++) {
      floor.push(await pageDcl(b, `chrome-extension://${b.extensionId}/bench-blank.html`));
      if (largestChunk) chunk.push(await pageDcl(b, `chrome-extension://${b.extensionId}/bench-largest-chunk.html`));
    }
    log.push(`blank extension page DOMContentLoaded: ${floor.map((x) => x.toFixed(1)).join(', ')} ms; with the largest chunk (${largestChunk?.name}): ${chunk.map((x) => x.toFixed(1)).join(', ')} ms`);
    const cold = opens[0]!;
    const warm = opens.slice(1);
    const todayWarm = median(warm.map((m) => m.todayFrame!));
    const allWarm = median(warm.map((m) => m.allFrame! - m.clickAt!));
    const todayCold = cold.todayFrame!;
    const allCold = cold.allFrame! - cold.clickAt!;
    const via = [...new Set(opens.map((m) => m.source))].join('/');
    const rows: Row[] = [
      { metric: `History import (replace): ${opts.days} days × ${opts.perDay} sites, ${fmtInt(opts.sites)} distinct (one run)`, value: fmtMs(imp.ms, 0), target: '—', pass: null },
      { metric: `Popup: navigation start → Today painted, warm (median of ${warm.length}; data via ${via})`, value: fmtMs(todayWarm), target: '< 100 ms', pass: todayWarm < 100 },
      { metric: 'Popup: navigation start → Today painted, cold (first extension page of the browser)', value: fmtMs(todayCold), target: '< 100 ms', pass: todayCold < 100 },
      { metric: `Popup: click All → All painted, warm (median of ${warm.length})`, value: fmtMs(allWarm), target: '< 100 ms', pass: allWarm < 100 },
      { metric: 'Popup: click All → All painted, cold (first extension page of the browser)', value: fmtMs(allCold), target: '< 100 ms', pass: allCold < 100 },
      { metric: 'Popup breakdown, warm median: navigation start → DOMContentLoaded (page + module scripts, before any data)', value: fmtMs(median(warm.map((m) => m.dcl!))), target: '—', pass: null },
      { metric: 'Popup breakdown, warm median: IndexedDB open started → Today painted (open + query + render)', value: fmtMs(median(warm.map((m) => m.todayFrame! - m.idbOpenAt!))), target: '—', pass: null },
      { metric: 'Floor: a blank extension page (no scripts), navigation start → DOMContentLoaded (median of 5)', value: fmtMs(median(floor)), target: '—', pass: null },
      ...(largestChunk
        ? [{ metric: `Floor + the build's largest chunk only (${largestChunk.name}, ${Math.round(largestChunk.bytes / 1024)} KB, ${popupScripts.files.includes(largestChunk.name) ? '' : 'not '}loaded by the popup), → DOMContentLoaded (median of 5)`, value: fmtMs(median(chunk)), target: '—', pass: null }]
        : []),
      // A budget, so a module that drags the public-suffix list (tldts, 270 KB) into the shared chunk shows.
      { metric: `Popup: JS + CSS it loads, gzip (${popupScripts.files.length} files: ${popupScripts.files.join(', ')}; ${Math.round(popupScripts.bytes / 1024)} KB as stored)`, value: `${(popupScripts.gzip / 1024).toFixed(1)} KB`, target: '< 30 KB', pass: popupScripts.gzip < 30 * 1024 },
      { metric: `Popup: navigation start → All painted (Today painted + click), warm median`, value: fmtMs(median(warm.map((m) => m.allFrame!))), target: '—', pass: null },
    ];
    for (const [key, label] of [['today', 'Today'], ['all', 'All']] as const) {
      const xs = q[key];
      const warmQ = xs.slice(1);
      rows.push({
        metric: `query command, ${label} (${fmtInt(xs[0]!.sites)} sites): worker round trip, warm median of ${warmQ.length} (first call)`,
        value: `${fmtMs(median(warmQ.map((x) => x.roundTrip)))} (${fmtMs(xs[0]!.roundTrip)})`,
        target: '—',
        pass: null,
      });
      rows.push({ metric: `query command, ${label}: time inside the worker, warm median`, value: fmtMs(median(warmQ.map((x) => x.inWorker))), target: '—', pass: null });
    }
    rows.push({ metric: `Diagnostic: reading the rows All needs (getAll of ${fmtInt(opts.sites)} siteTotals + dayTotals, deserialized), median`, value: fmtMs(median(rawAll)), target: '—', pass: null });
    // 6. The dashboard on the same history: overview painted, then search.
    for (const part of [await measureOverview(b, { opens: Math.max(3, opts.opens - 1) }), await measureSearch(b, { rows: opts.days * opts.perDay, keystrokes: opts.queries })]) {
      rows.push(...part.rows);
      log.push(...part.log);
    }
    return { rows, log };
  } finally {
    await b.close();
  }
}
