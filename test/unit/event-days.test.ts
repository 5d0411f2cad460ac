// Issue 12: an event whose local day cannot be stored is corrupt. Dates run 1970-01-01 …
// 2999-12-31 (what import takes back); an instant inside that range still names 1969-12-31 west
// of UTC, or 3000-01-01 east of it. Folding such an event would store a day no export imports.
import { describe, expect, it } from 'vitest';
import { checkEvents, isValidEvent } from '../../src/core/validate-event.ts';
import { MAX_TIME, MIN_TIME } from '../../src/core/days.ts';

const HOUR = 3_600_000;
const beat = (t: number, tz: number, seq = 1): unknown => ({ seq, t, tz, k: 'beat', scheduled: null });
const tab = (t: number, tz: number): unknown => ({ seq: 2, t, tz, k: 'tab', tabId: 1, windowId: 1, url: 'https://a.test/', domain: 'a.test', title: 'A', audible: false });

describe('an event is kept only when its local day is a storable day', () => {
  it.each([
    ['the first instant in UTC (1970-01-01)', MIN_TIME, 0],
    ['the first instant east of UTC (1970-01-01 01:00)', MIN_TIME, 60],
    ['local midnight of 1970-01-01 in UTC−1', MIN_TIME + HOUR, -60],
    ['the last instant in UTC (2999-12-31 23:59:59.999)', MAX_TIME, 0],
    ['the last instant west of UTC', MAX_TIME, -600],
    ['the last local millisecond of 2999-12-31 in UTC+1', MAX_TIME - HOUR, 60],
  ])('kept: %s', (_when, t, tz) => {
    expect(isValidEvent(beat(t, tz))).toBe(true);
    expect(isValidEvent(tab(t, tz))).toBe(true);
  });

  it.each([
    ['the first instant in UTC−1 is 1969-12-31 23:00', MIN_TIME, -60],
    ['one millisecond before local midnight in UTC−1', MIN_TIME + HOUR - 1, -60],
    ['the last instant in UTC+1 is 3000-01-01 00:59', MAX_TIME, 60],
    ['local midnight of 3000-01-01 in UTC+14', MAX_TIME + 1 - 14 * HOUR, 14 * 60],
  ])('corrupt: %s', (_when, t, tz) => {
    expect(isValidEvent(beat(t, tz))).toBe(false);
    expect(isValidEvent(tab(t, tz))).toBe(false);
  });

  it('a clock at the first instant, west of UTC: its events are skipped and counted, the rest fold', () => {
    const { good, corrupt } = checkEvents([beat(MIN_TIME, -300, 1), tab(MIN_TIME + 10 * 60_000, -300), beat(MIN_TIME + 5 * HOUR, -300, 3)]);
    expect(corrupt).toHaveLength(2);
    expect(good.map((e) => e.seq)).toEqual([3]);
  });
});
