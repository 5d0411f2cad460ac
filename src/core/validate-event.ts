// Stored events are checked before folding: a corrupt record (disk error, a bug in an older
// version, a hand edit) is skipped and reported, never allowed to poison the totals.
import type { DwellEvent } from '../core/events.ts';

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isInt = (x: unknown): x is number => Number.isSafeInteger(x);
const isStr = (x: unknown): x is string => typeof x === 'string';
const isBool = (x: unknown): x is boolean => typeof x === 'boolean';
const isUrl = (x: unknown): boolean => x === null || (isStr(x) && x.length < 10_000);

function tabInfoOk(e: Record<string, unknown>): boolean {
  const domainOk = e.url === null ? e.domain === null : isStr(e.domain) && e.domain.length > 0;
  return isInt(e.tabId) && isInt(e.windowId) && isUrl(e.url) && domainOk && isStr(e.title) && isBool(e.audible);
}

export function isValidEvent(x: unknown): x is DwellEvent {
  if (!x || typeof x !== 'object') return false;
  const e = x as Record<string, unknown>;
  if (!isInt(e.seq) || !isNum(e.t) || !isInt(e.tz) || Math.abs(e.tz) > 24 * 60) return false;
  switch (e.k) {
    case 'activated':
    case 'removed':
      return isInt(e.tabId) && isInt(e.windowId);
    case 'tab':
      return tabInfoOk(e) && (e.lastAccessed === undefined || e.lastAccessed === null || isNum(e.lastAccessed)) && (e.nav === undefined || isBool(e.nav));
    case 'windowRemoved':
    case 'focus':
      return isInt(e.windowId);
    case 'idle':
      return (e.state === 'active' || e.state === 'idle' || e.state === 'locked') && isNum(e.since);
    case 'beat':
      return e.scheduled === null || isNum(e.scheduled);
    case 'boot':
      return true;
    case 'snapshot':
      return (
        isInt(e.focused) &&
        Array.isArray(e.tabs) &&
        e.tabs.every((t: unknown) => !!t && typeof t === 'object' && tabInfoOk(t as Record<string, unknown>) &&
          ((t as Record<string, unknown>).lastAccessed === null || isNum((t as Record<string, unknown>).lastAccessed)))
      );
    case 'pause':
      return isBool(e.paused);
    case 'config':
      return isBool(e.countAudibleWhileIdle) && isNum(e.gapMs) && e.gapMs > 0;
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
