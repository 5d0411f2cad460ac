// The daily summary (opt-in, issue #11): at a chosen local time, a notification with today's total
// and the top three sites, from the live read model (what the popup shows). One alarm at the
// exact next moment (chrome.alarms `when`), set at start and whenever the settings change, and
// set again after each summary: no polling. An alarm Chrome delivers late (the browser was closed
// at that time) still shows the summary if it is the same local day; a summary of a day that has
// already ended is dropped rather than shown about the wrong day.
import type { Day } from '../core/aggregates.ts';
import { nextLocalTime } from '../core/daily-time.ts';
import { dayOf } from '../core/days.ts';
import { liveQuery } from '../db/query.ts';
import type { DwellDb } from '../db/open.ts';
import type { Clock, SettingsPort } from './ports.ts';

export const SUMMARY_ALARM = 'dwell-summary';
const TOP = 3;

export interface DaySummary {
  day: Day;
  totalMs: number;
  /** The largest sites of the day, at most three, largest first. */
  top: Array<{ domain: string; ms: number }>;
}

export interface SummaryPorts {
  alarm: { set(when: number): Promise<void>; clear(): Promise<void> };
  notify: { summary(s: DaySummary): Promise<void> };
}

export interface SummaryDeps extends SummaryPorts {
  db: DwellDb;
  clock: Clock;
  settings: SettingsPort;
  /** Waits until what was captured so far is in the log (Engine.flush). */
  flush(): Promise<void>;
  onError(where: string, err: unknown): void;
}

export interface DailySummary {
  /** Sets (or clears) the alarm for the next summary, as the settings say. */
  schedule(): Promise<void>;
  /** The alarm fired for `scheduledTime`: shows today's summary (if still that day), then the next alarm. */
  fire(scheduledTime: number): Promise<DaySummary | null>;
}

export function createDailySummary(d: SummaryDeps): DailySummary {
  const tzAt = (t: number) => d.clock.tzOffset(t);
  const schedule = async (): Promise<void> => {
    const flags = d.settings.current();
    if (!flags.dailySummary) return d.alarm.clear();
    await d.alarm.set(nextLocalTime(d.clock.now(), flags.dailySummaryMinute, tzAt));
  };
  const fire = async (scheduledTime: number): Promise<DaySummary | null> => {
    if (!d.settings.current().dailySummary) {
      await d.alarm.clear();
      return null;
    }
    try {
      return await show(scheduledTime);
    } finally {
      // The alarm fired once: tomorrow's must be set even when today's could not be shown
      // (notifications turned off for Chrome), or no summary would come until a restart.
      await schedule();
    }
  };
  const show = async (scheduledTime: number): Promise<DaySummary | null> => {
    await d.flush();
    const now = d.clock.now();
    const day = dayOf(now, tzAt(now));
    if (dayOf(scheduledTime, tzAt(scheduledTime)) !== day) return null;
    const q = await liveQuery(d.db, { from: day, to: day }, { now, tzOffset: tzAt(now) });
    // A day with nothing counted has nothing to summarise: no notification.
    if (q.totalMs === 0) return null;
    const shown = { day, totalMs: q.totalMs, top: q.sites.slice(0, TOP).map((s) => ({ domain: s.domain, ms: s.ms })) };
    await d.notify.summary(shown);
    return shown;
  };
  return {
    schedule: () => schedule().catch((err: unknown) => d.onError('daily summary', err)),
    fire: (t) =>
      fire(t).catch((err: unknown) => {
        d.onError('daily summary', err);
        return null;
      }),
  };
}
