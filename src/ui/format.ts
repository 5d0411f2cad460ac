// Locale-aware text for durations, shares and dates. Pure (locale is a parameter) so the popup,
// the options page and the tests format the same way.
import type { Day } from '../core/aggregates.ts';

export { formatDuration } from '../core/duration.ts';

/** Share of a total, 0..1 (0 when the total is 0). */
export function shareOf(part: number, total: number): number {
  if (!(total > 0) || !(part > 0)) return 0;
  return Math.min(1, part / total);
}

/** "42%"; a non-zero share that would round to 0 shows as "<1%" so a site never looks absent. */
export function formatShare(share: number, locale?: string): string {
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  if (share > 0 && share < 0.005) return `<${pct.format(0.01)}`;
  return pct.format(share);
}

/** A stored local day ("2024-03-10") as a local calendar date. Noon avoids DST edges. */
export function dayToDate(day: Day): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12);
}

/** "Sun, Mar 10" (or the locale's equivalent). */
export function formatDay(day: Day, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'short', month: 'short', day: 'numeric' }).format(dayToDate(day));
}

/** Short label for chart axes: "Mar 10". */
export function formatDayShort(day: Day, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' }).format(dayToDate(day));
}

/** "Mar 10, 2024, 14:05:03" for diagnostics timestamps. */
export function formatDateTime(t: number, locale?: string): string {
  if (!Number.isFinite(t)) return '—';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(t));
}

/** "14:30" (or "2:30 PM"): when a timed pause ends; the date too when it is not today. */
export function formatClock(t: number, locale?: string, now = Date.now()): string {
  const sameDay = new Date(t).toDateString() === new Date(now).toDateString();
  return new Intl.DateTimeFormat(locale, sameDay ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(t));
}

export function formatNumber(n: number, locale?: string): string {
  return new Intl.NumberFormat(locale).format(n);
}

/** A page URL for display: host + path (a site groups subdomains, so the host still matters);
 *  the bare host for the root page. Unparseable input is shown as is. */
export function displayPath(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname === '/' ? u.host : u.host + u.pathname;
  } catch {
    return url;
  }
}

/** Bidi controls — embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the
 *  marks (U+200E, U+200F, U+061C) — in a page's title would reorder what is shown around them
 *  ("\u202Egnp.exe" reads "exe.png"). Titles are shown without them, in their stored order. */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
export const neutralizeBidi = (text: string): string => text.replace(BIDI_CONTROLS, '');
