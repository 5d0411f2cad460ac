// Settings fields, generated from the option model: number inputs, toggles and the three feature
// flags. Each valid change is written at once (live: the worker re-reads storage) and "Saved" is
// announced; invalid input is explained next to the field and not saved.
import type { Settings } from '../settings/defaults.ts';
import { h, setText } from '../ui/dom.ts';
import { t } from '../ui/i18n.ts';
import { SAFETY_FLAGS, NUMBER_FIELDS, formValues, parseNumberField, type SafetyFlag, type NumberField, type ToggleKey } from '../ui/options-model.ts';
import { settingsStore } from '../ui/settings.ts';
import { BADGE_MODES, normalizeBadgeMode } from '../core/badge-text.ts';

/** Says at the top of the page what a change did; an empty message clears it. */
export type Announce = (ok: boolean, message: string) => void;

// Tracking holds what a person decides (when idle starts, how long history is kept); the rest is
// tuning, under Advanced.
const TRACKING_NUMBERS = new Set(['idleSeconds', 'historyRetentionDays']);

function numberField(field: NumberField, announce: Announce): HTMLElement {
  const id = `setting-${field.key}`;
  const input = h('input', { type: 'number', id, 'data-testid': id, min: field.min, max: field.max, step: 1, inputmode: 'numeric', 'aria-describedby': `${id}-help ${id}-problem` });
  const problem = h('p', { class: 'problem error', id: `${id}-problem`, 'data-testid': `${id}-problem` });
  input.addEventListener('change', () => {
    const parsed = parseNumberField(field, input.value);
    if (!parsed.ok) {
      input.setAttribute('aria-invalid', 'true');
      setText(problem, t(parsed.problem.key, ...parsed.problem.subs));
      announce(false, ''); // an earlier "Saved" must not stand while this field shows an error
      return;
    }
    input.removeAttribute('aria-invalid');
    setText(problem, '');
    settingsStore.save({ [field.key]: parsed.value })
      .then(() => announce(true, t('saved')))
      .catch((e: unknown) => announce(false, t('errorSave', String(e))));
  });
  return h('div', { class: 'field' },
    h('label', { for: id }, t(`${field.key}Label`)),
    h('span', {}, input, ' ', t(field.unit)),
    h('p', { class: 'help', id: `${id}-help` }, t(`${field.key}Help`)),
    problem);
}

function checkbox(key: SafetyFlag | ToggleKey, kind: 'flag' | 'setting', announce: Announce): HTMLElement {
  const id = `${kind}-${key}`;
  const input = h('input', { type: 'checkbox', id, 'data-testid': id, 'aria-describedby': `${id}-help` });
  input.addEventListener('change', () => {
    settingsStore.save({ [key]: input.checked })
      .then(() => announce(true, t('saved')))
      .catch((e: unknown) => announce(false, t('errorSave', String(e))));
  });
  const help = kind === 'flag' ? `${key}What` : `${key}Help`;
  return h('div', { class: kind === 'flag' ? 'field flag' : 'field' },
    h('label', { for: id }, t(`${key}Label`)),
    input,
    h('p', { class: 'help', id: `${id}-help` }, t(help)),
    kind === 'flag' ? h('p', { class: 'risk' }, t(`${key}Risk`)) : null);
}

/** The toolbar badge: one of BADGE_MODES, saved on change. */
function badgeSelect(announce: Announce): HTMLElement {
  const id = 'setting-badge';
  const select = h('select', { id, 'data-testid': id, 'aria-describedby': `${id}-help` },
    ...BADGE_MODES.map((mode) => h('option', { value: mode }, t(`badge_${mode}`))));
  select.addEventListener('change', () => {
    settingsStore.save({ badge: normalizeBadgeMode(select.value) })
      .then(() => announce(true, t('saved')))
      .catch((e: unknown) => announce(false, t('errorSave', String(e))));
  });
  return h('div', { class: 'field' },
    h('label', { for: id }, t('badgeLabel')),
    select,
    h('p', { class: 'help', id: `${id}-help` }, t('badgeHelp')));
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
/** 1260 → "21:00", the value of an <input type="time">. */
export const timeOfMinute = (minute: number): string => `${pad2(Math.floor(minute / 60))}:${pad2(minute % 60)}`;

/** The daily summary: on/off and its local time (an <input type="time">, saved as minutes). */
function summaryFields(announce: Announce): HTMLElement[] {
  const at = h('input', { type: 'time', id: 'setting-dailySummaryMinute', 'data-testid': 'setting-dailySummaryMinute', required: true, 'aria-describedby': 'setting-dailySummary-help' });
  at.addEventListener('change', () => {
    const m = /^(\d\d):(\d\d)/.exec(at.value);
    if (!m) return; // cleared: the time stays what it was
    settingsStore.save({ dailySummaryMinute: Number(m[1]) * 60 + Number(m[2]) })
      .then(() => announce(true, t('saved')))
      .catch((e: unknown) => announce(false, t('errorSave', String(e))));
  });
  return [
    checkbox('dailySummary', 'setting', announce),
    h('div', { class: 'field' }, h('label', { for: 'setting-dailySummaryMinute' }, t('dailySummaryMinuteLabel')), at),
  ];
}

export interface SettingsForm {
  /** Show these settings; fields the user is editing (focused, or holding an invalid value) are left alone. */
  show(flags: Settings): void;
}

export function mountSettingsForm(containers: { tracking: HTMLElement; storage: HTMLElement; flags: HTMLElement }, announce: Announce): SettingsForm {
  for (const f of NUMBER_FIELDS) (TRACKING_NUMBERS.has(f.key) ? containers.tracking : containers.storage).append(numberField(f, announce));
  containers.tracking.append(checkbox('countAudibleWhileIdle', 'setting', announce), checkbox('recordIncognito', 'setting', announce), badgeSelect(announce), ...summaryFields(announce));
  for (const k of SAFETY_FLAGS) containers.flags.append(checkbox(k, 'flag', announce));

  return {
    show(flags) {
      const badge = document.querySelector<HTMLSelectElement>('#setting-badge');
      if (badge && badge !== document.activeElement) badge.value = flags.badge;
      const at = document.querySelector<HTMLInputElement>('#setting-dailySummaryMinute');
      if (at && at !== document.activeElement) at.value = timeOfMinute(flags.dailySummaryMinute);
      const values = formValues(flags);
      for (const [key, value] of Object.entries(values)) {
        const input = document.querySelector<HTMLInputElement>(`#setting-${key}, #flag-${key}`);
        if (!input || input === document.activeElement || input.getAttribute('aria-invalid') === 'true') continue;
        if (typeof value === 'boolean') input.checked = value;
        else input.value = value;
      }
    },
  };
}
