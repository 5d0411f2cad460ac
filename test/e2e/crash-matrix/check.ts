// The verdict of one crash-matrix trial, as a list of failures instead of a thrown assertion (the
// matrix aggregates them): totals = the ledger within the tolerance (harness/verdict.ts compare),
// nothing counted twice, the deleted site absent.
import type { QueryResult } from '../../../src/core/api.ts';
import { registrableDomain } from '../../../src/core/registrable.ts';
import { defaults } from '../../../src/settings/defaults.ts';
import type { LedgerTotals } from '../harness/ledger.ts';
import { compare, defaultTolerance, formatRows } from '../harness/verdict.ts';

/** A hard kill loses the time since the visit's last evidence: at most one heartbeat period
 *  (docs/COUNTING.md §7–8; the relaunch scenario allows the same). */
export const HEARTBEAT_MS = defaults.heartbeatSeconds * 1000;

export interface WorstError {
  key: string;
  errMs: number;
}

export interface Verdict {
  failures: string[];
  worst: WorstError | null;
  table: string;
}

/** The ground truth without a deleted site (its pages included): all its time came before the delete. */
export function withoutSite(truth: LedgerTotals, domain: string | null): LedgerTotals {
  if (domain === null) return truth;
  const domains = new Map([...truth.domains].filter(([d]) => d !== domain));
  const pages = new Map([...truth.pages].filter(([p]) => registrableDomain(p) !== domain));
  let totalMs = 0;
  for (const s of domains.values()) totalMs += s.ms;
  return { totalMs, domains, pages };
}

export interface JudgeOptions {
  /** A kill: ms from Dwell's last sure evidence to the kill (what the visit in front may lose). */
  killLossMs: number | null;
  deleted: string | null;
}

export function judge(truth: LedgerTotals, result: QueryResult, opts: JudgeOptions): Verdict {
  // After a kill the visits in front lose the time since the last evidence — at most a heartbeat
  // — and may end with 0 ms (so be no visit): visit counts are not compared then.
  const killed = opts.killLossMs !== null;
  const lossMs = Math.min(HEARTBEAT_MS, opts.killLossMs ?? 0);
  const tolerance = (t: number) => lossMs + defaultTolerance(t);
  const { rows, failures } = compare(truth, result, { tolerance, visits: !killed });
  const totalUnder = truth.totalMs - result.totalMs;
  if (killed && totalUnder > tolerance(truth.totalMs)) failures.push(`total: Dwell ${totalUnder} ms under the truth, more than the ${lossMs} ms since the last evidence before the kill`);
  if (truth.totalMs <= 0) failures.push('the trial put nothing in front (a trial that cannot fail)');
  // Counted twice is never excused by the kill's allowance: over the truth, only the product tolerance.
  for (const r of rows) {
    const over = r.dwellMs - r.truthMs;
    if (killed && over > defaultTolerance(r.truthMs)) failures.push(`${r.kind} ${r.key}: Dwell ${over} ms over the truth (counted twice?)`);
  }
  const totalOver = result.totalMs - truth.totalMs;
  if (killed && totalOver > defaultTolerance(truth.totalMs)) failures.push(`total: Dwell ${totalOver} ms over the truth (counted twice?)`);
  if (opts.deleted !== null && result.sites.some((s) => s.domain === opts.deleted)) failures.push(`deleted site ${opts.deleted} is back`);
  let worst: WorstError | null = null;
  for (const r of rows) {
    const errMs = r.dwellMs - r.truthMs;
    if (!worst || Math.abs(errMs) > Math.abs(worst.errMs)) worst = { key: `${r.kind} ${r.key}`, errMs };
  }
  return { failures, worst, table: formatRows(rows, truth, result) };
}
