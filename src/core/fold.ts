// The fold: (state, events) → (state, contributions). Pure: no browser API, no clock, no I/O.
// It implements docs/COUNTING.md; the reference model in test/fixtures is written separately.
import { NO_WINDOW, type DwellEvent } from './events.ts';
import type { Contribution } from './aggregates.ts';
import type { FoldState, PageInfo } from './state.ts';
import { closeSite, closeVisit, openVisit, settleRun, type Want } from './visits.ts';

export interface FoldResult {
  state: FoldState;
  contributions: Contribution[];
}

export function foldEvents(state: FoldState, events: readonly DwellEvent[]): FoldResult {
  const s = structuredClone(state);
  const out: Contribution[] = [];
  for (const e of events) step(s, e, out);
  return { state: s, contributions: out };
}

/** Closes the open visit and site visit at `until` on a copy (live totals; nothing is written). */
export function closeVirtually(state: FoldState, until: number): FoldResult {
  const s = structuredClone(state);
  const out: Contribution[] = [];
  if (s.visit) closeVisit(s, Math.max(until, s.visit.runStart), out);
  if (s.site) closeSite(s, out);
  return { state: s, contributions: out };
}

/** (focused window, its active tab, idle, paused): what decides who is in front. */
type Conditions = readonly [number | null, number | null, string, boolean];
const conditions = (s: FoldState): Conditions => [s.focused, frontTab(s), s.idle, s.paused];
const sameConditions = (a: Conditions, b: Conditions): boolean => a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];

function wanted(s: FoldState): Want | null {
  if (s.paused || s.focused === null || s.focused === NO_WINDOW) return null;
  const w = s.windows[s.focused];
  if (!w || w.tabId === null || !w.info || w.info.url === null) return null;
  const ok = s.idle === 'active' || (s.idle === 'idle' && s.countAudibleWhileIdle && w.info.audible);
  return ok ? { windowId: s.focused, tabId: w.tabId, url: w.info.url, domain: w.info.domain ?? w.info.url, title: w.info.title } : null;
}

/** The focused window would count but its page is not known yet (its active tab, or that tab's
 *  page, is still to come): a site visit stays open across this, so a same-site tab or window
 *  switch is one site visit. */
function awaitingPage(s: FoldState): boolean {
  if (s.paused || s.focused === null || s.focused === NO_WINDOW || s.idle === 'locked') return false;
  const w = s.windows[s.focused];
  return !w || w.tabId === null || w.info === null;
}

/** Active tab of the focused window, or null when unknown. */
const frontTab = (s: FoldState): number | null => (s.focused !== null ? (s.windows[s.focused]?.tabId ?? null) : null);

/** Closes the open visit if what counts changed (at b), opens what counts now (from openFrom). */
function settle(s: FoldState, b: number, openFrom: number, t: number, tz: number, out: Contribution[]): void {
  const want = wanted(s);
  const v = s.visit;
  if (v && (!want || want.windowId !== v.windowId || want.tabId !== v.tabId || want.url !== v.page)) {
    closeVisit(s, Math.min(Math.max(b, v.runStart), t), out);
  }
  if (want && !s.visit) {
    openVisit(s, want, Math.min(Math.max(openFrom, s.floor), t), tz, out);
  } else if (want && s.visit && want.title) {
    s.visit.title = want.title;
  }
  if (!s.visit && s.site && !awaitingPage(s)) closeSite(s, out);
}

/** Each tab's last known page, for a reconstructed switch; bounded (integer keys iterate in
 *  ascending order, so the lowest tab id — the oldest tab — is forgotten first). */
const MAX_TAB_PAGES = 200;
function remember(s: FoldState, tabId: number, info: PageInfo): void {
  const known = tabId in s.tabPages;
  s.tabPages[tabId] = info;
  // Only a new tab can push the map over its bound (checked then, not on every event).
  if (!known) {
    const keys = Object.keys(s.tabPages);
    if (keys.length > MAX_TAB_PAGES) delete s.tabPages[keys[0]!];
  }
}

function step(s: FoldState, e: DwellEvent, out: Contribution[]): void {
  const t = e.t;
  s.counters.events += 1;
  if (s.lastT === null) {
    s.subjectSince = t;
    s.floor = t;
  } else {
    const lastT = s.lastT;
    const gap = t >= lastT && t - lastT > s.gapMs;
    if (gap || e.k === 'boot') {
      // Closed at the last evidence: the browser may have quit (or slept) hours ago.
      if (s.visit) {
        s.counters.recoveries += 1;
        closeVisit(s, lastT, out);
      }
      closeSite(s, out);
      s.subjectSince = t;
      s.floor = t;
    }
    if (t < lastT) {
      s.counters.clockJumps += 1;
      if (s.visit) settleRun(s.visit, lastT, t, e.tz);
      s.floor = t;
    } else if (e.tz !== s.tz) {
      if (s.visit) settleRun(s.visit, t, t, e.tz);
      s.floor = t;
    }
  }

  const before = conditions(s);
  const frontBefore = frontTab(s);
  const focusedBefore = s.focused;
  const awaitingBefore = awaitingPage(s);
  const lo = s.visit ? s.visit.runStart : Math.max(s.subjectSince, s.floor);
  const backTo = (x: number): number => Math.min(Math.max(x, lo), t);
  let b = t;
  let later: PageInfo | null = null;

  switch (e.k) {
    case 'activated': {
      const w = s.windows[e.windowId];
      if (!w || w.tabId !== e.tabId) s.windows[e.windowId] = { tabId: e.tabId, info: null };
      break;
    }
    case 'tab': {
      const known = s.windows[e.windowId]?.tabId;
      const info = { url: e.url, domain: e.domain, title: e.title, audible: e.audible };
      const last = s.tabPages[e.tabId];
      if (e.windowId === focusedBefore && focusedBefore !== NO_WINDOW && known != null && known !== e.tabId && e.lastAccessed != null) {
        // The focused window shows another tab than the log said, and no `activated` came for it:
        // a switch lost in flight (the worker was killed, then woken by this very tab).
        b = backTo(e.lastAccessed);
        s.counters.reconstructed += 1;
        // A load in the tab switched to is what woke the worker: until it, the tab showed its
        // last known page.
        if (e.nav && last && last.url !== e.url) later = info;
      } else if (e.nav && last && last.url !== e.url && s.windows[e.windowId]?.tabId === e.tabId && s.windows[e.windowId]?.info === null) {
        // The activation was logged but its page never came (the worker died first), and now the
        // tab loads another page: its last known page lasted until this load.
        later = info;
      }
      s.windows[e.windowId] = { tabId: e.tabId, info: later ? last! : info };
      remember(s, e.tabId, info);
      break;
    }
    case 'removed':
      if (s.windows[e.windowId]?.tabId === e.tabId) s.windows[e.windowId] = { tabId: null, info: null };
      delete s.tabPages[e.tabId];
      break;
    case 'windowRemoved':
      delete s.windows[e.windowId];
      if (s.focused === e.windowId) s.focused = null;
      break;
    case 'focus':
      s.focused = e.windowId;
      break;
    case 'idle':
      s.idle = e.state;
      if (e.state === 'idle') b = backTo(e.since);
      break;
    case 'beat':
      break;
    case 'boot':
      s.tabPages = {};
      s.windows = {};
      s.focused = null;
      s.idle = 'active';
      break;
    case 'snapshot': {
      const f = s.focused;
      const known = f !== null && f !== NO_WINDOW ? s.windows[f]?.tabId : null;
      const front = e.tabs.find((x) => x.windowId === e.focused);
      if (f === e.focused && known != null && front && front.tabId !== known && front.lastAccessed != null) {
        // A switch the log missed (worker stopped mid-capture): back-dated to when it happened.
        b = backTo(front.lastAccessed);
        s.counters.reconstructed += 1;
      }
      s.focused = e.focused;
      s.windows = {};
      for (const x of e.tabs) {
        const info = { url: x.url, domain: x.domain, title: x.title, audible: x.audible };
        s.windows[x.windowId] = { tabId: x.tabId, info };
        remember(s, x.tabId, info);
      }
      break;
    }
    case 'pause':
      s.paused = e.paused;
      break;
    case 'config':
      s.countAudibleWhileIdle = e.countAudibleWhileIdle;
      s.gapMs = e.gapMs;
      break;
  }

  // A `tab` event that only reveals the focused window's active tab, unknown until now, changes
  // nothing in front: the subject has been there since the focus change or activation.
  const revealed = e.k === 'tab' && e.windowId === focusedBefore && frontBefore === null;
  const subjectChanged = !sameConditions(conditions(s), before) && !revealed;
  if (subjectChanged) s.subjectSince = b;
  // Only a page that was unknown and is now revealed counts from when its subject came to the
  // front; a page that was known but not countable (untracked, silent while idle) counts from b.
  const openFrom = awaitingBefore && !subjectChanged ? s.subjectSince : b;

  settle(s, b, openFrom, t, e.tz, out);
  if (later && s.focused !== null) {
    // Second step of a reconstructed switch: the page the event reports, from t on.
    s.windows[s.focused] = { tabId: s.windows[s.focused]!.tabId, info: later };
    settle(s, t, t, t, e.tz, out);
  }

  s.lastT = t;
  s.tz = e.tz;
  s.lastSeq = e.seq;
}
