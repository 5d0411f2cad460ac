// Daily limits per site: a list of rules (minutes editable in place, remove), a form to add one
// (site, minutes, optional weekdays and hours of the day), each refusal named under the field,
// and "strict limits".
// Every edit goes through ui/limits-model.ts; only valid rules are saved.
import type { Settings } from '../settings/defaults.ts';
import { byId, h, setText } from '../ui/dom.ts';
import { t } from '../ui/i18n.ts';
import { addLimit, PROBLEM_KEYS, removeLimit, setLimitMinutes, type LimitEdit } from '../ui/limits-model.ts';
import { settingsStore } from '../ui/settings.ts';
import type { Announce } from './settings-form.ts';
import { mountWhen, whenText } from './limit-when.ts';

export interface LimitsView {
  show(flags: Settings): void;
}

export function mountLimits(announce: Announce): LimitsView {
  const list = byId<HTMLUListElement>('limit-list');
  const none = byId('limit-empty');
  const site = byId<HTMLInputElement>('limit-site');
  const minutes = byId<HTMLInputElement>('limit-minutes');
  const problem = byId('limit-problem');
  const strict = byId<HTMLInputElement>('limit-strict');
  const when = mountWhen(byId('limit-when'), 'limit');
  let current: Settings | null = null;

  const save = (patch: Partial<Settings>): Promise<void> =>
    settingsStore.save(patch).then(
      () => announce(true, t('saved')),
      (e: unknown) => announce(false, t('errorSave', String(e))),
    );

  const fieldOf = (edit: LimitEdit): HTMLElement => {
    if (edit.ok || edit.problem === 'site' || edit.problem === 'excluded' || edit.problem === 'duplicate') return site;
    return edit.problem === 'window' ? when.from : minutes;
  };

  /** Saves a valid edit, or names what is wrong in `where`; true when saved. */
  const apply = (edit: LimitEdit, where: HTMLElement, field: HTMLElement): boolean => {
    if (!edit.ok) {
      setText(where, t(PROBLEM_KEYS[edit.problem]));
      field.setAttribute('aria-invalid', 'true');
      announce(false, ''); // an earlier "Saved" must not stand beside this error
      return false;
    }
    setText(where, '');
    for (const f of [field, site, minutes, when.from]) f.removeAttribute('aria-invalid');
    void save({ siteLimits: edit.next });
    return true;
  };

  byId('limit-add').addEventListener('click', () => {
    if (!current) return;
    const edit = addLimit(current.siteLimits, { site: site.value, minutes: minutes.value, ...when.read() }, current.excludedSites);
    if (apply(edit, problem, fieldOf(edit))) {
      site.value = '';
      minutes.value = '';
      when.clear();
    }
  });
  strict.addEventListener('change', () => void save({ strictLimits: strict.checked }));
  list.addEventListener('click', (e) => {
    const index = (e.target as Element).closest<HTMLButtonElement>('button[data-index]')?.dataset.index;
    if (index === undefined || !current) return;
    site.focus(); // the row (and its button) is about to disappear
    void save({ siteLimits: removeLimit(current.siteLimits, Number(index)) });
  });
  list.addEventListener('change', (e) => {
    const input = (e.target as Element).closest<HTMLInputElement>('input[data-index]');
    if (!input || !current) return;
    const row = input.closest('li');
    const where = row?.querySelector<HTMLElement>('.error');
    if (where) apply(setLimitMinutes(current.siteLimits, Number(input.dataset.index), input.value, current.excludedSites), where, input);
  });

  return {
    show(flags) {
      current = flags;
      strict.checked = flags.strictLimits;
      none.hidden = flags.siteLimits.length > 0;
      list.replaceChildren(
        ...flags.siteLimits.map((rule, i) => {
          const id = `limit-minutes-${i}`;
          return h(
            'li',
            { 'data-testid': 'limit-item', 'data-site': rule.site },
            h('span', { class: 'domain' }, rule.site),
            h('label', { for: id }, t('limitMinutesLabel')),
            h('input', { id, type: 'number', min: 1, max: 1440, value: rule.minutes, 'data-index': i, 'data-testid': 'limit-item-minutes', 'aria-describedby': `${id}-problem` }),
            h('span', { class: 'subtle', 'data-testid': 'limit-item-when' }, whenText(rule)),
            h('button', { type: 'button', 'data-index': i, 'data-testid': 'limit-remove', 'aria-label': t('limitRemove', rule.site) }, '×'),
            h('span', { id: `${id}-problem`, class: 'error', role: 'alert' }),
          );
        }),
      );
    },
  };
}
