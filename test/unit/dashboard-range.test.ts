// The dashboard's ranges as local day labels, and the period each one is compared with.
import { describe, expect, it } from 'vitest';
import { dashRangeFor, dayDiff, previousPeriod } from '../../src/ui/range.ts';
import { dashboardUrl, parseDashboardHash } from '../../src/ui/dashboard-url.ts';

describe('dashboard ranges', () => {
  const today = '2024-03-06'; // a Wednesday

  it('today, yesterday, last 7 and 30 days end where they should', () => {
    expect(dashRangeFor('today', today)).toEqual({ from: today, to: today });
    expect(dashRangeFor('yesterday', '2024-03-01')).toEqual({ from: '2024-02-29', to: '2024-02-29' });
    expect(dashRangeFor('7d', today)).toEqual({ from: '2024-02-29', to: today });
    expect(dashRangeFor('30d', today)).toEqual({ from: '2024-02-06', to: today });
    expect(dashRangeFor('all', today)).toBe('all');
  });

  it('this week starts on the locale\'s first weekday, this month on the 1st', () => {
    expect(dashRangeFor('week', today, { weekStart: 1 })).toEqual({ from: '2024-03-04', to: today });
    expect(dashRangeFor('week', today, { weekStart: 0 })).toEqual({ from: '2024-03-03', to: today });
    expect(dashRangeFor('week', '2024-03-04', { weekStart: 1 })).toEqual({ from: '2024-03-04', to: '2024-03-04' });
    expect(dashRangeFor('month', today)).toEqual({ from: '2024-03-01', to: today });
  });

  it('a custom range is taken as given (swapped when reversed), null without its days', () => {
    expect(dashRangeFor('custom', today, { from: '2024-01-05', to: '2024-01-01' })).toEqual({ from: '2024-01-01', to: '2024-01-05' });
    expect(dashRangeFor('custom', today, { from: '2024-01-05' })).toBeNull();
  });

  it('the previous period has the same number of days, just before', () => {
    expect(previousPeriod({ from: '2024-03-04', to: '2024-03-06' })).toEqual({ from: '2024-03-01', to: '2024-03-03' });
    expect(previousPeriod({ from: '2024-03-01', to: '2024-03-31' })).toEqual({ from: '2024-01-30', to: '2024-02-29' });
    expect(dayDiff('2024-02-28', '2024-03-01')).toBe(2);
  });
});

describe('dashboard URLs', () => {
  it('carry the view and its parameters through the hash, and read back', () => {
    const url = dashboardUrl('sites', { r: '7d', q: undefined });
    expect(url).toBe('src/dashboard/dashboard.html#sites?r=7d');
    expect(parseDashboardHash(url.slice(url.indexOf('#')))).toEqual({ view: 'sites', params: { r: '7d' } });
    expect(parseDashboardHash('#site?d=a%26b.test')).toEqual({ view: 'site', params: { d: 'a&b.test' } });
  });

  it('an unknown view is the overview', () => {
    expect(parseDashboardHash('#<script>')).toEqual({ view: 'overview', params: {} });
    expect(parseDashboardHash('')).toEqual({ view: 'overview', params: {} });
  });
});
