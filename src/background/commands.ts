// The command API (documented in docs/ARCHITECTURE.md): every write and engine run requested by
// the pages and the tests goes through here. Errors come back as { ok: false, error }.
import type { Command, CommandResults, Diagnostics, Response, ResultOf, RunSummary } from '../core/api.ts';
import type { DwellDb } from '../db/open.ts';
import { countAfter } from '../db/events.ts';
import { readCursor, readErrors, readGeneration, readLease } from '../db/meta.ts';
import { recentRuns } from '../db/runs.ts';
import { txOf } from '../db/tx.ts';
import { deleteHistory } from '../db/history.ts';
import { buildExport, importExport } from '../db/transfer.ts';
import { createImportStaging } from './import-staging.ts';
import { toCsv } from '../core/export-format.ts';
import { liveQuery } from '../db/query.ts';
import { verify } from './verify.ts';
import type { Clock } from './ports.ts';
import { parseCommand } from '../core/command-schema.ts';
import type { FoldOptions } from '../db/fold-batch.ts';
import type { Limits } from './limits.ts';
import type { Focus } from './focus.ts';

export interface CommandDeps {
  db: DwellDb;
  clock: Clock;
  /** `whole`: drain the whole backlog whatever the batch flag (which only shapes periodic runs). */
  aggregate(trigger: string, whole?: boolean): Promise<RunSummary>;
  setPaused(paused: boolean, until?: number): Promise<void>;
  /** How a delete or replace folds what is still pending in its own transaction. */
  foldOptions(): FoldOptions;
  /** Daily limits, when this worker enforces them. */
  limits: Limits | null;
  /** Focus sessions (enforced by the limits run, which must run again after a start or stop). */
  focus?: Focus | null;
}

type Handlers = { [K in keyof CommandResults]: (cmd: Extract<Command, { type: K }>) => Promise<CommandResults[K]> };

export function createCommands(d: CommandDeps) {
  const stamp = (now: number) => new Date(now).toISOString().slice(0, 19).replace(/[:T]/g, '-');
  const staging = createImportStaging(() => d.clock.now());
  const handlers: Handlers = {
    query: (c) => {
      const now = c.now ?? d.clock.now();
      return liveQuery(d.db, c.range, { pages: c.pages, now, tzOffset: d.clock.tzOffset(now), ...(c.limit !== undefined ? { limit: c.limit } : {}) });
    },
    aggregateNow: () => d.aggregate('command'),
    export: async (c) => {
      await d.aggregate('export', true);
      const now = d.clock.now();
      const file = await buildExport(d.db, new Date(now), c.categories);
      return c.format === 'csv'
        ? { filename: `dwell-${stamp(now)}.csv`, mime: 'text/csv', text: toCsv(file) }
        : { filename: `dwell-${stamp(now)}.json`, mime: 'application/json', text: JSON.stringify(file) };
    },
    import: async (c) => {
      const data: unknown = typeof c.data === 'string' ? parseJson(c.data) : c.data;
      // A replace deletes everything first: drain in batches, then the rest folds in its transaction.
      if (c.mode === 'replace' && !c.dryRun) await d.aggregate('import', true);
      return importExport(d.db, data, c.mode, !!c.dryRun, d.clock.now(), d.foldOptions());
    },
    importChunk: async (c) => ({ received: staging.add(c.id, c.index, c) }),
    importCommit: async (c) => {
      const days = staging.take(c.id, c.chunks);
      if (c.mode === 'replace') await d.aggregate('import', true);
      // The file's own version: the staged days are validated by its rules (version 2 keeps hours).
      const data = { format: 'dwell-export', version: c.version, exportedAt: c.exportedAt, days };
      return importExport(d.db, data, c.mode, false, d.clock.now(), d.foldOptions());
    },
    deleteHistory: async (c) => {
      // Fold what is pending first, so nothing of the deleted scope arrives later from the backlog:
      // most of it in ordinary batches, whatever is left (a run held elsewhere) in the delete itself.
      await d.aggregate('delete', true);
      return deleteHistory(d.db, c.scope, d.clock.now(), d.foldOptions());
    },
    setPaused: async (c) => {
      await d.setPaused(c.paused, c.until);
      return { paused: c.paused };
    },
    verify: () => verify(d.db),
    diagnostics: () => diagnostics(d.db),
    limitInfo: async (c) => {
      const info = await limitsOf(d).info(c.site);
      if (!info) return null;
      const { site, minutes, category, window, usedMs, siteUsedMs, allowanceMs, blocked, resetAt, canSnooze } = info;
      return { site, minutes, ...(category === undefined ? {} : { category }), ...(window ? { window } : {}), usedMs, siteUsedMs, allowanceMs, blocked, resetAt, canSnooze };
    },
    snoozeLimit: async (c) => ({ granted: await limitsOf(d).snooze(c.site) }),
    focusStart: async (c) => {
      const started = await focusOf(d).start(c.minutes);
      // The tabs in front are judged now, and the first boundary is scheduled.
      if (started.view) await limitsOf(d).check('focus start');
      return started;
    },
    focusStop: async () => {
      await focusOf(d).stop();
      await limitsOf(d).check('focus stop');
      return { stopped: true };
    },
    focusInfo: (c) => focusOf(d).view(c.site),
  };

  return async function handle<C extends Command>(msg: C): Promise<Response<ResultOf<C>>> {
    try {
      // The message is untrusted: only the parsed command, checked field by field, reaches a handler.
      const cmd = parseCommand(msg) as C;
      const fn = handlers[cmd.type] as unknown as (c: C) => Promise<ResultOf<C>>;
      return { ok: true, result: await fn(cmd) };
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  };
}

function limitsOf(d: CommandDeps): Limits {
  if (!d.limits) throw new Error('daily limits are not enforced by this worker');
  return d.limits;
}

function focusOf(d: CommandDeps): Focus {
  if (!d.focus || !d.limits) throw new Error('focus sessions are not enforced by this worker');
  return d.focus;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`Import rejected: not valid JSON (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  }
}

async function diagnostics(db: DwellDb): Promise<Diagnostics> {
  const tx = txOf(db, ['meta'], 'readonly');
  const [cursor, lease] = await Promise.all([readCursor(tx), readLease(tx)]);
  await tx.done;
  const [runs, pending, errors, { generation, rollovers }] = await Promise.all([recentRuns(db, 20), countAfter(db, cursor.watermark), readErrors(db), readGeneration(db)]);
  const v = cursor.state.visit;
  return {
    runs,
    pending,
    watermark: cursor.watermark,
    lease,
    counters: cursor.state.counters,
    errors,
    generation,
    rollovers,
    openVisit: v ? { domain: v.domain, url: v.page, start: v.start } : null,
  };
}
