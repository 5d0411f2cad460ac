// Service worker: wiring only. Every listener is registered synchronously at top level (Chrome
// only delivers events to listeners that exist when the worker starts) and delegates to the
// engine. Signals that arrive before the engine is ready are buffered with their arrival time.
import type { Command } from '../core/api.ts';
import { openDwellDb } from '../db/open.ts';
import type { Settings } from '../settings/defaults.ts';
import { createSettingsStore } from '../settings/store.ts';
import { createEngine } from './engine.ts';
import type { Engine } from './engine-types.ts';
import { chromeBadge, chromeBrowser, chromeSession, chromeSummary, toTab, workerSettings } from './chrome-ports.ts';
import { SUMMARY_ALARM } from './daily-summary.ts';
import { systemClock } from './ports.ts';
import { AGGREGATE, HEARTBEAT, ensureAlarms } from './alarms.ts';
import { reconnecting } from './connection.ts';
import { chromeBlock, chromeFocusNotify, chromeFocusStore, chromeLimitAlarm, chromeLimitDays, chromeNotify, chromeTimer } from './limit-ports.ts';

const startedAt = Date.now();
let engine: Engine | null = null;
const early: Array<(e: Engine) => void> = [];
let settingsChanged: ((next: Settings) => void) | null = null;
const settingsStore = createSettingsStore();

/** Daily limits and the badge are re-evaluated after every signal that can change what counts
 *  (no polling). */
const checkLimits = (e: Engine, why: string): void => {
  void e.limits?.check(why);
  void e.badge?.refresh();
};

/** Runs now if the engine is ready, else when it is, with the time the signal really arrived. */
function on(fn: (e: Engine, at: number) => void): void {
  const at = Date.now();
  if (engine) fn(engine, at);
  else early.push((e) => fn(e, at));
}

chrome.tabs.onActivated.addListener(({ tabId, windowId }) =>
  on((e, at) => {
    e.capture.tabActivated(tabId, windowId, at);
    checkLimits(e, 'switch');
  }),
);
chrome.tabs.onUpdated.addListener((_id, change, tab) =>
  on((e, at) => {
    const t = toTab(tab);
    if (t) e.capture.tabUpdated(t, { url: change.url !== undefined, title: change.title !== undefined, audible: change.audible !== undefined }, at);
    if (change.url !== undefined) checkLimits(e, 'load');
  }),
);
chrome.tabs.onRemoved.addListener((tabId, info) => on((e, at) => e.capture.tabRemoved(tabId, info.windowId, at)));
chrome.tabs.onReplaced.addListener((added) => on((e, at) => e.capture.tabReplaced(added, at)));
chrome.windows.onRemoved.addListener((windowId) => on((e, at) => e.capture.windowRemoved(windowId, at)));
chrome.windows.onFocusChanged.addListener((windowId) =>
  on((e, at) => {
    e.capture.focusChanged(windowId, at);
    checkLimits(e, 'focus');
  }),
);
chrome.idle.onStateChanged.addListener((state) =>
  on((e, at) => {
    e.capture.idleChanged(state, at);
    checkLimits(e, 'idle');
  }),
);
chrome.alarms.onAlarm.addListener((alarm) =>
  on((e, at) => {
    if (alarm.name === HEARTBEAT) e.capture.heartbeat(alarm.scheduledTime, at);
    if (alarm.name === AGGREGATE) void aggregate(e, 'alarm');
    if (alarm.name === SUMMARY_ALARM) void e.summary?.fire(alarm.scheduledTime);
    e.resumeIfDue().catch((err: unknown) => console.error('dwell: resume', err));
    checkLimits(e, alarm.name);
  }),
);
// Startup and install/update only wake the worker; what they mean is decided at start-up
// (storage.session marker). An 'install' must never reset data that is already there.
chrome.runtime.onStartup.addListener(() => on((e, at) => e.capture.heartbeat(null, at)));
chrome.runtime.onInstalled.addListener(() => on((e, at) => e.capture.heartbeat(null, at)));
settingsStore.onChange((next) =>
  on((e) => {
    settingsChanged?.(next);
    e.settingsChanged();
    ensureAlarms(next).catch((err: unknown) => console.error('dwell: alarms', err));
    void e.summary?.schedule();
    checkLimits(e, 'settings');
  }),
);
chrome.runtime.onMessage.addListener((msg: Command, sender, sendResponse) => {
  // Only this extension's own pages may command the engine.
  if (sender.id !== chrome.runtime.id) return false;
  void ready.then((e) => e.handle(msg)).then(sendResponse, (err: unknown) => sendResponse({ ok: false, error: String(err) }));
  return true;
});

async function aggregate(e: Engine, trigger: string): Promise<void> {
  try {
    await e.aggregate(trigger);
  } catch (err) {
    console.error('dwell: aggregation failed', err);
  }
}

const ready: Promise<Engine> = (async () => {
  // A connection Chrome closes (a full disk) is reopened; the engine records the outage.
  const connection = reconnecting(() => openDwellDb(), systemClock, {
    lost: (since) => on((e) => e.connection.lost(since)),
    restored: (since, until) => on((e) => e.connection.restored(since, until)),
    retryFailed: (err) => on((e) => e.connection.retryFailed(err)),
  });
  const [{ db }, settings] = await Promise.all([connection, workerSettings(settingsStore)]);
  settingsChanged = (next) => settings.changed(next);
  const limitPorts = { timer: chromeTimer, alarm: chromeLimitAlarm, block: chromeBlock, days: chromeLimitDays, notify: chromeNotify, focusStore: chromeFocusStore, focusNotify: chromeFocusNotify };
  const e = createEngine({ db, clock: systemClock, browser: chromeBrowser, session: chromeSession, settings, instanceId: crypto.randomUUID(), limitPorts, badgePort: chromeBadge, summaryPorts: chromeSummary });
  await e.start({
    startedAt,
    replay: () => {
      engine = e;
      for (const f of early.splice(0)) f(e);
    },
  });
  await ensureAlarms(settings.current());
  await e.summary?.schedule();
  void aggregate(e, 'start');
  checkLimits(e, 'start');
  return e;
})();
ready.catch((err: unknown) => console.error('dwell: worker start failed', err));

// Tests evaluate in the worker, which cannot message itself: the same handler, on the global scope.
(self as unknown as { dwell: { handle(cmd: Command): Promise<unknown>; ready: Promise<Engine> } }).dwell = {
  handle: (cmd) => ready.then((e) => e.handle(cmd)),
  ready,
};
