// Settings (the engine's safety flags among them): one defaults object, the type derived from it,
// the limits and list rules normalize.ts reads them by, and migrations for stored shapes (the
// refined-github options-storage pattern).
import { normalizeExclusion } from '../core/domains.ts';
import { MAX_TIME } from '../core/days.ts';
import { isCategoryId, normalizeCategories, type Category } from '../core/categories.ts';
import { limitSite, normalizeCategoryLimits, normalizeSiteLimits } from '../core/limit-rules.ts';
import { FOCUS_LIMITS } from '../core/focus.ts';
import type { CategoryLimit, SiteLimit } from '../core/limits.ts';
import { normalizeBadgeMode, type BadgeMode } from '../core/badge-text.ts';

export const defaults = {
  /** Persisted lease so only one aggregator runs at a time. Off: correctness still holds
   *  (each batch is one serialized transaction), but racing runs waste work. */
  processingLock: true,
  /** Drain the backlog in many bounded batches per run. Off: one batch per run. */
  batchProcessing: true,
  /** Check sequence numbers for gaps (failed writes). Off: no gap check. */
  sequenceTracking: true,
  /** Idle detection interval, seconds (Chrome's minimum is 15). */
  idleSeconds: 60,
  /** An audible active tab keeps counting while the user is idle (not when locked). */
  countAudibleWhileIdle: true,
  /** Heartbeat alarm period, seconds (≥ 30 for packed extensions). */
  heartbeatSeconds: 30,
  /** Events folded per aggregation transaction. */
  batchSize: 1000,
  /** Keep raw events this many days after aggregation (0 = delete at once). */
  rawEventRetentionDays: 3,
  /** Keep aggregated history this many days (0 = forever). */
  historyRetentionDays: 0,
  /** Never recorded: exact domains ("example.com") or wildcards ("*.example.com"). */
  excludedSites: [] as string[],
  /** Record incognito tabs (needs Chrome's "Allow in Incognito" too). */
  recordIncognito: false,
  /** Tracking paused by the user. */
  paused: false,
  /** When a pause ends by itself (ms since the epoch; "pause for 1 h"); 0: until resumed. */
  pausedUntil: 0,
  /** The user's categories of sites (core/categories.ts), applied when views are built. */
  categories: [] as Category[],
  /** Daily limits per site (core/limits.ts; docs/COUNTING.md "Daily limits"). */
  siteLimits: [] as SiteLimit[],
  /** Daily limits per category: the time of its sites together (COUNTING.md "Daily limits"). */
  categoryLimits: [] as CategoryLimit[],
  /** Limits are strict: no "5 more minutes" on the block page. */
  strictLimits: false,
  /** The toolbar badge: nothing, today's time on the site in front, or today's total
   *  (core/badge-text.ts). While tracking is paused it shows the paused sign instead. */
  badge: 'off' as BadgeMode,
  /** A notification with today's total and top three sites, every day at dailySummaryMinute. */
  dailySummary: false,
  /** When the daily summary comes: minutes after local midnight (21:00). */
  dailySummaryMinute: 1260,
  /** What a focus session blocks (core/focus.ts): sites, as limits name them, and category ids. */
  focusSites: [] as string[],
  focusCategories: [] as string[],
  /** The popup's own length for a session, minutes per focus period. */
  focusMinutes: 25,
  /** A break between focus periods (0: none, one period of the whole length) and how many periods. */
  focusBreakMinutes: 5,
  focusCycles: 1,
};

export type Settings = typeof defaults;

export const SETTINGS_KEY = 'settings';
export const SETTINGS_VERSION = 1;

type KeysOf<T> = { [K in keyof Settings]: Settings[K] extends T ? K : never }[keyof Settings];

/** The range of every numeric setting (a stored value outside it is clamped). */
export const limits = {
  idleSeconds: { min: 15, max: 1800 },
  heartbeatSeconds: { min: 30, max: 600 },
  batchSize: { min: 10, max: 10_000 },
  rawEventRetentionDays: { min: 0, max: 90 },
  historyRetentionDays: { min: 0, max: 36_500 },
  pausedUntil: { min: 0, max: MAX_TIME },
  dailySummaryMinute: { min: 0, max: 1439 },
  focusMinutes: FOCUS_LIMITS.minutes,
  focusBreakMinutes: FOCUS_LIMITS.breakMinutes,
  focusCycles: FOCUS_LIMITS.cycles,
} as const satisfies Record<KeysOf<number>, { min: number; max: number }>;

/** The rule of every list setting's entries: canonical form, or null to drop it. */
export const lists = {
  excludedSites: normalizeExclusion,
  focusSites: limitSite,
  focusCategories: (id: string) => (isCategoryId(id) ? id : null),
} as const satisfies Record<KeysOf<readonly string[]>, (entry: string) => string | null>;

/** Settings holding structured values: each is read into its shape by its own function. */
export const shapes = {
  categories: normalizeCategories,
  siteLimits: normalizeSiteLimits,
  categoryLimits: normalizeCategoryLimits,
  badge: normalizeBadgeMode,
} as const satisfies Partial<Record<keyof Settings, (value: unknown) => unknown>>;

/** A sleep or quit is assumed when no event arrived for this long (heartbeats come every period). */
export const gapMsFor = (flags: Pick<Settings, 'heartbeatSeconds'>): number => flags.heartbeatSeconds * 2000 + 15_000;
