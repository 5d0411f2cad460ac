// Proves the reference model itself on stories whose totals are worked out by hand, so that when
// the property test finds the engine and the model disagree, we know which one to suspect.
import { describe, expect, it } from 'vitest';
import { OTHER_PAGES, collapseDays, dayOf, referenceTotals, siteOf, splitAtMidnight, type Totals } from '../fixtures/reference-model.ts';
import { HOUR, MINUTE, SECOND, story } from '../fixtures/story.ts';

const A = 'https://a.test/x';
const A2 = 'https://a.test/y';
const B = 'https://www.b.test/';
const B2 = 'https://www.b.test/two';
const DAY = '2024-03-10';
const NEXT = '2024-03-11';

/** Map → plain object, so a failing expectation prints readably. */
const obj = (m: Map<string, Totals>): Record<string, Totals> => Object.fromEntries(m);

describe('midnight split and days', () => {
  it('takes the local day from the offset', () => {
    const t = Date.parse('2024-03-10T23:30:00Z');
    expect(dayOf(t, 0)).toBe('2024-03-10');
    expect(dayOf(t, 60)).toBe('2024-03-11');
    expect(dayOf(Date.parse('2024-03-10T05:00:00Z'), -6 * 60)).toBe('2024-03-09');
  });

  it('cuts an interval at each local midnight it crosses', () => {
    const a = Date.parse('2024-03-10T23:59:50Z');
    expect(splitAtMidnight(a, a + 30 * SECOND, 0)).toEqual([
      { day: DAY, ms: 10 * SECOND },
      { day: NEXT, ms: 20 * SECOND },
    ]);
    // At +60 the same instants are 00:59:50 → 01:00:20 on the 11th: no midnight inside.
    expect(splitAtMidnight(a, a + 30 * SECOND, 60)).toEqual([{ day: NEXT, ms: 30 * SECOND }]);
    const long = splitAtMidnight(a, a + 48 * HOUR + 20 * SECOND, 0);
    expect(long.map((p) => p.day)).toEqual([DAY, NEXT, '2024-03-12', '2024-03-13']);
    expect(long.map((p) => p.ms)).toEqual([10 * SECOND, 24 * HOUR, 24 * HOUR, 10 * SECOND]);
  });
});

describe('reference model: basic stories', () => {
  it('§2a tab A 20 s, switch to B, 10 s on B (B closed virtually at the last event)', () => {
    const log = story().at('10:00:00').focus(1).tab(1, 1, A).after(20 * SECOND).switchTo(2, 1, B).after(10 * SECOND).beat().events;
    const r = referenceTotals(log);
    expect(obj(r.days)).toEqual({
      [`${DAY}|a.test`]: { ms: 20_000, visits: 1 },
      [`${DAY}|b.test`]: { ms: 10_000, visits: 1 },
    });
    expect(obj(r.pages)).toEqual({
      [`${DAY}|a.test|${A}`]: { ms: 20_000, visits: 1 },
      [`${DAY}|b.test|${B}`]: { ms: 10_000, visits: 1 },
    });
  });

  it('§13a closeAt: null leaves the open visit out; a later closeAt extends it, unless past a gap', () => {
    const log = story().at('10:00:00').focus(1).tab(1, 1, A).after(20 * SECOND).switchTo(2, 1, B).after(10 * SECOND).beat().events;
    const last = log.at(-1)!.t;
    expect(obj(referenceTotals(log, { closeAt: null }).days)).toEqual({ [`${DAY}|a.test`]: { ms: 20_000, visits: 1 } });
    expect(referenceTotals(log, { closeAt: last + 5 * SECOND }).days.get(`${DAY}|b.test`)).toEqual({ ms: 15_000, visits: 1 });
    // now − lastT > gapMs: the browser was gone, the visit ends at the last evidence.
    expect(referenceTotals(log, { closeAt: last + 10 * MINUTE }).days.get(`${DAY}|b.test`)).toEqual({ ms: 10_000, visits: 1 });
  });

  it('§2b nothing counts without focus, while paused or locked', () => {
    const log = story()
      .at('10:00:00').focus(1).tab(1, 1, A)
      .after(10 * SECOND).blur() // A: 10 s
      .after(30 * SECOND).focus(1) // back: A again from here
      .after(7 * SECOND).pause() // A +7 s
      .after(60 * SECOND).pause(false)
      .after(3 * SECOND).locked() // A +3 s
      .after(50 * SECOND).active()
      .after(1 * SECOND).beat().events; // A +1 s
    const r = referenceTotals(log);
    expect(obj(r.days)).toEqual({ [`${DAY}|a.test`]: { ms: 21_000, visits: 4 } });
    expect(obj(r.pages)).toEqual({ [`${DAY}|a.test|${A}`]: { ms: 21_000, visits: 4 } });
  });

  it('an untracked page (null url) is not counted', () => {
    const log = story()
      .at('10:00:00').focus(1).tab(1, 1, A)
      .after(10 * SECOND).switchTo(2, 1, null) // chrome://settings in another tab
      .after(20 * SECOND).switchTo(1, 1, A)
      .after(5 * SECOND).beat().events;
    expect(obj(referenceTotals(log).days)).toEqual({ [`${DAY}|a.test`]: { ms: 15_000, visits: 2 } });
  });

  it('§11c a reload (same page url) continues the visit; a new path is a new page visit of the same site visit', () => {
    const log = story()
      .at('10:00:00').focus(1).tab(1, 1, A, { title: 'X' })
      .after(10 * SECOND).tab(1, 1, A, { title: 'X reloaded' })
      .after(10 * SECOND).tab(1, 1, A2)
      .after(10 * SECOND).switchTo(2, 1, B)
      .after(5 * SECOND).switchTo(1, 1, A)
      .after(5 * SECOND).beat().events;
    const r = referenceTotals(log);
    expect(obj(r.pages)).toEqual({
      [`${DAY}|a.test|${A}`]: { ms: 25_000, visits: 2 },
      [`${DAY}|a.test|${A2}`]: { ms: 10_000, visits: 1 },
      [`${DAY}|b.test|${B}`]: { ms: 5_000, visits: 1 },
    });
    // a.test: one site visit for A→A2 (A2 opens exactly when A closed), one after B.
    expect(obj(r.days)).toEqual({
      [`${DAY}|a.test`]: { ms: 35_000, visits: 2 },
      [`${DAY}|b.test`]: { ms: 5_000, visits: 1 },
    });
    expect(r.visits[0]?.title).toBe('X reloaded');
  });

  it('§4a late `tab` info after `activated` counts from the activation', () => {
    const log = story()
      .at('10:00:00').focus(1).tab(1, 1, A)
      .after(20 * SECOND).activated(2, 1) // A ends here; B's page is not known yet
      .after(5 * SECOND).tab(2, 1, B) // enrichment arrives late
      .after(10 * SECOND).beat().events;
    const r = referenceTotals(log);
    expect(r.days.get(`${DAY}|a.test`)).toEqual({ ms: 20_000, visits: 1 });
    expect(r.days.get(`${DAY}|b.test`)).toEqual({ ms: 15_000, visits: 1 });
  });

  it('re-activating the tab that is already active keeps its known page', () => {
    const log = story().at('10:00:00').focus(1).tab(1, 1, A).after(20 * SECOND).activated(1, 1).after(10 * SECOND).beat().events;
    expect(obj(referenceTotals(log).days)).toEqual({ [`${DAY}|a.test`]: { ms: 30_000, visits: 1 } });
  });

  it('a tab switch in a window that is not focused does not touch the counted visit', () => {
    const log = story()
      .at('10:00:00').focus(1).tab(1, 1, A)
      .after(10 * SECOND).switchTo(5, 2, B) // window 2, in the background
      .after(10 * SECOND).focus(2) // now B
      .after(10 * SECOND).beat().events;
    const r = referenceTotals(log);
    expect(obj(r.days)).toEqual({
      [`${DAY}|a.test`]: { ms: 20_000, visits: 1 },
      [`${DAY}|b.test`]: { ms: 10_000, visits: 1 },
    });
  });

  it('removing the active tab or the focused window ends the visit', () => {
    const log = story()
      .at('10:00:00').focus(1).tab(1, 1, A)
      .after(10 * SECOND).removed(1, 1)
      .after(10 * SECOND).switchTo(2, 1, B)
      .after(10 * SECOND).windowRemoved(1)
      .after(10 * SECOND).switchTo(3, 2, A) // focus unknown after the window went: nothing counts
      .after(10 * SECOND).focus(2)
      .after(4 * SECOND).beat().events;
    const r = referenceTotals(log);
    expect(obj(r.days)).toEqual({
      [`${DAY}|a.test`]: { ms: 14_000, visits: 2 },
      [`${DAY}|b.test`]: { ms: 10_000, visits: 1 },
    });
  });
});

describe('reference model: idle and audio', () => {
  it('§3a idle is back-dated to when input stopped', () => {
    const log = story()
      .at('10:00:00').focus(1).tab(1, 1, A)
      .after(60 * SECOND).idle(20 * SECOND) // input stopped at 10:00:40
      .after(4 * MINUTE).active() // 10:05:00
      .after(10 * SECOND).beat().events;
    const r = referenceTotals(log);
    // 40 s + 10 s; two site visits (the second opens at 10:05, not at 10:00:40).
    expect(obj(r.days)).toEqual({ [`${DAY}|a.test`]: { ms: 50_000, visits: 2 } });
  });

  it('§3b back-dating never reaches before the visit began (time already given to A stays with A)', () => {
    const log = story()
      .at('10:00:00').focus(1).tab(1, 1, A)
      .after(30 * SECOND).switchTo(2, 1, B) // 10:00:30
      .after(30 * SECOND).idle(50 * SECOND) // since 10:00:10 < B's start: clamped to 10:00:30
      .after(10 * SECOND).beat().events;
    const r = referenceTotals(log);
    expect(obj(r.days)).toEqual({ [`${DAY}|a.test`]: { ms: 30_000, visits: 1 } });
  });

  it('§3c an audible tab keeps counting while idle, not when locked, not with the setting off', () => {
    const log = story()
      .at('10:00:00').focus(1).tab(1, 1, A, { audible: true })
      .after(60 * SECOND).idle(30 * SECOND) // audible: continues
      .after(60 * SECOND).locked() // ends at t, not back-dated: 120 s
      .after(60 * SECOND).active()
      .after(10 * SECOND).config(false) // still active: continues (+10 s)
      .after(10 * SECOND).idle(5 * SECOND) // setting off: ends 5 s back (+5 s)
      .after(10 * SECOND).active() // counts again from here
      .after(10 * SECOND).beat().events; // +10 s
    const r = referenceTotals(log);
    expect(r.days.get(`${DAY}|a.test`)).toEqual({ ms: 145_000, visits: 3 });
  });
});

describe('reference model: time', () => {
  it('§11a a visit over midnight is split; the page and site visit count on the day it began', () => {
    const log = story().at('23:59:50').focus(1).tab(1, 1, A).after(30 * SECOND).beat().events;
    const r = referenceTotals(log);
    expect(obj(r.days)).toEqual({
      [`${DAY}|a.test`]: { ms: 10_000, visits: 1 },
      [`${NEXT}|a.test`]: { ms: 20_000, visits: 0 },
    });
    expect(obj(r.pages)).toEqual({
      [`${DAY}|a.test|${A}`]: { ms: 10_000, visits: 1 },
      [`${NEXT}|a.test|${A}`]: { ms: 20_000, visits: 0 },
    });
  });

  it('§11b midnight is local: at +05:30 the day turns at 18:30 UTC', () => {
    const log = story({ tz: 330 }).at('23:59:00').focus(1).tab(1, 1, A).after(MINUTE).beat().after(MINUTE).beat().events;
    expect(new Date(log[0]!.t).toISOString()).toBe('2024-03-10T18:29:00.000Z');
    expect(obj(referenceTotals(log).days)).toEqual({
      [`${DAY}|a.test`]: { ms: 60_000, visits: 1 },
      [`${NEXT}|a.test`]: { ms: 60_000, visits: 0 },
    });
  });

  it('§10a a time-zone change splits days with the old offset before it and the new one after', () => {
    const log = story()
      .at('20:00:00').focus(1).tab(1, 1, A)
      .after(30 * SECOND).tz(300).beat() // 20:00:30 UTC is 01:00:30 on the 11th at +05:00
      .after(30 * SECOND).beat().events;
    expect(obj(referenceTotals(log).days)).toEqual({
      [`${DAY}|a.test`]: { ms: 30_000, visits: 1 },
      [`${NEXT}|a.test`]: { ms: 30_000, visits: 0 },
    });
  });

  it('§9a the clock going back counts nothing in between; the visit keeps what it had', () => {
    const log = story()
      .at('10:00:00').focus(1).tab(1, 1, A)
      .after(30 * SECOND).beat() // 30 s
      .clockBack(HOUR).beat() // 09:00:30: nothing for the jump
      .after(10 * SECOND).beat().events; // +10 s
    const r = referenceTotals(log);
    expect(obj(r.days)).toEqual({ [`${DAY}|a.test`]: { ms: 40_000, visits: 1 } });
    expect(r.counters.clockJumps).toBe(1);
  });

  it('§7a a gap closes the visit at the last evidence and counts again from the next event', () => {
    const log = story()
      .at('10:00:00').focus(1).tab(1, 1, A)
      .after(30 * SECOND).beat() // 10:00:30: last evidence
      .after(10 * MINUTE).beat() // laptop lid was closed
      .after(20 * SECOND).beat().events;
    const r = referenceTotals(log);
    expect(obj(r.days)).toEqual({ [`${DAY}|a.test`]: { ms: 50_000, visits: 2 } });
    expect(r.counters.recoveries).toBe(1);
  });

  it('§7b an event exactly gapMs after the last evidence is no gap', () => {
    const log = story()
      .at('10:00:00').focus(1).tab(1, 1, A)
      .after(30 * SECOND).beat()
      .after(75 * SECOND).beat() // exactly gapMs
      .after(5 * SECOND).beat().events;
    const r = referenceTotals(log);
    expect(obj(r.days)).toEqual({ [`${DAY}|a.test`]: { ms: 110_000, visits: 1 } });
    expect(r.counters.recoveries).toBe(0);
    expect(r.reach.atGap).toBe(1);
    // One ms more is a gap: 30 s, then 5 s again.
    const later = story().at('10:00:00').focus(1).tab(1, 1, A).after(30 * SECOND).beat().after(75_001).beat().after(5 * SECOND).beat().events;
    expect(obj(referenceTotals(later).days)).toEqual({ [`${DAY}|a.test`]: { ms: 35_000, visits: 2 } });
  });

  it('§7c gapMs comes from config events in the log', () => {
    const log = story()
      .at('10:00:00').config(true, 5 * MINUTE).focus(1).tab(1, 1, A)
      .after(2 * MINUTE).beat() // under the 5 min gap: all counted
      .after(6 * MINUTE).beat() // over it: ends at the previous beat, counts again from here
      .after(1 * MINUTE).beat().events;
    expect(obj(referenceTotals(log).days)).toEqual({ [`${DAY}|a.test`]: { ms: 3 * MINUTE, visits: 2 } });
  });

  it('§7d a visit whose only evidence is its first moment counts nothing and is no visit', () => {
    const log = story()
      .at('10:00:00').focus(1).tab(1, 1, A) // the page load is the last evidence
      .after(90 * SECOND).beat() // the machine slept
      .after(10 * SECOND).beat().events;
    const r = referenceTotals(log);
    expect(obj(r.days)).toEqual({ [`${DAY}|a.test`]: { ms: 10_000, visits: 1 } });
  });

  it('§8a boot closes the open visit at the last evidence and forgets windows until a snapshot', () => {
    const log = story()
      .at('10:00:00').focus(1).tab(1, 1, A)
      .after(30 * SECOND).beat() // 10:00:30
      .after(20 * SECOND).boot() // browser restarted: A ends at 10:00:30
      .after(1 * SECOND).tab(1, 1, A) // no focus known yet: nothing
      .after(1 * SECOND).snapshot(1, [{ tabId: 1, windowId: 1, url: A }]) // 10:00:52
      .after(10 * SECOND).beat().events;
    const r = referenceTotals(log);
    expect(obj(r.days)).toEqual({ [`${DAY}|a.test`]: { ms: 40_000, visits: 2 } });
    expect(r.counters.recoveries).toBe(1);
  });

  /** A boot whose front is tab `tabId` of window `windowId`, active since `since` (local time). */
  const bootWith = (tabId: number, windowId: number, since: string | null) => ({ k: 'boot' as const, front: { tabId, windowId, lastAccessed: since === null ? null : story().at(since).now } });

  it('§8c an extension reload continues the open visit: no close, no recovery', () => {
    const log = story()
      .at('10:00:00').focus(1).tab(1, 1, A)
      .after(20 * SECOND).event(bootWith(1, 1, '10:00:00')) // tab 1 in front since before the last evidence
      .snapshot(1, [{ tabId: 1, windowId: 1, url: A }])
      .after(10 * SECOND).beat().events;
    const r = referenceTotals(log);
    expect(obj(r.days)).toEqual({ [`${DAY}|a.test`]: { ms: 30_000, visits: 1 } });
    expect(r.counters.recoveries).toBe(0);
    expect([r.reach.boots, r.reach.reloads]).toEqual([1, 1]);
  });

  it('§8d a restart whose restored tab got the same ids (active since the restore), or shows another tab, closes at the last evidence', () => {
    for (const boot of [bootWith(1, 1, '10:00:48'), bootWith(2, 1, '10:00:00'), bootWith(1, 2, '10:00:00'), bootWith(1, 1, null)]) {
      const log = story()
        .at('10:00:00').focus(1).tab(1, 1, A)
        .after(30 * SECOND).beat() // 10:00:30, the last evidence
        .after(20 * SECOND).event(boot)
        .snapshot(1, [{ tabId: 1, windowId: 1, url: A }]) // 10:00:50
        .after(10 * SECOND).beat().events;
      const r = referenceTotals(log);
      expect(obj(r.days), JSON.stringify(boot.front)).toEqual({ [`${DAY}|a.test`]: { ms: 40_000, visits: 2 } });
      expect(r.counters.recoveries).toBe(1);
      expect(r.reach.reloads).toBe(0);
    }
  });

  it('§8e a reload exactly gapMs after the last evidence continues; one ms later it is a gap and a restart', () => {
    const upTo = (silence: number) =>
      story()
        .at('10:00:00').focus(1).tab(1, 1, A)
        .after(30 * SECOND).beat()
        .after(silence).event(bootWith(1, 1, '10:00:00'));
    const reload = referenceTotals(upTo(75 * SECOND).after(5 * SECOND).beat().events);
    expect(obj(reload.days)).toEqual({ [`${DAY}|a.test`]: { ms: 110_000, visits: 1 } });
    expect(reload.counters.recoveries).toBe(0);
    const restart = referenceTotals(upTo(75 * SECOND + 1).at('10:01:46').snapshot(1, [{ tabId: 1, windowId: 1, url: A }]).after(4 * SECOND).beat().events);
    expect(obj(restart.days)).toEqual({ [`${DAY}|a.test`]: { ms: 34_000, visits: 2 } });
    expect(restart.counters.recoveries).toBe(1);
  });
});

describe('reference model: snapshots', () => {
  it('§5a a missed switch is back-dated to the new tab’s lastAccessed', () => {
    const at = story().at('10:00:40').now;
    const log = story()
      .at('10:00:00').focus(1).tab(1, 1, A)
      // the worker slept through a switch to tab 2 at 10:00:40
      .after(60 * SECOND).snapshot(1, [{ tabId: 2, windowId: 1, url: B, lastAccessed: at }])
      .after(30 * SECOND).beat().events;
    const r = referenceTotals(log);
    expect(obj(r.days)).toEqual({
      [`${DAY}|a.test`]: { ms: 40_000, visits: 1 },
      [`${DAY}|b.test`]: { ms: 50_000, visits: 1 },
    });
    expect(r.counters.reconstructed).toBe(1);
  });

  it('§5c no back-dating when focus was elsewhere, and never before the open visit began', () => {
    const early = story().at('09:00:00').now;
    const log = story()
      .at('10:00:00').focus(1).tab(1, 1, A)
      .after(60 * SECOND).snapshot(1, [{ tabId: 2, windowId: 1, url: B, lastAccessed: early }]) // clamped to 10:00:00
      .after(30 * SECOND).focus(2)
      .after(30 * SECOND).snapshot(1, [{ tabId: 3, windowId: 1, url: A2, lastAccessed: early }]) // focus was 2: at t
      .after(10 * SECOND).beat().events;
    const r = referenceTotals(log);
    expect(obj(r.pages)).toEqual({
      [`${DAY}|b.test|${B}`]: { ms: 90_000, visits: 1 },
      [`${DAY}|a.test|${A2}`]: { ms: 10_000, visits: 1 },
    });
    expect(r.counters.reconstructed).toBe(1);
  });

  it('a snapshot that agrees with what we knew changes nothing', () => {
    const log = story()
      .at('10:00:00').focus(1).tab(1, 1, A)
      .after(60 * SECOND).snapshot(1, [{ tabId: 1, windowId: 1, url: A, lastAccessed: 0 }])
      .after(30 * SECOND).beat().events;
    expect(obj(referenceTotals(log).days)).toEqual({ [`${DAY}|a.test`]: { ms: 90_000, visits: 1 } });
  });
});

describe('reference model: bounds', () => {
  const D = (n: number) => `https://tabs.d.test/${n}`;

  /** §12a: tabs 1 (A) and 2 (B), then `more` tabs switched to for 0 ms, back to A, then tab 2's
   *  activation is logged without its page and tab 2 loads B2. */
  function manyTabs(more: number) {
    const s = story().at('10:00:00').focus(1).tab(1, 1, A).after(10 * SECOND).switchTo(2, 1, B).after(10 * SECOND);
    for (let i = 0; i < more; i++) s.switchTo(3 + i, 1, D(i));
    return s.switchTo(1, 1, A).after(10 * SECOND).activated(2, 1).after(6 * SECOND).tab(2, 1, B2, { nav: true }).after(4 * SECOND).beat().events;
  }

  it('§12a past 200 remembered tabs the lowest id is forgotten: a load there is an ordinary page', () => {
    const forgotten = referenceTotals(manyTabs(200));
    expect(forgotten.pages.get(`${DAY}|b.test|${B}`)).toEqual({ ms: 10_000, visits: 1 });
    expect(forgotten.pages.get(`${DAY}|b.test|${B2}`)).toEqual({ ms: 10_000, visits: 1 });
    expect(forgotten.pages.get(`${DAY}|a.test|${A}`)).toEqual({ ms: 20_000, visits: 2 });
    // Tabs 1 and 2 for the 201st and 202nd tab, then each again when it is remembered again:
    // its id is still the lowest.
    expect(forgotten.reach.forgottenTabs).toBe(4);
    expect(forgotten.reach.lostPageLoads).toBe(0);

    const remembered = referenceTotals(manyTabs(199));
    expect(remembered.pages.get(`${DAY}|b.test|${B}`)).toEqual({ ms: 16_000, visits: 2 });
    expect(remembered.pages.get(`${DAY}|b.test|${B2}`)).toEqual({ ms: 4_000, visits: 1 });
    expect(remembered.reach.lostPageLoads).toBe(1);
  });

  it('§12a a tab with the lowest id is forgotten the moment it is remembered again', () => {
    const s = story().at('10:00:00').focus(1);
    for (let i = 0; i < 201; i++) s.switchTo(10 + i, 1, D(i)); // tab 10 forgotten at the 201st
    s.tab(10, 2, B); // tab 10 seen again, in window 2 (not focused): remembered and forgotten
    s.after(10 * SECOND).activated(10, 1).after(5 * SECOND).tab(10, 1, B2, { nav: true }).after(5 * SECOND).beat();
    const r = referenceTotals(s.events);
    // No page known for tab 10: B2 counts from the activation, B never counted.
    expect(r.pages.get(`${DAY}|b.test|${B2}`)).toEqual({ ms: 10_000, visits: 1 });
    expect(r.pages.get(`${DAY}|b.test|${B}`)).toBeUndefined();
    expect(r.reach.forgottenTabs).toBe(3);
  });

  it('§12b past 200 pages of a site in a day, the rest go to (other pages) with no time lost', () => {
    const s = story().at('10:00:00').focus(1);
    for (let i = 0; i < 250; i++) s.tab(1, 1, D(i), { nav: true }).after(SECOND);
    const r = referenceTotals(s.blur().events);
    expect(obj(r.days)).toEqual({ [`${DAY}|d.test`]: { ms: 250_000, visits: 1 } });
    expect(r.pages.get(`${DAY}|d.test|${D(0)}`)).toEqual({ ms: 1_000, visits: 1 });
    expect(r.pages.get(`${DAY}|d.test|${D(199)}`)).toEqual({ ms: 1_000, visits: 1 });
    expect(r.pages.get(`${DAY}|d.test|${D(200)}`)).toBeUndefined();
    expect(r.pages.get(`${DAY}|d.test|${OTHER_PAGES}`)).toEqual({ ms: 50_000, visits: 50 });
    expect(r.pages.size).toBe(201);
    expect(r.reach.otherPages).toBe(50);
  });

  it('§12b the cap is per site and day: the next day a page has its own row again', () => {
    const s = story().at('23:59:00').focus(1);
    for (let i = 0; i < 201; i++) s.tab(1, 1, D(i), { nav: true }).after(100);
    s.at('2024-03-11 00:00:10').blur(); // D(200) runs from 23:59:20 to 00:00:10
    const r = referenceTotals(s.events);
    expect(r.pages.get(`${DAY}|d.test|${OTHER_PAGES}`)).toEqual({ ms: 40_000, visits: 1 });
    expect(r.pages.get(`${NEXT}|d.test|${D(200)}`)).toEqual({ ms: 10_000, visits: 0 });
  });

  it('§13 live totals show the visit still counting under its own url, past the cap', () => {
    const s = story().at('10:00:00').focus(1);
    for (let i = 0; i < 201; i++) s.tab(1, 1, D(i), { nav: true }).after(SECOND);
    const live = referenceTotals(s.beat().events);
    expect(live.pages.get(`${DAY}|d.test|${D(200)}`)).toEqual({ ms: 1_000, visits: 1 });
    expect(live.pages.get(`${DAY}|d.test|${OTHER_PAGES}`)).toBeUndefined();
  });
});

describe('reference model: stored totals (§13)', () => {
  it('the site visit in progress is not stored yet, only its closed page visits', () => {
    const log = story().at('10:00:00').focus(1).tab(1, 1, A).after(10 * SECOND).tab(1, 1, A2).after(5 * SECOND).beat().events;
    const stored = referenceTotals(log, { closeAt: null });
    expect(obj(stored.days)).toEqual({ [`${DAY}|a.test`]: { ms: 10_000, visits: 0 } });
    expect(obj(stored.pages)).toEqual({ [`${DAY}|a.test|${A}`]: { ms: 10_000, visits: 1 } });
    expect(stored.open).toEqual({ url: A2, site: 'a.test', began: log[2]!.t });
  });

  it('a site visit is stored once it ended, also while its page is still to come', () => {
    const base = story().at('10:00:00').focus(1).tab(1, 1, A).after(10 * SECOND);
    const toCome = referenceTotals(base.activated(2, 1).after(SECOND).beat().events, { closeAt: null });
    expect(obj(toCome.days)).toEqual({ [`${DAY}|a.test`]: { ms: 10_000, visits: 0 } });
    const ended = referenceTotals(story().at('10:00:00').focus(1).tab(1, 1, A).after(10 * SECOND).blur().events, { closeAt: null });
    expect(obj(ended.days)).toEqual({ [`${DAY}|a.test`]: { ms: 10_000, visits: 1 } });
    const otherSite = referenceTotals(story().at('10:00:00').focus(1).tab(1, 1, A).after(10 * SECOND).switchTo(2, 1, B).after(SECOND).beat().events, { closeAt: null });
    expect(obj(otherSite.days)).toEqual({ [`${DAY}|a.test`]: { ms: 10_000, visits: 1 } });
  });
});

describe('reference model: its own sites', () => {
  it('knows the registrable domain of every test host, and no other', () => {
    expect(siteOf('https://news.c.co.uk/p')).toBe('c.co.uk');
    expect(siteOf('https://www.b.test/')).toBe('b.test');
    expect(siteOf('http://localhost:3000/')).toBe('localhost');
    expect(() => siteOf('https://unknown.example/')).toThrow(/no site known for host unknown.example/);
  });

  it('reads the site from the url, not from the domain the event carries', () => {
    const log = story().at('10:00:00').focus(1).tab(1, 1, A).after(10 * SECOND).beat().events;
    const tab = log[1]!;
    if (tab.k !== 'tab') throw new Error('expected the tab event');
    tab.domain = 'wrong.example';
    expect([...referenceTotals(log).days.keys()]).toEqual([`${DAY}|a.test`]);
  });
});

describe('reference model: site visits, floors and other fine print', () => {
  it('§11d a visit of another domain in between ends a site visit, even one of 0 ms', () => {
    const log = story()
      .at('10:00:00').focus(1).tab(1, 1, A)
      .after(10 * SECOND).switchTo(2, 1, B).switchTo(1, 1, A) // B for 0 ms
      .after(10 * SECOND).beat().events;
    const r = referenceTotals(log);
    // Two site visits of a.test, no page visit (and no site visit) for the 0 ms one.
    expect(obj(r.days)).toEqual({ [`${DAY}|a.test`]: { ms: 20_000, visits: 2 } });
    expect(obj(r.pages)).toEqual({ [`${DAY}|a.test|${A}`]: { ms: 20_000, visits: 2 } });
  });

  it('§4b a same-site switch to a window whose page is still to come stays one site visit', () => {
    const log = story()
      .at('10:00:00').focus(1).tab(1, 1, A)
      .after(SECOND).focus(2) // A ends at 10:00:01; window 2 not seen yet: its page is to come
      .after(2 * SECOND).tab(2, 2, A2) // only reveals it: A2 counts from the focus change
      .after(SECOND).beat().events;
    const r = referenceTotals(log);
    expect(r.pages.get(`${DAY}|a.test|${A2}`)).toEqual({ ms: 3_000, visits: 1 });
    expect(obj(r.days)).toEqual({ [`${DAY}|a.test`]: { ms: 4_000, visits: 1 } });
  });

  it('§11e a site visit counts on the day its first page visit (with time) began, not a 0 ms one before', () => {
    const log = story({ tz: -300 })
      .at('23:59:59').focus(1).tab(1, 1, A) // 04:59:59Z, the 10th at −05:00
      .activated(2, 1) // A: 0 ms
      .tz(0).tab(2, 1, A2) // same instant, now at +00:00: the 11th
      .after(10 * SECOND).beat().events;
    const r = referenceTotals(log);
    expect(obj(r.days)).toEqual({ [`${NEXT}|a.test`]: { ms: 10_000, visits: 1 } });
    expect(obj(r.pages)).toEqual({ [`${NEXT}|a.test|${A2}`]: { ms: 10_000, visits: 1 } });
  });

  it('§11f a moment with nothing in front and nothing to come ends the site visit', () => {
    const log = story()
      .at('10:00:00').focus(1).tab(1, 1, A)
      .after(10 * SECOND).blur()
      .focus(1) // same instant, same page again: a new site visit all the same
      .after(10 * SECOND).beat().events;
    expect(obj(referenceTotals(log).days)).toEqual({ [`${DAY}|a.test`]: { ms: 20_000, visits: 2 } });
  });

  it('§4d a back-dated start never crosses a time-zone change (the change is a cut)', () => {
    const log = story()
      .at('23:59:50').focus(1).tab(1, 1, A)
      .after(5 * SECOND).activated(2, 1) // 23:59:55 UTC
      .after(10 * SECOND).tz(-60).tab(2, 1, B) // 00:00:05 UTC = 23:00:05 on the 10th at −01:00
      .after(10 * SECOND).beat().events;
    const r = referenceTotals(log);
    // B counts from the change, in the new offset: 10 s on the 10th.
    expect(r.pages.get(`${DAY}|b.test|${B}`)).toEqual({ ms: 10_000, visits: 1 });
    expect(r.pages.get(`${NEXT}|b.test|${B}`)).toBeUndefined();
  });

  // COUNTING.md: a page that was known but not countable (untracked, silent while idle) counts
  // only from the event that made it countable — the time before it is nobody's.
  it('§4c leaving an untracked page for a tracked one in the same tab counts from the switch back', () => {
    const log = story()
      .at('10:00:00').focus(1).tab(1, 1, A)
      .after(10 * SECOND).tab(1, 1, null) // same tab goes to an excluded site
      .after(20 * SECOND).tab(1, 1, A2) // and back to a tracked page
      .after(5 * SECOND).beat().events;
    const r = referenceTotals(log);
    expect(r.pages.get(`${DAY}|a.test|${A}`)).toEqual({ ms: 10_000, visits: 1 });
    // The 20 s on the untracked page are nobody's: A2 opens when it is loaded.
    expect(r.pages.get(`${DAY}|a.test|${A2}`)).toEqual({ ms: 5_000, visits: 1 });
    // The site visit ended when nothing was in front (the untracked page was known).
    expect(r.days.get(`${DAY}|a.test`)).toEqual({ ms: 15_000, visits: 2 });
  });

  it('§3d a tab that starts playing while the user is idle counts from when the sound started', () => {
    const log = story()
      .at('10:00:00').focus(1).tab(1, 1, A)
      .after(60 * SECOND).idle(20 * SECOND) // silent: A ends at 10:00:40
      .after(60 * SECOND).tab(1, 1, A, { audible: true }) // 10:02:00 sound starts
      .after(10 * SECOND).beat().events;
    // 40 s before idleness + 10 s of sound; the silent idle minute is nobody's.
    expect(obj(referenceTotals(log).days)).toEqual({ [`${DAY}|a.test`]: { ms: 50_000, visits: 2 } });
  });

  it('§5b a tab event naming another active tab, with no activation logged, is a missed switch back-dated to lastAccessed', () => {
    const log = story()
      .at('10:00:00').focus(1).tab(1, 1, A)
      .after(30 * SECOND).tab(2, 1, B, { activeSince: 10 * SECOND }) // B active since 10:00:20; its activation was lost
      .after(5 * SECOND).beat().events;
    const r = referenceTotals(log);
    expect(r.pages.get(`${DAY}|a.test|${A}`)).toEqual({ ms: 20_000, visits: 1 });
    expect(r.pages.get(`${DAY}|b.test|${B}`)).toEqual({ ms: 15_000, visits: 1 });
    expect(r.counters.reconstructed).toBe(1);
  });

  it('§6a a missed switch to a tab that has since loaded another page: old page from the switch, new page from the load', () => {
    const log = story()
      .at('10:00:00').focus(1).tab(1, 1, A)
      .after(10 * SECOND).switchTo(2, 1, B) // B seen on its first page
      .after(10 * SECOND).switchTo(1, 1, A)
      .after(10 * SECOND).tab(2, 1, B2, { activeSince: 6 * SECOND, nav: true }) // switch to B lost at 10:00:24; B loads B2 at 10:00:30
      .after(5 * SECOND).beat().events;
    const r = referenceTotals(log);
    expect(r.pages.get(`${DAY}|a.test|${A}`)).toEqual({ ms: 14_000, visits: 2 });
    expect(r.pages.get(`${DAY}|b.test|${B}`)).toEqual({ ms: 16_000, visits: 2 });
    expect(r.pages.get(`${DAY}|b.test|${B2}`)).toEqual({ ms: 5_000, visits: 1 });
    expect(r.days.get(`${DAY}|b.test`)).toEqual({ ms: 21_000, visits: 2 });
  });

  it('§6b an activation whose page never came, then a load in that tab: the last known page until the load', () => {
    const log = story()
      .at('10:00:00').focus(1).tab(1, 1, A)
      .after(10 * SECOND).switchTo(2, 1, B) // B seen on its first page
      .after(10 * SECOND).switchTo(1, 1, A)
      .after(10 * SECOND).activated(2, 1) // 10:00:30 back to B; its enrichment died with the worker
      .after(6 * SECOND).tab(2, 1, B2, { nav: true }) // 10:00:36 B loads B2
      .after(4 * SECOND).beat().events;
    const r = referenceTotals(log);
    expect(r.pages.get(`${DAY}|b.test|${B}`)).toEqual({ ms: 16_000, visits: 2 });
    expect(r.pages.get(`${DAY}|b.test|${B2}`)).toEqual({ ms: 4_000, visits: 1 });
  });

  it('§6c an enrichment (not a load) after the activation counts its own page from the activation', () => {
    const log = story()
      .at('10:00:00').focus(1).tab(1, 1, A)
      .after(10 * SECOND).switchTo(2, 1, B)
      .after(10 * SECOND).switchTo(1, 1, A)
      .after(10 * SECOND).activated(2, 1)
      .after(50).tab(2, 1, B2) // B had loaded B2 in the background: the enrichment says so
      .after(5 * SECOND).beat().events;
    const r = referenceTotals(log);
    expect(r.pages.get(`${DAY}|b.test|${B}`)).toEqual({ ms: 10_000, visits: 1 });
    expect(r.pages.get(`${DAY}|b.test|${B2}`)).toEqual({ ms: 5_050, visits: 1 });
  });

  it('the same tab event after its activation is no missed switch', () => {
    const log = story()
      .at('10:00:00').focus(1).tab(1, 1, A)
      .after(30 * SECOND).activated(2, 1).tab(2, 1, B, { activeSince: 0 })
      .after(5 * SECOND).beat().events;
    const r = referenceTotals(log);
    expect(r.pages.get(`${DAY}|a.test|${A}`)).toEqual({ ms: 30_000, visits: 1 });
    expect(r.counters.reconstructed).toBe(0);
  });

  it('§8b boot closes at the last evidence even when its event also changes the offset or the clock', () => {
    const base = story().at('10:00:00').focus(1).tab(1, 1, A).after(30 * SECOND).beat(); // last evidence 10:00:30
    const tzBoot = referenceTotals(base.after(20 * SECOND).tz(330).boot().events);
    expect(obj(tzBoot.days)).toEqual({ [`${DAY}|a.test`]: { ms: 30_000, visits: 1 } });
    const backBoot = story().at('10:00:00').focus(1).tab(1, 1, A).after(30 * SECOND).beat().clockBack(HOUR).boot().events;
    expect(obj(referenceTotals(backBoot).days)).toEqual({ [`${DAY}|a.test`]: { ms: 30_000, visits: 1 } });
  });

  it('§9b after the clock goes back, a late-enriched visit may start before the old base’s last close', () => {
    const log = story()
      .at('10:00:00').focus(1).tab(1, 1, A)
      .after(30 * SECOND).blur() // A ends at 10:00:30 (lastClose)
      .clockBack(5 * SECOND).focus(2) // clock now says 10:00:25
      .activated(2, 2)
      .after(15 * SECOND).tab(2, 2, B) // 10:00:40: B counts from the activation, 10:00:25
      .after(10 * SECOND).beat().events;
    const r = referenceTotals(log);
    expect(r.days.get(`${DAY}|b.test`)).toEqual({ ms: 25_000, visits: 1 });
    expect(r.counters.clockJumps).toBe(1);
  });

  it('collapseDays sums days into per-site, per-page and daily totals', () => {
    const log = story().at('23:59:50').focus(1).tab(1, 1, A).after(30 * SECOND).switchTo(2, 1, B).after(5 * SECOND).beat().events;
    const c = collapseDays(referenceTotals(log));
    expect(obj(c.sites)).toEqual({ 'a.test': { ms: 30_000, visits: 1 }, 'b.test': { ms: 5_000, visits: 1 } });
    expect(obj(c.pages)).toEqual({ [`a.test|${A}`]: { ms: 30_000, visits: 1 }, [`b.test|${B}`]: { ms: 5_000, visits: 1 } });
    expect(Object.fromEntries(c.daily)).toEqual({ [DAY]: 10_000, [NEXT]: 25_000 });
  });
});

describe('reference model: database outages (§14)', () => {
  /** `outage` at now: the connection closed `closedFor` ms ago; the new one works from now. */
  const outage = (s: ReturnType<typeof story>, closedFor: number) => s.event({ k: 'outage', since: s.now - closedFor, until: s.now });

  it('§14a the outage is nobody’s: the visit ends when the connection closed, A counts again from the snapshot', () => {
    const s = story().at('10:00:00').focus(1).tab(1, 1, A).after(15 * SECOND).beat().after(35 * SECOND);
    const log = outage(s, 30 * SECOND).snapshot(1, [{ tabId: 1, windowId: 1, url: A }]).after(10 * SECOND).beat().events;
    const r = referenceTotals(log);
    expect(obj(r.days)).toEqual({ [`${DAY}|a.test`]: { ms: 30_000, visits: 2 } });
    expect(obj(r.pages)).toEqual({ [`${DAY}|a.test|${A}`]: { ms: 30_000, visits: 2 } });
    expect(r.counters).toMatchObject({ outages: 1, recoveries: 0 });
  });

  it('§14b after an outage the focus is unknown until a focus event tells it; the window still shows A', () => {
    const s = story().at('10:00:00').focus(1).tab(1, 1, A).after(40 * SECOND);
    const log = outage(s, 30 * SECOND).after(5 * SECOND).focus(1).after(5 * SECOND).beat().events;
    expect(obj(referenceTotals(log).pages)).toEqual({ [`${DAY}|a.test|${A}`]: { ms: 15_000, visits: 2 } });
  });

  it('§14c an outage longer than gapMs is a gap first: the visit ends at the last evidence', () => {
    const s = story().at('10:00:00').focus(1).tab(1, 1, A).after(30 * SECOND).beat().at('10:10:00');
    const log = outage(s, 5 * MINUTE).snapshot(1, [{ tabId: 1, windowId: 1, url: A }]).after(10 * SECOND).beat().events;
    const r = referenceTotals(log);
    expect(obj(r.days)).toEqual({ [`${DAY}|a.test`]: { ms: 40_000, visits: 2 } });
    expect(r.counters).toMatchObject({ outages: 1, recoveries: 1 });
  });

  it('§14d the visit never ends before it began: B, begun after the close, gets nothing; A keeps 30 s', () => {
    const s = story().at('10:00:00').focus(1).tab(1, 1, A).after(30 * SECOND).switchTo(2, 1, B).after(10 * SECOND);
    const r = referenceTotals(outage(s, 20 * SECOND).events);
    expect(obj(r.days)).toEqual({ [`${DAY}|a.test`]: { ms: 30_000, visits: 1 } });
    expect(r.open).toBeNull();
  });
});
