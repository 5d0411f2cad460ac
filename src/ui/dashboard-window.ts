// The all-sites table (pure parts): sorting, and which rows are in the DOM for a scroll offset.
// Rows have one fixed height, so the window is arithmetic: the rows the viewport shows plus an
// overscan each side, never more than MAX_ROWS, with spacers standing in for the rest.
import type { SiteStat } from '../core/api.ts';

export type SortKey = 'time' | 'visits' | 'name';
export type SortDir = 'asc' | 'desc';
export const SORT_KEYS: readonly SortKey[] = ['time', 'visits', 'name'];
export const isSortKey = (x: unknown): x is SortKey => SORT_KEYS.includes(x as SortKey);

/** At most this many rows are rendered at once, whatever the table holds. */
export const MAX_ROWS = 100;

export interface WindowSpec {
  count: number;
  rowHeight: number;
  viewportHeight: number;
  scrollTop: number;
  /** Rows rendered beyond each edge of the viewport, so a small scroll shows no gap. */
  overscan?: number;
}

export interface RowWindow {
  /** First rendered row (index into the sorted list). */
  start: number;
  /** One past the last rendered row. */
  end: number;
  /** Heights of the spacers above and below the rendered rows. */
  padTop: number;
  padBottom: number;
}

export function rowWindow(spec: WindowSpec): RowWindow {
  const count = Math.max(0, Math.floor(spec.count));
  const rowHeight = spec.rowHeight > 0 ? spec.rowHeight : 1;
  const overscan = Math.max(0, Math.floor(spec.overscan ?? 10));
  const visible = Math.ceil(Math.max(0, spec.viewportHeight) / rowHeight) + 1;
  const budget = Math.min(MAX_ROWS, visible + 2 * overscan);
  // A scroll offset past the end (the list shrank under it) shows the last rows, not nothing.
  const first = Math.floor(Math.max(0, Number.isFinite(spec.scrollTop) ? spec.scrollTop : 0) / rowHeight);
  const start = Math.max(0, Math.min(first - overscan, count - budget));
  const end = Math.min(count, start + budget);
  return { start, end, padTop: start * rowHeight, padBottom: (count - end) * rowHeight };
}

/** A new array; ties broken by name so the order is stable from one render to the next. Time and
 *  visits sort largest first by default, names A→Z. */
export function sortSites(sites: readonly SiteStat[], key: SortKey, dir: SortDir): SiteStat[] {
  const byName = (a: SiteStat, b: SiteStat): number => (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0);
  const primary = (a: SiteStat, b: SiteStat): number => (key === 'time' ? a.ms - b.ms : key === 'visits' ? a.visits - b.visits : byName(a, b));
  const sign = dir === 'asc' ? 1 : -1;
  return [...sites].sort((a, b) => sign * primary(a, b) || byName(a, b));
}

export const defaultDir = (key: SortKey): SortDir => (key === 'name' ? 'asc' : 'desc');
