// The dashboard's overview of a range (pure): total, daily average, change against the period of
// the same length before it, the top sites and the bars.
import type { Day } from '../core/aggregates.ts';
import type { QueryResult, Range, SiteStat } from '../core/api.ts';
import { buildBars, type BarChart } from './dashboard-bars.ts';
import { formatDuration, formatShare, shareOf } from './format.ts';
import { dayDiff } from './range.ts';

export interface TopSite {
  domain: string;
  time: string;
  share: string;
  /** 0..1 of the largest site (bar length). */
  fill: number;
}

export interface Change {
  /** -0.25 for a quarter less; null when the previous period had no time at all. */
  ratio: number | null;
  direction: 'up' | 'down' | 'same' | 'new';
  /** "+12%", "−25%", "±0%"; empty for 'new'. */
  text: string;
}

export interface OverviewView {
  totalMs: number;
  totalText: string;
  days: number;
  averageText: string;
  /** null for "all" (nothing before it) */
  change: Change | null;
  top: TopSite[];
  siteCount: number;
  chart: BarChart | null;
  empty: boolean;
}

/** The days a range covers: "all" runs from the first day with time to today. */
export function boundedRange(range: Range, daily: ReadonlyArray<{ day: Day }>, today: Day): { from: Day; to: Day } {
  if (range !== 'all') return range;
  const first = daily[0]?.day ?? today;
  return { from: first < today ? first : today, to: today };
}

export function changeOf(now: number, before: number, locale?: string): Change {
  if (before <= 0) return { ratio: null, direction: now > 0 ? 'new' : 'same', text: now > 0 ? '' : formatShare(0, locale) };
  const ratio = (now - before) / before;
  const text = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format(ratio);
  const rounded = Math.round(ratio * 100);
  return { ratio, direction: rounded > 0 ? 'up' : rounded < 0 ? 'down' : 'same', text };
}

/** Rows for a list of sites sorted by time: bars scaled to the first (largest), shares of `total`. */
export function siteRows(sites: readonly SiteStat[], total: number, locale?: string): TopSite[] {
  const largest = sites[0]?.ms ?? 0;
  return sites.map((s) => ({
    domain: s.domain,
    time: formatDuration(s.ms, locale),
    share: formatShare(shareOf(s.ms, total), locale),
    fill: shareOf(s.ms, largest),
  }));
}

export function buildOverview(r: QueryResult, previous: QueryResult | null, locale?: string, topN = 10): OverviewView {
  const span = boundedRange(r.range, r.daily, r.today);
  const days = dayDiff(span.from, span.to) + 1;
  return {
    totalMs: r.totalMs,
    totalText: formatDuration(r.totalMs, locale),
    days,
    averageText: formatDuration(days > 0 ? r.totalMs / days : 0, locale),
    change: previous && r.range !== 'all' ? changeOf(r.totalMs, previous.totalMs, locale) : null,
    top: siteRows(r.sites.slice(0, topN), r.totalMs, locale),
    siteCount: r.sites.length,
    chart: days > 1 ? buildBars(r.daily, span.from, span.to, { width: 640, height: 120, gap: 2 }, locale) : null,
    empty: r.totalMs <= 0 && r.sites.length === 0,
  };
}
