// Daily limits per category, in the limits section: a list of rules (minutes editable in place,
// remove), and a form to add one — a category of the user's, minutes, optional weekdays and hours
// of the day — with
// each refusal named under it. Every edit goes through ui/category-limits-model.ts (the same
// checks as a site's limit); only valid rules are saved.
import type { Settings } from '../settings/defaults.ts';
import { byId, h, setText } from '../ui/dom.ts';
import { t } from '../ui/i18n.ts';
import { addCategoryLimit, categoryName, categoryProblemKey, removeCategoryLimit, setCategoryLimitMinutes, type CategoryLimitEdit } from '../ui/category-limits-model.ts';
import { settingsStore } from '../ui/settings.ts';
import type { Announce } from './settings-form.ts';
import { mountWhen, whenText } from './limit-when.ts';

export interface CategoryLimitsView {
  show(flags: Settings): void;
}

export function mountCategoryLimits(announce: Announce): CategoryLimitsView {
  const list = byId<HTMLUListElement>('category-limit-list');
  const none = byId('category-limit-empty');
  const noCategories = byId('category-limit-no-categories');
  const form = byId('category-limit-form');
  const category = byId<HTMLSelectElement>('category-limit-category');
  const minutes = byId<HTMLInputElement>('category-limit-minutes');
  const problem = byId('category-limit-problem');
  const whenHost = byId('category-limit-when');
  const when = mountWhen(whenHost, 'category-limit');
  const from = when.from;
  let current: Settings | null = null;

  const save = (patch: Partial<Settings>): Promise<void> =>
    settingsStore.save(patch).then(
      () => announce(true, t('saved')),
      (e: unknown) => announce(false, t('errorSave', String(e))),
    );

  /** Saves a valid edit, or names what is wrong in `where`; true when saved. */
  const apply = (edit: CategoryLimitEdit, where: HTMLElement, field: HTMLElement): boolean => {
    if (!edit.ok) {
      setText(where, t(categoryProblemKey(edit.problem)));
      field.setAttribute('aria-invalid', 'true');
      announce(false, '');
      return false;
    }
    setText(where, '');
    for (const f of [field, category, minutes, from]) f.removeAttribute('aria-invalid');
    void save({ categoryLimits: edit.next });
    return true;
  };

  byId('category-limit-add').addEventListener('click', () => {
    if (!current) return;
    const edit = addCategoryLimit(current.categoryLimits, { category: category.value, minutes: minutes.value, ...when.read() }, current.categories);
    const onCategory = !edit.ok && (edit.problem === 'category' || edit.problem === 'duplicate');
    if (apply(edit, problem, onCategory ? category : !edit.ok && edit.problem === 'window' ? from : minutes)) {
      minutes.value = '';
      when.clear();
    }
  });
  list.addEventListener('click', (e) => {
    const index = (e.target as Element).closest<HTMLButtonElement>('button[data-index]')?.dataset.index;
    if (index === undefined || !current) return;
    (current.categories.length > 0 ? category : minutes).focus(); // the row (and its button) is about to disappear
    void save({ categoryLimits: removeCategoryLimit(current.categoryLimits, Number(index)) });
  });
  list.addEventListener('change', (e) => {
    const input = (e.target as Element).closest<HTMLInputElement>('input[data-index]');
    if (!input || !current) return;
    const where = input.closest('li')?.querySelector<HTMLElement>('.error');
    if (where) apply(setCategoryLimitMinutes(current.categoryLimits, Number(input.dataset.index), input.value), where, input);
  });

  return {
    show(flags) {
      current = flags;
      const hasCategories = flags.categories.length > 0;
      noCategories.hidden = hasCategories;
      form.hidden = !hasCategories;
      whenHost.hidden = !hasCategories;
      // The choice survives a re-render (another setting saved while the user is picking).
      const chosen = category.value;
      category.replaceChildren(...flags.categories.map((c) => h('option', { value: c.id }, c.name)));
      if (flags.categories.some((c) => c.id === chosen)) category.value = chosen;
      none.hidden = flags.categoryLimits.length > 0;
      list.replaceChildren(
        ...flags.categoryLimits.map((rule, i) => {
          const id = `category-limit-minutes-${i}`;
          const name = categoryName(flags.categories, rule.category);
          const label = name ?? t('categoryLimitGone', rule.category);
          return h(
            'li',
            { 'data-testid': 'category-limit-item', 'data-category': rule.category },
            h('span', { class: name === null ? 'subtle' : undefined }, label),
            h('label', { for: id }, t('limitMinutesLabel')),
            h('input', { id, type: 'number', min: 1, max: 1440, value: rule.minutes, 'data-index': i, 'data-testid': 'category-limit-item-minutes', 'aria-describedby': `${id}-problem` }),
            h('span', { class: 'subtle', 'data-testid': 'category-limit-item-when' }, whenText(rule)),
            h('button', { type: 'button', 'data-index': i, 'data-testid': 'category-limit-remove', 'aria-label': t('limitRemove', label) }, '×'),
            h('span', { id: `${id}-problem`, class: 'error', role: 'alert' }),
          );
        }),
      );
    },
  };
}
