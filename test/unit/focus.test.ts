// The focus session model (core/focus.ts): where a session stands follows from its plan and the
// wall clock alone, so a worker stop or a restart can neither end nor extend it.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { focusAt, focusBlocks, noticeDue, readSession, sessionEnd, startSession, type FocusSession } from '../../src/core/focus.ts';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 11, 3, 9, 0);
const plan = { minutes: 25, breakMinutes: 5, cycles: 4, sites: ['news.test'], categories: [] };
const pomodoro = (): FocusSession => {
  const r = startSession(plan, T0);
  if (!r.ok) throw new Error(r.problem);
  return r.session;
};

describe('a pomodoro of 4 × 25 minutes with 5-minute breaks, started at 09:00', () => {
  it('ends at 10:55 (four focus periods, three breaks: none after the last)', () => {
    expect(sessionEnd(pomodoro())).toBe(T0 + (4 * 25 + 3 * 5) * MINUTE);
  });

  it.each([
    [0, 'focus', 1, 25, 0],
    [24.99, 'focus', 1, 25, 0],
    [25, 'break', 1, 30, 1],
    [29.99, 'break', 1, 30, 1],
    [30, 'focus', 2, 55, 2],
    [85, 'break', 3, 90, 5],
    [90, 'focus', 4, 115, 6],
    [115, 'done', 4, 115, 7],
    [600, 'done', 4, 115, 7],
  ] as const)('at +%s min: %s of cycle %s, until +%s min, %s boundaries passed', (at, phase, cycle, until, boundaries) => {
    expect(focusAt(pomodoro(), T0 + at * MINUTE)).toEqual({ phase, cycle, phaseEndsAt: T0 + until * MINUTE, endsAt: T0 + 115 * MINUTE, boundaries });
  });

  it('a clock set back before the start is the start: the session does not grow', () => {
    expect(focusAt(pomodoro(), T0 - 60 * MINUTE)).toMatchObject({ phase: 'focus', cycle: 1, phaseEndsAt: T0 + 25 * MINUTE });
  });

  it('blocks news.test in the focus periods only', () => {
    const s = pomodoro();
    expect(focusBlocks(s, 'news.test', T0 + 10 * MINUTE, [])).toBe(true);
    expect(focusBlocks(s, 'news.test', T0 + 27 * MINUTE, [])).toBe(false);
    expect(focusBlocks(s, 'docs.test', T0 + 10 * MINUTE, [])).toBe(false);
    expect(focusBlocks(s, 'news.test', T0 + 115 * MINUTE, [])).toBe(false);
  });

  it('announces each boundary once, and after a long sleep only where it stands', () => {
    const s = pomodoro();
    expect(noticeDue(s, focusAt(s, T0 + MINUTE))).toBeNull();
    expect(noticeDue(s, focusAt(s, T0 + 26 * MINUTE))).toBe('break');
    expect(noticeDue({ ...s, noticed: 1 }, focusAt(s, T0 + 26 * MINUTE))).toBeNull();
    expect(noticeDue({ ...s, noticed: 1 }, focusAt(s, T0 + 31 * MINUTE))).toBe('resume');
    expect(noticeDue(s, focusAt(s, T0 + 200 * MINUTE))).toBe('end');
    expect(noticeDue({ ...s, noticed: 7 }, focusAt(s, T0 + 200 * MINUTE))).toBeNull();
  });
});

describe('a category in the session', () => {
  const categories = [{ id: 'social', name: 'Social', colour: '#3366cc', rules: ['*.social.test'] }];
  it('blocks the sites its rules match now', () => {
    const r = startSession({ ...plan, sites: [], categories: ['social'] }, T0);
    if (!r.ok) throw new Error(r.problem);
    expect(focusBlocks(r.session, 'social.test', T0, categories)).toBe(true);
    expect(focusBlocks(r.session, 'news.test', T0, categories)).toBe(false);
    expect(focusBlocks(r.session, 'social.test', T0, [])).toBe(false);
  });
});

describe('starting a session', () => {
  it('with no break the cycles are one period of the whole length', () => {
    const r = startSession({ ...plan, breakMinutes: 0 }, T0);
    expect(r.ok && [r.session.cycles, r.session.focusMs, sessionEnd(r.session)]).toEqual([1, 100 * MINUTE, T0 + 100 * MINUTE]);
  });

  it.each([0, -5, 1.5, 241, Number.NaN])('%s minutes: refused', (minutes) => {
    expect(startSession({ ...plan, minutes }, T0)).toEqual({ ok: false, problem: 'minutes' });
  });

  it('13 cycles or a 61-minute break: refused', () => {
    expect(startSession({ ...plan, cycles: 13 }, T0)).toEqual({ ok: false, problem: 'minutes' });
    expect(startSession({ ...plan, breakMinutes: 61 }, T0)).toEqual({ ok: false, problem: 'minutes' });
  });

  it('with nothing to block: refused', () => {
    expect(startSession({ ...plan, sites: [], categories: [] }, T0)).toEqual({ ok: false, problem: 'nothing-to-block' });
  });

  it('1, 240 minutes, 12 cycles, a 60-minute break: accepted', () => {
    expect(startSession({ ...plan, minutes: 1 }, T0).ok).toBe(true);
    expect(startSession({ ...plan, minutes: 240, cycles: 12, breakMinutes: 60 }, T0).ok).toBe(true);
  });
});

describe('a stored session is read back only when whole', () => {
  it('reads back what it stored', () => {
    const s = pomodoro();
    expect(readSession(structuredClone(s))).toEqual(s);
  });

  it.each([
    ['nothing', undefined],
    ['a string', 'session'],
    ['no start', { ...pomodoro(), startedAt: undefined }],
    ['a focus period under a minute', { ...pomodoro(), focusMs: 59_999 }],
    ['a break over an hour', { ...pomodoro(), breakMs: 61 * MINUTE }],
    ['no cycles', { ...pomodoro(), cycles: 0 }],
    ['sites not a list', { ...pomodoro(), sites: 'news.test' }],
    ['a site not a string', { ...pomodoro(), sites: [42] }],
    ['categories missing', { ...pomodoro(), categories: undefined }],
    ['notices past the last boundary', { ...pomodoro(), noticed: 25 }],
  ])('%s: no session', (_what, raw) => {
    expect(readSession(raw)).toBeNull();
  });
});

describe('for any plan and any instant', () => {
  it('focus time up to the end is cycles × the focus period, and phases never go back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 240 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 12 }), fc.array(fc.integer({ min: -MINUTE, max: 3000 * MINUTE }), { maxLength: 20 }), (minutes, breakMinutes, cycles, offsets) => {
        const r = startSession({ minutes, breakMinutes, cycles, sites: ['a.test'], categories: [] }, T0);
        if (!r.ok) return false;
        const s = r.session;
        // Walk the session boundary to boundary: the focus time adds up to the plan.
        let t = T0;
        let focus = 0;
        for (let guard = 0; guard < 30; guard++) {
          const at = focusAt(s, t);
          if (at.phase === 'done') break;
          if (at.phase === 'focus') focus += at.phaseEndsAt - t;
          expect(at.phaseEndsAt).toBeGreaterThan(t);
          t = at.phaseEndsAt;
        }
        expect(focus).toBe(minutes * cycles * MINUTE);
        expect(t).toBe(sessionEnd(s));
        const sorted = [...offsets].sort((a, b) => a - b).map((o) => focusAt(s, T0 + o).boundaries);
        for (let i = 1; i < sorted.length; i++) expect(sorted[i]).toBeGreaterThanOrEqual(sorted[i - 1]!);
        return true;
      }),
    );
  });
});
