// The options page's edits of per-site limits, pure: add, change the minutes, remove. Every typed
// limit goes through core/limit-rules.ts checkSiteLimit (with the site mapped to the registrable
// domain Dwell counts it under), and a refusal names its reason as a message key.
import { checkSiteLimit, MAX_SITE_LIMITS, type LimitProblem } from '../core/limit-rules.ts';
import type { SiteLimit } from '../core/limits.ts';
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

const same = (a: SiteLimit, b: SiteLimit): boolean => a.site === b.site && (a.weekdays ?? []).join() === (b.weekdays ?? []).join();

export interface TypedLimit {
  site: string;
  minutes: string;
  /** Checked weekdays; all or none = every day. */
  weekdays: number[];
}

function check(typed: TypedLimit, excluded: readonly string[]) {
  const weekdays = typed.weekdays.length === 0 || typed.weekdays.length === 7 ? undefined : typed.weekdays;
  return checkSiteLimit({ site: asciiExclusion(typed.site), minutes: typed.minutes, ...(weekdays ? { weekdays } : {}) }, excluded, siteOf);
}

/** A new limit. The same site on the same days twice is refused (edit the one there); the same
 *  site on other days is a second rule (the stricter of those that apply wins). */
export function addLimit(current: readonly SiteLimit[], typed: TypedLimit, excluded: readonly string[]): LimitEdit {
  if (current.length >= MAX_SITE_LIMITS) return { ok: false, problem: 'too-many' };
  const r = check(typed, excluded);
  if (!r.ok) return r;
  if (current.some((c) => same(c, r.rule))) return { ok: false, problem: 'duplicate' };
  return { ok: true, next: [...current, r.rule] };
}

/** New minutes for the rule at `index`. */
export function setLimitMinutes(current: readonly SiteLimit[], index: number, minutes: string, excluded: readonly string[]): LimitEdit {
  const rule = current[index];
  if (!rule) return { ok: true, next: [...current] };
  const r = checkSiteLimit({ site: rule.site, minutes, ...(rule.weekdays ? { weekdays: rule.weekdays } : {}) }, excluded);
  if (!r.ok) return r;
  return { ok: true, next: current.map((c, i) => (i === index ? r.rule : c)) };
}

export const removeLimit = (current: readonly SiteLimit[], index: number): SiteLimit[] => current.filter((_, i) => i !== index);
