// Diagnostics and verify results → labelled text for the options page (pure).
import type { Diagnostics, VerifyReport } from '../core/api.ts';
import { formatDateTime, formatDuration, formatNumber } from './format.ts';

export interface RunView {
  when: string;
  trigger: string;
  events: string;
  batches: string;
  duration: string;
  lock: string;
  errors: string;
}

export interface DiagnosticsView {
  pending: string;
  watermark: string;
  lock: string;
  lockExpires: string;
  counters: Array<{ key: string; value: string }>;
  runs: RunView[];
  errors: Array<{ when: string; where: string; message: string }>;
  openVisit: string;
  generation: string;
  /** How many sequence generations rolled over into the next; null when none did. */
  rollovers: string | null;
}

/** Most recent runs first; the lease is "free" (no expiry shown) when absent or expired at `now`. */
export function buildDiagnosticsView(d: Diagnostics, now: number, free: string, locale?: string): DiagnosticsView {
  const n = (x: number): string => formatNumber(x, locale);
  const held = d.lease && d.lease.expiresAt > now ? d.lease : null;
  return {
    pending: n(d.pending),
    watermark: n(d.watermark),
    lock: held ? held.owner : free,
    lockExpires: held ? formatDateTime(held.expiresAt, locale) : '—',
    counters: (['events', 'gaps', 'reconstructed', 'recoveries', 'clockJumps', 'corrupt', 'outages'] as const).map((key) => ({ key, value: n(d.counters[key]) })),
    runs: [...d.runs]
      .sort((a, b) => b.start - a.start)
      .map((r) => ({
        when: formatDateTime(r.start, locale),
        trigger: r.trigger,
        events: n(r.events),
        batches: n(r.batches),
        duration: `${n(r.durationMs)} ms`,
        lock: r.lock,
        errors: r.errors.join('; '),
      })),
    errors: [...d.errors].sort((a, b) => b.at - a.at).map((e) => ({ when: formatDateTime(e.at, locale), where: e.where, message: e.message })),
    openVisit: d.openVisit ? `${d.openVisit.domain} — ${formatDuration(now - d.openVisit.start, locale)}` : '—',
    generation: n(d.generation),
    rollovers: d.rollovers > 0 ? n(d.rollovers) : null,
  };
}

export interface VerifyView {
  ok: boolean;
  /** "2024-03-01 – 2024-03-03 (3 days)" or "" when no day is covered. */
  coverage: string;
  coveredDays: number;
  differences: Array<{ day: string; domain: string; stored: string; recomputed: string; delta: string }>;
}

export function buildVerifyView(v: VerifyReport, locale?: string): VerifyView {
  const days = [...v.coveredDays].sort();
  const first = days[0];
  const last = days[days.length - 1];
  return {
    ok: v.ok,
    coverage: first && last ? (first === last ? first : `${first} – ${last}`) : '',
    coveredDays: days.length,
    differences: v.differences.map((d) => ({
      day: d.day,
      domain: d.domain,
      stored: `${formatNumber(d.storedMs, locale)} ms`,
      recomputed: `${formatNumber(d.recomputedMs, locale)} ms`,
      delta: `${d.recomputedMs - d.storedMs >= 0 ? '+' : '−'}${formatNumber(Math.abs(d.recomputedMs - d.storedMs), locale)} ms`,
    })),
  };
}
