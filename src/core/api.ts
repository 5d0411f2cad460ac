// The typed command API handled by the worker (runtime.onMessage and self.dwell.handle).
// Types only: pages and tests import this, never worker code.
import type { Day, Hours } from './aggregates.ts';
import type { LockOutcome, RunRecord, ErrorEntry, LeaseRecord } from './records.ts';
import type { Counters } from './state.ts';
import type { Category } from './categories.ts';

/** Inclusive local-day range, or everything. */
export type Range = { from: Day; to: Day } | 'all';

export interface PageStat {
  url: string;
  title: string;
  ms: number;
  visits: number;
  other?: boolean;
}

export interface SiteStat {
  domain: string;
  ms: number;
  visits: number;
  /** Present when the query asked for pages (pages: true, or pages: this domain). */
  pages?: PageStat[];
  /** Its time in the range per local hour of the day (core/hours.ts); ms − Σ hours has no hour.
   *  Absent when none of it has an hour. */
  hours?: Hours;
}

export interface QueryResult {
  range: Range;
  /** The instant the live part was folded up to. */
  now: number;
  today: Day;
  totalMs: number;
  /** Sorted by ms, descending. */
  sites: SiteStat[];
  /** Daily totals inside the range (all days with time for 'all'), ascending by day, each with
   *  its hourly slots when any of its time has an hour. */
  daily: Array<{ day: Day; ms: number; hours?: Hours }>;
  /** The site/page being counted right now, with its time today. */
  current: { domain: string; url: string; title: string; msToday: number } | null;
  /** Events captured but not yet aggregated (folded read-only into this answer). */
  pending: number;
  /** With a `limit` on 'all': the sites past it (not in `sites`), counted and summed. */
  beyond?: { count: number; ms: number };
}

export interface ExportPage {
  url: string;
  title: string;
  ms: number;
  /** Visits of the page that day. Absent in files written before it was exported: 0. */
  visits?: number;
  other?: boolean;
}
export interface ExportSite {
  domain: string;
  ms: number;
  visits: number;
  pages: ExportPage[];
  /** Version 2: ms per local hour (24 slots, Σ ≤ ms; the rest has no hour). */
  hours?: Hours;
}
export interface ExportFile {
  format: 'dwell-export';
  /** 2 = 1 + optional fields (core/export-format.ts). */
  version: 1 | 2;
  exportedAt: string;
  days: Array<{ date: Day; sites: ExportSite[] }>;
  /** Version 2: the user's categories (settings, not history: the importing page applies them). */
  categories?: Category[];
}

export interface ImportSummary {
  days: number;
  sites: number;
  totalMs: number;
  mode: 'merge' | 'replace';
  written: boolean;
}

export type DeleteScope = { site: string } | { day: Day } | { all: true };

export interface RunSummary {
  lock: LockOutcome;
  events: number;
  batches: number;
  durationMs: number;
  gaps: number;
  reconstructed: number;
  recoveries: number;
  /** True when events remain above the watermark (batchProcessing off, or stopped early). */
  more: boolean;
}

export interface VerifyReport {
  /** Days fully covered by retained raw events, recomputed from them. */
  coveredDays: Day[];
  firstRetainedSeq: number | null;
  differences: Array<{ day: Day; domain: string; storedMs: number; recomputedMs: number }>;
  ok: boolean;
}

export interface Diagnostics {
  runs: RunRecord[];
  pending: number;
  watermark: number;
  lease: LeaseRecord | null;
  counters: Counters;
  errors: ErrorEntry[];
  generation: number;
  /** Sequence generations that ran out of numbers and went on in the next one (a flood of events). */
  rollovers: number;
  openVisit: { domain: string; url: string; start: number } | null;
}

/** What the block page shows for a limited site (background/limits.ts). */
export interface LimitView {
  site: string;
  minutes: number;
  /** The category's name, when the limit in force is a category's (its sites' time together). */
  category?: string;
  /** Local hours the limit holds in (09:00–17:00 = { from: 9, to: 17 }); absent: all day. */
  window?: { from: number; to: number };
  usedMs: number;
  /** The site's own time today, read with usedMs (equal to it for a site's all-day limit): the
   *  popup adds what it counted on the site since to usedMs, for a category's time too. */
  siteUsedMs: number;
  allowanceMs: number;
  blocked: boolean;
  /** When the block lifts (ms): a new day's allowance, or the end of the limit's window. */
  resetAt: number;
  /** "5 more minutes" is offered: limits are not strict and it was not used today. */
  canSnooze: boolean;
}

/** A focus session as the popup and the block page show it (background/focus.ts). */
export interface FocusView {
  phase: 'focus' | 'break' | 'done';
  cycle: number;
  cycles: number;
  phaseEndsAt: number;
  endsAt: number;
  sites: string[];
  categories: string[];
  /** Asked for a site: the session blocks it now. */
  blocksSite?: boolean;
}

export type Command =
  | { type: 'query'; range: Range; pages?: boolean | string; now?: number; limit?: number }
  | { type: 'aggregateNow' }
  /** `categories`: the page's, from the settings, written into a JSON export. */
  | { type: 'export'; format: 'json' | 'csv'; categories?: Category[] }
  | { type: 'import'; data: unknown; mode: 'merge' | 'replace'; dryRun?: boolean }
  /** A file too large for one message, in chunks (core/import-chunks.ts), then its commit. */
  | { type: 'importChunk'; id: string; index: number; continues: boolean; days: unknown[] }
  | { type: 'importCommit'; id: string; chunks: number; mode: 'merge' | 'replace'; version: ExportFile['version']; exportedAt: string }
  | { type: 'deleteHistory'; scope: DeleteScope }
  | { type: 'setPaused'; paused: boolean; /** A pause that ends by itself at this time (ms). */ until?: number }
  | { type: 'verify' }
  | { type: 'diagnostics' }
  /** The block page: the limit of a site today (null: no limit applies), and "5 more minutes". */
  | { type: 'limitInfo'; site: string }
  | { type: 'snoozeLimit'; site: string }
  /** Focus sessions: start one of `minutes` per focus period (lists and breaks from the settings),
   *  end it, and where it stands (for a site: whether it blocks it). */
  | { type: 'focusStart'; minutes: number }
  | { type: 'focusStop' }
  | { type: 'focusInfo'; site?: string };

export interface CommandResults {
  query: QueryResult;
  aggregateNow: RunSummary;
  export: { filename: string; mime: string; text: string };
  import: ImportSummary;
  importChunk: { received: number };
  importCommit: ImportSummary;
  deleteHistory: { deletedDays: number; deletedRows: number };
  setPaused: { paused: boolean };
  verify: VerifyReport;
  diagnostics: Diagnostics;
  limitInfo: LimitView | null;
  snoozeLimit: { granted: boolean };
  focusStart: { view: FocusView | null; problem?: 'minutes' | 'nothing-to-block' };
  focusStop: { stopped: boolean };
  focusInfo: FocusView | null;
}

export type Response<T> = { ok: true; result: T } | { ok: false; error: string };
export type ResultOf<C extends Command> = CommandResults[C['type']];
