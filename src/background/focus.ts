// Focus sessions in the worker. The session's plan is stored (chrome.storage.local) when it
// starts; the limits run (limits.ts), which already wakes at every signal and owns the one limit
// alarm, asks settle() what the session blocks now and when its next boundary is, and schedules
// that moment with the limits' own — so a session needs no timer of its own, and a worker stopped
// meanwhile is woken by the alarm in time. Notices (a break, back to focus, the end) are sent once
// per boundary; the stored session records the last one sent.
import type { FocusView } from '../core/api.ts';
import { focusAt, focusBlocks, noticeDue, readSession, startSession, type FocusNotice, type FocusNow, type FocusProblem, type FocusSession } from '../core/focus.ts';
import type { Clock, SettingsPort } from './ports.ts';

/** Where the session lives between worker starts (chrome.storage.local: survives a restart). */
export interface FocusStorePort {
  load(): Promise<unknown>;
  save(session: FocusSession | null): Promise<void>;
}
export interface FocusNotifyPort {
  focus(notice: FocusNotice, now: FocusNow): Promise<void>;
}

export interface FocusDeps {
  store: FocusStorePort;
  notify?: FocusNotifyPort;
  clock: Clock;
  settings: SettingsPort;
  onError(where: string, err: unknown): void;
}

export interface FocusSettled {
  /** The session blocks this site now. */
  blocks(site: string): boolean;
  /** The next boundary (a break, back to focus, the end), or null without a session. */
  next: number | null;
}

export interface Focus {
  /** Starts a session of `minutes` per focus period with the lists and breaks of the settings. */
  start(minutes: number): Promise<{ view: FocusView | null; problem?: FocusProblem }>;
  /** Ends the session now (no end notice: the person ended it). */
  stop(): Promise<void>;
  /** The session as the popup and the block page show it; null when none runs. */
  view(site?: string): Promise<FocusView | null>;
  /** For the limits run at `now`: announces a boundary passed, forgets a finished session. */
  settle(now: number): Promise<FocusSettled>;
}

const NONE: FocusSettled = { blocks: () => false, next: null };

export function createFocus(d: FocusDeps): Focus {
  const load = async (): Promise<FocusSession | null> => readSession(await d.store.load());
  const viewOf = (s: FocusSession, now: number, site?: string): FocusView => {
    const at = focusAt(s, now);
    const categories = d.settings.current().categories;
    return {
      phase: at.phase,
      cycle: at.cycle,
      cycles: s.cycles,
      phaseEndsAt: at.phaseEndsAt,
      endsAt: at.endsAt,
      sites: s.sites,
      categories: s.categories,
      ...(site === undefined ? {} : { blocksSite: focusBlocks(s, site, now, categories) }),
    };
  };

  return {
    async start(minutes) {
      const f = d.settings.current();
      const now = d.clock.now();
      // A category deleted since it was chosen blocks nothing: a session of only such would be a timer.
      const categories = f.focusCategories.filter((id) => f.categories.some((c) => c.id === id));
      const plan = { minutes, breakMinutes: f.focusBreakMinutes, cycles: f.focusCycles, sites: f.focusSites, categories };
      const made = startSession(plan, now);
      if (!made.ok) return { view: null, problem: made.problem };
      await d.store.save(made.session);
      return { view: viewOf(made.session, now) };
    },
    async stop() {
      await d.store.save(null);
    },
    async view(site) {
      const s = await load();
      const now = d.clock.now();
      return s && focusAt(s, now).phase !== 'done' ? viewOf(s, now, site) : null;
    },
    async settle(now) {
      const s = await load();
      if (!s) return NONE;
      const at = focusAt(s, now);
      const notice = noticeDue(s, at);
      if (notice) {
        // Saved before the notice goes out: a worker stopped in between skips a notice rather than
        // repeating it at every wake.
        await d.store.save(at.phase === 'done' ? null : { ...s, noticed: at.boundaries });
        await d.notify?.focus(notice, at).catch((err: unknown) => d.onError('focus notice', err));
      } else if (at.phase === 'done') await d.store.save(null);
      if (at.phase === 'done') return NONE;
      const categories = d.settings.current().categories;
      return { blocks: (site) => focusBlocks(s, site, now, categories), next: at.phaseEndsAt };
    },
  };
}
