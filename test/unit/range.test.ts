// Range → local days, around midnight and DST switches, in several time zones.
import { afterAll, describe, expect, it } from 'vitest';
import { daysOf, localDay, rangeFor } from '../../src/ui/range.ts';

const ORIGINAL_TZ = process.env.TZ;
/** Node re-reads TZ when it is assigned; each describe below sets its zone first. */
const zone = (tz: string): void => {
  process.env.TZ = tz;
};
afterAll(() => {
  if (ORIGINAL_TZ === undefined) delete process.env.TZ;
  else process.env.TZ = ORIGINAL_TZ;
});
const utc = (iso: string): number => Date.parse(iso);

describe('America/New_York', () => {
  it('changes day exactly at local midnight', () => {
    zone('America/New_York');
    expect(localDay(utc('2024-01-16T04:59:59.999Z'))).toBe('2024-01-15'); // 23:59:59.999 EST
    expect(localDay(utc('2024-01-16T05:00:00.000Z'))).toBe('2024-01-16'); // 00:00 EST
  });

  it('spring forward (23-hour day): 7 days is still today and the 6 before', () => {
    zone('America/New_York');
    const lateOnDstDay = utc('2024-03-11T03:59:59.999Z'); // 23:59:59.999 EDT, Mar 10
    expect(rangeFor('today', lateOnDstDay)).toEqual({ from: '2024-03-10', to: '2024-03-10' });
    expect(rangeFor('7d', lateOnDstDay)).toEqual({ from: '2024-03-04', to: '2024-03-10' });
    expect(rangeFor('7d', utc('2024-03-11T04:00:00.000Z'))).toEqual({ from: '2024-03-05', to: '2024-03-11' });
    expect(localDay(utc('2024-03-10T06:59:59.999Z'))).toBe('2024-03-10'); // 01:59:59 EST
    expect(localDay(utc('2024-03-10T07:00:00.000Z'))).toBe('2024-03-10'); // 03:00 EDT
  });

  it('fall back (25-hour day): the extra hour stays on the same day', () => {
    zone('America/New_York');
    expect(localDay(utc('2024-11-03T04:30:00Z'))).toBe('2024-11-03'); // 00:30 EDT
    expect(localDay(utc('2024-11-04T04:59:59Z'))).toBe('2024-11-03'); // 23:59:59 EST
    expect(localDay(utc('2024-11-04T05:00:00Z'))).toBe('2024-11-04');
    expect(rangeFor('30d', utc('2024-11-10T12:00:00Z'))).toEqual({ from: '2024-10-12', to: '2024-11-10' });
  });
});

describe('other zones', () => {
  it('a half-hour zone (Asia/Kolkata) changes day at 18:30 UTC', () => {
    zone('Asia/Kolkata');
    expect(localDay(utc('2024-03-10T18:29:59.999Z'))).toBe('2024-03-10');
    expect(localDay(utc('2024-03-10T18:30:00.000Z'))).toBe('2024-03-11');
  });

  it('a zone whose midnight is skipped (America/Santiago, 2022-09-11 starts at 01:00)', () => {
    zone('America/Santiago');
    expect(localDay(utc('2022-09-11T03:59:59.999Z'))).toBe('2022-09-10');
    expect(localDay(utc('2022-09-11T04:00:00.000Z'))).toBe('2022-09-11');
    expect(rangeFor('7d', utc('2022-09-11T04:00:00.000Z'))).toEqual({ from: '2022-09-05', to: '2022-09-11' });
  });

  it('east of UTC, "today" is already tomorrow in UTC terms (Pacific/Kiritimati, UTC+14)', () => {
    zone('Pacific/Kiritimati');
    expect(rangeFor('today', utc('2024-12-31T10:00:00Z'))).toEqual({ from: '2025-01-01', to: '2025-01-01' });
  });
});

describe('range shapes', () => {
  it('all is all; bounded ranges have 1, 7 and 30 days across month and leap-year edges', () => {
    zone('UTC');
    const now = utc('2024-03-05T12:00:00Z');
    expect(rangeFor('all', now)).toBe('all');
    const r7 = rangeFor('7d', now);
    const r30 = rangeFor('30d', now);
    if (r7 === 'all' || r30 === 'all') throw new Error('bounded range expected');
    expect(daysOf(r7)).toEqual(['2024-02-28', '2024-02-29', '2024-03-01', '2024-03-02', '2024-03-03', '2024-03-04', '2024-03-05']);
    expect(daysOf(r30)).toHaveLength(30);
    expect(r30.from).toBe('2024-02-05');
  });

  it('crosses the year', () => {
    zone('UTC');
    expect(rangeFor('7d', utc('2025-01-02T00:00:00Z'))).toEqual({ from: '2024-12-27', to: '2025-01-02' });
  });

  it('daysOf is empty for an inverted range and bounded for a huge one', () => {
    expect(daysOf({ from: '2024-03-10', to: '2024-03-01' })).toEqual([]);
    expect(daysOf({ from: '1970-01-01', to: '2024-01-01' })).toHaveLength(366);
  });
});
