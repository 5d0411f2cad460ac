// Compares what Dwell reports (query, through the command API) with the ledger, and prints the
// comparison table (the measured error of every scenario is part of the suite's output).
import { expect } from 'vitest';
import type { QueryResult } from '../../../src/core/api.ts';
import type { LedgerTotals, Stat } from './ledger.ts';
import type { Scenario } from './scenario.ts';

/** The product promise: within max(1 s, 1 %) of the truth. */
export const defaultTolerance = (truthMs: number): number => Math.max(1000, truthMs * 0.01);

export interface Row {
  kind: 'site' | 'page';
  key: string;
  truthMs: number;
  dwellMs: number;
  truthVisits: number;
  dwellVisits: number;
  toleranceMs: number;
}

export interface VerdictOptions {
  /** Allowed |Dwell − truth| for one site or page. */
  tolerance?: (truthMs: number) => number;
  /** Compare pages too (default true). */
  pages?: boolean;
  /** Compare visit counts (default true). */
  visits?: boolean;
}

export function compare(truth: LedgerTotals, result: QueryResult, opts: VerdictOptions = {}): { rows: Row[]; failures: string[] } {
  const tol = opts.tolerance ?? defaultTolerance;
  const rows: Row[] = [];
  const dwellSites = new Map<string, Stat>(result.sites.map((s) => [s.domain, { ms: s.ms, visits: s.visits }]));
  const dwellPages = new Map<string, Stat>();
  for (const site of result.sites) for (const p of site.pages ?? []) dwellPages.set(p.url, { ms: p.ms, visits: p.visits });

  const add = (kind: Row['kind'], t: Map<string, Stat>, d: Map<string, Stat>): void => {
    for (const key of new Set([...t.keys(), ...d.keys()])) {
      const a = t.get(key) ?? { ms: 0, visits: 0 };
      const b = d.get(key) ?? { ms: 0, visits: 0 };
      rows.push({ kind, key, truthMs: a.ms, dwellMs: b.ms, truthVisits: a.visits, dwellVisits: b.visits, toleranceMs: tol(a.ms) });
    }
  };
  add('site', truth.domains, dwellSites);
  if (opts.pages ?? true) add('page', truth.pages, dwellPages);

  const failures: string[] = [];
  for (const r of rows) {
    const err = r.dwellMs - r.truthMs;
    if (Math.abs(err) > r.toleranceMs) failures.push(`${r.kind} ${r.key}: Dwell ${r.dwellMs} ms, truth ${r.truthMs} ms (error ${err} ms > ±${r.toleranceMs} ms)`);
    // docs/COUNTING.md: time is added in whole ms.
    if (!Number.isInteger(r.dwellMs)) failures.push(`${r.kind} ${r.key}: Dwell reports ${r.dwellMs} ms, not a whole number of ms`);
    if ((opts.visits ?? true) && r.dwellVisits !== r.truthVisits) failures.push(`${r.kind} ${r.key}: Dwell ${r.dwellVisits} visits, truth ${r.truthVisits}`);
  }
  // No second counted twice: the whole can exceed the truth only by the tolerance.
  const totalTol = tol(truth.totalMs);
  if (result.totalMs > truth.totalMs + totalTol) failures.push(`total: Dwell ${result.totalMs} ms > truth ${truth.totalMs} ms + ${totalTol} ms (double counting?)`);
  return { rows, failures };
}

export function formatRows(rows: Row[], truth: LedgerTotals, result: QueryResult): string {
  const lines = rows.map(
    (r) =>
      `  ${r.kind.padEnd(4)} ${r.key.padEnd(44)} truth ${String(r.truthMs).padStart(7)} ms  dwell ${String(r.dwellMs).padStart(7)} ms  ` +
      `err ${String(r.dwellMs - r.truthMs).padStart(6)} ms (±${Math.round(r.toleranceMs)})  visits ${r.truthVisits}/${r.dwellVisits}`,
  );
  lines.push(`  total truth ${truth.totalMs} ms, dwell ${result.totalMs} ms, err ${result.totalMs - truth.totalMs} ms; pending ${result.pending}`);
  return lines.join('\n');
}

/** Reads Dwell's totals for everything recorded and asserts they match the (ended) ledger. */
export async function expectMatchesLedger(s: Scenario, name: string, opts: VerdictOptions = {}): Promise<QueryResult> {
  const truth = s.ledger.totals();
  expect(truth.totalMs, `${name}: the scenario put nothing in front (a test that cannot fail)`).toBeGreaterThan(0);
  const result = await s.dwell.query(true);
  const { rows, failures } = compare(truth, result, opts);
  const stops = s.stops.length ? `\n  worker stops: ${s.stops.map((x) => `${x.delayMs} ms after ${x.after}`).join('; ')}` : '';
  console.log(`[e2e] ${name}\n${formatRows(rows, truth, result)}${stops}`);
  if (failures.length) {
    const diag = await s.dwell.diagnostics().catch((e: unknown) => `diagnostics failed: ${String(e)}`);
    console.log(`[e2e] ${name}: ledger timeline\n  ${s.ledger.timeline.join('\n  ')}\n[e2e] diagnostics: ${JSON.stringify(diag, null, 1)}`);
  }
  expect(failures, `${name}: Dwell disagrees with the ground truth`).toEqual([]);
  return result;
}
