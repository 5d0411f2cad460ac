// The popup's focus section, pure: what it shows for the session the worker answered (focusInfo),
// the countdown text, and how the typed length is checked. Messages are i18n keys (+ substitutions);
// the page translates. docs/COUNTING.md "Focus sessions" is the rule in words.
import type { FocusView } from '../core/api.ts';
import { FOCUS_LIMITS, type FocusProblem } from '../core/focus.ts';

/** The two lengths one click away. */
export const QUICK_MINUTES = [25, 50] as const;

/** The countdown shown: whole seconds rounded up (a session of 25 min reads 25:00 at its start,
 *  00:01 in its last second and 00:00 once over), as mm:ss, or h:mm:ss from an hour on. */
export function countdownText(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number): string => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

export interface Message {
  key: string;
  subs: string[];
}

export type FocusPanel =
  | { kind: 'idle' }
  | {
      kind: 'running';
      phase: 'focus' | 'break';
      /** "Focus" or "Break". */
      phaseKey: 'focusPhaseFocus' | 'focusPhaseBreak';
      countdown: string;
      /** "Cycle 2 of 4"; null for a session of one period. */
      cycle: Message | null;
      /** The phase is over by the page's clock: ask the worker where the session stands now. */
      phaseOver: boolean;
    };

/** What the section shows at `now` for the worker's answer (null: no session runs). */
export function focusPanel(view: FocusView | null, now: number): FocusPanel {
  if (!view || view.phase === 'done') return { kind: 'idle' };
  const left = view.phaseEndsAt - now;
  return {
    kind: 'running',
    phase: view.phase,
    phaseKey: view.phase === 'focus' ? 'focusPhaseFocus' : 'focusPhaseBreak',
    countdown: countdownText(left),
    cycle: view.cycles > 1 ? { key: 'focusCycleOf', subs: [String(view.cycle), String(view.cycles)] } : null,
    phaseOver: left <= 0,
  };
}

export type MinutesCheck = { ok: true; minutes: number } | { ok: false; problem: Message };

const { min, max } = FOCUS_LIMITS.minutes;
const outOfRange: Message = { key: 'focusProblemMinutes', subs: [String(min), String(max)] };

/** The length typed in the popup's own field: whole minutes from 1 to 240 (" 30 " counts; "",
 *  "abc", "1.5", "0", "-5" and "300" do not). */
export function parseFocusMinutes(text: string): MinutesCheck {
  const s = text.trim();
  if (!/^\d+$/.test(s)) return { ok: false, problem: outOfRange };
  const n = Number(s);
  return n >= min && n <= max ? { ok: true, minutes: n } : { ok: false, problem: outOfRange };
}

/** Why the worker refused to start a session, as the popup says it; `setup`: show the link to the
 *  options section where the sites and categories to block are chosen. */
export function focusRefusal(problem: FocusProblem): { message: Message; setup: boolean } {
  return problem === 'nothing-to-block'
    ? { message: { key: 'focusProblemNothing', subs: [] }, setup: true }
    : { message: outOfRange, setup: false };
}
