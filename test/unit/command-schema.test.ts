// What the worker answers to a malformed command is the only thing a page (or a person at the
// console) sees of it: `{ ok: false, error }` carries the CommandError's message as is. So each
// refusal must name the command and the field, say what was expected, and show what came (cut
// short when it is long). And each bound is exact: the largest allowed value passes.
import { describe, expect, it } from 'vitest';
import { CommandError, parseCommand } from '../../src/core/command-schema.ts';
import { MAX_DAYS_PER_CHUNK, MAX_IMPORT_CHUNKS } from '../../src/core/import-chunks.ts';

/** The refusal as the worker logs it: "CommandError: …". */
function refusal(msg: unknown): string {
  try {
    parseCommand(msg);
  } catch (err) {
    expect(err).toBeInstanceOf(CommandError);
    return String(err);
  }
  throw new Error(`${JSON.stringify(msg)} was accepted`);
}

describe('a malformed command is refused with a message naming the command and the field', () => {
  it.each<[string, unknown, string]>([
    ['not an object', null, 'command must be an object'],
    ['two misspelt options, both named', { type: 'verify', deep: 1, wide: 2 }, 'verify: unexpected field "deep", "wide"'],
    ['aggregateNow with an option', { type: 'aggregateNow', force: true }, 'aggregateNow: unexpected field "force"'],
    ['diagnostics with an option', { type: 'diagnostics', all: true }, 'diagnostics: unexpected field "all"'],
    ['query with an option it does not have', { type: 'query', range: 'all', sort: 'ms' }, 'query: unexpected field "sort"'],
    ['query pages as a number', { type: 'query', range: 'all', pages: 3 }, 'query.pages must be a non-empty string (got 3)'],
    ['query now as text', { type: 'query', range: 'all', now: 'now' }, 'query.now must be a time in ms (got "now")'],
    ['query to a month without its zero', { type: 'query', range: { from: '2024-03-01', to: '2024-3-9' } }, 'query.range.to must be a day "YYYY-MM-DD" (got "2024-3-9")'],
    ['export as xml', { type: 'export', format: 'xml' }, 'export.format must be one of "json", "csv" (got "xml")'],
    ['export with an option it does not have', { type: 'export', format: 'csv', pages: true }, 'export: unexpected field "pages"'],
    ['import with an option it does not have', { type: 'import', data: '{}', mode: 'merge', force: true }, 'import: unexpected field "force"'],
    ['import dryRun "no"', { type: 'import', data: '{}', mode: 'merge', dryRun: 'no' }, 'import.dryRun must be true or false (got "no")'],
    ['importChunk with an option it does not have', { type: 'importChunk', id: 'u1', index: 0, continues: false, days: [], total: 1 }, 'importChunk: unexpected field "total"'],
    [`importChunk index ${MAX_IMPORT_CHUNKS} (indexes run from 0)`, { type: 'importChunk', id: 'u1', index: MAX_IMPORT_CHUNKS, continues: false, days: [] }, `importChunk.index must be a whole number from 0 to ${MAX_IMPORT_CHUNKS - 1} (got ${MAX_IMPORT_CHUNKS})`],
    [`importChunk of ${MAX_DAYS_PER_CHUNK + 1} days`, { type: 'importChunk', id: 'u1', index: 0, continues: false, days: new Array<null>(MAX_DAYS_PER_CHUNK + 1).fill(null) }, `importChunk.days must be an array of at most ${MAX_DAYS_PER_CHUNK} days (got [${'null,'.repeat(11)}null…)`],
    ['importCommit with an option it does not have', { type: 'importCommit', id: 'u1', chunks: 1, mode: 'merge', version: 1, exportedAt: 'x', days: 3 }, 'importCommit: unexpected field "days"'],
    ['importCommit of "2" chunks', { type: 'importCommit', id: 'u1', chunks: '2', mode: 'merge', version: 1, exportedAt: 'x' }, `importCommit.chunks must be a whole number from 0 to ${MAX_IMPORT_CHUNKS} (got "2")`],
    ['importCommit with a slash in its id', { type: 'importCommit', id: 'a/b', chunks: 1, mode: 'merge', version: 1, exportedAt: 'x' }, 'importCommit.id must be 1–64 letters, digits or "-" (got "a/b")'],
    ['importCommit of a version-3 file (no such version)', { type: 'importCommit', id: 'u1', chunks: 1, mode: 'merge', version: 3, exportedAt: 'x' }, 'importCommit.version must be one of 1, 2 (got 3)'],
    ['importCommit without the file\'s version', { type: 'importCommit', id: 'u1', chunks: 1, mode: 'merge', exportedAt: 'x' }, 'importCommit.version must be one of 1, 2 (got nothing)'],
    ['importCommit exported at ""', { type: 'importCommit', id: 'u1', chunks: 1, mode: 'merge', version: 1, exportedAt: '' }, 'importCommit.exportedAt must be a non-empty string (got "")'],
    ['deleteHistory with an option it does not have', { type: 'deleteHistory', scope: { all: true }, confirm: true }, 'deleteHistory: unexpected field "confirm"'],
    ['delete one week (no such scope)', { type: 'deleteHistory', scope: { week: '2024-W10' } }, 'deleteHistory.scope must have exactly one of "all", "site", "day"'],
    ['setPaused with an option it does not have', { type: 'setPaused', paused: true, minutes: 5 }, 'setPaused: unexpected field "minutes"'],
    ['setPaused until "soon"', { type: 'setPaused', paused: true, until: 'soon' }, 'setPaused.until must be a time in ms (got "soon")'],
    ['setPaused with no paused field says it got nothing', { type: 'setPaused' }, 'setPaused.paused must be true or false (got nothing)'],
    ['limitInfo with an option it does not have', { type: 'limitInfo', site: 'a.test', day: '2024-03-10' }, 'limitInfo: unexpected field "day"'],
    ['limitInfo of an empty site', { type: 'limitInfo', site: '' }, 'limitInfo.site must be a non-empty string (got "")'],
    ['snoozeLimit with an option it does not have', { type: 'snoozeLimit', site: 'a.test', minutes: 5 }, 'snoozeLimit: unexpected field "minutes"'],
    ['snoozeLimit of no site', { type: 'snoozeLimit' }, 'snoozeLimit.site must be a non-empty string (got nothing)'],
    ['focusInfo of an empty site', { type: 'focusInfo', site: '' }, 'focusInfo.site must be a non-empty string (got "")'],
  ])('%s', (_what, msg, says) => {
    expect(refusal(msg)).toBe(`CommandError: ${says}`);
  });
});

describe('what came is shown, cut after 60 characters', () => {
  it('a 60-character value is shown whole', () => {
    const from = 'd'.repeat(58); // "ddd…d" is 60 characters as JSON
    expect(refusal({ type: 'query', range: { from, to: '2024-03-10' } })).toBe(`CommandError: query.range.from must be a day "YYYY-MM-DD" (got "${from}")`);
  });

  it('a 61-character value is shown as its first 60 and an ellipsis', () => {
    const from = 'd'.repeat(59);
    expect(refusal({ type: 'query', range: { from, to: '2024-03-10' } })).toBe(`CommandError: query.range.from must be a day "YYYY-MM-DD" (got "${from}…)`);
  });

  it('a short value is shown whole, with no ellipsis', () => {
    expect(refusal({ type: 'query', range: { from: 'x', to: '2024-03-10' } })).toBe('CommandError: query.range.from must be a day "YYYY-MM-DD" (got "x")');
  });
});

describe('the largest allowed value of each bound is accepted', () => {
  it('a query for at most 10,000 sites', () => {
    expect(parseCommand({ type: 'query', range: 'all', limit: 10_000 })).toEqual({ type: 'query', range: 'all', limit: 10_000 });
  });

  it(`the last chunk index (${MAX_IMPORT_CHUNKS - 1}) and a chunk of ${MAX_DAYS_PER_CHUNK} days`, () => {
    const days = new Array<null>(MAX_DAYS_PER_CHUNK).fill(null);
    const cmd = parseCommand({ type: 'importChunk', id: 'u1', index: MAX_IMPORT_CHUNKS - 1, continues: false, days });
    expect(cmd).toEqual({ type: 'importChunk', id: 'u1', index: MAX_IMPORT_CHUNKS - 1, continues: false, days });
  });

  it(`a commit of ${MAX_IMPORT_CHUNKS} chunks`, () => {
    const cmd = { type: 'importCommit', id: 'u1', chunks: MAX_IMPORT_CHUNKS, mode: 'replace', version: 1, exportedAt: '2024-03-10T10:00:00.000Z' } as const;
    expect(parseCommand(cmd)).toEqual(cmd);
  });

  it('a site name of 2,048 characters is taken; one of 2,049 is refused', () => {
    const site = 's'.repeat(2_048);
    expect(parseCommand({ type: 'limitInfo', site })).toEqual({ type: 'limitInfo', site });
    expect(refusal({ type: 'snoozeLimit', site: `${site}s` })).toBe(`CommandError: snoozeLimit.site must be a non-empty string (got "${'s'.repeat(59)}…)`);
  });
});

describe('an option set to undefined is an option not given', () => {
  it('query {now: undefined} is a query for now, not a refused time', () => {
    expect(parseCommand({ type: 'query', range: 'all', now: undefined })).toEqual({ type: 'query', range: 'all' });
  });

  it('import {dryRun: undefined} imports for real', () => {
    expect(parseCommand({ type: 'import', data: '{}', mode: 'merge', dryRun: undefined })).toEqual({ type: 'import', data: '{}', mode: 'merge' });
  });
});
