// createEngine: capture handlers, start-up, aggregator runs and commands over one database and
// one set of ports. The worker (index.ts) and the tests build it the same way.
import type { EventBody } from '../core/events.ts';
import type { Settings } from '../settings/defaults.ts';
import { logError } from '../db/meta.ts';
import type { Engine, EngineDeps } from './engine-types.ts';
import { Recorder } from './recorder.ts';
import { createCapture } from './capture.ts';
import { createTitleCoalescer } from './title-coalescer.ts';
import { configEvent, snapshot, startUp, type StartDeps } from './startup.ts';
import { runAggregator } from './run.ts';
import { createCommands } from './commands.ts';
import { outageLog } from './outage.ts';
import { createLimits } from './limits.ts';
import { createFocus } from './focus.ts';
import { createBadge } from './badge.ts';
import { createDailySummary } from './daily-summary.ts';

export function createEngine(deps: EngineDeps): Engine {
  const { db, clock, settings } = deps;
  const onError = (where: string, err: unknown): void => {
    void logError(db, where, err, clock.now());
  };
  // The recorder shows every event to the title coalescer first: held titles go before it.
  const recorder = new Recorder(db, clock, onError, { beforeRecord: (body) => titles.observe(body) });
  const titles = createTitleCoalescer((body, at) => void recorder.record(body, at));
  const record = (body: EventBody, at?: number) => recorder.record(body, at);
  const startDeps: StartDeps = { recorder, session: deps.session, browser: deps.browser, clock, flags: () => settings.current() };
  let runs = 0;
  // What the log last said about settings that change counting (restated at every start).
  let logged: Pick<Settings, 'paused' | 'countAudibleWhileIdle' | 'heartbeatSeconds' | 'excludedSites' | 'recordIncognito'> | null = null;
  const remember = (f: Settings) =>
    (logged = { paused: f.paused, countAudibleWhileIdle: f.countAudibleWhileIdle, heartbeatSeconds: f.heartbeatSeconds, excludedSites: f.excludedSites, recordIncognito: f.recordIncognito });
  // What capture records for a tab depends on these: when they change, what is in front is told
  // again, so a site just excluded stops counting now, not at its next tab event.
  const policyChanged = (f: Settings): boolean =>
    !!logged && (f.recordIncognito !== logged.recordIncognito || f.excludedSites.join('\n') !== logged.excludedSites.join('\n'));

  /** A snapshot taken because settings changed: flush() waits for it, so what it tells is logged. */
  let restating: Promise<void> = Promise.resolve();
  const restate = (why: string): void => {
    restating = snapshot(startDeps).catch((err: unknown) => onError(why, err));
  };

  const settingsChanged = (): void => {
    const f = settings.current();
    if (!logged || !recorder.ready) return;
    if (f.countAudibleWhileIdle !== logged.countAudibleWhileIdle || f.heartbeatSeconds !== logged.heartbeatSeconds) void record(configEvent(f));
    if (f.paused !== logged.paused) {
      void record({ k: 'pause', paused: f.paused });
      if (!f.paused) restate('snapshot after resume');
    } else if (!f.paused && policyChanged(f)) {
      restate('snapshot after a tracking rule changed');
    }
    remember(f);
  };

  async function setPaused(paused: boolean, until = 0): Promise<void> {
    await settings.update({ paused, pausedUntil: paused ? until : 0 });
    settingsChanged();
    await recorder.flush();
  }
  /** A timed pause ends at its time: on its own alarm, or on any later wake (an alarm may be late
   *  or lost with a browser that was closed at that time). */
  const resumeIfDue = async (): Promise<void> => {
    const f = settings.current();
    if (f.paused && f.pausedUntil > 0 && clock.now() >= f.pausedUntil) await setPaused(false);
  };

  let inflight: Promise<unknown> | null = null;
  const aggregate = (trigger = 'manual', whole = false) => {
    const flags = whole ? { ...settings.current(), batchProcessing: true } : settings.current();
    const run = runAggregator({ db, clock, flags, owner: `${deps.instanceId}/${++runs}`, trigger, betweenBatches: deps.hooks?.betweenBatches });
    inflight = run.catch(() => undefined);
    return run;
  };
  /** A person who clicks "Aggregate now" while the alarm's run holds the lease expects a run,
   *  not "skipped": wait for this worker's run in progress, then run. */
  const aggregateAfterInflight = async (trigger: string, whole?: boolean) => {
    // Two clicks at once both wait for the same run: the first to resume starts the next, which
    // the second must wait for too, or it races it for the lease and is skipped.
    let waited = inflight;
    while (waited) {
      await waited;
      waited = inflight === waited ? null : inflight; // a run started meanwhile: wait for it too
    }
    return aggregate(trigger, whole);
  };

  const flush = async (): Promise<void> => {
    titles.release();
    await restating;
    return recorder.flush();
  };
  const ports = deps.limitPorts;
  const focus = ports?.focusStore ? createFocus({ store: ports.focusStore, notify: ports.focusNotify, clock, settings, onError }) : null;
  const limits = ports ? createLimits({ ...ports, focus, db, clock, browser: deps.browser, settings, flush, onError }) : null;
  const badge = deps.badgePort ? createBadge({ port: deps.badgePort, db, clock, browser: deps.browser, settings, flush, onError }) : null;
  const summary = deps.summaryPorts ? createDailySummary({ ...deps.summaryPorts, db, clock, settings, flush, onError }) : null;

  const handle = createCommands({
    db,
    clock,
    limits,
    focus,
    aggregate: aggregateAfterInflight,
    foldOptions: () => ({ sequenceTracking: settings.current().sequenceTracking }),
    setPaused,
  });

  return {
    connection: outageLog(db, clock, () => startDeps, record),
    capture: createCapture({ record, titleChanged: (body, at) => titles.offer(body, at), browser: deps.browser, settings, clock, onError }),
    record,
    async start(options) {
      remember(settings.current());
      await startUp(startDeps, options);
      await resumeIfDue();
    },
    settingsChanged,
    resumeIfDue,
    // Held titles too: what was captured so far is in the log when flush() resolves.
    flush,
    limits,
    badge,
    summary,
    aggregate,
    handle,
  };
}
