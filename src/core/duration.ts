// Durations as people read them ("1h 5m"), in a locale: pure (the locale is a parameter), in core
// so the pages (through ui/format.ts) and the worker's notifications format alike.
const HOUR = 3_600_000;
const MINUTE = 60_000;
const SECOND = 1_000;

type Unit = 'hour' | 'minute' | 'second';
const unitFormats = new Map<string, Intl.NumberFormat>();

function unitFormat(locale: string | undefined, unit: Unit): Intl.NumberFormat {
  const key = `${locale ?? ''}|${unit}`;
  let f = unitFormats.get(key);
  if (!f) {
    // Narrow units ("1h 5m" in English, "1 Std. 5 Min." in German) keep rows short, and Intl
    // knows each locale's abbreviations and plural forms, so no unit strings need translating.
    f = new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'narrow', maximumFractionDigits: 0 });
    unitFormats.set(key, f);
  }
  return f;
}

/** Whole seconds only (time is counted in ms, shown truncated so a live counter never runs ahead).
 *  ≥ 1 h → "1h 5m"; ≥ 1 min → "12m 3s"; else "42s". Negative or non-finite input shows as 0. */
export function formatDuration(ms: number, locale?: string): string {
  const total = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / SECOND) * SECOND : 0;
  const h = Math.floor(total / HOUR);
  const m = Math.floor((total % HOUR) / MINUTE);
  const s = Math.floor((total % MINUTE) / SECOND);
  const fmt = (n: number, u: Unit): string => unitFormat(locale, u).format(n);
  if (h > 0) return m > 0 ? `${fmt(h, 'hour')} ${fmt(m, 'minute')}` : fmt(h, 'hour');
  if (m > 0) return s > 0 ? `${fmt(m, 'minute')} ${fmt(s, 'second')}` : fmt(m, 'minute');
  return fmt(s, 'second');
}
