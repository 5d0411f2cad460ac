// QueryResult → what the popup shows: plain data, formatted, no DOM (unit-tested).
import type { LimitView, QueryResult, SiteStat } from '../core/api.ts';
import { normalizeExclusion } from '../core/domains.ts';
import { displayDomain } from '../core/idn.ts';
import { displayPath, formatDuration, formatShare, shareOf } from './format.ts';

export interface SiteRowView {
  domain: string;
  /** The name shown: Unicode for a punycode name that cannot pass for another (core/idn.ts). */
  label: string;
  ms: number;
  time: string;
  /** Share of the range total, 0..1 (the percentage shown). */
  share: number;
  shareText: string;
  /** Bar length, 0..1 of the largest site in the list: against the range total, a history spread
   *  over thousands of sites drew every bar as a dot. */
  bar: number;
  /** The site in front right now. */
  current: boolean;
  /** On the current row, the title of the page in front (the row stands in for the "Now" card). */
  nowTitle: string | null;
  /** The page whose favicon the row shows (iconPage). */
  icon: IconPage;
}

/** `visited`: an origin the user was on; else the bare https://<domain> guess. */
export interface IconPage {
  page: string;
  visited: boolean;
}

export interface PageRowView {
  url: string;
  /** Last title seen; the path when the page had none. */
  title: string;
  path: string;
  ms: number;
  time: string;
  other: boolean;
}

export interface PopupView {
  todayMs: number;
  todayText: string;
  rangeMs: number;
  rangeText: string;
  rows: SiteRowView[];
  /** Sites past the row limit, summed; `shown` of them are in `rows` too (after "+ N more"). */
  rest: { count: number; shown: number; ms: number; time: string } | null;
  /** `inList`: the site has a row, which then marks it, so the "Now" card is not shown as well
   *  (both did not fit Chrome's 600 px popup). */
  current: { domain: string; label: string; url: string; title: string; time: string; inList: boolean; icon: string } | null;
  /** Nothing at all in this range (fresh install, or a quiet range). */
  empty: boolean;
}

/** Today's total whatever the range: the range total when the range is today, else today's daily
 *  entry (present whenever today is inside the range and has time). */
export function todayTotal(r: QueryResult): number {
  if (r.range !== 'all' && r.range.from === r.today && r.range.to === r.today) return r.totalMs;
  return r.daily.find((d) => d.day === r.today)?.ms ?? 0;
}

/** Rows shown past the limit once the user asks for more (the dashboard's table, bounded to
 *  ~100 rows in the DOM, is for the rest). */
export const MORE_ROWS = 200;
/** Site rows the popup shows before "+ N more sites". */
export const ROWS = 20;

/** `more`: rows past `limit` to show as well (0 until "+ N more sites" is pressed). */
export function buildPopupView(r: QueryResult, locale?: string, limit = ROWS, more = 0): PopupView {
  const todayMs = todayTotal(r);
  const sorted = [...r.sites].filter((s) => s.ms > 0).sort((a, b) => b.ms - a.ms || a.domain.localeCompare(b.domain));
  const hidden = sorted.slice(limit);
  const shown = sorted.slice(0, limit + Math.min(more, hidden.length));
  // A limited 'all' answer (QueryResult.beyond) holds only the largest sites: the rest is summed.
  const beyond = r.beyond ?? { count: 0, ms: 0 };
  const restMs = hidden.reduce((sum, s) => sum + s.ms, 0) + beyond.ms;
  const restCount = hidden.length + beyond.count;
  const rows = siteRows(r, shown, locale);
  const c = r.current;
  return {
    todayMs,
    todayText: formatDuration(todayMs, locale),
    rangeMs: r.totalMs,
    rangeText: formatDuration(r.totalMs, locale),
    rows,
    rest: restCount > 0 ? { count: restCount, shown: Math.max(0, shown.length - limit), ms: restMs, time: formatDuration(restMs, locale) } : null,
    current: c ? { domain: c.domain, label: displayDomain(c.domain), url: c.url, title: c.title, time: formatDuration(c.msToday, locale), inList: rows.some((row) => row.current), icon: isWebUrl(c.url) ? c.url : `https://${c.domain}` } : null,
    empty: sorted.length === 0,
  };
}

function siteRows(r: QueryResult, shown: readonly SiteStat[], locale?: string): SiteRowView[] {
  const maxMs = shown[0]?.ms ?? 0;
  return shown.map((s) => {
    const share = shareOf(s.ms, r.totalMs);
    const current = s.domain === r.current?.domain;
    return {
      domain: s.domain,
      label: displayDomain(s.domain),
      ms: s.ms,
      time: formatDuration(s.ms, locale),
      share,
      shareText: formatShare(share, locale),
      bar: shareOf(s.ms, maxMs),
      current,
      nowTitle: current ? (r.current?.title ?? '') : null,
      icon: iconPage(s, r.current),
    };
  });
}

/** A site's pages, most time first; the folded "other pages" row always last. */
export function buildPageRows(site: SiteStat | undefined, otherLabel: string, locale?: string): PageRowView[] | null {
  if (!site?.pages) return null;
  return [...site.pages]
    .filter((p) => p.ms > 0)
    .sort((a, b) => Number(!!a.other) - Number(!!b.other) || b.ms - a.ms || a.url.localeCompare(b.url))
    .map((p) => {
      const other = !!p.other;
      const path = other ? '' : displayPath(p.url);
      return { url: p.url, title: other ? otherLabel : p.title.trim() || path, path, ms: p.ms, time: formatDuration(p.ms, locale), other };
    });
}

/** A page to ask _favicon about for a site. Chrome knows the icon of each page it loaded, by that
 *  page's exact URL (measured in Chromium 156: no fallback to the origin or the host), so the ask
 *  is a page Dwell saw loaded: the page in front, or the site's page with the most time when its
 *  pages were read (stored as origin + path, which is what most pages are loaded as). Only a site
 *  with no page known falls back to https://<domain>, which _favicon answers with its default. */
export function iconPage(site: SiteStat, current: QueryResult['current']): IconPage {
  const top = site.pages?.filter((p) => !p.other && p.ms > 0).sort((a, b) => b.ms - a.ms || b.visits - a.visits)[0];
  const url = current?.domain === site.domain ? current.url : top?.url;
  return url && isWebUrl(url) ? { page: url, visited: true } : { page: `https://${site.domain}`, visited: false };
}

function isWebUrl(url: string): boolean {
  try {
    const p = new URL(url).protocol;
    return p === 'http:' || p === 'https:';
  } catch {
    return false;
  }
}

/** The favicon of a page through the _favicon API (needs the "favicon" permission). */
export function faviconUrl(pageUrl: string, getURL: (path: string) => string, size = 16): string {
  return getURL(`/_favicon/?pageUrl=${encodeURIComponent(pageUrl)}&size=${size}`);
}

/** "Don't track this site": the exclusion rules with the site added as "*.domain", since a row
 *  (a registrable domain) holds every subdomain of it; null when a rule already covers it. */
export function excludeSite(rules: readonly string[], domain: string): string[] | null {
  // Not options-model's addExclusions: it brings the public-suffix list (tldts) into the popup.
  const rule = normalizeExclusion(`*.${domain}`);
  return rule && !rules.includes(rule) ? [...rules, rule] : null;
}

/** When a pause from the popup ends: in one hour, or at the next local midnight ("until
 *  tomorrow", in the machine's zone, so a 23- or 25-hour day still ends at midnight). */
export function pauseEnd(kind: 'hour' | 'tomorrow', now: number): number {
  if (kind === 'hour') return now + 3_600_000;
  const d = new Date(now);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
}

/** The daily limit of the site in front: its allowance as the worker enforces it ("5 more
 *  minutes" included), the time used by the popup's own live count of that site today (the same
 *  read model the worker limits by, so both agree to the second); null when no limit applies.
 *  When the limit in force is a category's, the time used is the category's: what the worker read
 *  for all its sites, plus what the popup has counted on this site since that read (while it is in
 *  front no other site of the category counts). */
export function limitNote(info: LimitView | null, msToday: number, now: number): LimitNote | null {
  if (!info) return null;
  // A limit for some hours of the day counts only time inside them: what the popup counted since
  // the worker's read adds nothing outside the window (the site's all-day time still grows).
  const since = !info.window || inWindow(info.window, now) ? msToday - info.siteUsedMs : 0;
  const usedMs = Math.max(0, info.usedMs + since);
  const leftMs = Math.max(0, info.allowanceMs - usedMs);
  return { limitMs: info.minutes * 60_000, usedMs, leftMs, reached: info.blocked || leftMs === 0, category: info.category ?? null, window: info.window ?? null };
}

/** The machine's local hour of `now` is inside [from, to). */
const inWindow = (w: { from: number; to: number }, now: number): boolean => {
  const hour = new Date(now).getHours();
  return hour >= w.from && hour < w.to;
};

export interface LimitNote {
  limitMs: number;
  /** The time that counts toward the limit: the site's today, or its category's. */
  usedMs: number;
  leftMs: number;
  reached: boolean;
  /** The category's name when the limit in force is a category's. */
  category: string | null;
  /** The local hours the limit holds in; null: all day. */
  window: { from: number; to: number } | null;
}
