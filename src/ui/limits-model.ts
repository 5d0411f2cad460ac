// The options page's edits of per-site limits, pure: add, change the minutes, remove. Every typed
// limit goes through core/limit-rules.ts checkSiteLimit (with the site mapped to the registrable
// domain Dwell counts it under), and a refusal names its reason as a message key.
import { checkSiteLimit, MAX_SITE_LIMITS, type LimitProblem } from '../core/limit-rules.ts';
import { windowKey, type LimitWindow, type SiteLimit } from '../core/limits.ts';
import { siteUrl } from '../core/domains.ts';
import { storedDomain } from '../core/registrable.ts';
import { asciiExclusion } from '../core/idn.ts';

export type LimitEdit = { ok: true; next: SiteLimit[] } | { ok: false; problem: LimitProblem | 'duplicate' };

/** The message key of each refusal (the site or minutes as typed fill the message). */
export const PROBLEM_KEYS: Record<LimitProblem | 'duplicate', string> = {
  site: 'limitProblemSite',
  excluded: 'limitProblemExcluded',
  'minutes-number': 'limitProblemNumber',
  'minutes-low': 'limitProblemLow',
  'minutes-high': 'limitProblemHigh',
  weekdays: 'limitProblemWeekdays',
  window: 'limitProblemWindow',
  'too-many': 'limitProblemTooMany',
  duplicate: 'limitProblemDuplicate',
};

const siteOf = (host: string): string | null => storedDomain(siteUrl(host));

/** When a typed limit holds (a site's or a category's). */
export interface TypedWhen {
  /** Checked weekdays; all or none = every day. */
  weekdays: number[];
  /** Whole local hours; absent (or 0–24, which the check stores as absent) = all day. */
  window?: LimitWindow;
}

/** The weekdays and window to check, as the rule stores them: every day is no weekdays at all. */
export function whenOf(typed: TypedWhen): { weekdays?: number[]; window?: LimitWindow } {
  const weekdays = typed.weekdays.length === 0 || typed.weekdays.length === 7 ? undefined : typed.weekdays;
  return { ...(weekdays ? { weekdays } : {}), ...(typed.window ? { window: typed.window } : {}) };
}

/** Two rules on the same days in the same window of the day: one limit to edit, not two. */
export const sameWhen = (a: Pick<SiteLimit, 'weekdays' | 'window'>, b: Pick<SiteLimit, 'weekdays' | 'window'>): boolean =>
  (a.weekdays ?? []).join() === (b.weekdays ?? []).join() && windowKey(a.window) === windowKey(b.window);

export interface TypedLimit extends TypedWhen {
  site: string;
  minutes: string;
}

const check = (typed: TypedLimit, excluded: readonly string[]) =>
  checkSiteLimit({ site: asciiExclusion(typed.site), minutes: typed.minutes, ...whenOf(typed) }, excluded, siteOf);

/** A new limit. The same site on the same days in the same window twice is refused (edit the one
 *  there); the same site on other days or hours is a second rule (each counts its own time; of
 *  those for one window, the stricter wins). */
export function addLimit(current: readonly SiteLimit[], typed: TypedLimit, excluded: readonly string[]): LimitEdit {
  if (current.length >= MAX_SITE_LIMITS) return { ok: false, problem: 'too-many' };
  const r = check(typed, excluded);
  if (!r.ok) return r;
  if (current.some((c) => c.site === r.rule.site && sameWhen(c, r.rule))) return { ok: false, problem: 'duplicate' };
  return { ok: true, next: [...current, r.rule] };
}

/** New minutes for the rule at `index`; its site, weekdays and window stay. */
export function setLimitMinutes(current: readonly SiteLimit[], index: number, minutes: string, excluded: readonly string[]): LimitEdit {
  const rule = current[index];
  if (!rule) return { ok: true, next: [...current] };
  const r = checkSiteLimit({ ...rule, minutes }, excluded);
  if (!r.ok) return r;
  return { ok: true, next: current.map((c, i) => (i === index ? r.rule : c)) };
}

export const removeLimit = (current: readonly SiteLimit[], index: number): SiteLimit[] => current.filter((_, i) => i !== index);
