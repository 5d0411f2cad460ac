// Names of the local hours and the weekdays, for the charts of when time goes. An hour slot is a
// label, not an instant (core/hours.ts), so it is formatted as a UTC time of a fixed date: no zone
// or DST of this machine can shift it. Weekdays are 0 = Sunday, as range.ts weekdayOf answers.

const UTC_DAY = Date.UTC(2024, 0, 7); // a Sunday
const at = (hour: number): number => UTC_DAY + hour * 3_600_000;

const cache = new Map<string, Intl.DateTimeFormat>();
function format(locale: string | undefined, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(opts)}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale, { ...opts, timeZone: 'UTC' })));
  return f;
}

/** "9 AM", "09 Uhr", "9時": an axis tick. */
export const hourLabel = (hour: number, locale?: string): string => format(locale, { hour: 'numeric' }).format(at(hour));

/** "9:00 AM", "09:00" (24 is the next midnight): a boundary of a slot or of a limit's window. */
export const hourClock = (hour: number, locale?: string): string => format(locale, { hour: 'numeric', minute: '2-digit' }).format(at(hour % 24));

/** "9:00 AM–10:00 AM", "23:00–00:00": the slot in a table or a tooltip. */
export const hourSpan = (hour: number, locale?: string): string => `${hourClock(hour, locale)}–${hourClock(hour + 1, locale)}`;

/** "9:00 AM–5:00 PM": a limit's window of whole local hours [from, to). */
export const windowSpan = (w: { from: number; to: number }, locale?: string): string => `${hourClock(w.from, locale)}–${hourClock(w.to, locale)}`;

/** "Mon" / "Monday" (or the locale's). */
export const weekdayName = (weekday: number, locale?: string, width: 'short' | 'long' = 'short'): string =>
  format(locale, { weekday: width }).format(UTC_DAY + (((weekday % 7) + 7) % 7) * 86_400_000);

/** The seven weekdays from the week's first day (0 = Sunday, 1 = Monday: the locale's). */
export const weekdayOrder = (weekStart: number): number[] => Array.from({ length: 7 }, (_, i) => (((weekStart + i) % 7) + 7) % 7);
