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

export function judge(truth: LedgerTotals, result: QueryResult, opts: { killed: boolean; deleted: string | null }): Verdict {
  // After a kill the visit in front loses up to a heartbeat, and may end with 0 ms at its last
  // evidence (so it is no visit): visit counts are not compared then.
  const tolerance = opts.killed ? (t: number) => HEARTBEAT_MS + defaultTolerance(t) : defaultTolerance;
  const { rows, failures } = compare(truth, result, { tolerance, visits: !opts.killed });
  if (truth.totalMs <= 0) failures.push('the trial put nothing in front (a trial that cannot fail)');
  // Counted twice is never excused by the kill's allowance: over the truth, only the product tolerance.
  for (const r of rows) {
    const over = r.dwellMs - r.truthMs;
    if (opts.killed && over > defaultTolerance(r.truthMs)) failures.push(`${r.kind} ${r.key}: Dwell ${over} ms over the truth (counted twice?)`);
  }
  const totalOver = result.totalMs - truth.totalMs;
  if (opts.killed && totalOver > defaultTolerance(truth.totalMs)) failures.push(`total: Dwell ${totalOver} ms over the truth (counted twice?)`);
  if (opts.deleted !== null && result.sites.some((s) => s.domain === opts.deleted)) failures.push(`deleted site ${opts.deleted} is back`);
  let worst: WorstError | null = null;
  for (const r of rows) {
    const errMs = r.dwellMs - r.truthMs;
    if (!worst || Math.abs(errMs) > Math.abs(worst.errMs)) worst = { key: `${r.kind} ${r.key}`, errMs };
  }
  return { failures, worst, table: formatRows(rows, truth, result) };
}
