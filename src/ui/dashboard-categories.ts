// The dashboard's categories (pure, but for the read of a range's site-days): time per category
// for a range, the top categories, and the daily bars stacked by category. Categories are applied
// here, when the view is built (core/categories.ts), never stored: a changed rule regroups all
// history the next time a view is drawn.
import type { Day } from '../core/aggregates.ts';
import type { Range, SiteStat } from '../core/api.ts';
import { categoryLookup, type Category } from '../core/categories.ts';
import { buildBars, type BarChart } from './dashboard-bars.ts';
import { formatDuration, formatShare, shareOf } from './format.ts';
import type { StatsSource } from './stats-source.ts';

export interface CategoryTotal {
  /** null: "Uncategorised". */
  id: string | null;
  /** Empty for "Uncategorised": the page names it in the user's language. */
  name: string;
  /** null for "Uncategorised": drawn in the theme's bar colour. */
  colour: string | null;
  ms: number;
  sites: number;
}

/** Time per category over these sites, largest first (ties: the categories' own order, then
 *  Uncategorised). Every category is listed, those without time too; Uncategorised only with time. */
export function categoryTotals(sites: ReadonlyArray<Pick<SiteStat, 'domain' | 'ms'>>, categories: readonly Category[]): CategoryTotal[] {
  const of = categoryLookup(categories);
  const totals = new Map<string | null, CategoryTotal>(categories.map((c) => [c.id, { id: c.id, name: c.name, colour: c.colour, ms: 0, sites: 0 }]));
  const none: CategoryTotal = { id: null, name: '', colour: null, ms: 0, sites: 0 };
  for (const s of sites) {
    const t = totals.get(of(s.domain)) ?? none;
    t.ms += s.ms;
    t.sites += 1;
  }
  const order = [...totals.values(), ...(none.ms > 0 ? [none] : [])];
  return order.map((t, i) => ({ t, i })).sort((a, b) => b.t.ms - a.t.ms || a.i - b.i).map(({ t }) => t);
}

export interface TopCategory extends CategoryTotal {
  time: string;
  share: string;
  /** 0..1 of the largest category (bar length). */
  fill: number;
}

/** The categories with time, as rows: shares of `totalMs`, bars scaled to the first. */
export function topCategories(totals: readonly CategoryTotal[], totalMs: number, locale?: string, n = 10): TopCategory[] {
  const rows = totals.filter((t) => t.ms > 0).slice(0, n);
  const largest = rows[0]?.ms ?? 0;
  return rows.map((t) => ({ ...t, time: formatDuration(t.ms, locale), share: formatShare(shareOf(t.ms, totalMs), locale), fill: shareOf(t.ms, largest) }));
}

/** A site's time on one day. */
export interface DaySite {
  day: Day;
  domain: string;
  ms: number;
  /** Its local-hour slots, when the stored row has them (core/hours.ts). */
  hours?: readonly number[];
}

export interface Segment {
  /** The category's id, or null for Uncategorised. */
  id: string | null;
  colour: string | null;
  ms: number;
  y: number;
  height: number;
  /** Bar label, category and time: the segment's <title>. */
  text: string;
}

export interface StackedChart extends BarChart {
  /** Per bar (same order as `bars`), bottom to top in legend order. */
  segments: Segment[][];
  /** The categories that have time in the chart, in stacking order. */
  legend: Array<{ id: string | null; name: string; colour: string | null }>;
  /** The text equivalent: per bucket, the time of each legend entry (same order). */
  table: Array<{ label: string; total: string; times: string[] }>;
}

/** Daily (or monthly) bars of the site-days, each split by category. `uncategorised` is the
 *  name shown for sites no rule covers. The bars are those of buildBars over the same days, so the
 *  stacked chart and the plain one agree to the pixel. */
export function buildStackedBars(rows: readonly DaySite[], from: Day, to: Day, categories: readonly Category[], uncategorised: string, size: { width: number; height: number; gap: number }, locale?: string): StackedChart {
  const of = categoryLookup(categories);
  const daily = new Map<Day, number>();
  for (const r of rows) daily.set(r.day, (daily.get(r.day) ?? 0) + r.ms);
  const chart = buildBars([...daily].map(([day, ms]) => ({ day, ms })), from, to, size, locale);
  const keyOf = (day: Day): string => (chart.unit === 'day' ? day : day.slice(0, 7));
  const perBucket = new Map<string, Map<string | null, number>>();
  for (const r of rows) {
    const m = perBucket.get(keyOf(r.day)) ?? new Map<string | null, number>();
    const id = of(r.domain);
    m.set(id, (m.get(id) ?? 0) + r.ms);
    perBucket.set(keyOf(r.day), m);
  }
  const legend = [...categories.map((c) => ({ id: c.id, name: c.name, colour: c.colour })), { id: null, name: uncategorised, colour: null }]
    .filter((l) => [...perBucket.values()].some((m) => (m.get(l.id) ?? 0) > 0));
  const segments = chart.bars.map((b) => {
    const m = perBucket.get(b.key);
    let top = chart.height;
    return legend.flatMap((l) => {
      const ms = m?.get(l.id) ?? 0;
      if (ms <= 0 || b.ms <= 0) return [];
      const height = (b.height * ms) / b.ms;
      top -= height;
      return [{ id: l.id, colour: l.colour, ms, y: top, height, text: `${b.label}, ${l.name}: ${formatDuration(ms, locale)}` }];
    });
  });
  const table = chart.bars.map((b) => {
    const m = perBucket.get(b.key);
    return { label: b.label, total: formatDuration(b.ms, locale), times: legend.map((l) => formatDuration(m?.get(l.id) ?? 0, locale)) };
  });
  return { ...chart, segments, legend, table };
}

/** Every site-day of a bounded range with its live time, so the stacks add up to the range's
 *  numbers: the stored rows, and for each day where they fall short of the query's daily total
 *  (time not aggregated yet, the open visit: mostly today) that day's live sites instead. */
export async function liveDaySites(stored: (from: Day, to: Day) => Promise<DaySite[]>, stats: StatsSource, range: Exclude<Range, 'all'>, daily: ReadonlyArray<{ day: Day; ms: number }>, now: number): Promise<DaySite[]> {
  const rows = await stored(range.from, range.to);
  const storedMs = new Map<Day, number>();
  for (const r of rows) storedMs.set(r.day, (storedMs.get(r.day) ?? 0) + r.ms);
  const short = daily.filter((d) => (storedMs.get(d.day) ?? 0) !== d.ms).map((d) => d.day);
  const live = await Promise.all(short.map(async (day) => (await stats.query({ from: day, to: day }, { now })).sites.map((s) => ({ day, domain: s.domain, ms: s.ms, ...(s.hours ? { hours: s.hours } : {}) }))));
  const redone = new Set(short);
  return [...rows.filter((r) => !redone.has(r.day)), ...live.flat()];
}
