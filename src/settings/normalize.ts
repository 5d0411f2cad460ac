// Stored settings are untrusted (older versions, hand edits, corrupt values): every read goes
// through here, so every context only ever sees a complete, in-range Settings object. How a key
// is read follows from its default (and its limits or list rule), so a new setting is one line
// in defaults.ts, not a new case here.
import { defaults, limits, lists, shapes, SETTINGS_VERSION, type Settings } from './defaults.ts';

type Stored = Partial<Record<keyof Settings, unknown>> & { version?: unknown };

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

/** A list setting: each entry through its rule, invalid ones dropped, duplicates once. */
function list(value: unknown, rule: (entry: string) => string | null): string[] {
  if (!Array.isArray(value)) return [];
  return [...new Set(value.map((x) => (typeof x === 'string' ? rule(x) : null)).filter((x): x is string => !!x))];
}

function normalizeKey<K extends keyof Settings>(key: K, value: unknown): Settings[K] {
  if (Object.hasOwn(shapes, key)) return shapes[key as keyof typeof shapes](value) as Settings[K];
  const fallback = defaults[key];
  if (typeof fallback === 'boolean') return (typeof value === 'boolean' ? value : fallback) as Settings[K];
  if (typeof fallback === 'number') {
    const l = limits[key as keyof typeof limits];
    return clampInt(value, fallback, l.min, l.max) as Settings[K];
  }
  return list(value, lists[key as keyof typeof lists]) as Settings[K];
}

export function normalizeSettings(raw: unknown): Settings {
  const s = migrate(raw && typeof raw === 'object' ? raw : {});
  const out = {} as Record<keyof Settings, unknown>;
  for (const key of Object.keys(defaults) as Array<keyof Settings>) out[key] = normalizeKey(key, Object.hasOwn(s, key) ? s[key] : undefined);
  return out as Settings;
}

export const toStored = (settings: Settings): Settings & { version: number } => ({ ...settings, version: SETTINGS_VERSION });
