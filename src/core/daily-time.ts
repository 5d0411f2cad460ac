// "Every day at 21:00, local time": the next instant after now whose local clock shows that
// minute, by the offset in force at that instant (as the fold's days are), so a DST change between
// now and then moves the instant, not the clock time. On a night whose clock skips that minute (the
// spring-forward hour) it is that minute moved forward by the jump; a minute the clock shows twice
// (autumn) is taken the first time.
import { DAY_MS } from './days.ts';

const MINUTE_MS = 60_000;
export const MINUTES_PER_DAY = 1440;

export function nextLocalTime(now: number, minuteOfDay: number, tzAt: (t: number) => number): number {
  // Local wall-clock time as ms since the epoch (what a clock on the wall would read, as if UTC).
  let wall = Math.floor((now + tzAt(now) * MINUTE_MS) / DAY_MS) * DAY_MS + minuteOfDay * MINUTE_MS;
  for (;;) {
    let at = wall - tzAt(now) * MINUTE_MS;
    let before = at;
    let settled = false;
    for (let i = 0; i < 4 && !settled; i++) {
      const next = wall - tzAt(at) * MINUTE_MS;
      settled = next === at;
      before = at;
      at = next;
    }
    // A minute the clock skips: the two candidates take turns; the later is that minute moved
    // forward by the jump (02:30 on a spring-forward night in Berlin → 03:30).
    if (!settled) at = Math.max(at, before);
    if (at > now) return at;
    wall += DAY_MS;
  }
}
