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
import { categoryRulesFor, limitStatus, msInWindow, rulesFor, windowKey, type LimitStatus, type LimitWindow, type SiteLimit } from '../core/limits.ts';
import { categoryLookup } from '../core/categories.ts';
import type { Settings } from '../settings/defaults.ts';
import { liveQuery } from '../db/query.ts';
import type { DwellDb } from '../db/open.ts';
import { tabInfo } from './capture.ts';
import type { BrowserPort, Clock, SettingsPort } from './ports.ts';
import type { Focus, FocusNotifyPort, FocusSettled, FocusStorePort } from './focus.ts';

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
  /** Where a focus session is kept, and its notices; without a store there are no sessions. */
  focusStore?: FocusStorePort;
  focusNotify?: FocusNotifyPort;
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
  /** A focus session's blocks and boundaries join the limits' (focus.ts). */
  focus?: Focus | null;
  onError(where: string, err: unknown): void;
}

export interface LimitInfo extends LimitStatus {
  site: string;
  minutes: number;
  /** The category's name, when the limit in force is a category's. */
  category?: string;
  /** The site's own time today, read with usedMs. usedMs − siteUsedMs is what the category's other
   *  sites add: a page counting the site live (the popup) adds its own count since to usedMs. */
  siteUsedMs: number;
  /** The rule's window of the day, when it has one. */
  window?: LimitWindow;
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
export interface Usage {
  day: Day;
  used: Map<string, number>;
  /** Each site's time today per local hour (windows of the day count only their hours). */
  hours: Map<string, number[]>;
  counting: string | null;
}

export async function readUsage(db: DwellDb, now: number, tz: number): Promise<Usage> {
  const day = dayOf(now, tz);
  const q = await liveQuery(db, { from: day, to: day }, { now, tzOffset: tz });
  const hours = new Map<string, number[]>();
  for (const s of q.sites) if (s.hours) hours.set(s.domain, s.hours);
  return { day, used: new Map(q.sites.map((s) => [s.domain, s.ms])), hours, counting: q.current?.domain ?? null };
}

/** A site's time today that counts toward a rule (inside its window, if it has one). */
const usedBy = (usage: Usage, site: string, w: LimitWindow | undefined): number => msInWindow(usage.used.get(site) ?? 0, usage.hours.get(site), w);

/** The limit-day key of a rule: its subject, and its window when it has one. */
const keyOf = (subject: string, w: LimitWindow | undefined): string => (w ? `${subject}@${windowKey(w)}` : subject);

const NO_FOCUS: FocusSettled = { blocks: () => false, next: null };

/** One limit in force today — a site's or a category's — with the time that counts toward it. */
interface Subject {
  /** Its key in the limit day: the site, or "category:<id>" (no site name has a colon). */
  key: string;
  /** What the warning names: the site, or the category's name. */
  label: string;
  category?: string;
  rule: Pick<SiteLimit, 'minutes' | 'weekdays' | 'window'>;
  usedMs: number;
  counting: boolean;
  covers(site: string): boolean;
}

/** Every limit in force on the usage's day. A category's time is its sites' time together, by
 *  the category rules as they are now (so a rule changed today regroups today at once). */
function subjectsOf(f: Pick<Settings, 'siteLimits' | 'categoryLimits' | 'categories'>, usage: Usage): Subject[] {
  const out: Subject[] = [];
  for (const site of new Set(f.siteLimits.map((r) => r.site))) {
    for (const rule of rulesFor(f.siteLimits, site, usage.day)) {
      out.push({ key: keyOf(site, rule.window), label: site, rule, usedMs: usedBy(usage, site, rule.window), counting: usage.counting === site, covers: (x) => x === site });
    }
  }
  if (f.categoryLimits.length === 0) return out;
  const lookup = categoryLookup(f.categories);
  for (const id of new Set(f.categoryLimits.map((r) => r.category))) {
    const label = f.categories.find((c) => c.id === id)?.name ?? id;
    const counting = usage.counting !== null && lookup(usage.counting) === id;
    for (const rule of categoryRulesFor(f.categoryLimits, id, usage.day)) {
      let usedMs = 0;
      for (const site of usage.used.keys()) if (lookup(site) === id) usedMs += usedBy(usage, site, rule.window);
      out.push({ key: keyOf(`category:${id}`, rule.window), label, category: label, rule, usedMs, counting, covers: (x) => lookup(x) === id });
    }
  }
  return out;
}

const hasLimits = (f: Pick<Settings, 'siteLimits' | 'categoryLimits'>): boolean => f.siteLimits.length > 0 || f.categoryLimits.length > 0;

export function createLimits(d: LimitDeps): Limits {
  let cancelTimer: (() => void) | null = null;
  let running: Promise<void> | null = null;
  let again: Promise<void> | null = null;

  const judge = (sub: Subject, s: SiteDay, now: number): LimitStatus =>
    limitStatus({ rule: sub.rule, at: now, tzAt: (t) => d.clock.tzOffset(t), usedMs: sub.usedMs, counting: sub.counting, snoozed: s.snoozed, blockedAt: s.blockedAt });

  /** The limit that matters for `site` now, of those covering it: one that blocks — of several,
   *  the one that lifts last, since the site is back only then — else one that holds now (its
   *  window open) with the least left (the stricter wins), else the one with the least left. */
  const tier = (st: LimitStatus): number => (st.blocked ? 0 : st.active ? 1 : 2);
  const matters = (a: LimitStatus, b: LimitStatus): boolean => {
    if (tier(a) !== tier(b)) return tier(a) < tier(b);
    return a.blocked ? a.resetAt > b.resetAt : a.remainingMs < b.remainingMs;
  };
  const statusOf = async (site: string) => {
    await d.flush();
    const now = d.clock.now();
    const usage = await readUsage(d.db, now, d.clock.tzOffset(now));
    const state = readDay(await d.days.load(), usage.day);
    let best: { sub: Subject; status: LimitStatus } | null = null;
    for (const sub of subjectsOf(d.settings.current(), usage)) {
      if (!sub.covers(site)) continue;
      const status = judge(sub, state.sites[sub.key] ?? {}, now);
      if (!best || matters(status, best.status)) best = { sub, status };
    }
    return { state, best, siteUsedMs: usage.used.get(site) ?? 0 };
  };

  const schedule = async (now: number, next: number | null): Promise<void> => {
    cancelTimer?.();
    cancelTimer = null;
    if (next === null) return d.alarm.clear();
    if (next - now < MIN_ALARM_MS) cancelTimer = d.timer.after(Math.max(0, next - now), () => void limits.check('timer'));
    await d.alarm.set(Math.max(next, now + MIN_ALARM_MS));
  };

  const redirectTabsOf = async (blocked: Subject[], focus: FocusSettled): Promise<void> => {
    if (blocked.length === 0 && focus.next === null) return;
    const flags = d.settings.current();
    for (const tab of await d.browser.activeTabs()) {
      // A tab already on its way somewhere is judged by where it goes: one sent to the block page
      // by the run before (tabs.update resolves before the navigation commits) must not be sent
      // again, or the block page stands twice in its history and "5 more minutes" goes back to
      // the first one.
      const site = tabInfo(tab.pendingUrl ? { ...tab, url: tab.pendingUrl } : tab, flags).domain;
      if (site && (blocked.some((b) => b.covers(site)) || focus.blocks(site))) await d.block.redirect(tab.id, d.block.blockUrl(site, tab.url ? pageKey(tab.url) : null));
    }
  };

  const run = async (): Promise<void> => {
    const focus = d.focus ? await d.focus.settle(d.clock.now()) : NO_FOCUS;
    // No limits and no focus session: no read, no alarm (an unlimited profile pays nothing per event).
    if (!hasLimits(d.settings.current()) && focus.next === null) return schedule(d.clock.now(), null);
    await d.flush();
    const now = d.clock.now();
    const usage = await readUsage(d.db, now, d.clock.tzOffset(now));
    const state = readDay(await d.days.load(), usage.day);
    let changed = false;
    let next: number | null = null;
    const soonest = (t: number | null) => {
      if (t !== null && (next === null || t < next)) next = t;
    };
    const blocked: Subject[] = [];
    for (const sub of subjectsOf(d.settings.current(), usage)) {
      const s = (state.sites[sub.key] ??= {});
      const st = judge(sub, s, now);
      if (st.blocked) {
        blocked.push(sub);
        if (s.blockedAt === undefined || s.blockedAt < st.allowanceMs) {
          s.blockedAt = st.allowanceMs;
          changed = true;
        }
        continue;
      }
      if (st.warnAt !== null && !s.warned) {
        if (st.warnAt <= now && d.notify) {
          s.warned = changed = true;
          await d.notify.warn(sub.label, st.remainingMs).catch((err: unknown) => d.onError('limit warning', err));
        } else soonest(st.warnAt);
      }
      soonest(st.reachAt);
      if (sub.counting) soonest(st.resetAt);
    }
    if (changed) await d.days.save(state.store);
    await redirectTabsOf(blocked, focus);
    soonest(focus.next);
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
      const { state, best, siteUsedMs } = await statusOf(site);
      if (!best) return null;
      const s = state.sites[best.sub.key] ?? {};
      const category = best.sub.category === undefined ? {} : { category: best.sub.category };
      const window = best.sub.rule.window ? { window: best.sub.rule.window } : {};
      return { ...best.status, site, minutes: best.sub.rule.minutes, ...category, ...window, canSnooze: !d.settings.current().strictLimits && !s.snoozed, siteUsedMs };
    },
    /** "5 more minutes" lifts the limit the block page shows (another one may still block). */
    async snooze(site) {
      const { state, best } = await statusOf(site);
      if (!best || d.settings.current().strictLimits) return false;
      const s = (state.sites[best.sub.key] ??= {});
      if (s.snoozed) return false;
      s.snoozed = true;
      await d.days.save(state.store);
      await limits.check('snooze');
      return true;
    },
  };
  return limits;
}
