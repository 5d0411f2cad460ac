// The category editor, on the dashboard rather than the options page: a category is about where
// time went, so it is made next to the numbers it regroups (the overview and the all-sites table,
// where a site is assigned in one step), and a change shows there at once. Each edit is checked by
// ui/category-edit.ts, saved through the settings module, and the view redrawn; a refused edit
// says why next to its field and saves nothing. Names are user text: only ever textContent.
import type { Category } from '../core/categories.ts';
import { addCategory, addRules, deleteCategory, nextColour, recolourCategory, removeRule, renameCategory, type RuleEdit } from '../ui/category-edit.ts';
import { confirmAction } from '../ui/confirm.ts';
import { h, setText } from '../ui/dom.ts';
import { describeError } from '../ui/error-message.ts';
import { t } from '../ui/i18n.ts';
import { displayDomain } from '../core/idn.ts';
import type { Problem } from '../ui/options-model.ts';
import { swatch } from './bars.ts';
import { show, type ViewContext } from './context.ts';

/** The field that had focus when an edit redrew the view, focused again in the new one. */
let refocus: string | null = null;
/** A message to show in the new view, next to the field it is about (id → text). */
let carried: { id: string; text: string } | null = null;
/** The last edit was saved: the new view says so (in its status line, away from any field). */
let saved = false;

const say = (p: Problem): string => t(p.key, ...p.subs);

function ruleMessages(edit: RuleEdit): string {
  const out: string[] = [];
  if (edit.invalid.length) out.push(t('categoryRuleInvalid', edit.invalid.join(', ')));
  if (edit.duplicates.length) out.push(t('categoryRuleDuplicate', edit.duplicates.join(', ')));
  for (const x of edit.taken) out.push(t('categoryRuleTaken', x.rule, x.name));
  if (edit.tooMany) out.push(t('categoryRulesTooMany'));
  return out.join(' ');
}

export async function renderCategories(ctx: ViewContext): Promise<void> {
  const list = ctx.categories;
  const save = async (next: Category[], focusId: string | null, after?: { id: string; text: string }): Promise<void> => {
    try {
      await ctx.saveCategories(next);
    } catch (e) {
      const err = document.getElementById('categories-status');
      err?.classList.add('error');
      if (err) setText(err, describeError(e, (text) => t('errorSave', text)));
      return;
    }
    saved = true;
    refocus = focusId;
    carried = after ?? null;
    ctx.rerender();
  };

  const name = h('input', { type: 'text', id: 'cat-new-name', 'data-testid': 'category-new-name', maxlength: 60, 'aria-describedby': 'new-problem', autocomplete: 'off' });
  const colour = h('input', { type: 'color', id: 'cat-new-colour', 'data-testid': 'category-new-colour', value: nextColour(list) });
  const newProblem = problem('new-problem', 'category-problem');
  const add = (): void => {
    const r = addCategory(list, name.value, colour.value, crypto.randomUUID());
    if (!r.ok) {
      name.setAttribute('aria-invalid', 'true');
      setText(newProblem, say(r.problem));
      return;
    }
    const created = r.value[r.value.length - 1];
    void save(r.value, created ? `cat-${created.id}-rule` : null);
  };
  const addButton = h('button', { type: 'button', 'data-testid': 'category-add' }, t('categoryAdd'));
  addButton.addEventListener('click', add);
  name.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      add();
    }
  });

  const form = h('div', { class: 'dash-cat-new row' },
    h('label', { for: 'cat-new-name' }, t('categoryName')), name,
    h('label', { for: 'cat-new-colour' }, t('categoryColour')), colour,
    addButton);

  show(ctx,
    h('h2', {}, t('dashNavCategories')),
    h('p', { class: 'help' }, t('categoryHelp')),
    h('p', { class: 'help' }, t('categoryOverlapHelp')),
    form, newProblem,
    h('p', { id: 'categories-status', class: 'subtle', role: 'status', 'data-testid': 'categories-status' }, saved ? t('saved') : ''),
    list.length === 0
      ? h('p', { class: 'empty', 'data-testid': 'categories-empty' }, t('categoriesEmpty'))
      : h('ul', { class: 'dash-cats', 'data-testid': 'categories' }, ...list.map((c) => categoryItem(ctx, list, c, save))));

  const again = refocus && document.getElementById(refocus);
  if (again) again.focus();
  if (carried) {
    const el = document.getElementById(carried.id);
    if (el) setText(el, carried.text);
  }
  refocus = null;
  carried = null;
  saved = false;
}

type Save = (next: Category[], focusId: string | null, after?: { id: string; text: string }) => Promise<void>;

/** A stored rule as people read it: Unicode where idn.ts shows the name in Unicode. */
const shownRule = (rule: string): string => (rule.startsWith('*.') ? `*.${displayDomain(rule.slice(2))}` : displayDomain(rule));

const problem = (id: string, testid: string): HTMLElement => h('p', { class: 'problem error', id, 'data-testid': testid });

function categoryItem(ctx: ViewContext, list: Category[], c: Category, save: Save): HTMLElement {
  const base = `cat-${c.id}`;
  const nameProblem = problem(`${base}-name-problem`, 'category-name-problem');
  const name = h('input', { type: 'text', id: `${base}-name`, value: c.name, maxlength: 60, 'data-testid': 'category-name', 'aria-describedby': `${base}-name-problem`, autocomplete: 'off' });
  name.addEventListener('change', () => {
    const r = renameCategory(list, c.id, name.value);
    if (!r.ok) {
      name.setAttribute('aria-invalid', 'true');
      setText(nameProblem, say(r.problem));
      return;
    }
    void save(r.value, null);
  });
  const colour = h('input', { type: 'color', id: `${base}-colour`, value: c.colour, 'data-testid': 'category-colour', 'aria-label': t('categoryColourOf', c.name) });
  colour.addEventListener('change', () => {
    const r = recolourCategory(list, c.id, colour.value);
    if (r.ok) void save(r.value, `${base}-colour`);
  });

  const ruleProblem = problem(`${base}-rule-problem`, 'category-rule-problem');
  const ruleInput = h('input', { type: 'text', id: `${base}-rule`, 'data-testid': 'category-rule-input', placeholder: t('categoryRulePlaceholder'), 'aria-label': t('categoryRuleFor', c.name), 'aria-describedby': `${base}-rule-problem`, autocomplete: 'off' });
  const addRule = (): void => {
    const edit = addRules(list, c.id, ruleInput.value);
    const message = ruleMessages(edit);
    setText(ruleProblem, message);
    if (edit.invalid.length) ruleInput.setAttribute('aria-invalid', 'true');
    else ruleInput.removeAttribute('aria-invalid');
    // What was wrong stays in the box to be fixed; the valid part is saved now.
    ruleInput.value = edit.invalid.join(' ');
    if (edit.added.length) void save(edit.next, `${base}-rule`, message ? { id: `${base}-rule-problem`, text: message } : undefined);
  };
  const addRuleButton = h('button', { type: 'button', 'data-testid': 'category-rule-add' }, t('categoryRuleAdd'));
  addRuleButton.addEventListener('click', addRule);
  ruleInput.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      addRule();
    }
  });
  const rules = h('ul', { class: 'chips', 'data-testid': 'category-rules' },
    ...c.rules.map((rule) => {
      const remove = h('button', { type: 'button', 'data-testid': 'category-rule-remove', 'aria-label': t('removeRule', rule) }, '×');
      remove.addEventListener('click', () => void save(removeRule(list, c.id, rule), `${base}-rule`));
      return h('li', { 'data-testid': 'category-rule', 'data-rule': rule }, h('span', {}, shownRule(rule)), remove);
    }));
  const del = h('button', { type: 'button', class: 'danger', 'data-testid': 'category-delete' }, t('categoryDelete'));
  del.addEventListener('click', () => {
    void confirmAction(t('categoryConfirmDelete', c.name), t('delete')).then((yes) => {
      if (yes) void save(deleteCategory(list, c.id), 'cat-new-name');
    });
  });

  return h('li', { class: 'dash-cat', 'data-testid': 'category', 'data-id': c.id },
    h('div', { class: 'row' },
      swatch(c.colour),
      h('label', { for: `${base}-name`, class: 'dash-sr' }, t('categoryName')), name,
      colour,
      h('a', { href: ctx.link('sites'), class: 'subtle' }, t('categoryAssignHint')),
      del),
    nameProblem,
    c.rules.length ? rules : h('p', { class: 'subtle', 'data-testid': 'category-no-rules' }, t('categoryNoRules')),
    h('div', { class: 'row' }, ruleInput, addRuleButton),
    ruleProblem);
}
