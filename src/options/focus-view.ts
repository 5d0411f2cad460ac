// Focus sessions on the options page: the sites a session blocks (added and removed as chips,
// each typed site checked as a daily limit's is), the categories it blocks (checkboxes of the
// user's categories), and the popup's own length, the break and the number of focus periods.
// A session takes these when it starts (docs/COUNTING.md "Focus sessions"); every change is saved
// through the settings store at once.
import type { Settings } from '../settings/defaults.ts';
import { limits } from '../settings/defaults.ts';
import { byId, h, setText } from '../ui/dom.ts';
import { t } from '../ui/i18n.ts';
import { addFocusSites, focusCategoryChoices, MAX_FOCUS_SITES, removeFocusSite, setFocusCategory } from '../ui/focus-options-model.ts';
import { parseNumberField } from '../ui/options-model.ts';
import { settingsStore } from '../ui/settings.ts';
import type { Announce } from './settings-form.ts';

export interface FocusOptionsView {
  show(flags: Settings): void;
}

type FocusNumberKey = 'focusMinutes' | 'focusBreakMinutes' | 'focusCycles';

/** The three numbers: input id / data-testid, and the message keys of their label and help. */
const FIELDS: ReadonlyArray<{ key: FocusNumberKey; id: string; label: string; help: string; minutes: boolean }> = [
  { key: 'focusMinutes', id: 'focus-length', label: 'focusMinutesLabel', help: 'focusMinutesHelp', minutes: true },
  { key: 'focusBreakMinutes', id: 'focus-break', label: 'focusBreakLabel', help: 'focusBreakHelp', minutes: true },
  { key: 'focusCycles', id: 'focus-cycles', label: 'focusCyclesLabel', help: 'focusCyclesHelp', minutes: false },
];

export function mountFocusOptions(announce: Announce): FocusOptionsView {
  const list = byId<HTMLUListElement>('focus-sites');
  const none = byId('focus-sites-empty');
  const input = byId<HTMLInputElement>('focus-site-input');
  const problem = byId('focus-site-problem');
  const categories = byId('focus-categories');
  const noCategories = byId('focus-categories-none');
  const numbers = byId('focus-fields');
  let current: Settings | null = null;

  const save = (patch: Partial<Settings>): Promise<void> =>
    settingsStore.save(patch).then(
      () => announce(true, t('saved')),
      (e: unknown) => announce(false, t('errorSave', String(e))),
    );

  const add = (): void => {
    if (!current) return;
    const edit = addFocusSites(current.focusSites, input.value, current.excludedSites);
    const messages: string[] = [];
    if (edit.invalid.length) messages.push(t('focusSiteInvalid', edit.invalid.join(', ')));
    if (edit.excluded.length) messages.push(t('focusSiteExcluded', edit.excluded.join(', ')));
    if (edit.duplicates.length) messages.push(t('focusSiteDuplicate', edit.duplicates.join(', ')));
    if (edit.overflow.length) messages.push(t('focusSitesFull', String(MAX_FOCUS_SITES)));
    setText(problem, messages.join(' '));
    const wrong = [...edit.invalid, ...edit.excluded];
    if (wrong.length) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    // What was wrong stays in the box to be fixed; the valid part is saved now.
    input.value = wrong.join(' ');
    if (edit.added.length) void save({ focusSites: edit.next });
    else if (messages.length) announce(false, ''); // nothing saved: an earlier "Saved" must not stand beside the error
  };

  byId('focus-site-add').addEventListener('click', add);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      add();
    }
  });
  list.addEventListener('click', (e) => {
    const site = (e.target as Element).closest<HTMLButtonElement>('button[data-site]')?.dataset.site;
    if (!site || !current) return;
    input.focus(); // the chip (and its button) is about to disappear
    void save({ focusSites: removeFocusSite(current.focusSites, site) });
  });
  categories.addEventListener('change', (e) => {
    const box = (e.target as Element).closest<HTMLInputElement>('input[data-category]');
    const id = box?.dataset.category;
    if (!box || !id || !current) return;
    void save({ focusCategories: setFocusCategory(current.focusCategories, id, box.checked) });
  });

  for (const { key, id, label, help, minutes } of FIELDS) {
    const range = limits[key];
    const field$ = h('input', { type: 'number', id, 'data-testid': id, min: range.min, max: range.max, step: 1, inputmode: 'numeric', 'aria-describedby': `${id}-help ${id}-problem` });
    const fieldProblem = h('p', { class: 'problem error', id: `${id}-problem`, 'data-testid': `${id}-problem` });
    field$.addEventListener('change', () => {
      const parsed = parseNumberField(range, field$.value);
      if (!parsed.ok) {
        field$.setAttribute('aria-invalid', 'true');
        setText(fieldProblem, t(parsed.problem.key, ...parsed.problem.subs));
        announce(false, '');
        return;
      }
      field$.removeAttribute('aria-invalid');
      setText(fieldProblem, '');
      void save({ [key]: parsed.value });
    });
    numbers.append(
      h('div', { class: 'field' },
        h('label', { for: id }, t(label)),
        h('span', {}, field$, minutes ? ` ${t('unitMinutes')}` : ''),
        h('p', { class: 'help', id: `${id}-help` }, t(help)),
        fieldProblem),
    );
  }

  /** The checkboxes, rebuilt only when the categories themselves changed: a box just ticked keeps
   *  the keyboard focus when its own save comes back. */
  let shownChoices = '';
  const showCategories = (choices: ReturnType<typeof focusCategoryChoices>): void => {
    noCategories.hidden = choices.length > 0;
    categories.hidden = choices.length === 0;
    const key = JSON.stringify(choices.map((c) => [c.id, c.name]));
    if (key !== shownChoices) {
      shownChoices = key;
      const legend = categories.querySelector('legend');
      categories.replaceChildren(
        ...(legend ? [legend] : []),
        ...choices.map((c) =>
          h('label', { class: 'day' }, h('input', { type: 'checkbox', 'data-category': c.id, 'data-testid': `focus-category-${c.id}` }), c.name),
        ),
      );
    }
    for (const c of choices) {
      const box = categories.querySelector<HTMLInputElement>(`input[data-category="${CSS.escape(c.id)}"]`);
      if (box) box.checked = c.checked;
    }
  };

  return {
    show(flags) {
      current = flags;
      none.hidden = flags.focusSites.length > 0;
      list.replaceChildren(
        ...flags.focusSites.map((site) =>
          h('li', { 'data-testid': 'focus-site', 'data-site': site },
            h('span', {}, site),
            h('button', { type: 'button', 'data-site': site, 'data-testid': 'focus-site-remove', 'aria-label': t('focusSiteRemove', site) }, '×')),
        ),
      );
      showCategories(focusCategoryChoices(flags.categories, flags.focusCategories));
      for (const { key, id } of FIELDS) {
        const el = document.getElementById(id) as HTMLInputElement | null;
        if (!el || el === document.activeElement || el.getAttribute('aria-invalid') === 'true') continue;
        el.value = String(flags[key]);
      }
    },
  };
}
