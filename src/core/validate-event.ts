// Stored events are checked before folding: a corrupt record (disk error, a bug in an older
// version, a hand edit) is skipped and reported, never allowed to poison the totals. Every field
// is checked for its range, not only its type: one event at t = 8.7e15 (past the Date range) once
// made every command fail with "Invalid time value".
import type { DwellEvent } from './events.ts';
import { dayOf, isTime, isValidDay } from './days.ts';
import { MAX_PAGE_URL } from './domains.ts';

/** Offsets in use run from UTC−12 to UTC+14; a little slack for historical zones. */
const MAX_TZ_MINUTES = 16 * 60;
/** The settings allow at most a 600 s heartbeat (gap ≈ 20 min); a day is far beyond any. */
const MAX_GAP_MS = 86_400_000;
const MAX_TITLE_STORED = 4_096;

const isId = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
/** Window ids, and NO_WINDOW (−1) for "no focused window". */
const isWindow = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= -1;
const isStr = (x: unknown): x is string => typeof x === 'string';
const isBool = (x: unknown): x is boolean => typeof x === 'boolean';
const isOptTime = (x: unknown): boolean => x === null || isTime(x);
/** origin + path: the query and fragment never reach the log (they hold tokens). */
const isUrl = (x: unknown): boolean => x === null || (isStr(x) && x.length > 0 && x.length <= MAX_PAGE_URL + 256 && !/[?#]/.test(x));

function tabInfoOk(e: Record<string, unknown>): boolean {
  const domainOk = e.url === null ? e.domain === null : isStr(e.domain) && e.domain.length > 0 && e.domain.length <= 253;
  return isId(e.tabId) && isWindow(e.windowId) && isUrl(e.url) && domainOk && isStr(e.title) && e.title.length <= MAX_TITLE_STORED && isBool(e.audible);
}

function frontOk(f: unknown): boolean {
  if (!f || typeof f !== 'object') return false;
  const o = f as Record<string, unknown>;
  return isWindow(o.windowId) && isId(o.tabId) && isOptTime(o.lastAccessed);
}

function snapshotTabOk(t: unknown): boolean {
  return !!t && typeof t === 'object' && tabInfoOk(t as Record<string, unknown>) && isOptTime((t as Record<string, unknown>).lastAccessed);
}

/** The event's local day is one the store can hold and import takes back (isValidDay): t = 0 is
 *  still 1969-12-31 west of UTC. Only `t` needs it: the fold counts time between event instants,
 *  and clamps the others (idle `since`, lastAccessed) into that span. */
const isStorableMoment = (t: unknown, tz: unknown): boolean =>
  isTime(t) && Number.isSafeInteger(tz) && Math.abs(tz as number) <= MAX_TZ_MINUTES && isValidDay(dayOf(t, tz as number));

export function isValidEvent(x: unknown): x is DwellEvent {
  if (!x || typeof x !== 'object') return false;
  const e = x as Record<string, unknown>;
  if (!isId(e.seq) || !isStorableMoment(e.t, e.tz)) return false;
  switch (e.k) {
    case 'activated':
    case 'removed':
      return isId(e.tabId) && isWindow(e.windowId);
    case 'tab':
      return tabInfoOk(e) && (e.lastAccessed === undefined || isOptTime(e.lastAccessed)) && (e.nav === undefined || isBool(e.nav));
    case 'windowRemoved':
    case 'focus':
      return isWindow(e.windowId);
    case 'idle':
      return (e.state === 'active' || e.state === 'idle' || e.state === 'locked') && isTime(e.since);
    case 'beat':
      return isOptTime(e.scheduled);
    case 'boot':
      return e.front === undefined || e.front === null || frontOk(e.front);
    case 'snapshot':
      return isWindow(e.focused) && Array.isArray(e.tabs) && e.tabs.length <= 10_000 && e.tabs.every(snapshotTabOk);
    case 'pause':
      return isBool(e.paused);
    case 'config':
      return isBool(e.countAudibleWhileIdle) && Number.isSafeInteger(e.gapMs) && (e.gapMs as number) > 0 && (e.gapMs as number) <= MAX_GAP_MS;
    case 'outage':
      return isTime(e.since) && isTime(e.until) && e.since <= e.until && e.until <= (e.t as number);
    default:
      return false;
  }
}

export function checkEvents(raw: readonly unknown[]): { good: DwellEvent[]; corrupt: unknown[] } {
  const good: DwellEvent[] = [];
  const corrupt: unknown[] = [];
  for (const x of raw) (isValidEvent(x) ? good : corrupt).push(x);
  return { good, corrupt };
}
