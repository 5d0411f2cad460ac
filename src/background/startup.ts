// Worker start-up. A worker stop is routine: the open visit simply continues. No marker in
// storage.session logs a `boot` with what is in front: a new browser session, whose visit the fold
// closes at the last evidence, or an extension reload or update, which the fold tells from it by
// that front (docs/COUNTING.md §8) and lets the visit continue. Then a snapshot of what is in front: a switch lost while the worker was
// stopped is corrected there and back-dated to the tab's lastAccessed (see core/fold.ts).
import type { EventBody, FrontTab } from '../core/events.ts';
import { gapMsFor, type Settings } from '../settings/defaults.ts';
import type { BrowserPort, Clock, SessionPort } from './ports.ts';
import type { Recorder } from './recorder.ts';
import type { StartOptions } from './engine-types.ts';
import { roundedLastAccessed, tabInfo } from './capture.ts';

export const configEvent = (flags: Settings): EventBody => ({
  k: 'config',
  countAudibleWhileIdle: flags.countAudibleWhileIdle,
  gapMs: gapMsFor(flags),
});

export interface StartDeps {
  recorder: Recorder;
  session: SessionPort;
  browser: BrowserPort;
  clock: Clock;
  flags: () => Settings;
}

export async function startUp(d: StartDeps, options: StartOptions = {}): Promise<{ newSession: boolean }> {
  const startedAt = options.startedAt ?? d.clock.now();
  const newSession = await d.session.claimNewBrowserSession();
  // The facts that tell an extension reload from a browser restart; the fold decides.
  const boot: EventBody[] = newSession ? [{ k: 'boot', front: await frontTab(d.browser) }] : [];
  const flags = d.flags();
  // Pause and config are restated at every start: a change made while the worker was stopped
  // must reach the log even though no change event will be seen for it.
  const first: EventBody[] = [...boot, configEvent(flags), { k: 'pause', paused: flags.paused }];
  await d.recorder.open(first, startedAt, options.replay);
  if (!d.flags().paused) await snapshot(d);
  return { newSession };
}

/** The focused window's active tab now, or null (no focused window, or a failed query). */
async function frontTab(browser: BrowserPort): Promise<FrontTab | null> {
  try {
    const windowId = await browser.focusedWindow();
    const tab = windowId >= 0 ? await browser.activeTabIn(windowId) : null;
    return tab ? { windowId, tabId: tab.id, lastAccessed: roundedLastAccessed(tab) } : null;
  } catch {
    return null;
  }
}

/** Records the idle state and what is in front now (each window's active tab, the focused window). */
export async function snapshot(d: StartDeps): Promise<void> {
  const flags = d.flags();
  const [focused, tabs, idle] = await Promise.all([
    d.browser.focusedWindow(),
    d.browser.activeTabs(),
    d.browser.idleState(flags.idleSeconds),
  ]);
  const t = d.clock.now();
  void d.recorder.record({ k: 'idle', state: idle, since: idle === 'idle' ? t - flags.idleSeconds * 1000 : t }, t);
  void d.recorder.record(
    { k: 'snapshot', focused, tabs: tabs.map((tab) => ({ ...tabInfo(tab, flags), lastAccessed: roundedLastAccessed(tab) })) },
    t,
  );
}
