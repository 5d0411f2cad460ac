// "Every day at 21:00 local time" (core/daily-time.ts): the next instant after now whose local
// clock shows that minute, by the offset in force then — across DST changes and odd offsets.
import { describe, expect, it } from 'vitest';
import { nextLocalTime } from '../../src/core/daily-time.ts';

const utc = () => 0;
const kathmandu = () => 345; // +05:45
/** Berlin in 2024: +01:00, +02:00 from 2024-03-31T01:00Z, +01:00 again from 2024-10-27T01:00Z. */
const berlin = (t: number) => (t >= Date.UTC(2024, 2, 31, 1) && t < Date.UTC(2024, 9, 27, 1) ? 120 : 60);
const iso = (t: number) => new Date(t).toISOString();

describe('the next local time of day', () => {
  it('UTC, 10:00 → today 21:00; at 21:00 itself or after → tomorrow 21:00', () => {
    expect(iso(nextLocalTime(Date.parse('2024-03-10T10:00:00Z'), 1260, utc))).toBe('2024-03-10T21:00:00.000Z');
    expect(iso(nextLocalTime(Date.parse('2024-03-10T21:00:00Z'), 1260, utc))).toBe('2024-03-11T21:00:00.000Z');
    expect(iso(nextLocalTime(Date.parse('2024-03-10T21:00:00.001Z'), 1260, utc))).toBe('2024-03-11T21:00:00.000Z');
    expect(iso(nextLocalTime(Date.parse('2024-03-10T20:59:59.999Z'), 1260, utc))).toBe('2024-03-10T21:00:00.000Z');
  });

  it('midnight (minute 0) and the last minute of the day (23:59)', () => {
    expect(iso(nextLocalTime(Date.parse('2024-03-10T10:00:00Z'), 0, utc))).toBe('2024-03-11T00:00:00.000Z');
    expect(iso(nextLocalTime(Date.parse('2024-03-10T10:00:00Z'), 1439, utc))).toBe('2024-03-10T23:59:00.000Z');
  });

  it('Kathmandu (+05:45): 21:00 local is 15:15 UTC; at 20:00 UTC (01:45 local, the next day) → that day 15:15 UTC', () => {
    expect(iso(nextLocalTime(Date.parse('2024-03-10T10:00:00Z'), 1260, kathmandu))).toBe('2024-03-10T15:15:00.000Z');
    expect(iso(nextLocalTime(Date.parse('2024-03-10T20:00:00Z'), 1260, kathmandu))).toBe('2024-03-11T15:15:00.000Z');
  });

  it('Berlin, the day clocks go forward: asked in winter time, 21:00 comes in summer time (19:00 UTC)', () => {
    expect(iso(nextLocalTime(Date.parse('2024-03-30T22:00:00Z'), 1260, berlin))).toBe('2024-03-31T19:00:00.000Z');
  });

  it('Berlin, the day clocks go back: asked in summer time, 21:00 comes in winter time (20:00 UTC)', () => {
    expect(iso(nextLocalTime(Date.parse('2024-10-26T22:00:00Z'), 1260, berlin))).toBe('2024-10-27T20:00:00.000Z');
  });

  it('02:30, a minute the spring-forward night skips, comes at 03:30 summer time (01:30 UTC)', () => {
    expect(iso(nextLocalTime(Date.parse('2024-03-30T22:00:00Z'), 150, berlin))).toBe('2024-03-31T01:30:00.000Z');
  });

  it('02:30, a minute the autumn night shows twice, comes the first time (00:30 UTC, summer time)', () => {
    expect(iso(nextLocalTime(Date.parse('2024-10-26T22:00:00Z'), 150, berlin))).toBe('2024-10-27T00:30:00.000Z');
  });
});
