// The aggregate store (days: one row per day × site, its pages inside) and its rollups
// (siteTotals, dayTotals): every change to days updates the rollups in the same transaction,
// so "All" never needs a scan.
import { inside, quiet, type Needs, type Tx } from './tx.ts';
import type { StoreName } from './schema.ts';
import { OTHER_URL, PAGE_CAP_PER_SITE_DAY, type DayRow, type Hours, type PageEntry } from '../core/aggregates.ts';
import { dayKey, type Deltas } from '../core/merge.ts';
import { cleanTitle } from '../core/title.ts';
import { addHours } from '../core/hours.ts';

const unique = <T,>(xs: T[]): T[] => [...new Set(xs)];

/** Adds a page's time to a site-day row; past the cap, pages fold into one "other" entry (tokens
 *  in paths must not grow the store without bound). The title is cleaned here too, whatever
 *  brought it (the fold, an import): no stored title keeps a query string. */
export function addPage(row: DayRow, url: string, title: string, ms: number, visits: number): void {
  let entry: PageEntry | undefined = row.pages[url];
  if (!entry) {
    const kept = Object.keys(row.pages).length - (OTHER_URL in row.pages ? 1 : 0);
    if (kept < PAGE_CAP_PER_SITE_DAY && url !== OTHER_URL) {
      entry = row.pages[url] = { title: cleanTitle(title), ms: 0, visits: 0 };
    } else {
      entry = row.pages[OTHER_URL] ??= { title: '', ms: 0, visits: 0, other: true };
    }
  }
  entry.ms += ms;
  entry.visits += visits;
  if (title && !entry.other) entry.title = cleanTitle(title);
}

type Rows = 'days' | 'siteTotals' | 'dayTotals';

export async function applyDeltas<S extends StoreName[]>(tx: Tx<S, 'readwrite'> & Needs<S, Rows>, d: Deltas): Promise<void> {
  if (d.days.size === 0) return;
  const t = inside(tx);
  const days = t.objectStore('days');
  const sites = t.objectStore('siteTotals');
  const totals = t.objectStore('dayTotals');
  const dayList = [...d.days.values()];
  const domains = unique(dayList.map((x) => x.domain));
  const dayNames = unique(dayList.map((x) => x.day));
  // All reads first, in parallel (one round trip), then all writes: one record per site-day.
  const [dayRows, siteRows, totalRows] = await Promise.all([
    Promise.all(dayList.map((x) => days.get([x.day, x.domain]))),
    Promise.all(domains.map((x) => sites.get(x))),
    Promise.all(dayNames.map((x) => totals.get(x))),
  ]);

  const rows = new Map<string, DayRow>();
  dayList.forEach((x, i) => {
    const row = dayRows[i] ?? { day: x.day, domain: x.domain, ms: 0, visits: 0, pages: {} };
    row.ms += x.ms;
    row.visits += x.visits;
    if (x.hours) row.hours = addHours(row.hours, x.hours);
    rows.set(dayKey(x.day, x.domain), row);
  });
  for (const p of d.pages.values()) {
    const row = rows.get(dayKey(p.day, p.domain));
    if (row) addPage(row, p.url, p.title, p.ms, p.visits);
  }
  for (const row of rows.values()) quiet(days.put(row));

  domains.forEach((domain, i) => {
    const row = siteRows[i] ?? { domain, ms: 0, visits: 0, firstDay: '9999-12-31', lastDay: '0000-01-01' };
    for (const x of dayList) {
      if (x.domain !== domain) continue;
      row.ms += x.ms;
      row.visits += x.visits;
      if (x.hours) row.hours = addHours(row.hours, x.hours);
      if (x.day < row.firstDay) row.firstDay = x.day;
      if (x.day > row.lastDay) row.lastDay = x.day;
    }
    quiet(sites.put(row));
  });

  dayNames.forEach((day, i) => {
    const row = totalRows[i] ?? { day, ms: 0 };
    for (const x of dayList) {
      if (x.day !== day) continue;
      row.ms += x.ms;
      if (x.hours) row.hours = addHours(row.hours, x.hours);
    }
    quiet(totals.put(row));
  });
}

/** The site-day rows of the days from..to (inclusive), in key order. */
export const dayRange = (from: string, to = from): IDBKeyRange => IDBKeyRange.bound([from, ''], [to, '\uffff']);

/** Recomputes siteTotals for these domains from the days store. */
export async function rebuildSiteTotals<S extends StoreName[]>(tx: Tx<S, 'readwrite'> & Needs<S, 'days' | 'siteTotals'>, domains: Iterable<string>): Promise<void> {
  const days = inside(tx).objectStore('days').index('byDomain');
  const sites = inside(tx).objectStore('siteTotals');
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
    let hours: Hours | undefined;
    for (const r of rows) {
      ms += r.ms;
      visits += r.visits;
      if (r.hours) hours = addHours(hours, r.hours);
      if (r.day < firstDay) firstDay = r.day;
      if (r.day > lastDay) lastDay = r.day;
    }
    quiet(sites.put({ domain, ms, visits, firstDay, lastDay, ...(hours ? { hours } : {}) }));
  });
}

/** Recomputes dayTotals for these days from the days store. */
export async function rebuildDayTotals<S extends StoreName[]>(tx: Tx<S, 'readwrite'> & Needs<S, 'days' | 'dayTotals'>, dayNames: Iterable<string>): Promise<void> {
  const days = inside(tx).objectStore('days');
  const totals = inside(tx).objectStore('dayTotals');
  const list = [...new Set(dayNames)];
  const rowsPer = await Promise.all(list.map((d) => days.getAll(dayRange(d))));
  list.forEach((day, i) => {
    const rows = rowsPer[i] ?? [];
    if (rows.length === 0) return quiet(totals.delete(day));
    let hours: Hours | undefined;
    for (const r of rows) if (r.hours) hours = addHours(hours, r.hours);
    quiet(totals.put({ day, ms: rows.reduce((a, r) => a + r.ms, 0), ...(hours ? { hours } : {}) }));
  });
}
