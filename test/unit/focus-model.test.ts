// The popup's focus section: what it shows while a session runs, its countdown, and what it says
// when a length is typed wrong or the worker refuses to start.
import { describe, expect, it } from 'vitest';
import type { FocusView } from '../../src/core/api.ts';
import { focusAt, startSession } from '../../src/core/focus.ts';
import { countdownText, focusPanel, focusRefusal, parseFocusMinutes } from '../../src/ui/focus-model.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const nineAm = Date.parse('2024-03-10T09:00:00Z');

/** The worker's answer (focusInfo) for a session started at 09:00, read at `now`. */
function answer(plan: { minutes: number; breakMinutes: number; cycles: number }, now: number): FocusView {
  const made = startSession({ ...plan, sites: ['news.test'], categories: [] }, nineAm);
  if (!made.ok) throw new Error(made.problem);
  const at = focusAt(made.session, now);
  return { phase: at.phase, cycle: at.cycle, cycles: made.session.cycles, phaseEndsAt: at.phaseEndsAt, endsAt: at.endsAt, sites: made.session.sites, categories: [] };
}

describe('the countdown', () => {
  it('a 25-minute session reads 25:00 as it starts, 24:59 a second later, 00:01 in its last second and 00:00 at its end', () => {
    expect(countdownText(25 * MINUTE)).toBe('25:00');
    expect(countdownText(25 * MINUTE - SECOND)).toBe('24:59');
    expect(countdownText(25 * MINUTE - 1500)).toBe('24:59');
    expect(countdownText(400)).toBe('00:01');
    expect(countdownText(0)).toBe('00:00');
  });

  it('never counts below zero, even when the page\'s clock is past the end', () => {
    expect(countdownText(-5 * SECOND)).toBe('00:00');
  });

  it('from an hour on it shows the hours: 4 h is 4:00:00, 90 min is 1:30:00, 59:59 stays minutes', () => {
    expect(countdownText(240 * MINUTE)).toBe('4:00:00');
    expect(countdownText(90 * MINUTE)).toBe('1:30:00');
    expect(countdownText(60 * MINUTE - SECOND)).toBe('59:59');
  });
});

describe('what the section shows', () => {
  it('no session: the buttons to start one', () => {
    expect(focusPanel(null, nineAm)).toEqual({ kind: 'idle' });
  });

  it('a 25-minute session, 10 s in: "Focus", 24:50 to go, no cycle line for a single period', () => {
    const now = nineAm + 10 * SECOND;
    expect(focusPanel(answer({ minutes: 25, breakMinutes: 5, cycles: 1 }, now), now)).toEqual({
      kind: 'running',
      phase: 'focus',
      phaseKey: 'focusPhaseFocus',
      countdown: '24:50',
      cycle: null,
      phaseOver: false,
    });
  });

  it('a pomodoro of 4 × 25 min with 5-minute breaks at 09:56: the break after the second period, 4 minutes of it left, cycle 2 of 4', () => {
    const now = nineAm + 56 * MINUTE;
    expect(focusPanel(answer({ minutes: 25, breakMinutes: 5, cycles: 4 }, now), now)).toMatchObject({
      phase: 'break',
      phaseKey: 'focusPhaseBreak',
      countdown: '04:00',
      cycle: { key: 'focusCycleOf', subs: ['2', '4'] },
      phaseOver: false,
    });
  });

  it('the popup left open past the phase end counts to 00:00 and asks the worker again', () => {
    const view = answer({ minutes: 25, breakMinutes: 5, cycles: 4 }, nineAm);
    expect(focusPanel(view, nineAm + 25 * MINUTE)).toMatchObject({ phase: 'focus', countdown: '00:00', phaseOver: true });
    // The worker's answer then: the first break, 5 minutes of it.
    const next = answer({ minutes: 25, breakMinutes: 5, cycles: 4 }, nineAm + 25 * MINUTE);
    expect(focusPanel(next, nineAm + 25 * MINUTE)).toMatchObject({ phase: 'break', countdown: '05:00', phaseOver: false });
  });

  it('a session the worker says is over shows the start buttons again', () => {
    const view = answer({ minutes: 25, breakMinutes: 0, cycles: 1 }, nineAm + 30 * MINUTE);
    expect(view.phase).toBe('done');
    expect(focusPanel(view, nineAm + 30 * MINUTE)).toEqual({ kind: 'idle' });
  });
});

describe('the popup\'s own length', () => {
  it('whole minutes from 1 to 240, spaces around them allowed', () => {
    expect(parseFocusMinutes('1')).toEqual({ ok: true, minutes: 1 });
    expect(parseFocusMinutes(' 90 ')).toEqual({ ok: true, minutes: 90 });
    expect(parseFocusMinutes('240')).toEqual({ ok: true, minutes: 240 });
  });

  it('an empty field, a word, a fraction, zero, a negative or more than 4 hours: refused with the range to use', () => {
    for (const typed of ['', 'ten', '1.5', '0', '-5', '241', '1e2']) {
      expect(parseFocusMinutes(typed), typed).toEqual({ ok: false, problem: { key: 'focusProblemMinutes', subs: ['1', '240'] } });
    }
  });
});

describe('when the worker refuses to start', () => {
  it('nothing to block: says so, with the link to the options where sites and categories are chosen', () => {
    expect(focusRefusal('nothing-to-block')).toEqual({ message: { key: 'focusProblemNothing', subs: [] }, setup: true });
  });

  it('a length it does not take: the range, no link', () => {
    expect(focusRefusal('minutes')).toEqual({ message: { key: 'focusProblemMinutes', subs: ['1', '240'] }, setup: false });
  });
});
