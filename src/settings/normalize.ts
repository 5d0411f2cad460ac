// Stored settings are untrusted (older versions, hand edits, corrupt values): every read goes
// through here, so the engine only ever sees a complete, in-range Flags object.
import { defaults, limits, SETTINGS_VERSION, type Flags } from './flags.ts';
import { normalizeExclusion } from '../core/domains.ts';

type Stored = Partial<Record<keyof Flags, unknown>> & { version?: unknown };

/** Migrations from stored version N to N+1. Index = from-version. */
const migrations: Array<(s: Stored) => Stored> = [
  // v0 (no version field) → v1: nothing renamed yet; kept as the place the next rename goes.
  (s) => s,
];

function migrate(raw: Stored): Stored {
  let s = { ...raw };
  let v = typeof s.version === 'number' && Number.isInteger(s.version) ? s.version : 0;
  while (v < SETTINGS_VERSION) {
    const step = migrations[v];
    if (step) s = step(s);
    v += 1;
  }
  return s;
}

function clampInt(value: unknown, fallback: number, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.round(value)));
}

export function normalizeSettings(raw: unknown): Flags {
  const s = migrate(raw && typeof raw === 'object' ? (raw) : {});
  const bool = (k: keyof Flags): boolean => (typeof s[k] === 'boolean' ? (s[k]) : (defaults[k] as boolean));
  const int = (k: keyof typeof limits): number => clampInt(s[k], defaults[k], limits[k].min, limits[k].max);
  const excluded = Array.isArray(s.excludedSites)
    ? [...new Set(s.excludedSites.map((x) => (typeof x === 'string' ? normalizeExclusion(x) : null)).filter((x): x is string => !!x))]
    : [];
  return {
    processingLock: bool('processingLock'),
    batchProcessing: bool('batchProcessing'),
    sequenceTracking: bool('sequenceTracking'),
    idleSeconds: int('idleSeconds'),
    countAudibleWhileIdle: bool('countAudibleWhileIdle'),
    heartbeatSeconds: int('heartbeatSeconds'),
    batchSize: int('batchSize'),
    rawEventRetentionDays: int('rawEventRetentionDays'),
    historyRetentionDays: int('historyRetentionDays'),
    excludedSites: excluded,
    recordIncognito: bool('recordIncognito'),
    paused: bool('paused'),
  };
}

export const toStored = (flags: Flags): Flags & { version: number } => ({ ...flags, version: SETTINGS_VERSION });
