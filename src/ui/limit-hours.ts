// "(9:00 AM–5:00 PM only)": what the popup's note and the block page add after a limit that holds
// only between two hours of the day; nothing for an all-day limit.
import { windowSpan } from './hour-labels.ts';
import { t } from './i18n.ts';

export const onlyHours = (window: { from: number; to: number } | null | undefined, locale?: string): string =>
  window ? ` ${t('limitWindowOnly', windowSpan(window, locale))}` : '';
