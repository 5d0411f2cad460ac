// Worker start-up. A worker stop is routine: the open visit simply continues. Only a new browser
// session (no marker in storage.session) closes it, with a `boot` event; the fold closes it at
// the last evidence. Then a snapshot of what is in front: a switch lost while the worker was
// stopped is corrected there and back-dated to the tab's lastAccessed (see core/fold.ts).
// Signals that arrived while starting are replayed after all of these.
import type { EventBody, IdleState } from '../core/events.ts';
import { gapMsFor, type Flags } from '../settings/flags.ts';
import type { BrowserPort, BrowserTab, Clock, SessionPort } from './ports.ts';
import type { Recorder } from './recorder.ts';
import type { StartOptions } from './engine-types.ts';
import { tabInfo } from './capture.ts';

export const configEvent = (flags: Flags): EventBody => ({
  k: 'config',
  countAudibleWhileIdle: flags.countAudibleWhileIdle,
  gapMs: gapMsFor(flags),
});

export interface StartDeps {
  recorder: Recorder;
  session: SessionPort;
  browser: BrowserPort;
  clock: Clock;
  flags: () => Flags;
}

export async function startUp(d: StartDeps, options: StartOptions = {}): Promise<{ newSession: boolean }> {
  const startedAt = options.startedAt ?? d.clock.now();
  const newSession = await d.session.claimNewBrowserSession();
  const flags = d.flags();
  // The snapshot goes in BEFORE the signals buffered while starting, stamped at the start: the
  // signal that woke the worker may come from the very tab whose switch was lost, and written
  // first it would hide the switch from the snapshot (found in real Chromium).
  const front = flags.paused ? [] : snapshotEvents(await readFront(d), startedAt, flags);
  // Pause and config are restated at every start: a change made while the worker was stopped
  // must reach the log even though no change event will be seen for it.
  const first: EventBody[] = [
    ...(newSession ? [{ k: 'boot' } as const] : []),
    configEvent(flags),
    { k: 'pause', paused: flags.paused },
    ...front,
  ];
  await d.recorder.open(first, startedAt, options.replay);
  return { newSession };
}

interface Front {
  focused: number;
  tabs: BrowserTab[];
  idle: IdleState;
}

const readFront = async (d: StartDeps): Promise<Front> => {
  const [focused, tabs, idle] = await Promise.all([d.browser.focusedWindow(), d.browser.activeTabs(), d.browser.idleState(d.flags().idleSeconds)]);
  return { focused, tabs, idle };
};

function snapshotEvents(f: Front, t: number, flags: Flags): EventBody[] {
  return [
    { k: 'idle', state: f.idle, since: f.idle === 'idle' ? t - flags.idleSeconds * 1000 : t },
    {
      k: 'snapshot',
      focused: f.focused,
      // lastAccessed has sub-ms precision; totals are whole ms.
      tabs: f.tabs.map((tab) => ({ ...tabInfo(tab, flags), lastAccessed: tab.lastAccessed == null ? null : Math.round(tab.lastAccessed) })),
    },
  ];
}

/** Records the idle state and what is in front now (after a resume). */
export async function snapshot(d: StartDeps): Promise<void> {
  const front = await readFront(d);
  const t = d.clock.now();
  for (const body of snapshotEvents(front, t, d.flags())) void d.recorder.record(body, t);
}
