// Excluded sites: never recorded (the worker drops them at capture). Entries are normalized with
// normalizeExclusion; anything that is not a domain or "*.domain" is named in a message and not saved.
import type { Settings } from '../settings/defaults.ts';
import { byId, h, setText } from '../ui/dom.ts';
import { t } from '../ui/i18n.ts';
import { addExclusions, removeExclusion } from '../ui/options-model.ts';
import { settingsStore } from '../ui/settings.ts';
import type { Announce } from './settings-form.ts';

export interface ExclusionsView {
  show(flags: Settings): void;
}

export function mountExclusions(announce: Announce): ExclusionsView {
  const list = byId<HTMLUListElement>('excluded-list');
  const none = byId('excluded-empty');
  const input = byId<HTMLInputElement>('exclude-input');
  const problem = byId('exclude-problem');
  let current: string[] = [];

  const save = (next: string[]): Promise<void> =>
    settingsStore.save({ excludedSites: next }).then(
      () => announce(true, t('saved')),
      (e: unknown) => announce(false, t('errorSave', String(e))),
    );

  const add = (): void => {
    const edit = addExclusions(current, input.value);
    const messages: string[] = [];
    if (edit.invalid.length) messages.push(t('excludeInvalid', edit.invalid.join(', ')));
    if (edit.duplicates.length) messages.push(t('excludeDuplicate', edit.duplicates.join(', ')));
    setText(problem, messages.join(' '));
    if (edit.invalid.length) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    // Keep what was wrong in the box so it can be fixed; the valid part is saved now.
    input.value = edit.invalid.join(' ');
    if (edit.added.length) void save(edit.next);
    else if (messages.length) announce(false, ''); // nothing saved: an earlier "Saved" must not stand beside the error
  };

  byId('exclude-add').addEventListener('click', add);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      add();
    }
  });
  list.addEventListener('click', (e) => {
    const rule = (e.target as Element).closest<HTMLButtonElement>('button[data-rule]')?.dataset.rule;
    if (!rule) return;
    input.focus(); // the chip (and its button) is about to disappear
    void save(removeExclusion(current, rule));
  });

  return {
    show(flags) {
      current = flags.excludedSites;
      none.hidden = current.length > 0;
      list.replaceChildren(
        ...current.map((rule) =>
          h('li', { 'data-testid': 'excluded-item', 'data-rule': rule },
            h('span', {}, rule),
            h('button', { type: 'button', 'data-rule': rule, 'data-testid': 'excluded-remove', 'aria-label': t('removeRule', rule) }, '×')),
        ),
      );
    },
  };
}
