// The options page's edits of category limits, pure: add, change the minutes, remove. A limit is
// checked by core/limit-rules.ts checkCategoryLimit — the same minutes and weekdays rules as a
// site's limit — against the user's categories, and a refusal names its reason as a message key.
import type { Category } from '../core/categories.ts';
import { checkCategoryLimit, MAX_SITE_LIMITS, type LimitProblem } from '../core/limit-rules.ts';
import type { CategoryLimit } from '../core/limits.ts';
import { PROBLEM_KEYS, sameWhen, whenOf, type TypedWhen } from './limits-model.ts';

export type CategoryLimitProblem = LimitProblem | 'category' | 'duplicate';
export type CategoryLimitEdit = { ok: true; next: CategoryLimit[] } | { ok: false; problem: CategoryLimitProblem };

/** The message key of each refusal: a site limit's, but for the category's own two. */
export const categoryProblemKey = (problem: CategoryLimitProblem): string =>
  problem === 'category' ? 'limitProblemCategory' : problem === 'duplicate' ? 'limitProblemCategoryDuplicate' : PROBLEM_KEYS[problem];

export interface TypedCategoryLimit extends TypedWhen {
  category: string;
  minutes: string;
}

const ids = (categories: readonly Category[]): string[] => categories.map((c) => c.id);

/** A new category limit. The same category on the same days in the same window twice is refused
 *  (edit the one there); on other days or hours it is a second rule, as for a site. */
export function addCategoryLimit(current: readonly CategoryLimit[], typed: TypedCategoryLimit, categories: readonly Category[]): CategoryLimitEdit {
  if (current.length >= MAX_SITE_LIMITS) return { ok: false, problem: 'too-many' };
  const r = checkCategoryLimit({ category: typed.category, minutes: typed.minutes, ...whenOf(typed) }, ids(categories));
  if (!r.ok) return r;
  if (current.some((c) => c.category === r.rule.category && sameWhen(c, r.rule))) return { ok: false, problem: 'duplicate' };
  return { ok: true, next: [...current, r.rule] };
}

/** New minutes for the rule at `index`; its category, days and window stay (a category deleted since is
 *  kept: it may come back with an import). */
export function setCategoryLimitMinutes(current: readonly CategoryLimit[], index: number, minutes: string): CategoryLimitEdit {
  const rule = current[index];
  if (!rule) return { ok: true, next: [...current] };
  const r = checkCategoryLimit({ ...rule, minutes });
  if (!r.ok) return r;
  return { ok: true, next: current.map((c, i) => (i === index ? { ...rule, minutes: r.rule.minutes } : c)) };
}

export const removeCategoryLimit = (current: readonly CategoryLimit[], index: number): CategoryLimit[] => current.filter((_, i) => i !== index);

/** The name a rule is listed under: its category's, or null when that category was deleted. */
export const categoryName = (categories: readonly Category[], id: string): string | null => categories.find((c) => c.id === id)?.name ?? null;
