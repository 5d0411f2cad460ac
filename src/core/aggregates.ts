// Stored aggregate rows (one DBSchema for all of them lives in db/schema.ts).

/** "YYYY-MM-DD" in the user's local time at that moment. */
export type Day = string;

/** Per day × registrable domain. */
export interface DayRow {
  day: Day;
  domain: string;
  ms: number;
  visits: number;
  /** Distinct page rows kept for this day × domain (excluding the "other" row); caps the pages. */
  pages: number;
}

/** Per day × page (origin + path). Rows past the cap fold into one row with other = true. */
export interface PageRow {
  day: Day;
  domain: string;
  /** origin + path, or OTHER_URL for the folded rest */
  url: string;
  title: string;
  ms: number;
  visits: number;
  other?: boolean;
}

/** Rollup per domain over all days ("All" range without a scan). */
export interface SiteTotalRow {
  domain: string;
  ms: number;
  visits: number;
  firstDay: Day;
  lastDay: Day;
}

/** Rollup per day (chart and "All" total). */
export interface DayTotalRow {
  day: Day;
  ms: number;
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
}
