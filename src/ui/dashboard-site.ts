// Site detail (pure): totals, average visit, first and last day seen, the daily series and the
// pages with links that open them.
import type { Day, DayRow } from '../core/aggregates.ts';
import { OTHER_URL } from '../core/aggregates.ts';
import type { SiteStat } from '../core/api.ts';
import { buildBars, type BarChart } from './dashboard-bars.ts';
import { displayPath, formatDay, formatDuration, formatNumber, neutralizeBidi } from './format.ts';

export interface PageLine {
  title: string;
  path: string;
  time: string;
  visits: string;
  /** Only an https page gets a link, and only its origin + path (what Dwell stores anyway). */
  href: string | null;
  other: boolean;
}

export interface SiteView {
  domain: string;
  time: string;
  visits: string;
  averageVisit: string;
  firstDay: string;
  lastDay: string;
  pages: PageLine[];
  chart: BarChart | null;
}

/** An https URL reduced to origin + path; null for anything else (javascript:, http:, junk). */
export function safeHref(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' || !u.hostname) return null;
  return u.origin + u.pathname;
}

/** The site's time per day from its stored site-day rows, with the live answer for `today` (the
 *  events not yet aggregated are today's, almost always) put in place of the stored value. */
export function siteSeries(rows: ReadonlyArray<Pick<DayRow, 'day' | 'ms'>>, today: Day, liveToday: number | null): Array<{ day: Day; ms: number }> {
  const byDay = new Map<Day, number>();
  for (const r of rows) byDay.set(r.day, (byDay.get(r.day) ?? 0) + r.ms);
  if (liveToday !== null) byDay.set(today, liveToday);
  return [...byDay].filter(([, ms]) => ms > 0).sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, ms]) => ({ day, ms }));
}

export function buildSiteView(domain: string, stat: SiteStat | undefined, series: ReadonlyArray<{ day: Day; ms: number }>, span: { from: Day; to: Day } | null, otherLabel: string, locale?: string): SiteView {
  const ms = stat?.ms ?? 0;
  const visits = stat?.visits ?? 0;
  const first = series[0]?.day;
  const last = series[series.length - 1]?.day;
  return {
    domain,
    time: formatDuration(ms, locale),
    visits: formatNumber(visits, locale),
    averageVisit: formatDuration(visits > 0 ? ms / visits : 0, locale),
    firstDay: first ? formatDay(first, locale) : '—',
    lastDay: last ? formatDay(last, locale) : '—',
    pages: (stat?.pages ?? []).map((p) => {
      const other = p.other === true || p.url === OTHER_URL;
      return {
        title: other ? otherLabel : neutralizeBidi(p.title) || displayPath(p.url),
        path: other ? '' : displayPath(p.url),
        time: formatDuration(p.ms, locale),
        visits: formatNumber(p.visits, locale),
        href: other ? null : safeHref(p.url),
        other,
      };
    }),
    chart: span ? buildBars(series, span.from, span.to, { width: 640, height: 100, gap: 2 }, locale) : null,
  };
}
