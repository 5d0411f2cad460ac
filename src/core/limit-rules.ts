// What a stored per-site limit may hold, and why a typed one is refused. Pure and free of the
// public-suffix list (settings/normalize.ts reads every stored limit through normalizeSiteLimits
// in every page, the popup included); the options page maps a typed host to its site first
// (limit-input.ts).
//
// A site is written as an exclusion is (domains.ts normalizeExclusion: "Example.COM",
// "https://www.example.com/x" → "example.com"). A limit counts a whole site — Dwell keeps time per
// registrable domain — so "*.example.com" means example.com, and a leading "www." is dropped.
// Several rules for one site may coexist (e.g. 60 min every day, 10 min on weekdays): of those
// that apply on a day, the stricter (fewer minutes) is in force; rules with different windows of
// the day are separate limits, each on its own time (limits.ts rulesFor).
import { isExcluded, isStorableDomain, normalizeExclusion } from './domains.ts';
import { windowKey, type CategoryLimit, type LimitWindow, type SiteLimit } from './limits.ts';
import { isCategoryId } from './categories.ts';

export const MAX_LIMIT_MINUTES = 24 * 60;
export const MAX_SITE_LIMITS = 200;

/** "Example.COM", "*.example.com", "https://www.example.com/x" → "example.com", or null. */
export function limitSite(input: string): string | null {
  // The stored form of an IPv6 site is bare ("::1", as capture keeps it): it must read back as
  // itself when the settings are loaded again, or the limit is dropped.
  const bare = input.trim();
  const rule = normalizeExclusion(/^[0-9a-f]*:[0-9a-f:]*$/i.test(bare) ? `[${bare}]` : input);
  if (!rule) return null;
  const host = rule.replace(/^\*\./, '').replace(/^\[|\]$/g, '').replace(/^www\./, '');
  return isStorableDomain(host) ? host : null;
}

export type LimitProblem = 'site' | 'excluded' | 'minutes-number' | 'minutes-low' | 'minutes-high' | 'weekdays' | 'window' | 'too-many';

export type LimitCheck = { ok: true; rule: SiteLimit } | { ok: false; problem: LimitProblem };

const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6];

function weekdaysOf(x: unknown): number[] | undefined | null {
  if (x === undefined) return undefined;
  if (!Array.isArray(x) || x.length === 0 || !x.every((d) => typeof d === 'number' && WEEKDAYS.includes(d))) return null;
  const days = [...new Set(x as number[])].sort((a, b) => a - b);
  // Every day is no weekday rule at all: one stored form.
  return days.length === 7 ? undefined : days;
}

const isHour = (x: unknown, lo: number, hi: number): x is number => typeof x === 'number' && Number.isInteger(x) && x >= lo && x <= hi;

/** Whole local hours [from, to) with 0 ≤ from < to ≤ 24; 0–24 is no window at all (one stored
 *  form). undefined: none given; null: not a window. */
function windowOf(x: unknown): LimitWindow | undefined | null {
  if (x === undefined) return undefined;
  if (!x || typeof x !== 'object') return null;
  const { from, to } = x as Record<string, unknown>;
  if (!isHour(from, 0, 23) || !isHour(to, 1, 24) || from >= to) return null;
  return from === 0 && to === 24 ? undefined : { from, to };
}

/** Whole minutes from 1 to 24 h. Typed text ("30", " 45 ") counts; "", "abc", 1.5, 0, -5 do not. */
function minutesOf(x: unknown): number | LimitProblem {
  const n = typeof x === 'string' && /^\s*-?\d+\s*$/.test(x) ? Number(x) : x;
  if (typeof n !== 'number' || !Number.isInteger(n)) return 'minutes-number';
  if (n <= 0) return 'minutes-low';
  if (n > MAX_LIMIT_MINUTES) return 'minutes-high';
  return n;
}

/** A limit as typed (site text, minutes as typed, optional weekdays) → the rule to store, or the
 *  first thing wrong with it. A limit on an excluded site is refused: Dwell does not count it, so
 *  the limit could never be reached. */
export function checkSiteLimit(
  input: { site: unknown; minutes: unknown; weekdays?: unknown; window?: unknown },
  excludedSites: readonly string[],
  /** The site a host is counted under (the options page: registrable.ts storedDomain). */
  siteOf: (host: string) => string | null = (host) => host,
): LimitCheck {
  const host = typeof input.site === 'string' ? limitSite(input.site) : null;
  const site = host ? siteOf(host) : null;
  if (!site) return { ok: false, problem: 'site' };
  if (isExcluded(site, excludedSites)) return { ok: false, problem: 'excluded' };
  const allowance = allowanceOf(input);
  return 'problem' in allowance ? { ok: false, problem: allowance.problem } : { ok: true, rule: { site, ...allowance } };
}

/** The minutes, weekdays and window of a limit as typed (a site's or a category's), or what is
 *  wrong. A window shorter than the minutes is kept: the limit then never blocks, as the user
 *  asked. */
function allowanceOf(input: { minutes: unknown; weekdays?: unknown; window?: unknown }): { minutes: number; weekdays?: number[]; window?: LimitWindow } | { problem: LimitProblem } {
  const minutes = minutesOf(input.minutes);
  if (typeof minutes !== 'number') return { problem: minutes };
  const weekdays = weekdaysOf(input.weekdays);
  if (weekdays === null) return { problem: 'weekdays' };
  const window = windowOf(input.window);
  if (window === null) return { problem: 'window' };
  return { minutes, ...(weekdays ? { weekdays } : {}), ...(window ? { window } : {}) };
}

/** Stored rules (untrusted: old versions, hand edits) → the valid ones by `check`, each once
 *  (same subject, minutes and days), at most MAX_SITE_LIMITS. */
function readRules<R extends { minutes: number; weekdays?: number[]; window?: LimitWindow }>(
  value: unknown,
  check: (o: Record<string, unknown>) => { ok: true; rule: R } | { ok: false },
  subject: (r: R) => string,
): R[] {
  if (!Array.isArray(value)) return [];
  const key = (r: R) => `${subject(r)}|${r.minutes}|${(r.weekdays ?? WEEKDAYS).join()}|${windowKey(r.window)}`;
  const out: R[] = [];
  for (const x of value) {
    if (!x || typeof x !== 'object' || out.length >= MAX_SITE_LIMITS) continue;
    const o = x as Record<string, unknown>;
    const checked = typeof o.minutes === 'number' ? check(o) : null;
    if (checked?.ok && !out.some((r) => key(r) === key(checked.rule))) out.push(checked.rule);
  }
  return out;
}

/** Stored site limits → the valid ones. Excluded sites are not dropped here: the exclusion list
 *  may change back. */
export const normalizeSiteLimits = (value: unknown): SiteLimit[] =>
  readRules(value, (o) => checkSiteLimit({ site: o.site, minutes: o.minutes, weekdays: o.weekdays, window: o.window }, []), (r) => r.site);

export type CategoryLimitCheck = { ok: true; rule: CategoryLimit } | { ok: false; problem: LimitProblem | 'category' };

/** A category limit as chosen (a category id, minutes as typed, optional weekdays) → the rule to
 *  store, or what is wrong. `known`: the ids of the user's categories (a limit on a category that
 *  does not exist could never be reached); stored rules are read without it, since the category
 *  list may come back. */
export function checkCategoryLimit(input: { category: unknown; minutes: unknown; weekdays?: unknown; window?: unknown }, known?: readonly string[]): CategoryLimitCheck {
  const category = input.category;
  if (typeof category !== 'string' || !isCategoryId(category) || (known && !known.includes(category))) return { ok: false, problem: 'category' };
  const allowance = allowanceOf(input);
  return 'problem' in allowance ? { ok: false, problem: allowance.problem } : { ok: true, rule: { category, ...allowance } };
}

/** Stored category limits → the valid ones (a category that no longer exists is kept: it may
 *  come back with an import). */
export const normalizeCategoryLimits = (value: unknown): CategoryLimit[] =>
  readRules(value, (o) => checkCategoryLimit({ category: o.category, minutes: o.minutes, weekdays: o.weekdays, window: o.window }), (r) => r.category);
