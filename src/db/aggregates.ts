// The aggregate stores (days, pages) and their rollups (siteTotals, dayTotals): every change to
// days/pages updates the rollups in the same transaction, so "All" never needs a scan.
import { quiet } from './schema.ts';
import { OTHER_URL, PAGE_CAP_PER_SITE_DAY, type DayRow, type PageRow } from '../core/aggregates.ts';
import { dayKey, type Deltas, type PageDelta } from '../core/merge.ts';
import type { AnyTx } from './schema.ts';

const unique = <T,>(xs: T[]): T[] => [...new Set(xs)];

export async function applyDeltas(tx: AnyTx<'readwrite'>, d: Deltas): Promise<void> {
  if (d.days.size === 0) return;
  const days = tx.objectStore('days');
  const pages = tx.objectStore('pages');
  const sites = tx.objectStore('siteTotals');
  const totals = tx.objectStore('dayTotals');
  const dayList = [...d.days.values()];
  const pageList = [...d.pages.values()];
  const domains = unique(dayList.map((x) => x.domain));
  const dayNames = unique(dayList.map((x) => x.day));
  // All reads first, in parallel (one round trip), then all writes.
  const [dayRows, pageRows, siteRows, totalRows] = await Promise.all([
    Promise.all(dayList.map((x) => days.get([x.day, x.domain]))),
    Promise.all(pageList.map((x) => pages.get([x.day, x.domain, x.url]))),
    Promise.all(domains.map((x) => sites.get(x))),
    Promise.all(dayNames.map((x) => totals.get(x))),
  ]);

  const dayMap = new Map<string, DayRow>();
  dayList.forEach((x, i) => {
    const row = dayRows[i] ?? { day: x.day, domain: x.domain, ms: 0, visits: 0, pages: 0 };
    row.ms += x.ms;
    row.visits += x.visits;
    dayMap.set(dayKey(x.day, x.domain), row);
  });

  // Pages past the cap fold into one "other" row per day × site: tokens in paths must not grow
  // the store without bound.
  const overflow = new Map<string, PageDelta>();
  pageList.forEach((x, i) => {
    const existing = pageRows[i];
    if (existing) {
      existing.ms += x.ms;
      existing.visits += x.visits;
      if (x.title) existing.title = x.title;
      quiet(pages.put(existing));
      return;
    }
    const dayRow = dayMap.get(dayKey(x.day, x.domain));
    if (dayRow && dayRow.pages < PAGE_CAP_PER_SITE_DAY) {
      dayRow.pages += 1;
      quiet(pages.put({ day: x.day, domain: x.domain, url: x.url, title: x.title, ms: x.ms, visits: x.visits }));
      return;
    }
    const k = dayKey(x.day, x.domain);
    const o = overflow.get(k) ?? { day: x.day, domain: x.domain, url: OTHER_URL, title: '', ms: 0, visits: 0 };
    o.ms += x.ms;
    o.visits += x.visits;
    overflow.set(k, o);
  });
  if (overflow.size > 0) {
    const list = [...overflow.values()];
    const rows = await Promise.all(list.map((o) => pages.get([o.day, o.domain, OTHER_URL])));
    list.forEach((o, i) => {
      const row: PageRow = rows[i] ?? { day: o.day, domain: o.domain, url: OTHER_URL, title: '', ms: 0, visits: 0, other: true };
      row.ms += o.ms;
      row.visits += o.visits;
      quiet(pages.put(row));
    });
  }

  for (const row of dayMap.values()) quiet(days.put(row));

  domains.forEach((domain, i) => {
    const row = siteRows[i] ?? { domain, ms: 0, visits: 0, firstDay: '9999-12-31', lastDay: '0000-01-01' };
    for (const x of dayList) {
      if (x.domain !== domain) continue;
      row.ms += x.ms;
      row.visits += x.visits;
      if (x.day < row.firstDay) row.firstDay = x.day;
      if (x.day > row.lastDay) row.lastDay = x.day;
    }
    quiet(sites.put(row));
  });

  dayNames.forEach((day, i) => {
    const row = totalRows[i] ?? { day, ms: 0 };
    for (const x of dayList) if (x.day === day) row.ms += x.ms;
    quiet(totals.put(row));
  });
}

export const dayRange = (day: string): IDBKeyRange => IDBKeyRange.bound([day, ''], [day, '\uffff']);
export const dayPagesRange = (day: string, domain: string): IDBKeyRange =>
  IDBKeyRange.bound([day, domain, ''], [day, domain, '\uffff']);

/** Recomputes siteTotals for these domains from the days store. */
export async function rebuildSiteTotals(tx: AnyTx<'readwrite'>, domains: Iterable<string>): Promise<void> {
  const days = tx.objectStore('days').index('byDomain');
  const sites = tx.objectStore('siteTotals');
  const list = [...new Set(domains)];
  const rowsPer = await Promise.all(list.map((d) => days.getAll(d)));
  list.forEach((domain, i) => {
    const rows = rowsPer[i] ?? [];
    if (rows.length === 0) {
      quiet(sites.delete(domain));
      return;
    }
    let ms = 0;
    let visits = 0;
    let firstDay = '9999-12-31';
    let lastDay = '0000-01-01';
    for (const r of rows) {
      ms += r.ms;
      visits += r.visits;
      if (r.day < firstDay) firstDay = r.day;
      if (r.day > lastDay) lastDay = r.day;
    }
    quiet(sites.put({ domain, ms, visits, firstDay, lastDay }));
  });
}

/** Recomputes dayTotals for these days from the days store. */
export async function rebuildDayTotals(tx: AnyTx<'readwrite'>, dayNames: Iterable<string>): Promise<void> {
  const days = tx.objectStore('days');
  const totals = tx.objectStore('dayTotals');
  const list = [...new Set(dayNames)];
  const rowsPer = await Promise.all(list.map((d) => days.getAll(dayRange(d))));
  list.forEach((day, i) => {
    const rows = rowsPer[i] ?? [];
    if (rows.length === 0) quiet(totals.delete(day));
    else quiet(totals.put({ day, ms: rows.reduce((a, r) => a + r.ms, 0) }));
  });
}
