// Per-site daily limits, pure: how much of a site's allowance is left today, when it will run out
// if the site stays in front, and when it comes back. The time that counts is Dwell's own (the
// live read model the popup shows: stored + pending + the open visit at `at`), so a limit agrees
// to the second with the popup. docs/COUNTING.md "Daily limits" is the rule in words.
//
// A rule may hold only inside a window of the day in whole local hours (09:00–17:00): then only
// the time spent inside the window counts toward it — read from the hourly slots (core/hours.ts),
// exact to the ms — and it blocks only inside the window.
import type { Day } from './aggregates.ts';
import { DAY_MS, dayOf } from './days.ts';
import { HOUR_MS } from './hours.ts';

/** Local hours [from, to): 0 ≤ from < to ≤ 24 (to = 24: until midnight). */
export interface LimitWindow {
  from: number;
  to: number;
}

/** One rule as stored: a site (registrable domain), minutes per day, optionally only on some
 *  weekdays (0 = Sunday … 6 = Saturday, of the local day) and only inside a window of the day. */
export interface SiteLimit {
  site: string;
  minutes: number;
  weekdays?: number[];
  window?: LimitWindow;
}

export const MINUTE_MS = 60_000;
/** A warning this long before the limit, unless told otherwise. */
export const DEFAULT_WARN_MS = 5 * MINUTE_MS;
/** What "5 more minutes" adds, once per limit per day. */
export const SNOOZE_MS = 5 * MINUTE_MS;

/** Weekday of a day label, 0 = Sunday (the label is a calendar date: no zone involved). */
export const weekdayOf = (day: Day): number => new Date(`${day}T00:00:00Z`).getUTCDay();

/** A daily limit on a category of sites (core/categories.ts): their time together counts. */
export interface CategoryLimit {
  category: string;
  minutes: number;
  weekdays?: number[];
  window?: LimitWindow;
}

type Rule = Pick<SiteLimit, 'minutes' | 'weekdays' | 'window'>;

/** "9-17", or "all" for a rule without a window: rules with different windows are separate limits. */
export const windowKey = (w: LimitWindow | undefined): string => (w ? `${w.from}-${w.to}` : 'all');

/** The ms of a day's hourly slots inside the window (all of `ms` for a rule without one). */
export function msInWindow(ms: number, hours: readonly number[] | undefined, w: LimitWindow | undefined): number {
  if (!w) return ms;
  let sum = 0;
  for (let h = w.from; h < w.to; h++) sum += hours?.[h] ?? 0;
  return sum;
}

/** The instant the local clock shows `hour`:00 on `day` (by the offset in force there). */
export function localHourStart(day: Day, hour: number, tzAt: (t: number) => number): number {
  const wall = Date.parse(`${day}T00:00:00Z`) + hour * HOUR_MS;
  let t = wall - tzAt(wall) * MINUTE_MS;
  for (let i = 0; i < 3; i++) t = wall - tzAt(t) * MINUTE_MS;
  return t;
}

export const appliesOn = (rule: Rule, day: Day): boolean => !rule.weekdays || rule.weekdays.includes(weekdayOf(day));

/** Of the rules that apply on `day`, the stricter (fewer minutes) per window: a rule for the
 *  whole day and one for 09:00–17:00 both hold, each on its own time. */
function strictestOn<R extends Rule>(rules: readonly R[], day: Day): R[] {
  const best = new Map<string, R>();
  for (const r of rules) {
    const k = windowKey(r.window);
    const b = best.get(k);
    if (appliesOn(r, day) && (!b || r.minutes < b.minutes)) best.set(k, r);
  }
  return [...best.values()];
}

/** The rules in force for `site` on `day`: of those that apply, the stricter (fewer minutes) of
 *  each window. */
export const rulesFor = (rules: readonly SiteLimit[], site: string, day: Day): SiteLimit[] =>
  strictestOn(rules.filter((r) => r.site === site), day);

/** The same for a category's own rules. */
export const categoryRulesFor = (rules: readonly CategoryLimit[], category: string, day: Day): CategoryLimit[] =>
  strictestOn(rules.filter((r) => r.category === category), day);

/** The first instant after `t` whose local day (by the offset in force at that instant, as the
 *  fold's days are) is another day than t's. On a DST day the offset at midnight can differ from
 *  the offset now, so the candidate is recomputed with the offset found there until it settles. */
export function nextMidnight(t: number, tzAt: (t: number) => number): number {
  const today = dayOf(t, tzAt(t));
  let tz = tzAt(t);
  let candidate = t;
  for (let i = 0; i < 4; i++) {
    const shift = tz * MINUTE_MS;
    candidate = (Math.floor((t + shift) / DAY_MS) + 1) * DAY_MS - shift;
    const there = tzAt(candidate);
    if (there === tz) break;
    tz = there;
  }
  // A zone whose change lands on midnight itself can leave the candidate still on `today`, or
  // already past an earlier day change: step to the exact first instant of another day.
  while (dayOf(candidate, tzAt(candidate)) === today) candidate += MINUTE_MS;
  return candidate;
}

export interface LimitInput {
  rule: Rule;
  /** When usedMs was read. */
  at: number;
  /** Offset in minutes east of UTC at any instant (Clock.tzOffset). */
  tzAt: (t: number) => number;
  /** The site's counted ms on at's local day, at `at` (stored + pending + open visit) — inside
   *  the rule's window when it has one (msInWindow). */
  usedMs: number;
  /** The site is what counts at `at` (the open visit is on it): its time grows 1 ms per ms. */
  counting: boolean;
  /** "5 more minutes" taken today for this limit. */
  snoozed?: boolean;
  /** The allowance in force when the site was blocked today, if it was: a block holds until the
   *  allowance grows past it (a snooze) or the day ends, even if idle back-dating later lowers the
   *  counted time. */
  blockedAt?: number | null;
  warnMs?: number;
}

export interface LimitStatus {
  day: Day;
  allowanceMs: number;
  usedMs: number;
  remainingMs: number;
  blocked: boolean;
  /** When the limit is reached if the site stays in front; null when it is not counting, already
   *  blocked, or would only reach it after the day ends. */
  reachAt: number | null;
  /** When the warning is due (never before `at`); null as reachAt. */
  warnAt: number | null;
  /** The rule holds now (always, for a rule without a window; inside its window otherwise). */
  active: boolean;
  /** When the block (were it in force) lifts: a new day's allowance, or the end of the rule's
   *  window while inside it. */
  resetAt: number;
}

export function limitStatus(input: LimitInput): LimitStatus {
  const { rule, at, tzAt, usedMs, counting } = input;
  const day = dayOf(at, tzAt(at));
  const allowanceMs = rule.minutes * MINUTE_MS + (input.snoozed ? SNOOZE_MS : 0);
  const remainingMs = Math.max(0, allowanceMs - usedMs);
  const midnight = nextMidnight(at, tzAt);
  // Without a window the rule holds from now to midnight; with one, inside it only.
  const w = rule.window;
  const opens = w ? Math.max(at, localHourStart(day, w.from, tzAt)) : at;
  const closes = w && w.to < 24 ? Math.min(midnight, localHourStart(day, w.to, tzAt)) : midnight;
  const inside = at >= opens && at < closes;
  const resetAt = inside && w ? closes : midnight;
  const held = input.blockedAt != null && input.blockedAt >= allowanceMs;
  const blocked = inside && (remainingMs === 0 || held);
  const reach = opens + remainingMs;
  const reachAt = counting && !blocked && at < closes && reach < closes ? reach : null;
  const warnAt = reachAt === null ? null : Math.max(at, reachAt - (input.warnMs ?? DEFAULT_WARN_MS));
  return { day, allowanceMs, usedMs, remainingMs, blocked, active: inside, reachAt, warnAt, resetAt };
}
