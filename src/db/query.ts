// Live totals: stored aggregates + the events not yet aggregated, folded read-only with the same
// fold, + the open visit closed virtually at `now`. Used by the worker's `query` command and by
// the popup directly (read-only: no worker round trip, works while the worker is stopped).
import type { PageStat, QueryResult, Range, SiteStat } from '../core/api.ts';
import type { DayRow, DayTotalRow, Hours, SiteTotalRow } from '../core/aggregates.ts';
import { addHours } from '../core/hours.ts';
import { closeVirtually } from '../core/fold.ts';
import { mergeContributions } from '../core/merge.ts';
import { dayOf, localOffset } from '../core/days.ts';
import { txOf, type Tx } from './tx.ts';
import type { DwellDb } from './open.ts';
import { readCursor } from './meta.ts';
import { refold } from './refold.ts';
import { dayRange } from './aggregates.ts';

type LiveStores = ['meta', 'events', 'days', 'siteTotals', 'dayTotals'];

export interface LiveOptions {
  pages?: boolean | string;
  now?: number;
  /** Offset in minutes east of UTC for "today" (default: this machine's now). */
  tzOffset?: number;
  /** Pending events folded per read (memory stays bounded whatever the backlog). */
  chunk?: number;
  /** For 'all': answer only the `limit` largest sites and sum the rest into `beyond` (the popup
   *  shows 20 of 10,000: reading every site total was most of its time). */
  limit?: number;
}

/** The pending events folded onto the stored cursor, then the open visit closed at `now` (or at
 *  the last evidence, when `now` is past a gap or before the last event: nothing is counted
 *  across a sleep the log has not seen yet). */
async function livePart(tx: Tx<LiveStores, 'readonly'>, now: number, chunk: number) {
  const cursor = await readCursor(tx);
  const live = await refold(tx, cursor.state, cursor.watermark, Number.POSITIVE_INFINITY, chunk);
  const lastT = live.state.lastT;
  const until = lastT !== null && (now < lastT || now - lastT > live.state.gapMs) ? lastT : now;
  mergeContributions(closeVirtually(live.state, until).contributions, live.deltas);
  return { deltas: live.deltas, state: live.state, pending: live.read };
}

const inRange = (day: string, range: Range): boolean => range === 'all' || (day >= range.from && day <= range.to);

export async function liveQuery(db: DwellDb, range: Range, opts: LiveOptions = {}): Promise<QueryResult> {
  const now = opts.now ?? Date.now();
  const tz = opts.tzOffset ?? localOffset(now);
  const today = dayOf(now, tz);
  const tx = txOf(db, ['meta', 'events', 'days', 'siteTotals', 'dayTotals'] as LiveStores, 'readonly');
  const top = range === 'all' && opts.limit !== undefined && !opts.pages;
  // The stored rows do not depend on the live part: asked for in the same breath, they arrive
  // while the pending events fold (one round trip fewer on the popup's first paint).
  const storedRows = top ? null : readRange(tx, range);
  storedRows?.catch(() => undefined); // awaited below; a failed fold must not leave it unhandled
  const live = await livePart(tx, now, opts.chunk ?? 1000);
  const v = live.state.visit;
  // The open visit's stored time today: among the range's rows when the range holds today, else
  // one more request in this transaction.
  const coversToday = range !== 'all' && range.from <= today && today <= range.to;
  const storedToday = v && !coversToday ? tx.objectStore('days').get([today, v.domain]) : undefined;

  const sites = new Map<string, SiteStat>();
  const daily = new Map<string, { day: string; ms: number; hours?: Hours }>();
  const addSite = (domain: string, ms: number, visits: number, hours?: Hours) => {
    const s = sites.get(domain) ?? { domain, ms: 0, visits: 0 };
    s.ms += ms;
    s.visits += visits;
    if (hours) s.hours = addHours(s.hours, hours);
    sites.set(domain, s);
  };
  const addDay = (day: string, ms: number, hours?: Hours) => {
    const d = daily.get(day) ?? { day, ms: 0 };
    d.ms += ms;
    if (hours) d.hours = addHours(d.hours, hours);
    daily.set(day, d);
  };
  let rangeRows: DayRow[] | null = null;
  let stored: { count: number; unstored: string[] } | null = null;
  if (storedRows === null) {
    const [largest, dayRows] = await Promise.all([largestSites(tx, opts.limit!, live.deltas.days.values()), tx.objectStore('dayTotals').getAll()]);
    for (const r of largest.rows) addSite(r.domain, r.ms, r.visits, r.hours);
    for (const r of dayRows) addDay(r.day, r.ms, r.hours);
    stored = { count: largest.count, unstored: largest.unstored };
  } else {
    const got = await storedRows;
    if (range !== 'all') rangeRows = got.sites as DayRow[];
    for (const r of got.sites) addSite(r.domain, r.ms, r.visits, r.hours);
    for (const r of got.days) addDay(r.day, r.ms, r.hours);
  }
  for (const d of live.deltas.days.values()) {
    if (!inRange(d.day, range)) continue;
    addSite(d.domain, d.ms, d.visits, d.hours);
    addDay(d.day, d.ms, d.hours);
  }

  if (opts.pages) {
    const pageRows = await readPages(tx, range, opts.pages, rangeRows);
    const byDomain = new Map<string, Map<string, PageStat>>();
    const add = (domain: string, url: string, p: { title: string; ms: number; visits: number; other?: boolean }) => {
      const m = byDomain.get(domain) ?? new Map<string, PageStat>();
      const s = m.get(url) ?? { url, title: p.title, ms: 0, visits: 0, ...(p.other ? { other: true } : {}) };
      s.ms += p.ms;
      s.visits += p.visits;
      if (p.title) s.title = p.title;
      m.set(url, s);
      byDomain.set(domain, m);
    };
    for (const r of pageRows) for (const [url, p] of Object.entries(r.pages)) add(r.domain, url, p);
    for (const p of live.deltas.pages.values()) {
      if (inRange(p.day, range) && (opts.pages === true || opts.pages === p.domain)) add(p.domain, p.url, p);
    }
    for (const [domain, m] of byDomain) {
      const site = sites.get(domain);
      if (site) site.pages = [...m.values()].sort((a, b) => b.ms - a.ms);
    }
  }
  const storedTodayRow = coversToday ? rangeRows?.find((r) => r.day === today && r.domain === v?.domain) : await storedToday;
  await tx.done;

  const todayMs = (domain: string): number => {
    let ms = 0;
    for (const d of live.deltas.days.values()) if (d.day === today && d.domain === domain) ms += d.ms;
    return ms;
  };
  let current: QueryResult['current'] = null;
  if (v) current = { domain: v.domain, url: v.page, title: v.title, msToday: (storedTodayRow?.ms ?? 0) + todayMs(v.domain) };
  const siteList = [...sites.values()].filter((s) => s.ms > 0 || s.visits > 0).sort((a, b) => b.ms - a.ms || (a.domain < b.domain ? -1 : 1));
  const dailyMs = [...daily.values()].reduce((a, d) => a + d.ms, 0);
  const shown = stored && opts.limit !== undefined ? siteList.slice(0, opts.limit) : siteList;
  const totalMs = stored ? dailyMs : siteList.reduce((a, s) => a + s.ms, 0);
  const shownMs = shown.reduce((a, s) => a + s.ms, 0);
  return {
    range,
    now,
    today,
    totalMs,
    sites: shown,
    ...(stored ? { beyond: { count: stored.count + stored.unstored.filter((d) => (sites.get(d)?.ms ?? 0) > 0).length - shown.filter((x) => x.ms > 0).length, ms: totalMs - shownMs } } : {}),
    daily: [...daily.values()].filter((d) => d.ms > 0).sort((a, b) => (a.day < b.day ? -1 : 1)),
    current,
    pending: live.pending,
  };
}

/** The stored rows of a range: for "All" the rollups (without touching the per-day rows), else
 *  the day × site rows and day totals of its days. */
async function readRange(tx: Tx<LiveStores, 'readonly'>, range: Range): Promise<{ sites: Array<SiteTotalRow | DayRow>; days: DayTotalRow[] }> {
  const [sites, days] = await Promise.all(
    range === 'all'
      ? [tx.objectStore('siteTotals').getAll(), tx.objectStore('dayTotals').getAll()]
      : [tx.objectStore('days').getAll(dayRange(range.from, range.to)), tx.objectStore('dayTotals').getAll(IDBKeyRange.bound(range.from, range.to))],
  );
  return { sites, days };
}

/** The stored site totals that can be among the `limit` largest once the live part is added:
 *  the largest `limit` by the byMs index (and any tied with the last, so the order by name is
 *  exact), plus the stored row of every site the live part adds time to. `count`: the stored
 *  sites with time; `unstored`: sites only the live part knows. */
async function largestSites(tx: Tx<LiveStores, 'readonly'>, limit: number, live: Iterable<{ domain: string }>): Promise<{ rows: SiteTotalRow[]; count: number; unstored: string[] }> {
  const store = tx.objectStore('siteTotals');
  const rows = new Map<string, SiteTotalRow>();
  let last: number | null = null;
  for (let c = await store.index('byMs').openCursor(null, 'prev'); c; c = await c.continue()) {
    if (rows.size >= limit && c.value.ms !== last) break;
    rows.set(c.value.domain, c.value);
    last = c.value.ms;
  }
  const touched = [...new Set([...live].map((d) => d.domain))].filter((d) => !rows.has(d));
  const [extra, count] = await Promise.all([Promise.all(touched.map((d) => store.get(d))), store.index('byMs').count(IDBKeyRange.lowerBound(0, true))]);
  extra.forEach((r) => r && rows.set(r.domain, r));
  return { rows: [...rows.values()], count, unstored: touched.filter((_, i) => !extra[i]) };
}

/** Site-day rows whose pages the answer needs (the range's rows are already read). */
async function readPages(tx: Tx<LiveStores, 'readonly'>, range: Range, which: true | string, rangeRows: DayRow[] | null): Promise<DayRow[]> {
  if (rangeRows) return which === true ? rangeRows : rangeRows.filter((r) => r.domain === which);
  const days = tx.objectStore('days');
  return which === true ? days.getAll() : days.index('byDomain').getAll(which);
}
