// Alarms: the heartbeat (evidence the user was there, and what wakes a stopped worker) and the
// periodic aggregation (and the idle detection interval). Re-created at every worker start when missing or when the period changed.
import type { Settings } from '../settings/defaults.ts';

export const HEARTBEAT = 'dwell-heartbeat';
export const AGGREGATE = 'dwell-aggregate';
/** When a timed pause ("pause for 1 h") ends. */
export const RESUME = 'dwell-resume';
const AGGREGATE_MINUTES = 1;

export async function ensureAlarms(flags: Settings): Promise<void> {
  // Idle detection uses the user's threshold; Chrome's default (60 s) would otherwise stay.
  chrome.idle.setDetectionInterval(flags.idleSeconds);
  const minutes = flags.heartbeatSeconds / 60;
  const [beat, agg] = await Promise.all([chrome.alarms.get(HEARTBEAT), chrome.alarms.get(AGGREGATE)]);
  if (!beat || beat.periodInMinutes !== minutes) await chrome.alarms.create(HEARTBEAT, { periodInMinutes: minutes, delayInMinutes: minutes });
  if (!agg) await chrome.alarms.create(AGGREGATE, { periodInMinutes: AGGREGATE_MINUTES, delayInMinutes: AGGREGATE_MINUTES });
  // Chrome runs an alarm whose time has passed at once; the heartbeat also ends a pause that is due.
  if (flags.paused && flags.pausedUntil > 0) await chrome.alarms.create(RESUME, { when: flags.pausedUntil });
  else await chrome.alarms.clear(RESUME);
}
