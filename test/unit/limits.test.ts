// The daily-limit calculator: what is left, when it runs out, when it comes back.
import { describe, expect, it } from 'vitest';
import { categoryRulesFor, limitStatus, msInWindow, nextMidnight, rulesFor, weekdayOf, windowKey, type SiteLimit } from '../../src/core/limits.ts';
import { checkSiteLimit } from '../../src/core/limit-rules.ts';

const MINUTE = 60_000;
const utc = () => 0;
const at = (iso: string) => Date.parse(iso);
const news: SiteLimit = { site: 'news.test', minutes: 30 };

describe('a 30-minute limit on news.test', () => {
  it('20 min used at 10:00, reading now: 10 min left, reached at 10:10, warned at 10:05, resets at midnight', () => {
    const s = limitStatus({ rule: news, at: at('2024-03-10T10:00:00Z'), tzAt: utc, usedMs: 20 * MINUTE, counting: true });
    expect(s).toMatchObject({ day: '2024-03-10', allowanceMs: 30 * MINUTE, remainingMs: 10 * MINUTE, blocked: false });
    expect(s.reachAt).toBe(at('2024-03-10T10:10:00Z'));
    expect(s.warnAt).toBe(at('2024-03-10T10:05:00Z'));
    expect(s.resetAt).toBe(at('2024-03-11T00:00:00Z'));
  });

  it('not in front: nothing to schedule, the remaining time waits', () => {
    const s = limitStatus({ rule: news, at: at('2024-03-10T10:00:00Z'), tzAt: utc, usedMs: 20 * MINUTE, counting: false });
    expect(s).toMatchObject({ remainingMs: 10 * MINUTE, blocked: false, reachAt: null, warnAt: null });
  });

  it('3 min left: the warning is due at once, never in the past', () => {
    const now = at('2024-03-10T10:00:00Z');
    const s = limitStatus({ rule: news, at: now, tzAt: utc, usedMs: 27 * MINUTE, counting: true });
    expect(s.warnAt).toBe(now);
    expect(s.reachAt).toBe(now + 3 * MINUTE);
  });

  it('at or past the limit: blocked, nothing left', () => {
    for (const used of [30 * MINUTE, 31 * MINUTE]) {
      const s = limitStatus({ rule: news, at: at('2024-03-10T10:00:00Z'), tzAt: utc, usedMs: used, counting: true });
      expect(s).toMatchObject({ blocked: true, remainingMs: 0, reachAt: null, warnAt: null });
    }
    const justBefore = limitStatus({ rule: news, at: at('2024-03-10T10:00:00Z'), tzAt: utc, usedMs: 30 * MINUTE - 1, counting: true });
    expect(justBefore).toMatchObject({ blocked: false, remainingMs: 1 });
  });

  it('"5 more minutes" adds 5 min to the day; blocked again at 35 min', () => {
    const s = limitStatus({ rule: news, at: at('2024-03-10T10:00:00Z'), tzAt: utc, usedMs: 30 * MINUTE, counting: true, snoozed: true, blockedAt: 30 * MINUTE });
    expect(s).toMatchObject({ allowanceMs: 35 * MINUTE, blocked: false, remainingMs: 5 * MINUTE });
  });

  it('once blocked, stays blocked although idle back-dating lowered the counted time', () => {
    const s = limitStatus({ rule: news, at: at('2024-03-10T10:00:00Z'), tzAt: utc, usedMs: 29 * MINUTE, counting: true, blockedAt: 30 * MINUTE });
    expect(s).toMatchObject({ blocked: true, reachAt: null });
  });

  it('20 of 30 min used at 23:50: the limit falls on midnight itself, which is already the next day, so it is not reached today', () => {
    const s = limitStatus({ rule: news, at: at('2024-03-10T23:50:00Z'), tzAt: utc, usedMs: 20 * MINUTE, counting: true });
    expect(s).toMatchObject({ remainingMs: 10 * MINUTE, blocked: false, reachAt: null, warnAt: null, resetAt: at('2024-03-11T00:00:00Z') });
    const oneMsEarlier = limitStatus({ rule: news, at: at('2024-03-10T23:50:00Z'), tzAt: utc, usedMs: 20 * MINUTE + 1, counting: true });
    expect(oneMsEarlier.reachAt).toBe(at('2024-03-11T00:00:00Z') - 1);
  });

  it('a limit that would only be reached after midnight is not reached today', () => {
    const s = limitStatus({ rule: news, at: at('2024-03-10T23:55:00Z'), tzAt: utc, usedMs: 20 * MINUTE, counting: true });
    expect(s.reachAt).toBeNull();
    expect(s.resetAt).toBe(at('2024-03-11T00:00:00Z'));
  });

  it('the local day decides: at +05:30 the day starts at 18:30 UTC', () => {
    const s = limitStatus({ rule: news, at: at('2024-03-10T19:00:00Z'), tzAt: () => 330, usedMs: 0, counting: true });
    expect(s.day).toBe('2024-03-11');
    expect(s.resetAt).toBe(at('2024-03-11T18:30:00Z'));
  });
});

describe('the next local midnight', () => {
  it('read at 10:00:30.250, not on a whole minute: still midnight exactly', () => {
    expect(nextMidnight(at('2024-03-10T10:00:30.250Z'), utc)).toBe(at('2024-03-11T00:00:00Z'));
    expect(nextMidnight(at('2024-03-10T10:00:30.250Z'), () => 330)).toBe(at('2024-03-10T18:30:00Z'));
  });

  it('west of UTC late in the local day (17:00 at −05:00): tonight, not the night after', () => {
    expect(nextMidnight(at('2024-03-10T22:00:00Z'), () => -300)).toBe(at('2024-03-11T05:00:00Z'));
  });
});

describe('the next local midnight on DST days', () => {
  // Europe/Berlin 2024: +60 until 2024-03-31 01:00 UTC, then +120; back to +60 at 2024-10-27 01:00 UTC.
  const berlin = (t: number) => (t >= at('2024-03-31T01:00:00Z') && t < at('2024-10-27T01:00:00Z') ? 120 : 60);

  it('spring forward (23 h day): from 00:30 local the day ends at 22:00 UTC, local midnight in summer time', () => {
    const t = at('2024-03-30T23:30:00Z'); // 00:30 on the 31st, +01:00
    expect(nextMidnight(t, berlin)).toBe(at('2024-03-31T22:00:00Z'));
  });

  it('fall back (25 h day): from 00:30 local the day ends at 23:00 UTC', () => {
    const t = at('2024-10-26T22:30:00Z'); // 00:30 on the 27th, +02:00
    expect(nextMidnight(t, berlin)).toBe(at('2024-10-27T23:00:00Z'));
  });

  it('a zone that changes at midnight itself (+0 → +60 at 00:00 local): the new day starts at 23:00 UTC', () => {
    const change = at('2024-03-10T00:00:00Z');
    const tz = (t: number) => (t >= change - 60 * MINUTE ? 60 : 0);
    // 23:00 UTC on the 9th is 00:00 on the 10th at +01:00: the day that follows begins there.
    const n = nextMidnight(at('2024-03-09T20:00:00Z'), tz);
    expect(n).toBe(at('2024-03-09T23:00:00Z'));
  });

  it('a zone that springs forward an hour at 23:30 local (+0 → +60): the day ends at 23:30 UTC, not at 00:00 UTC', () => {
    // Midnight never happens on the clock: 23:29:59 is followed by 00:30. The candidate midnights
    // flip between 23:00 UTC (by +60, but +0 is still in force there) and 00:00 UTC (by +0, but
    // +60 is in force there, so it is 01:00 local). The first instant of the 10th is the change.
    const change = at('2024-03-09T23:30:00Z');
    const tz = (t: number) => (t >= change ? 60 : 0);
    expect(nextMidnight(at('2024-03-09T20:00:00Z'), tz)).toBe(change);
    const s = limitStatus({ rule: news, at: at('2024-03-09T20:00:00Z'), tzAt: tz, usedMs: 0, counting: false });
    expect(s.resetAt).toBe(change);
  });
});

describe('which rule applies', () => {
  it('weekdays: 0 is Sunday, of the local day label', () => {
    expect(weekdayOf('2024-03-10')).toBe(0);
    expect(weekdayOf('2024-03-11')).toBe(1);
  });

  it('overlapping rules for one site: the stricter of those that apply today wins', () => {
    const rules: SiteLimit[] = [
      { site: 'news.test', minutes: 60 },
      { site: 'news.test', minutes: 10, weekdays: [1, 2, 3, 4, 5] },
      { site: 'other.test', minutes: 5 },
    ];
    expect(rulesFor(rules, 'news.test', '2024-03-11').map((r) => r.minutes)).toEqual([10]); // Monday
    expect(rulesFor(rules, 'news.test', '2024-03-10').map((r) => r.minutes)).toEqual([60]); // Sunday
    expect(rulesFor(rules, 'none.test', '2024-03-10')).toEqual([]);
    expect(rulesFor([{ site: 'news.test', minutes: 10, weekdays: [1] }], 'news.test', '2024-03-10')).toEqual([]);
  });

  it('the stricter rule wins in whatever order the rules are stored; of two as strict, the first stored', () => {
    const weekdays: SiteLimit = { site: 'news.test', minutes: 10, weekdays: [1, 2, 3, 4, 5] };
    const everyDay: SiteLimit = { site: 'news.test', minutes: 60 };
    expect(rulesFor([weekdays, everyDay], 'news.test', '2024-03-11')).toEqual([weekdays]); // Monday
    const mondays: SiteLimit = { site: 'news.test', minutes: 60, weekdays: [1] };
    expect(rulesFor([everyDay, mondays], 'news.test', '2024-03-11')).toEqual([everyDay]);
    expect(rulesFor([mondays, everyDay], 'news.test', '2024-03-11')).toEqual([mondays]);
  });
});

describe('a limit inside a window of the day (10 min, 09:00–17:00, offset 0)', () => {
  const rule = { minutes: 10, window: { from: 9, to: 17 } };
  const at = (hhmm: string) => (hhmm === '24:00' ? Date.parse('2024-03-12T00:00:00Z') : Date.parse(`2024-03-11T${hhmm}:00Z`));
  const status = (when: string, usedMs: number, counting = true) => limitStatus({ rule, at: at(when), tzAt: () => 0, usedMs, counting });

  it('at 08:00 on the site: not in force yet; if it stays in front, reached at 09:10', () => {
    expect(status('08:00', 0)).toMatchObject({ active: false, blocked: false, reachAt: at('09:10'), resetAt: at('24:00') - 0 });
  });
  it('at 12:00 with its 10 min used inside the window: blocked until 17:00', () => {
    expect(status('12:00', 10 * 60_000)).toMatchObject({ active: true, blocked: true, resetAt: at('17:00') });
  });
  it('at 16:55 with 2 min used: the window closes before the limit, so nothing is scheduled', () => {
    expect(status('16:55', 2 * 60_000)).toMatchObject({ blocked: false, reachAt: null });
  });
  it('at 17:00:00 exactly with 10 min used: the window [09:00, 17:00) is over to the ms; at 16:59:59.999 it still blocks', () => {
    expect(status('17:00', 10 * 60_000)).toMatchObject({ active: false, blocked: false, reachAt: null, resetAt: at('24:00') });
    expect(limitStatus({ rule, at: at('17:00') - 1, tzAt: () => 0, usedMs: 10 * 60_000, counting: true })).toMatchObject({ active: true, blocked: true, resetAt: at('17:00') });
  });
  it('a window to 24:00 holds until midnight: at 23:59 used up, blocked until midnight', () => {
    const late = { minutes: 10, window: { from: 20, to: 24 } };
    expect(limitStatus({ rule: late, at: at('23:59'), tzAt: () => 0, usedMs: 10 * 60_000, counting: true })).toMatchObject({ active: true, blocked: true, resetAt: at('24:00') });
  });
  it('at 17:30 with 10 min used: the window is over, nothing blocks until tomorrow', () => {
    expect(status('17:30', 10 * 60_000)).toMatchObject({ active: false, blocked: false, reachAt: null });
  });
  it('only the hours inside the window count', () => {
    const hours = Array.from({ length: 24 }, (_, h) => (h === 8 ? 5 : h === 9 ? 7 : h === 16 ? 11 : h === 17 ? 13 : 0));
    expect(msInWindow(36, hours, rule.window)).toBe(18);
    expect(msInWindow(36, hours, undefined)).toBe(36);
    expect(msInWindow(36, undefined, rule.window)).toBe(0);
  });
  it('a rule for the whole day and one for the window are both in force, each the stricter of its kind', () => {
    const rules: SiteLimit[] = [{ site: 'a.test', minutes: 60 }, { site: 'a.test', minutes: 30 }, { site: 'a.test', ...rule }];
    expect(rulesFor(rules, 'a.test', '2024-03-11').map((r) => [r.minutes, windowKey(r.window)])).toEqual([[30, 'all'], [10, '9-17']]);
  });
  it('Kathmandu (+05:45): 09:00–17:00 local is 03:15–11:15 UTC; at 07:45 local, 10 min of it are reached at 09:10 local', () => {
    const reach = limitStatus({ rule, at: Date.parse('2024-03-11T02:00:00Z'), tzAt: () => 345, usedMs: 0, counting: true });
    expect(reach).toMatchObject({ active: false, reachAt: Date.parse('2024-03-11T03:25:00Z') });
    const used = limitStatus({ rule, at: Date.parse('2024-03-11T05:00:00Z'), tzAt: () => 345, usedMs: 10 * 60_000, counting: true });
    expect(used).toMatchObject({ active: true, blocked: true, resetAt: Date.parse('2024-03-11T11:15:00Z') });
  });
  it('Paris on the spring change (31 Mar 2024, 02:00 CET → 03:00 CEST): 01:00–04:00 local is 00:00–02:00 UTC, though 01:00 by the new offset would be 23:00', () => {
    const change = Date.parse('2024-03-31T01:00:00Z');
    const paris = (t: number) => (t >= change ? 120 : 60);
    const early = { minutes: 10, window: { from: 1, to: 4 } };
    const before = limitStatus({ rule: early, at: Date.parse('2024-03-30T23:30:00Z'), tzAt: paris, usedMs: 0, counting: true });
    expect(before).toMatchObject({ day: '2024-03-31', active: false, reachAt: Date.parse('2024-03-31T00:10:00Z') });
    const used = limitStatus({ rule: early, at: Date.parse('2024-03-31T01:30:00Z'), tzAt: paris, usedMs: 10 * 60_000, counting: true });
    expect(used).toMatchObject({ active: true, blocked: true, resetAt: Date.parse('2024-03-31T02:00:00Z') });
  });
  it('a category\'s rules are its own: Social 30 min beside News 5 min keeps its 30', () => {
    const rules = [{ category: 'social', minutes: 30 }, { category: 'news', minutes: 5 }];
    expect(categoryRulesFor(rules, 'social', '2024-03-11')).toEqual([{ category: 'social', minutes: 30 }]);
  });
  it('the window as typed: whole hours that start before they end; 00–24 is no window', () => {
    expect(checkSiteLimit({ site: 'a.test', minutes: 10, window: { from: 9, to: 17 } }, [])).toEqual({ ok: true, rule: { site: 'a.test', minutes: 10, window: { from: 9, to: 17 } } });
    expect(checkSiteLimit({ site: 'a.test', minutes: 10, window: { from: 0, to: 24 } }, [])).toEqual({ ok: true, rule: { site: 'a.test', minutes: 10 } });
    // From midnight, or to midnight, is a window all the same: only both at once is the whole day.
    expect(checkSiteLimit({ site: 'a.test', minutes: 10, window: { from: 0, to: 8 } }, [])).toEqual({ ok: true, rule: { site: 'a.test', minutes: 10, window: { from: 0, to: 8 } } });
    expect(checkSiteLimit({ site: 'a.test', minutes: 10, window: { from: 20, to: 24 } }, [])).toEqual({ ok: true, rule: { site: 'a.test', minutes: 10, window: { from: 20, to: 24 } } });
    for (const window of [{ from: 17, to: 9 }, { from: 9, to: 9 }, { from: 9.5, to: 17 }, { from: -1, to: 5 }, { from: 20, to: 25 }, '9-17', null]) {
      expect(checkSiteLimit({ site: 'a.test', minutes: 10, window }, [])).toEqual({ ok: false, problem: 'window' });
    }
  });
});
