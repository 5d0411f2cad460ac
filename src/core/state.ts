// The fold's carried state: persisted as the `cursor` meta record together with the watermark,
// in the same transaction as the aggregates it produced.
import type { IdleState } from './events.ts';
import type { Day, Hours } from './aggregates.ts';

export interface PageInfo {
  url: string | null;
  domain: string | null;
  title: string;
  audible: boolean;
}

export interface WindowState {
  /** Active tab of this window, if known. */
  tabId: number | null;
  /** Its page, if known (null = unknown until a `tab`/`snapshot` event says). */
  info: PageInfo | null;
}

/** The visit being counted now. Its time reaches the aggregates only when it closes. */
export interface OpenVisit {
  windowId: number;
  tabId: number;
  /** origin + path */
  page: string;
  domain: string;
  title: string;
  start: number;
  startDay: Day;
  /** Time already settled per day (closed runs: before a clock jump or a time-zone change). */
  settled: Record<Day, number>;
  /** The same time per day and local hour. Absent in a visit persisted before Dwell kept hours:
   *  what it had settled then stays without an hour. */
  hours?: Record<Day, Hours>;
  /** Start of the current contiguous run of time (same clock base, same time zone). */
  runStart: number;
  runTz: number;
}

/** The site visit in progress: consecutive page visits on one domain with no gap. */
export interface SiteStretch {
  domain: string;
  startDay: Day;
  ms: number;
  /** When its last page visit closed: the next continues the site visit only if it opens then. */
  lastEnd: number;
}

export interface Counters {
  events: number;
  gaps: number;
  reconstructed: number;
  recoveries: number;
  clockJumps: number;
  /** Stored events that failed validation: skipped, never folded (the watermark moves past). */
  corrupt: number;
  /** Database outages (the browser closed the connection): time nobody's (docs/COUNTING.md §14). */
  outages: number;
}

export const FOLD_STATE_VERSION = 3;

export interface FoldState {
  v: typeof FOLD_STATE_VERSION;
  lastSeq: number | null;
  lastT: number | null;
  tz: number;
  /** Focused window; NO_WINDOW when the browser has no focus; null = unknown (not counted). */
  focused: number | null;
  windows: Record<string, WindowState>;
  /** Last known page of each tab (for a reconstructed switch to a tab that has since navigated). */
  tabPages: Record<string, PageInfo>;
  idle: IdleState;
  paused: boolean;
  countAudibleWhileIdle: boolean;
  gapMs: number;
  /** Since when the focused window, its active tab, idle and pause have been as they are now. */
  subjectSince: number;
  /** Nothing new may be counted before this: the last close, gap, boot, clock jump or tz change. */
  floor: number;
  visit: OpenVisit | null;
  site: SiteStretch | null;
  counters: Counters;
}

export const DEFAULT_GAP_MS = 75_000;

export function initialState(): FoldState {
  return {
    v: FOLD_STATE_VERSION,
    lastSeq: null,
    lastT: null,
    tz: 0,
    focused: null,
    windows: {},
    tabPages: {},
    idle: 'active',
    paused: false,
    countAudibleWhileIdle: true,
    gapMs: DEFAULT_GAP_MS,
    subjectSince: 0,
    floor: 0,
    visit: null,
    site: null,
    counters: { events: 0, gaps: 0, reconstructed: 0, recoveries: 0, clockJumps: 0, corrupt: 0, outages: 0 },
  };
}

type Stored = Record<string, unknown> & { v?: unknown };

/** Upgrades of the persisted fold state, from version N to N+1 (index = N − 1). A state saved by
 *  an older worker is carried forward, never reset: it holds the open visit's time. */
const foldStateMigrations: Array<(s: Stored) => Stored> = [
  // v1 → v2: corrupt events are counted.
  (s) => ({ ...s, v: 2, counters: { ...(s.counters as object), corrupt: 0 } }),
  // v2 → v3: database outages are counted.
  (s) => ({ ...s, v: 3, counters: { ...(s.counters as object), outages: 0 } }),
];

/** The persisted state in today's shape. A state from a newer version is refused: folding it
 *  with older rules could count time twice. */
export function migrateFoldState(raw: Stored): FoldState {
  let s = raw;
  let v = typeof s.v === 'number' ? s.v : 1;
  if (v > FOLD_STATE_VERSION) throw new Error(`fold state version ${v} is newer than this version of Dwell (${FOLD_STATE_VERSION})`);
  while (v < FOLD_STATE_VERSION) {
    const step = foldStateMigrations[v - 1];
    if (!step) throw new Error(`no migration for fold state version ${v}`);
    s = step(s);
    v += 1;
  }
  return s as unknown as FoldState;
}
