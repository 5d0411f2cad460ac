// What the toolbar badge says (setting `badge`): nothing, today's time on the site in front, or
// today's total. The badge holds about four characters, so the time is rounded down to what fits
// — never up: the badge must not show a minute that was not counted yet.
export const BADGE_MODES = ['off', 'site', 'total'] as const;
export type BadgeMode = (typeof BADGE_MODES)[number];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A stored value that is not one of the modes reads as the default, off. */
export const normalizeBadgeMode = (value: unknown): BadgeMode => (BADGE_MODES.includes(value as BadgeMode) ? (value as BadgeMode) : 'off');

/** "<1m", "59m", "1h05", "9h59", "10h" … "24h": minutes under an hour, then hours and minutes
 *  while they fit in four characters, then whole hours. */
export function badgeText(ms: number): string {
  if (!(ms >= MINUTE)) return '<1m';
  const minutes = Math.floor(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(ms / HOUR);
  if (hours >= 10) return `${hours}h`;
  return `${hours}h${String(minutes % 60).padStart(2, '0')}`;
}
