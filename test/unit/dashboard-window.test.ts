// The all-sites table keeps at most 100 rows in the DOM: which rows a scroll offset renders, and
// the order the three sort keys give.
import { describe, expect, it } from 'vitest';
import type { SiteStat } from '../../src/core/api.ts';
import { MAX_ROWS, rowWindow, sortSites } from '../../src/ui/dashboard-window.ts';

const ROW = 28;
const view = (count: number, scrollTop: number, viewportHeight = 560) => rowWindow({ count, rowHeight: ROW, viewportHeight, scrollTop, overscan: 10 });

describe('rowWindow', () => {
  it('at the top of 10,000 sites renders the first screenful and its overscan, the rest are spacers', () => {
    const w = view(10_000, 0);
    expect(w.start).toBe(0);
    expect(w.end).toBe(41); // 20 rows visible + 1 partial + 2 × 10 overscan
    expect(w.padTop).toBe(0);
    expect(w.padBottom).toBe((10_000 - 41) * ROW);
  });

  it('mid-list renders the rows around the offset, spacers add up to the full height', () => {
    const w = view(10_000, 5_000 * ROW + 3);
    expect(w.start).toBe(4_990);
    expect(w.end).toBe(5_031);
    expect(w.padTop + (w.end - w.start) * ROW + w.padBottom).toBe(10_000 * ROW);
  });

  it('scrolled to the bottom, the last site is rendered', () => {
    const w = view(1_000, 1_000 * ROW - 560);
    expect(w.end).toBe(1_000);
    expect(w.padBottom).toBe(0);
  });

  it('an offset past the end (the list shrank) shows the last rows rather than nothing', () => {
    const w = view(30, 99_999);
    expect(w).toEqual({ start: 0, end: 30, padTop: 0, padBottom: 0 });
  });

  it(`never renders more than ${MAX_ROWS} rows, even for a very tall viewport`, () => {
    const w = view(10_000, 200, 20_000);
    expect(w.end - w.start).toBe(MAX_ROWS);
  });

  it('a short list renders whole; negative or NaN offsets count as the top', () => {
    expect(view(5, -40)).toEqual({ start: 0, end: 5, padTop: 0, padBottom: 0 });
    expect(view(5, Number.NaN)).toEqual({ start: 0, end: 5, padTop: 0, padBottom: 0 });
    expect(view(0, 0)).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0 });
  });
});

describe('sortSites', () => {
  const sites: SiteStat[] = [
    { domain: 'b.test', ms: 5_000, visits: 1 },
    { domain: 'a.test', ms: 5_000, visits: 9 },
    { domain: 'c.test', ms: 9_000, visits: 3 },
  ];
  const names = (s: SiteStat[]) => s.map((x) => x.domain);

  it('by time, largest first, ties by name', () => {
    expect(names(sortSites(sites, 'time', 'desc'))).toEqual(['c.test', 'a.test', 'b.test']);
    expect(names(sortSites(sites, 'time', 'asc'))).toEqual(['a.test', 'b.test', 'c.test']);
  });

  it('by visits and by name', () => {
    expect(names(sortSites(sites, 'visits', 'desc'))).toEqual(['a.test', 'c.test', 'b.test']);
    expect(names(sortSites(sites, 'name', 'asc'))).toEqual(['a.test', 'b.test', 'c.test']);
    expect(names(sortSites(sites, 'name', 'desc'))).toEqual(['c.test', 'b.test', 'a.test']);
  });

  it('leaves the query result as it was', () => {
    sortSites(sites, 'name', 'asc');
    expect(names(sites)).toEqual(['b.test', 'a.test', 'c.test']);
  });
});
