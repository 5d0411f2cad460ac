// Contributions → one delta per stored row, so a batch touches each row once.
import type { Contribution, Day, Hours } from './aggregates.ts';
import { addHours } from './hours.ts';

export interface DayDelta {
  day: Day;
  domain: string;
  ms: number;
  visits: number;
  /** Present once a contribution to the row carried hours (core/hours.ts). */
  hours?: Hours;
}

export interface PageDelta {
  day: Day;
  domain: string;
  url: string;
  title: string;
  ms: number;
  visits: number;
}

export interface Deltas {
  days: Map<string, DayDelta>;
  pages: Map<string, PageDelta>;
}

export const dayKey = (day: Day, domain: string): string => `${day}\u0000${domain}`;
export const pageKeyOf = (day: Day, domain: string, url: string): string => `${day}\u0000${domain}\u0000${url}`;

export function mergeContributions(contributions: readonly Contribution[], into?: Deltas): Deltas {
  const d: Deltas = into ?? { days: new Map(), pages: new Map() };
  for (const c of contributions) {
    const dk = dayKey(c.day, c.domain);
    const day = d.days.get(dk) ?? { day: c.day, domain: c.domain, ms: 0, visits: 0 };
    day.ms += c.ms;
    day.visits += c.siteVisits;
    if (c.hours) day.hours = addHours(day.hours, c.hours);
    d.days.set(dk, day);
    if (c.url === null) continue;
    const pk = pageKeyOf(c.day, c.domain, c.url);
    const page = d.pages.get(pk) ?? { day: c.day, domain: c.domain, url: c.url, title: c.title, ms: 0, visits: 0 };
    page.ms += c.ms;
    page.visits += c.pageVisits;
    if (c.title) page.title = c.title;
    d.pages.set(pk, page);
  }
  return d;
}
