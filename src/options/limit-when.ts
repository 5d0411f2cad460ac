// When a daily limit holds, as the options page edits it for a site's and a category's limits
// alike: weekday checkboxes (none = every day) and a window of whole local hours (00:00–24:00 =
// all day), and the text a listed rule shows for both. One place, so both forms read the same.
import type { LimitWindow } from '../core/limits.ts';
import { h } from '../ui/dom.ts';
import { hourClock, windowSpan } from '../ui/hour-labels.ts';
import { t, uiLocale } from '../ui/i18n.ts';
import type { TypedWhen } from '../ui/limits-model.ts';

const WEEKDAY_KEYS = ['weekdaySun', 'weekdayMon', 'weekdayTue', 'weekdayWed', 'weekdayThu', 'weekdayFri', 'weekdaySat'];

export interface WhenFields {
  /** The weekdays checked and the window chosen (none when it is the whole day). */
  read(): TypedWhen;
  /** Back to every day, all day (after a rule was added). */
  clear(): void;
  /** The first hour list: where a refused window is marked. */
  from: HTMLSelectElement;
}

/** Builds a form's weekday checkboxes and its two hour lists into `host`; `prefix` names their
 *  ids and test ids, and `${prefix}-problem` is where the form names what is wrong. */
export function mountWhen(host: HTMLElement, prefix: string): WhenFields {
  const locale = uiLocale();
  const described = { 'aria-describedby': `${prefix}-problem` };
  const hours = (first: number, last: number) =>
    Array.from({ length: last - first + 1 }, (_, i) => h('option', { value: first + i }, hourClock(first + i, locale)));
  const from = h('select', { id: `${prefix}-from`, 'data-testid': `${prefix}-from`, ...described }, ...hours(0, 23));
  const to = h('select', { id: `${prefix}-to`, 'data-testid': `${prefix}-to`, ...described }, ...hours(1, 24));
  const days = h(
    'fieldset',
    { class: 'limit-days' },
    h('legend', {}, t('limitDaysLegend')),
    ...WEEKDAY_KEYS.map((key, d) => h('label', { class: 'day' }, h('input', { type: 'checkbox', value: d, 'data-testid': `${prefix}-day-${d}` }), t(key))),
  );
  const between = h(
    'fieldset',
    { class: 'limit-days' },
    h('legend', {}, t('limitWindowLegend')),
    h('label', { for: from.id }, t('limitWindowFrom')),
    from,
    h('label', { for: to.id }, t('limitWindowUntil')),
    to,
  );
  host.replaceChildren(days, between);
  const clear = (): void => {
    for (const box of days.querySelectorAll<HTMLInputElement>('input:checked')) box.checked = false;
    from.value = '0';
    to.value = '24';
  };
  clear();
  return {
    read() {
      const weekdays = [...days.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => Number(i.value));
      const window = { from: Number(from.value), to: Number(to.value) };
      return window.from === 0 && window.to === 24 ? { weekdays } : { weekdays, window };
    },
    clear,
    from,
  };
}

/** "Mon, Wed · 9:00 AM–5:00 PM", "every day": when a listed rule holds. */
export function whenText(rule: { weekdays?: number[]; window?: LimitWindow }): string {
  const days = rule.weekdays ? rule.weekdays.map((d) => t(WEEKDAY_KEYS[d]!)).join(', ') : t('limitEveryDay');
  return rule.window ? t('limitWhenInWindow', days, windowSpan(rule.window, uiLocale())) : days;
}
