// Every command that reaches the worker is checked against its exact type before anything acts:
// a message is untrusted data (a page bug, an old page after an update, a hand-typed test), and a
// loose check once turned `deleteHistory {scope: {all: false}}` into "delete everything".
// Own properties only (no `in`, which walks the prototype: `{type: 'toString'}` was "known").
import type { Command, DeleteScope, ExportFile, Range } from './api.ts';
import { isTime, isValidDay } from './days.ts';
import { MAX_DAYS_PER_CHUNK, MAX_IMPORT_CHUNKS } from './import-chunks.ts';
import { IMPORT_VERSIONS, categoriesOf } from './export-format.ts';
import type { Category } from './categories.ts';
import { FOCUS_LIMITS } from './focus.ts';

type Obj = Record<string, unknown>;

export class CommandError extends Error {
  override name = 'CommandError';
}

const own = (o: Obj, k: string): unknown => (Object.hasOwn(o, k) ? o[k] : undefined);

function record(x: unknown, what: string): Obj {
  if (!x || typeof x !== 'object' || Array.isArray(x)) throw new CommandError(`${what} must be an object`);
  return x as Obj;
}

/** Rejects keys the command does not have: a misspelt option must not be silently ignored. */
function onlyKeys(o: Obj, allowed: readonly string[], what: string): void {
  const extra = Object.keys(o).filter((k) => !allowed.includes(k));
  if (extra.length > 0) throw new CommandError(`${what}: unexpected field ${extra.map((k) => JSON.stringify(k)).join(', ')}`);
}

function oneOf<T extends string>(x: unknown, values: readonly T[], what: string): T {
  if (typeof x === 'string' && (values as readonly string[]).includes(x)) return x as T;
  throw new CommandError(`${what} must be one of ${values.map((v) => JSON.stringify(v)).join(', ')} (got ${describe(x)})`);
}

/** The version of the file an import's chunks came from: its days are validated by its rules. */
function fileVersion(x: unknown, what: string): ExportFile['version'] {
  if (typeof x === 'number' && IMPORT_VERSIONS.includes(x)) return x as ExportFile['version'];
  throw new CommandError(`${what} must be one of ${IMPORT_VERSIONS.join(', ')} (got ${describe(x)})`);
}

function bool(x: unknown, what: string): boolean {
  if (typeof x === 'boolean') return x;
  throw new CommandError(`${what} must be true or false (got ${describe(x)})`);
}

function optional<T>(o: Obj, k: string, check: (x: unknown, what: string) => T, what: string): { [key: string]: T } {
  return Object.hasOwn(o, k) && o[k] !== undefined ? { [k]: check(o[k], `${what}.${k}`) } : {};
}

function day(x: unknown, what: string): string {
  if (typeof x === 'string' && isValidDay(x)) return x;
  throw new CommandError(`${what} must be a day "YYYY-MM-DD" (got ${describe(x)})`);
}

function nonEmptyString(x: unknown, what: string): string {
  if (typeof x === 'string' && x.length > 0 && x.length <= 2048) return x;
  throw new CommandError(`${what} must be a non-empty string (got ${describe(x)})`);
}

function range(x: unknown, what: string): Range {
  if (x === 'all') return 'all';
  const o = record(x, what);
  onlyKeys(o, ['from', 'to'], what);
  const from = day(own(o, 'from'), `${what}.from`);
  const to = day(own(o, 'to'), `${what}.to`);
  if (from > to) throw new CommandError(`${what}: from (${from}) is after to (${to})`);
  return { from, to };
}

function pagesOption(x: unknown, what: string): boolean | string {
  return typeof x === 'boolean' ? x : nonEmptyString(x, what);
}

function time(x: unknown, what: string): number {
  if (isTime(x)) return x;
  throw new CommandError(`${what} must be a time in ms (got ${describe(x)})`);
}

/** Exactly one of {all: true}, {site}, {day}: anything else deletes nothing. */
function scope(x: unknown, what: string): DeleteScope {
  const o = record(x, what);
  const keys = Object.keys(o);
  if (keys.length !== 1) throw new CommandError(`${what} must have exactly one of "all", "site", "day"`);
  if (Object.hasOwn(o, 'all')) {
    if (o.all !== true) throw new CommandError(`${what}.all must be true (got ${describe(o.all)})`);
    return { all: true };
  }
  if (Object.hasOwn(o, 'site')) return { site: nonEmptyString(o.site, `${what}.site`) };
  if (Object.hasOwn(o, 'day')) return { day: day(o.day, `${what}.day`) };
  throw new CommandError(`${what} must have exactly one of "all", "site", "day"`);
}

/** A page's id for one upload (crypto.randomUUID, or any short token). */
function importId(x: unknown, what: string): string {
  if (typeof x === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(x)) return x;
  throw new CommandError(`${what} must be 1–64 letters, digits or "-" (got ${describe(x)})`);
}

/** The most sites a limited query answers with (a page never shows more at once). */
const MAX_QUERY_LIMIT = 10_000;

function count(x: unknown, max: number, what: string): number {
  if (typeof x === 'number' && Number.isSafeInteger(x) && x >= 0 && x <= max) return x;
  throw new CommandError(`${what} must be a whole number from 0 to ${max} (got ${describe(x)})`);
}

/** The days of a chunk: an array; what is in it is the export validator's to judge at the commit. */
function list(x: unknown, what: string): unknown[] {
  if (Array.isArray(x) && x.length <= MAX_DAYS_PER_CHUNK) return x as unknown[];
  throw new CommandError(`${what} must be an array of at most ${MAX_DAYS_PER_CHUNK} days (got ${describe(x)})`);
}

/** The categories an export writes: exactly what the file format accepts, or why not. */
function categoryList(x: unknown, what: string): Category[] {
  try {
    return categoriesOf(x, what);
  } catch (e) {
    throw new CommandError(e instanceof Error ? e.message : String(e));
  }
}

type Parsers = { [K in Command['type']]: (o: Obj) => Extract<Command, { type: K }> };

const parsers: Parsers = {
  query: (o) => {
    onlyKeys(o, ['type', 'range', 'pages', 'now', 'limit'], 'query');
    return {
      type: 'query',
      range: range(own(o, 'range'), 'query.range'),
      ...optional(o, 'pages', pagesOption, 'query'),
      ...optional(o, 'now', time, 'query'),
      ...optional(o, 'limit', (x, what) => count(x, MAX_QUERY_LIMIT, what), 'query'),
    };
  },
  aggregateNow: (o) => (onlyKeys(o, ['type'], 'aggregateNow'), { type: 'aggregateNow' }),
  export: (o) => {
    onlyKeys(o, ['type', 'format', 'categories'], 'export');
    return { type: 'export', format: oneOf(own(o, 'format'), ['json', 'csv'] as const, 'export.format'), ...optional(o, 'categories', categoryList, 'export') };
  },
  import: (o) => {
    onlyKeys(o, ['type', 'data', 'mode', 'dryRun'], 'import');
    if (!Object.hasOwn(o, 'data')) throw new CommandError('import.data is missing');
    return { type: 'import', data: o.data, mode: oneOf(own(o, 'mode'), ['merge', 'replace'] as const, 'import.mode'), ...optional(o, 'dryRun', bool, 'import') };
  },
  importChunk: (o) => {
    onlyKeys(o, ['type', 'id', 'index', 'continues', 'days'], 'importChunk');
    return {
      type: 'importChunk',
      id: importId(own(o, 'id'), 'importChunk.id'),
      index: count(own(o, 'index'), MAX_IMPORT_CHUNKS - 1, 'importChunk.index'),
      continues: bool(own(o, 'continues'), 'importChunk.continues'),
      days: list(own(o, 'days'), 'importChunk.days'),
    };
  },
  importCommit: (o) => {
    onlyKeys(o, ['type', 'id', 'chunks', 'mode', 'version', 'exportedAt'], 'importCommit');
    const chunks = count(own(o, 'chunks'), MAX_IMPORT_CHUNKS, 'importCommit.chunks');
    if (chunks === 0) throw new CommandError('importCommit.chunks must be at least 1');
    return {
      type: 'importCommit',
      id: importId(own(o, 'id'), 'importCommit.id'),
      chunks,
      mode: oneOf(own(o, 'mode'), ['merge', 'replace'] as const, 'importCommit.mode'),
      version: fileVersion(own(o, 'version'), 'importCommit.version'),
      exportedAt: nonEmptyString(own(o, 'exportedAt'), 'importCommit.exportedAt'),
    };
  },
  deleteHistory: (o) => {
    onlyKeys(o, ['type', 'scope'], 'deleteHistory');
    return { type: 'deleteHistory', scope: scope(own(o, 'scope'), 'deleteHistory.scope') };
  },
  setPaused: (o) => {
    onlyKeys(o, ['type', 'paused', 'until'], 'setPaused');
    const paused = bool(own(o, 'paused'), 'setPaused.paused');
    const until = own(o, 'until');
    if (until === undefined) return { type: 'setPaused', paused };
    if (!paused) throw new CommandError('setPaused.until is only for a pause (paused: true)');
    return { type: 'setPaused', paused, until: time(until, 'setPaused.until') };
  },
  verify: (o) => (onlyKeys(o, ['type'], 'verify'), { type: 'verify' }),
  diagnostics: (o) => (onlyKeys(o, ['type'], 'diagnostics'), { type: 'diagnostics' }),
  limitInfo: (o) => (onlyKeys(o, ['type', 'site'], 'limitInfo'), { type: 'limitInfo', site: nonEmptyString(own(o, 'site'), 'limitInfo.site') }),
  snoozeLimit: (o) => (onlyKeys(o, ['type', 'site'], 'snoozeLimit'), { type: 'snoozeLimit', site: nonEmptyString(own(o, 'site'), 'snoozeLimit.site') }),
  focusStart: (o) => (onlyKeys(o, ['type', 'minutes'], 'focusStart'), { type: 'focusStart', minutes: count(own(o, 'minutes'), FOCUS_LIMITS.minutes.max, 'focusStart.minutes') }),
  focusStop: (o) => (onlyKeys(o, ['type'], 'focusStop'), { type: 'focusStop' }),
  focusInfo: (o) => {
    onlyKeys(o, ['type', 'site'], 'focusInfo');
    const site = own(o, 'site');
    return site === undefined ? { type: 'focusInfo' } : { type: 'focusInfo', site: nonEmptyString(site, 'focusInfo.site') };
  },
};

/** The command, exactly as typed, or a CommandError saying what is wrong. */
export function parseCommand(x: unknown): Command {
  const o = record(x, 'command');
  const type = own(o, 'type');
  if (typeof type !== 'string' || !Object.hasOwn(parsers, type)) throw new CommandError(`unknown command type ${describe(type)}`);
  return parsers[type as Command['type']](o);
}

function describe(x: unknown): string {
  if (x === undefined) return 'nothing';
  try {
    const s = JSON.stringify(x);
    return s.length > 60 ? `${s.slice(0, 60)}…` : s;
  } catch {
    return typeof x;
  }
}
