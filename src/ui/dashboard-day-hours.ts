// A range's time per day and local hour, for the charts of when time goes (pure, but for its
// reads): for everything, the read model's `daily[].hours` (the day rollups: no site-day row is
// read, so a year paints fast); for one site, its stored site-day rows; for a category, the rows
// of its sites. Days the stored rows cannot be trusted for — time not aggregated yet, the open
// visit: mostly today — are asked of the live read model, one day at a time, so "this hour" is
// live. A day's `ms − Σ hours` is its time without an hour (core/hours.ts), never spread.
import type { Day } from '../core/aggregates.ts';
import type { Range } from '../core/api.ts';
import { categoryLookup, type Category } from '../core/categories.ts';
import { addHours } from '../core/hours.ts';
import { dayRange } from '../db/aggregates.ts';
import type { DwellDb } from '../db/open.ts';
import type { StatsSource } from './stats-source.ts';

/** One day's time, with its hourly slots when any of it has them. */
export interface DayHours {
  day: Day;
  ms: number;
  hours?: number[];
}

/** Everything, one site, or the sites of one category (by id; applied now, never stored). */
export type HourScope = { kind: 'all' } | { kind: 'site'; domain: string } | { kind: 'category'; id: string };

/** What the page reads besides the live query: stored rows, never a new store. */
export interface StoredHours {
  /** Every stored site-day row of one site (day, ms, hours). */
  siteRows(domain: string): Promise<ReadonlyArray<{ day: Day; ms: number; hours?: readonly number[] }>>;
  /** Every stored site-day row of the days from `from` to `to` (a category over a bounded range:
   *  those days' rows, not every row of its sites since the first day). */
  daysRows(from: Day, to: Day): Promise<ReadonlyArray<{ day: Day; domain: string; ms: number; hours?: readonly number[] }>>;
  /** Every site with a stored total (a category's sites are found among them). */
  domains(): Promise<string[]>;
  /** The stored per-day totals: a day whose live total differs has time not in any stored row. */
  dayTotals(): Promise<ReadonlyArray<{ day: Day; ms: number }>>;
}

/** The stored reads over a database (the dashboard passes its own lazy open). Each answers empty
 *  when the database cannot be read: every day is then asked of the live query instead. */
export function storedHoursIn(open: () => Promise<DwellDb>): StoredHours {
  const orEmpty = async <T>(read: (db: DwellDb) => Promise<T[]>): Promise<T[]> => {
    try {
      return await read(await open());
    } catch {
      return [];
    }
  };
  return {
    siteRows: (domain) => orEmpty((db) => db.getAllFromIndex('days', 'byDomain', domain)),
    daysRows: (from, to) => orEmpty((db) => db.getAll('days', dayRange(from, to))),
    domains: () => orEmpty((db) => db.getAllKeys('siteTotals')),
    dayTotals: () => orEmpty(async (db) => (await db.getAll('dayTotals')).map((r) => ({ day: r.day, ms: r.ms }))),
  };
}

/** When the database began keeping hourly slots (meta `hours`, written by the upgrade that added
 *  them); null when it cannot be read. */
export async function hoursSinceIn(open: () => Promise<DwellDb>): Promise<number | null> {
  try {
    const r = await (await open()).get('meta', 'hours');
    return r?.key === 'hours' ? r.since : null;
  } catch {
    return null;
  }
}

const add = (into: Map<Day, DayHours>, day: Day, ms: number, hours?: readonly number[]): void => {
  const d = into.get(day) ?? { day, ms: 0 };
  d.ms += ms;
  if (hours) d.hours = addHours(d.hours, hours);
  into.set(day, d);
};

/** The stored rows that can hold the scope's time in the range: a site's own rows (a few hundred
 *  at most); a category's, over a bounded range, the rows of those days (a category of thousands of
 *  sites would read nearly every row of the history site by site), over all history its sites'. */
async function storedRowsOf(stored: StoredHours, scope: Exclude<HourScope, { kind: 'all' }>, range: Range, matches: (domain: string) => boolean) {
  if (scope.kind === 'site') return stored.siteRows(scope.domain);
  if (range !== 'all') return (await stored.daysRows(range.from, range.to)).filter((r) => matches(r.domain));
  const domains = (await stored.domains()).filter(matches);
  return (await Promise.all(domains.map((d) => stored.siteRows(d)))).flat();
}

/** The scope's days in the range with time, ascending. */
export async function dayHoursOf(stats: StatsSource, stored: StoredHours, scope: HourScope, range: Range, categories: readonly Category[], now: number): Promise<DayHours[]> {
  const inRange = (day: Day): boolean => range === 'all' || (day >= range.from && day <= range.to);
  // limit 0: no site total is read, only the day rollups and the live part.
  const everything = await stats.query('all', { limit: 0, now });
  const daily = everything.daily.filter((d) => inRange(d.day));
  if (scope.kind === 'all') return daily.map((d) => ({ day: d.day, ms: d.ms, ...(d.hours ? { hours: [...d.hours] } : {}) }));

  const categoryOf = categoryLookup(categories);
  const matches = scope.kind === 'site' ? (domain: string) => domain === scope.domain : (domain: string) => categoryOf(domain) === scope.id;
  const [rows, totals] = await Promise.all([storedRowsOf(stored, scope, range, matches), stored.dayTotals()]);
  const storedMs = new Map(totals.map((t) => [t.day, t.ms]));
  const liveDays = new Set(daily.filter((d) => (storedMs.get(d.day) ?? 0) !== d.ms).map((d) => d.day));

  const byDay = new Map<Day, DayHours>();
  for (const r of rows) if (inRange(r.day) && !liveDays.has(r.day)) add(byDay, r.day, r.ms, r.hours);
  const live = await Promise.all([...liveDays].map(async (day) => ({ day, q: await stats.query({ from: day, to: day }, { now }) })));
  for (const { day, q } of live) for (const s of q.sites) if (matches(s.domain)) add(byDay, day, s.ms, s.hours);
  return [...byDay.values()].filter((d) => d.ms > 0).sort((a, b) => (a.day < b.day ? -1 : 1));
}
