// What the block page accepts from its own URL (?site=…&back=…). That URL can be typed or linked
// by anyone, so nothing in it is trusted: the site must be a name Dwell stores, and the page to
// go back to must be an ordinary http(s) page — never javascript:, data:, chrome:, file:, another
// extension or this one — and only its origin + path are kept. The blocked page's query and
// fragment are never written anywhere by Dwell: the block page returns to them through the tab's
// own history (history.back()), and only falls back to origin + path when there is none.
//
// Why the page stands (a focus period, a daily limit, or nothing any more) follows from the
// worker's answers; a focus block lifts by itself at the period's end, and the page then returns.
import { isStorableDomain, pageKey } from './domains.ts';
import type { FocusView, LimitView } from './api.ts';

/** An http(s) page to return to, as origin + path; null for anything else. */
export const returnUrl = (raw: string | null | undefined): string | null => (raw ? pageKey(raw) : null);

export interface BlockParams {
  site: string;
  back: string | null;
}

/** The block page's query string → its site and page to go back to, or null without a site. */
export function blockParams(search: string): BlockParams | null {
  const q = new URLSearchParams(search);
  const site = q.get('site');
  if (!site || !isStorableDomain(site)) return null;
  return { site, back: returnUrl(q.get('back')) };
}

/** The block page asks again this long after the focus period ends: by then the worker's own
 *  boundary has passed (its alarm or timer is set for the exact moment). */
export const FOCUS_RETURN_DELAY_MS = 500;

/** Why the block page stands, from the worker's answers for its site (focusInfo, limitInfo). */
export type BlockReason =
  /** A focus period blocks the site until `until`; `limit`: a daily limit that blocks it too. */
  | { kind: 'focus'; until: number; cycle: number; cycles: number; limit: LimitView | null }
  /** A daily limit (a site's or a category's) is used up. */
  | { kind: 'limit'; limit: LimitView }
  /** Nothing blocks the site now (a break, a limit removed or snoozed, a new day). */
  | { kind: 'none'; limit: LimitView | null };

export function blockReason(focus: FocusView | null, limit: LimitView | null): BlockReason {
  if (focus?.blocksSite && focus.phase === 'focus') {
    return { kind: 'focus', until: focus.phaseEndsAt, cycle: focus.cycle, cycles: focus.cycles, limit: limit?.blocked ? limit : null };
  }
  if (limit?.blocked) return { kind: 'limit', limit };
  return { kind: 'none', limit };
}

/** When the page asks the worker again by itself: just after the focus period it shows ends. */
export const recheckAt = (r: BlockReason): number | null => (r.kind === 'focus' ? r.until + FOCUS_RETURN_DELAY_MS : null);

/** The page returns to the blocked page by itself when a focus block it showed has lifted (a break,
 *  the end, the session stopped) and no limit blocks the site instead. A page opened when nothing
 *  blocked stays, with its "Go back" button: nobody was sent there by a session. */
export const returnsToPage = (shown: BlockReason['kind'] | null, now: BlockReason): boolean => shown === 'focus' && now.kind === 'none';

/** How soon the page asks again when the worker did not answer whether a session still blocks. */
export const FOCUS_RETRY_MS = 1_000;

/** What the page does with the worker's answers: show a reason (and when to ask again), return to
 *  the blocked page, or — focusInfo failed (`focus` undefined) while a session is shown — ask again
 *  soon, since the site may well still be blocked. With nowhere to return to (no history, no
 *  address) a lifted block is shown as lifted rather than left saying "back at …". */
export type BlockStep = { step: 'show'; reason: BlockReason; recheckAt: number | null } | { step: 'back' } | { step: 'retry'; at: number };

export function nextStep(shown: BlockReason['kind'] | null, focus: FocusView | null | undefined, limit: LimitView | null, canGoBack: boolean, now: number): BlockStep {
  if (focus === undefined && shown === 'focus') return { step: 'retry', at: now + FOCUS_RETRY_MS };
  const reason = blockReason(focus ?? null, limit);
  if (returnsToPage(shown, reason) && canGoBack) return { step: 'back' };
  return { step: 'show', reason, recheckAt: recheckAt(reason) };
}
