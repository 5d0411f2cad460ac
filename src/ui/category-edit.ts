// Editing the category list (pure): add, rename, recolour, delete, rules added and removed, and a
// site assigned from its row. Each edit returns the next list or the problem as an i18n key with
// its substitutions; the page saves the list through the settings module, which cleans it again.
import { CATEGORY_LIMITS, categoryOf, cleanName, isColour, normalizeCategoryRule, type Category } from '../core/categories.ts';
import { splitEntries, type Parsed } from './options-model.ts';

/** A colour for the next new category, so two new ones never look alike (Tableau 10). */
const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
export const nextColour = (list: readonly Category[]): string => PALETTE.find((c) => !list.some((x) => x.colour === c)) ?? PALETTE[list.length % PALETTE.length] ?? '#4e79a7';

function nameProblem(list: readonly Category[], name: string, self?: string): Parsed<string> {
  const clean = cleanName(name);
  if (!clean) return { ok: false, problem: { key: 'categoryNameEmpty', subs: [] } };
  if (list.some((c) => c.id !== self && c.name.toLowerCase() === clean.toLowerCase())) return { ok: false, problem: { key: 'categoryNameTaken', subs: [clean] } };
  return { ok: true, value: clean };
}

export function addCategory(list: readonly Category[], name: string, colour: string, id: string): Parsed<Category[]> {
  if (list.length >= CATEGORY_LIMITS.categories) return { ok: false, problem: { key: 'categoryTooMany', subs: [String(CATEGORY_LIMITS.categories)] } };
  const n = nameProblem(list, name);
  if (!n.ok) return n;
  const c = colour.toLowerCase();
  if (!isColour(c)) return { ok: false, problem: { key: 'categoryColourInvalid', subs: [colour] } };
  return { ok: true, value: [...list, { id, name: n.value, colour: c, rules: [] }] };
}

const update = (list: readonly Category[], id: string, change: (c: Category) => Category): Category[] => list.map((c) => (c.id === id ? change(c) : c));

export function renameCategory(list: readonly Category[], id: string, name: string): Parsed<Category[]> {
  const n = nameProblem(list, name, id);
  return n.ok ? { ok: true, value: update(list, id, (c) => ({ ...c, name: n.value })) } : n;
}

export function recolourCategory(list: readonly Category[], id: string, colour: string): Parsed<Category[]> {
  const c = colour.toLowerCase();
  if (!isColour(c)) return { ok: false, problem: { key: 'categoryColourInvalid', subs: [colour] } };
  return { ok: true, value: update(list, id, (x) => ({ ...x, colour: c })) };
}

export const deleteCategory = (list: readonly Category[], id: string): Category[] => list.filter((c) => c.id !== id);

export interface RuleEdit {
  next: Category[];
  added: string[];
  /** Typed entries that name no domain (kept in the box to be fixed). */
  invalid: string[];
  /** Already a rule of this category. */
  duplicates: string[];
  /** Already a rule of another category (rule, that category's name): not added, so no rule is
   *  in two places and the overlap order never has to decide between equal rules. */
  taken: Array<{ rule: string; name: string }>;
  tooMany: boolean;
}

/** Typed entries (space, comma or line separated; Unicode, "*.x", pasted URLs) added as rules. */
export function addRules(list: readonly Category[], id: string, text: string): RuleEdit {
  const edit: RuleEdit = { next: [...list], added: [], invalid: [], duplicates: [], taken: [], tooMany: false };
  const target = list.find((c) => c.id === id);
  if (!target) return edit;
  const rules = [...target.rules];
  for (const entry of splitEntries(text)) {
    const rule = normalizeCategoryRule(entry);
    const other = list.find((c) => c.id !== id && rule !== null && c.rules.includes(rule));
    if (!rule) edit.invalid.push(entry);
    else if (rules.includes(rule)) edit.duplicates.push(rule);
    else if (other) edit.taken.push({ rule, name: other.name });
    else if (rules.length >= CATEGORY_LIMITS.rulesPerCategory) edit.tooMany = true;
    else {
      rules.push(rule);
      edit.added.push(rule);
    }
  }
  edit.next = update(list, id, (c) => ({ ...c, rules }));
  return edit;
}

export const removeRule = (list: readonly Category[], id: string, rule: string): Category[] => update(list, id, (c) => ({ ...c, rules: c.rules.filter((r) => r !== rule) }));

export interface Assignment {
  next: Category[];
  /** The category the site is in after the change (categoryOf), which differs from the one asked
   *  for when a wildcard of another category still covers it ("Uncategorised" asked). */
  now: string | null;
}

/** One step from a site's row: the site's own exact rule moves to the category chosen (or is
 *  removed, for Uncategorised). An exact rule beats every wildcard, so the site lands where asked
 *  unless it asked to be uncategorised while a wildcard still covers it — `now` then says where. */
export function assignSite(list: readonly Category[], domain: string, id: string | null): Assignment {
  const stripped = list.map((c) => ({ ...c, rules: c.rules.filter((r) => r !== domain) }));
  const next = id === null ? stripped : update(stripped, id, (c) => (c.rules.length < CATEGORY_LIMITS.rulesPerCategory ? { ...c, rules: [...c.rules, domain] } : c));
  return { next, now: categoryOf(domain, next) };
}
