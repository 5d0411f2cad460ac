// Stored aggregate rows (one DBSchema for all of them lives in db/schema.ts).

/** "YYYY-MM-DD" in the user's local time at that moment. */
export type Day = string;

/** 24 local-hour slots (core/hours.ts); absent on rows written before Dwell kept hours. A row's
 *  ms − Σ hours is its time without an hour ("unhoured"). */
export type Hours = number[];

/** One page of a site-day (origin + path is its key in DayRow.pages). */
export interface PageEntry {
  title: string;
  ms: number;
  visits: number;
  /** The folded rest past the cap (key OTHER_URL). */
  other?: boolean;
}

/** Per day × registrable domain, with its pages (per day × page) inside: a batch reads and
 *  writes one record per site-day it touches, not one per page. */
export interface DayRow {
  day: Day;
  domain: string;
  ms: number;
  visits: number;
  /** origin + path → page; at most PAGE_CAP_PER_SITE_DAY of them, the rest in OTHER_URL. */
  pages: Record<string, PageEntry>;
  hours?: Hours;
}

/** Rollup per domain over all days ("All" range without a scan). */
export interface SiteTotalRow {
  domain: string;
  ms: number;
  visits: number;
  firstDay: Day;
  lastDay: Day;
  /** The site's hour profile over all its days (the sum of its rows' slots). */
  hours?: Hours;
}

/** Rollup per day (chart and "All" total). */
export interface DayTotalRow {
  day: Day;
  ms: number;
  hours?: Hours;
}

export const OTHER_URL = '(other pages)';
export const PAGE_CAP_PER_SITE_DAY = 200;

/** One closed piece of counted time, as the fold emits it. */
export interface Contribution {
  day: Day;
  domain: string;
  /** null for a site-visit-only contribution */
  url: string | null;
  title: string;
  ms: number;
  /** 1 if a page visit began on this day and is counted here */
  pageVisits: number;
  /** 1 if a site visit began on this day and is counted here */
  siteVisits: number;
  /** The local-hour split of `ms` (Σ ≤ ms; the rest was settled before Dwell kept hours). */
  hours?: Hours;
}
