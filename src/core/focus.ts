// Focus sessions, pure: a session is a plan fixed when it starts — when, how long each focus
// period and each break lasts, how many cycles, what it blocks — so where it stands at any instant
// follows from the wall clock alone. A worker stop or a browser restart can neither end nor
// extend it: the worker only reads the stored plan again. docs/COUNTING.md "Focus sessions".
import type { Category } from './categories.ts';
import { categoryLookup } from './categories.ts';

export const MINUTE = 60_000;
/** Where the running session is kept (chrome.storage.local): the worker writes it, and the block
 *  page and the popup listen to it (a session ended early or a boundary passed shows at once). */
export const FOCUS_STORAGE_KEY = 'focusSession';
export const FOCUS_LIMITS = {
  minutes: { min: 1, max: 240 },
  breakMinutes: { min: 0, max: 60 },
  cycles: { min: 1, max: 12 },
} as const;

/** A session as stored (chrome.storage.local): the plan and how far its notices went. */
export interface FocusSession {
  startedAt: number;
  focusMs: number;
  breakMs: number;
  cycles: number;
  /** Sites (registrable domains) and category ids blocked while a focus period runs. */
  sites: string[];
  categories: string[];
  /** Phase boundaries already announced (0 = none): a late wake announces only the latest. */
  noticed: number;
}

export type FocusPhase = 'focus' | 'break' | 'done';

export interface FocusNow {
  phase: FocusPhase;
  /** 1-based cycle the phase belongs to (the last one once done). */
  cycle: number;
  /** When this phase ends (for 'done': when the session ended). */
  phaseEndsAt: number;
  /** When the whole session ends. */
  endsAt: number;
  /** Phase boundaries passed by now: 2 per cycle but the last, which has one (its end). */
  boundaries: number;
}

export const sessionEnd = (s: Pick<FocusSession, 'startedAt' | 'focusMs' | 'breakMs' | 'cycles'>): number =>
  s.startedAt + s.cycles * s.focusMs + (s.cycles - 1) * s.breakMs;

/** Where the session stands at `now`. A clock set back before the start counts as the start: a
 *  session never runs longer than planned in wall-clock time after its start. */
export function focusAt(s: FocusSession, now: number): FocusNow {
  const endsAt = sessionEnd(s);
  if (now >= endsAt) return { phase: 'done', cycle: s.cycles, phaseEndsAt: endsAt, endsAt, boundaries: 2 * s.cycles - 1 };
  const since = Math.max(0, now - s.startedAt);
  const period = s.focusMs + s.breakMs;
  const index = Math.floor(since / period);
  const into = since - index * period;
  const cycleStart = s.startedAt + index * period;
  if (into < s.focusMs) return { phase: 'focus', cycle: index + 1, phaseEndsAt: cycleStart + s.focusMs, endsAt, boundaries: 2 * index };
  return { phase: 'break', cycle: index + 1, phaseEndsAt: cycleStart + period, endsAt, boundaries: 2 * index + 1 };
}

/** Whether the session blocks `site` at `now`: only during a focus period, for a listed site or a
 *  site in a listed category (categories as they are now: a rule changed mid-session applies). */
export function focusBlocks(s: FocusSession, site: string, now: number, categories: readonly Category[]): boolean {
  if (focusAt(s, now).phase !== 'focus') return false;
  if (s.sites.includes(site)) return true;
  const category = s.categories.length > 0 ? categoryLookup(categories)(site) : null;
  return category !== null && s.categories.includes(category);
}

export interface FocusPlan {
  minutes: number;
  breakMinutes: number;
  cycles: number;
  sites: readonly string[];
  categories: readonly string[];
}

export type FocusProblem = 'minutes' | 'nothing-to-block';

/** A session from a plan, or what is wrong with it: whole minutes in range, and something to block
 *  (a session that blocks nothing would only be a timer, and most likely a forgotten setting). */
export function startSession(plan: FocusPlan, now: number): { ok: true; session: FocusSession } | { ok: false; problem: FocusProblem } {
  const { minutes, breakMinutes, cycles } = plan;
  const whole = (n: number, r: { min: number; max: number }) => Number.isInteger(n) && n >= r.min && n <= r.max;
  if (!whole(minutes, FOCUS_LIMITS.minutes) || !whole(breakMinutes, FOCUS_LIMITS.breakMinutes) || !whole(cycles, FOCUS_LIMITS.cycles)) {
    return { ok: false, problem: 'minutes' };
  }
  if (plan.sites.length === 0 && plan.categories.length === 0) return { ok: false, problem: 'nothing-to-block' };
  // Without a break there is nothing between the cycles: one period of the whole length.
  const single = breakMinutes === 0;
  const session: FocusSession = {
    startedAt: now,
    focusMs: (single ? cycles : 1) * minutes * MINUTE,
    breakMs: single ? 0 : breakMinutes * MINUTE,
    cycles: single ? 1 : cycles,
    sites: [...plan.sites],
    categories: [...plan.categories],
    noticed: 0,
  };
  return { ok: true, session };
}

const count = (x: unknown, min: number, max: number): x is number => typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max;
const strings = (x: unknown): x is string[] => Array.isArray(x) && x.length <= 1000 && x.every((v) => typeof v === 'string' && v.length <= 300);

/** A stored session (untrusted: another version, a hand edit) → the session, or null. */
export function readSession(raw: unknown): FocusSession | null {
  if (!raw || typeof raw !== 'object') return null;
  const o = raw as Record<string, unknown>;
  const maxMs = FOCUS_LIMITS.minutes.max * FOCUS_LIMITS.cycles.max * MINUTE;
  if (!count(o.startedAt, 0, Number.MAX_SAFE_INTEGER) || !count(o.focusMs, MINUTE, maxMs) || !count(o.breakMs, 0, FOCUS_LIMITS.breakMinutes.max * MINUTE)) return null;
  if (!count(o.cycles, 1, FOCUS_LIMITS.cycles.max) || !strings(o.sites) || !strings(o.categories) || !count(o.noticed, 0, 2 * FOCUS_LIMITS.cycles.max)) return null;
  return { startedAt: o.startedAt, focusMs: o.focusMs, breakMs: o.breakMs, cycles: o.cycles, sites: o.sites, categories: o.categories, noticed: o.noticed };
}

export type FocusNotice = 'break' | 'resume' | 'end';

/** The notice due for the boundaries passed since the last one announced: only the latest
 *  (a worker woken late after several boundaries says where the session is, not its history). */
export function noticeDue(s: FocusSession, now: FocusNow): FocusNotice | null {
  if (now.boundaries <= s.noticed) return null;
  if (now.phase === 'done') return 'end';
  return now.phase === 'break' ? 'break' : 'resume';
}
