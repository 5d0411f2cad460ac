// What the worker (and tests) get from createEngine(): capture handlers, the aggregator and the
// command handler, all over one database and one set of ports.
import type { EventBody, IdleState } from '../core/events.ts';
import type { Command, Response, RunSummary, ResultOf } from '../core/api.ts';
import type { DwellDb } from '../db/open.ts';
import type { BrowserPort, BrowserTab, Clock, SessionPort, SettingsPort } from './ports.ts';
import type { ConnectionEvents } from './connection.ts';
import type { LimitPorts, Limits } from './limits.ts';
import type { Badge, BadgePort } from './badge.ts';
import type { DailySummary, SummaryPorts } from './daily-summary.ts';

export interface EngineDeps {
  db: DwellDb;
  clock: Clock;
  browser: BrowserPort;
  session: SessionPort;
  settings: SettingsPort;
  /** Unique per worker start: a lease held by another instance belongs to a dead worker. */
  instanceId: string;
  /** The browser side of daily limits (timers, the alarm, the block page, the limit day). */
  limitPorts?: LimitPorts;
  /** The toolbar icon (chrome.action); without it there is no badge. */
  badgePort?: BadgePort;
  /** The daily summary's alarm and notification; without them there is no summary. */
  summaryPorts?: SummaryPorts;
  /** Test-only seams. `betweenBatches` is awaited by the aggregator between batch transactions. */
  hooks?: { betweenBatches?: () => Promise<void> };
}

/** Browser signals, already reduced to plain data (the worker's listeners call these synchronously).
 *  `at` = when the signal arrived, if it was buffered before the engine existed (default: now). */
export interface CaptureHandlers {
  tabActivated(tabId: number, windowId: number, at?: number): void;
  tabUpdated(tab: BrowserTab, changed: { url?: boolean; title?: boolean; audible?: boolean }, at?: number): void;
  tabRemoved(tabId: number, windowId: number, at?: number): void;
  tabReplaced(addedTabId: number, at?: number): void;
  windowRemoved(windowId: number, at?: number): void;
  focusChanged(windowId: number, at?: number): void;
  idleChanged(state: IdleState, at?: number): void;
  heartbeat(scheduledTime: number | null, at?: number): void;
}

export interface StartOptions {
  /** When the worker started (boot/config events are stamped with it, before replayed signals). */
  startedAt?: number;
  /** Called synchronously once sequence numbers are available: replay signals buffered so far. */
  replay?: () => void;
}

export interface Engine {
  capture: CaptureHandlers;
  /** Append one event now (t = clock.now()). Resolves with its seq once committed, or null if the
   *  write failed (the seq is then a gap) or the event was not recorded (paused, not started). */
  record(body: EventBody, at?: number): Promise<number | null>;
  /** Worker start-up: sequence generation, browser-restart check (boot), config, replay of
   *  buffered signals, then a snapshot of what is in front (reconstructs missed switches). */
  start(options?: StartOptions): Promise<void>;
  /** Settings changed (storage.onChanged): stamps a config event if counting rules changed. */
  settingsChanged(): void;
  /** Ends a timed pause whose time has come (called on every alarm and at start). */
  resumeIfDue(): Promise<void>;
  /** Wait until every event handed to record() so far is committed (or failed). */
  flush(): Promise<void>;
  aggregate(trigger?: string): Promise<RunSummary>;
  handle<C extends Command>(cmd: C): Promise<Response<ResultOf<C>>>;
  /** What the reconnecting database handle (connection.ts) tells about an outage. */
  connection: ConnectionEvents;
  /** Daily limits (null without limit ports): check() at every waking event. */
  limits: Limits | null;
  /** The toolbar badge (null without a badge port): refresh() at every waking event. */
  badge: Badge | null;
  /** The daily summary (null without its ports): schedule() at start and on settings changes. */
  summary: DailySummary | null;
}
