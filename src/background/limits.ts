// Daily limits in the worker, without polling: at every waking event (a switch, a load, focus,
// idle, pause, an alarm) the worker reads each limited site's time today from the live read model
// (db/query.ts, what the popup shows), blocks the sites whose allowance is used up, and schedules
// one wake-up at the next moment that matters (the warning, the limit, or midnight for the site
// in front). docs/COUNTING.md "Daily limits" says the rule in words.
//
// Chrome clamps a packed extension's alarms to ≥ 30 s while the unpacked test build is not
// clamped; so the alarm is clamped here in every build, and when less than 30 s remain an
// in-worker timer fires at the exact moment (the worker is awake then: it just handled an event,
// and Chrome keeps it 30 s). The clamped alarm stays set as the backstop if the worker stops.
import type { Day } from '../core/aggregates.ts';
import { dayOf, isValidDay } from '../core/days.ts';
import { pageKey } from '../core/domains.ts';
import { limitStatus, ruleFor, type LimitStatus } from '../core/limits.ts';
import { liveQuery } from '../db/query.ts';
import type { DwellDb } from '../db/open.ts';
import { tabInfo } from './capture.ts';
import type { BrowserPort, Clock, SettingsPort } from './ports.ts';

export const LIMIT_ALARM = 'dwell-limit';
export const MIN_ALARM_MS = 30_000;

/** setTimeout behind a port: tests drive it with the fake clock. Returns the cancel. */
export interface TimerPort {
  after(ms: number, fn: () => void): () => void;
}
/** The one limit alarm (chrome.alarms `when`). */
export interface LimitAlarmPort {
  set(when: number): Promise<void>;
  clear(): Promise<void>;
}
/** Puts the block page in a tab (chrome.tabs.update). */
export interface BlockPort {
  /** The block page's URL for a site; `back` is the page to return to (origin + path only). */
  blockUrl(site: string, back: string | null): string;
  redirect(tabId: number, url: string): Promise<void>;
}
/** Today's per-limit state (blocks, snoozes, warnings): chrome.storage.local, so it survives
 *  worker stops and browser restarts (storage.session would not survive a restart). */
export interface LimitDayPort {
  load(): Promise<unknown>;
  save(state: LimitDay): Promise<void>;
}
export interface NotifyPort {
  warn(site: string, remainingMs: number): Promise<void>;
}

export interface SiteDay {
  /** The allowance in force when the site was blocked (limits.ts LimitInput.blockedAt). */
  blockedAt?: number;
  snoozed?: boolean;
  warned?: boolean;
}
/** As stored: the last few local days' state, by day label. Several days, not one: a clock set
 *  back into yesterday must not overwrite today's snoozes and blocks (a second snooze would then
 *  lengthen today's allowance). */
export interface LimitDay {
  days: Record<Day, Record<string, SiteDay>>;
}
/** Days kept: today, and the labels a clock set back (or forward) visited most recently. */
const KEPT_DAYS = 3;

/** What the worker (chrome) or a test (fakes) gives the engine for limits. */
export interface LimitPorts {
  timer: TimerPort;
  alarm: LimitAlarmPort;
  block: BlockPort;
  days: LimitDayPort;
  notify?: NotifyPort;
}

export interface LimitDeps {
  db: DwellDb;
  clock: Clock;
  browser: BrowserPort;
  settings: SettingsPort;
  /** Waits until what was captured so far is in the log (Engine.flush). */
  flush(): Promise<void>;
  timer: TimerPort;
  alarm: LimitAlarmPort;
  block: BlockPort;
  days: LimitDayPort;
  notify?: NotifyPort;
  onError(where: string, err: unknown): void;
}

export interface LimitInfo extends LimitStatus {
  site: string;
  minutes: number;
  /** "5 more minutes" is offered: limits are not strict and it was not used today. */
  canSnooze: boolean;
}

export interface Limits {
  /** Re-evaluates every limit now; calls made while one runs are folded into one more run. */
  check(why: string): Promise<void>;
  /** What the block page shows for a site, or null when no limit applies to it today. */
  info(site: string): Promise<LimitInfo | null>;
  /** "5 more minutes": true when granted (not strict, not used today for this site). */
  snooze(site: string): Promise<boolean>;
}

function readSites(raw: unknown): Record<string, SiteDay> {
  const sites: Record<string, SiteDay> = {};
  if (!raw || typeof raw !== 'object') return sites;
  for (const [site, x] of Object.entries(raw as Record<string, unknown>)) {
    if (!x || typeof x !== 'object') continue;
    const s = x as SiteDay;
    sites[site] = {
      ...(typeof s.blockedAt === 'number' ? { blockedAt: s.blockedAt } : {}),
      ...(s.snoozed === true ? { snoozed: true } : {}),
      ...(s.warned === true ? { warned: true } : {}),
    };
  }
  return sites;
}

/** The stored state (untrusted) with `today`'s sites to read and change in place. */
function readDay(raw: unknown, today: Day): { sites: Record<string, SiteDay>; store: LimitDay } {
  const days: Record<Day, Record<string, SiteDay>> = {};
  const stored = raw && typeof raw === 'object' ? (raw as Partial<LimitDay>).days : undefined;
  if (stored && typeof stored === 'object') for (const [day, sites] of Object.entries(stored)) if (isValidDay(day)) days[day] = readSites(sites);
  const sites = (days[today] ??= {});
  // Kept: today and the latest other labels (a clock far off must not grow the record forever).
  const others = Object.keys(days).filter((d) => d !== today).sort().slice(-(KEPT_DAYS - 1));
  const store: LimitDay = { days: { [today]: sites } };
  for (const d of others) store.days[d] = days[d]!;
  return { sites, store };
}

/** Each limited site's time today and the site counting now, from the live read model. */
export async function readUsage(db: DwellDb, now: number, tz: number): Promise<{ day: Day; used: Map<string, number>; counting: string | null }> {
  const day = dayOf(now, tz);
  const q = await liveQuery(db, { from: day, to: day }, { now, tzOffset: tz });
  return { day, used: new Map(q.sites.map((s) => [s.domain, s.ms])), counting: q.current?.domain ?? null };
}

export function createLimits(d: LimitDeps): Limits {
  let cancelTimer: (() => void) | null = null;
  let running: Promise<void> | null = null;
  let again: Promise<void> | null = null;

  const statusOf = async (site: string) => {
    await d.flush();
    const now = d.clock.now();
    const tzAt = (t: number) => d.clock.tzOffset(t);
    const usage = await readUsage(d.db, now, tzAt(now));
    const state = readDay(await d.days.load(), usage.day);
    const rule = ruleFor(d.settings.current().siteLimits, site, usage.day);
    if (!rule) return { now, usage, state, rule, status: null };
    const s = state.sites[site] ?? {};
    const status = limitStatus({ rule, at: now, tzAt, usedMs: usage.used.get(site) ?? 0, counting: usage.counting === site, snoozed: s.snoozed, blockedAt: s.blockedAt });
    return { now, usage, state, rule, status };
  };

  const schedule = async (now: number, next: number | null): Promise<void> => {
    cancelTimer?.();
    cancelTimer = null;
    if (next === null) return d.alarm.clear();
    if (next - now < MIN_ALARM_MS) cancelTimer = d.timer.after(Math.max(0, next - now), () => void limits.check('timer'));
    await d.alarm.set(Math.max(next, now + MIN_ALARM_MS));
  };

  const redirectTabsOf = async (blocked: Set<string>): Promise<void> => {
    if (blocked.size === 0) return;
    const flags = d.settings.current();
    for (const tab of await d.browser.activeTabs()) {
      // A tab already on its way somewhere is judged by where it goes: one sent to the block page
      // by the run before (tabs.update resolves before the navigation commits) must not be sent
      // again, or the block page stands twice in its history and "5 more minutes" goes back to
      // the first one.
      const site = tabInfo(tab.pendingUrl ? { ...tab, url: tab.pendingUrl } : tab, flags).domain;
      if (site && blocked.has(site)) await d.block.redirect(tab.id, d.block.blockUrl(site, tab.url ? pageKey(tab.url) : null));
    }
  };

  const run = async (): Promise<void> => {
    const rules = d.settings.current().siteLimits;
    // No limits: no read, no alarm (an unlimited profile pays nothing per event).
    if (rules.length === 0) return schedule(d.clock.now(), null);
    await d.flush();
    const now = d.clock.now();
    const tzAt = (t: number) => d.clock.tzOffset(t);
    const usage = await readUsage(d.db, now, tzAt(now));
    const state = readDay(await d.days.load(), usage.day);
    let changed = false;
    let next: number | null = null;
    const soonest = (t: number | null) => {
      if (t !== null && (next === null || t < next)) next = t;
    };
    const blocked = new Set<string>();
    for (const site of new Set(rules.map((r) => r.site))) {
      const rule = ruleFor(rules, site, usage.day);
      if (!rule) continue;
      const s = (state.sites[site] ??= {});
      const st = limitStatus({ rule, at: now, tzAt, usedMs: usage.used.get(site) ?? 0, counting: usage.counting === site, snoozed: s.snoozed, blockedAt: s.blockedAt });
      if (st.blocked) {
        blocked.add(site);
        if (s.blockedAt === undefined || s.blockedAt < st.allowanceMs) {
          s.blockedAt = st.allowanceMs;
          changed = true;
        }
        continue;
      }
      if (st.warnAt !== null && !s.warned) {
        if (st.warnAt <= now && d.notify) {
          s.warned = changed = true;
          await d.notify.warn(site, st.remainingMs).catch((err: unknown) => d.onError('limit warning', err));
        } else soonest(st.warnAt);
      }
      soonest(st.reachAt);
      if (usage.counting === site) soonest(st.resetAt);
    }
    if (changed) await d.days.save(state.store);
    await redirectTabsOf(blocked);
    await schedule(now, next);
  };

  const limits: Limits = {
    check(why) {
      if (running) {
        // One more run after the one in progress covers every request made meanwhile.
        again ??= running.then(() => {
          again = null;
          return limits.check(why);
        });
        return again;
      }
      running = run()
        .catch((err: unknown) => d.onError(`limits (${why})`, err))
        .finally(() => {
          running = null;
        });
      return running;
    },
    async info(site) {
      const { rule, status } = await statusOf(site);
      if (!rule || !status) return null;
      const s = readDay(await d.days.load(), status.day).sites[site] ?? {};
      return { ...status, site, minutes: rule.minutes, canSnooze: !d.settings.current().strictLimits && !s.snoozed };
    },
    async snooze(site) {
      const { state, status } = await statusOf(site);
      const s = (state.sites[site] ??= {});
      if (!status || d.settings.current().strictLimits || s.snoozed) return false;
      s.snoozed = true;
      await d.days.save(state.store);
      await limits.check('snooze');
      return true;
    },
  };
  return limits;
}
