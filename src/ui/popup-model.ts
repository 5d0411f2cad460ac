// QueryResult → what the popup shows: plain data, formatted, no DOM (unit-tested).
import type { QueryResult, SiteStat } from '../core/api.ts';
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
  /** Sites past the row limit, summed. */
  rest: { count: number; ms: number; time: string } | null;
  current: { domain: string; label: string; url: string; title: string; time: string } | null;
  /** Nothing at all in this range (fresh install, or a quiet range). */
  empty: boolean;
}

/** Today's total whatever the range: the range total when the range is today, else today's daily
 *  entry (present whenever today is inside the range and has time). */
export function todayTotal(r: QueryResult): number {
  if (r.range !== 'all' && r.range.from === r.today && r.range.to === r.today) return r.totalMs;
  return r.daily.find((d) => d.day === r.today)?.ms ?? 0;
}

export function buildPopupView(r: QueryResult, locale?: string, limit = 20): PopupView {
  const todayMs = todayTotal(r);
  const currentDomain = r.current?.domain ?? null;
  const sorted = [...r.sites].filter((s) => s.ms > 0).sort((a, b) => b.ms - a.ms || a.domain.localeCompare(b.domain));
  const shown = sorted.slice(0, limit);
  const hidden = sorted.slice(limit);
  const restMs = hidden.reduce((sum, s) => sum + s.ms, 0);
  const maxMs = shown[0]?.ms ?? 0;
  return {
    todayMs,
    todayText: formatDuration(todayMs, locale),
    rangeMs: r.totalMs,
    rangeText: formatDuration(r.totalMs, locale),
    rows: shown.map((s) => {
      const share = shareOf(s.ms, r.totalMs);
      return { domain: s.domain, label: displayDomain(s.domain), ms: s.ms, time: formatDuration(s.ms, locale), share, shareText: formatShare(share, locale), bar: shareOf(s.ms, maxMs), current: s.domain === currentDomain };
    }),
    rest: hidden.length ? { count: hidden.length, ms: restMs, time: formatDuration(restMs, locale) } : null,
    current: r.current ? { domain: r.current.domain, label: displayDomain(r.current.domain), url: r.current.url, title: r.current.title, time: formatDuration(r.current.msToday, locale) } : null,
    empty: sorted.length === 0,
  };
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

/** The favicon of a registrable domain through the _favicon API (needs the "favicon" permission). */
export function faviconUrl(domain: string, getURL: (path: string) => string, size = 16): string {
  return getURL(`/_favicon/?pageUrl=${encodeURIComponent(`https://${domain}`)}&size=${size}`);
}
