// How the page cuts a file into chunks (core/import-chunks.ts chunksOf), at the edges of a chunk:
// a file that fills a chunk to the last character stays in it, one character more starts the next,
// a day too big for one chunk goes on in the next, and a site bigger than a chunk goes alone. The
// chunker counts a site as its JSON plus a separator and a day as DAY characters around its sites,
// so the sizes below are exact; every layout also joins back (joinChunk) into the very same days.
import { describe, expect, it } from 'vitest';
import type { ExportFile } from '../../src/core/api.ts';
import { chunksOf, joinChunk, type ImportChunk } from '../../src/core/import-chunks.ts';

type Day = ExportFile['days'][number];
type Site = Day['sites'][number];

/** The characters the chunker counts for a day around its sites (its date, brackets, a comma). */
const DAY = 40;

/** Sites of one JSON length each (a one-digit name), so a chunk's size is a count of sites. */
const site = (i: number): Site => ({ domain: `s${i}.test`, ms: 1, visits: 1, pages: [] });
/** A site's share of a chunk: its JSON and a separator. */
const SITE = JSON.stringify(site(1)).length + 1;

const day = (date: string, ...sites: number[]): Day => ({ date, sites: sites.map(site) });
const fileOf = (...days: Day[]): ExportFile => ({ format: 'dwell-export', version: 1, exportedAt: '2024-02-01T00:00:00.000Z', days });

/** What the worker stages from the chunks, in order. */
function joined(chunks: ImportChunk[]): unknown[] {
  const staged: unknown[] = [];
  for (const c of chunks) joinChunk(staged, c);
  return staged;
}

/** A chunk as dates and site numbers: `continues` first, then each day. */
const layout = (chunks: ImportChunk[]) => chunks.map((c) => [c.continues, ...c.days.map((d) => `${d.date}: ${d.sites.map((s) => s.domain[1]).join(',')}`)]);

function cut(file: ExportFile, maxChars: number) {
  const chunks = chunksOf(file, maxChars);
  expect(joined(chunks)).toEqual(file.days);
  return layout(chunks);
}

describe('a file in chunks of maxChars characters', () => {
  it('two days of two sites, far under the size: one chunk, no empty chunk before or after it', () => {
    const file = fileOf(day('2024-01-01', 1, 2), day('2024-01-02', 3, 4));
    expect(cut(file, 10_000)).toEqual([[false, '2024-01-01: 1,2', '2024-01-02: 3,4']]);
  });

  it('an empty file is still one (empty) chunk, so it has a commit', () => {
    expect(cut(fileOf(), 10_000)).toEqual([[false]]);
  });

  it('two days of one site each filling the chunk to its last character: still one chunk', () => {
    const file = fileOf(day('2024-01-01', 1), day('2024-01-02', 2));
    expect(cut(file, 2 * DAY + 2 * SITE)).toEqual([[false, '2024-01-01: 1', '2024-01-02: 2']]);
  });

  it('one character less: the second day starts the next chunk whole, not as a continued day', () => {
    const file = fileOf(day('2024-01-01', 1), day('2024-01-02', 2));
    expect(cut(file, 2 * DAY + 2 * SITE - 1)).toEqual([
      [false, '2024-01-01: 1'],
      [false, '2024-01-02: 2'],
    ]);
  });

  it('a day too big for one chunk is cut between its sites, and each rest continues it', () => {
    // Two sites and a day fit; the third does not. After a cut the day's overhead is counted again.
    const file = fileOf(day('2024-01-01', 1, 2, 3, 4, 5));
    expect(cut(file, DAY + 2 * SITE)).toEqual([
      [false, '2024-01-01: 1,2'],
      [true, '2024-01-01: 3,4'],
      [true, '2024-01-01: 5'],
    ]);
  });

  it('a continued day counts its overhead again: three sites fit without it, only two with it', () => {
    const file = fileOf(day('2024-01-01', 1, 2, 3, 4, 5));
    expect(DAY + 3 * SITE).toBeGreaterThan(3 * SITE);
    expect(cut(file, 3 * SITE)).toEqual([
      [false, '2024-01-01: 1,2'],
      [true, '2024-01-01: 3,4'],
      [true, '2024-01-01: 5'],
    ]);
  });

  it('a site bigger than a whole chunk goes alone, with no empty chunk before it (even below one day of overhead)', () => {
    const file = fileOf(day('2024-01-01', 1), day('2024-01-02', 2, 3));
    const alone = [
      [false, '2024-01-01: 1'],
      [false, '2024-01-02: 2'],
      [true, '2024-01-02: 3'],
    ];
    expect(cut(file, SITE)).toEqual(alone);
    expect(cut(file, 1)).toEqual(alone);
  });

  it('a day without sites that does not fit starts the next chunk; one that fits exactly stays', () => {
    const file = fileOf(day('2024-01-01', 1), day('2024-01-02'));
    expect(cut(file, 2 * DAY + SITE)).toEqual([[false, '2024-01-01: 1', '2024-01-02: ']]);
    expect(cut(file, 2 * DAY + SITE - 1)).toEqual([[false, '2024-01-01: 1'], [false, '2024-01-02: ']]);
  });

  it('after a cut between days the new chunk counts one day, not two: the next day still fits with it', () => {
    // Day 1 (a long site) fills the chunk; day 2 is empty and opens the next one, which then has
    // room for day 3 and its site (2 days and a site), not for a third day more.
    const long: Site = { domain: `s9.${'x'.repeat(30)}.test`, ms: 1, visits: 1, pages: [] };
    const file = fileOf({ date: '2024-01-01', sites: [long] }, day('2024-01-02'), day('2024-01-03', 3));
    const max = 2 * DAY + SITE + 10;
    expect(DAY + JSON.stringify(long).length + 1 + DAY).toBeGreaterThan(max);
    expect(cut(file, max)).toEqual([
      [false, '2024-01-01: 9'],
      [false, '2024-01-02: ', '2024-01-03: 3'],
    ]);
  });
});
