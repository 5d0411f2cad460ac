// Durations, shares and dates as the popup and options page show them.
import { describe, expect, it } from 'vitest';
import { displayPath, formatDay, formatDayShort, formatDuration, formatShare, shareOf } from '../../src/ui/format.ts';

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [999, '0s'], // whole seconds, truncated: a live counter never runs ahead
    [42_000, '42s'],
    [42_999, '42s'],
    [60_000, '1m'],
    [723_000, '12m 3s'],
    [3_600_000, '1h'],
    [3_900_000, '1h 5m'],
    [3_959_999, '1h 5m'], // seconds are dropped once there are hours
    [90_061_000, '25h 1m'],
  ])('%d ms → %s (en)', (ms, text) => {
    expect(formatDuration(ms, 'en')).toBe(text);
  });

  it('shows nonsense input as zero', () => {
    expect(formatDuration(-5_000, 'en')).toBe('0s');
    expect(formatDuration(Number.NaN, 'en')).toBe('0s');
    expect(formatDuration(Number.POSITIVE_INFINITY, 'en')).toBe('0s');
  });

  it('follows the locale (units and digits)', () => {
    expect(formatDuration(3_900_000, 'de')).toBe('1h 5 Min.');
    expect(formatDuration(723_000, 'fr')).toBe('12min 3s');
    expect(formatDuration(42_000, 'ar-EG')).toContain('٤٢');
  });
});

describe('shares', () => {
  it('is part / total, 0 for an empty total, capped at 1', () => {
    expect(shareOf(25, 100)).toBe(0.25);
    expect(shareOf(5, 0)).toBe(0);
    expect(shareOf(0, 10)).toBe(0);
    expect(shareOf(150, 100)).toBe(1);
  });

  it('formats as a locale percentage, with <1% for tiny non-zero shares', () => {
    expect(formatShare(0.421, 'en')).toBe('42%');
    expect(formatShare(0.421, 'de')).toBe('42\u00a0%'); // no-break space
    expect(formatShare(0.001, 'en')).toBe('<1%');
    expect(formatShare(0, 'en')).toBe('0%');
    expect(formatShare(1, 'en')).toBe('100%');
  });
});

describe('dates and paths', () => {
  it('formats stored local days without shifting them', () => {
    expect(formatDay('2024-03-10', 'en')).toBe('Sun, Mar 10');
    expect(formatDayShort('2024-12-31', 'en')).toBe('Dec 31');
  });

  it('shows host + path for pages, the bare host for the root page', () => {
    expect(displayPath('https://news.bbc.co.uk/world/europe')).toBe('news.bbc.co.uk/world/europe');
    expect(displayPath('https://example.com/')).toBe('example.com');
    expect(displayPath('http://localhost:8080/app')).toBe('localhost:8080/app');
    expect(displayPath('not a url')).toBe('not a url');
  });
});
