// One crash-matrix trial (docs/e2e.md, "Crash matrix"): scripted browsing on a fresh profile; at a
// random moment of capture, aggregation, import or delete, the worker is stopped (CDP) or the
// browser SIGKILLed and relaunched on the same profile; browsing goes on; then the totals are
// judged against the ledger (check.ts), and no committed batch may be lost across the crash
// (the diagnostics watermark never goes back).
import type { Command, Diagnostics } from '../../../src/core/api.ts';
import { Scenario, type StartOptions } from '../harness/scenario.ts';
import { startAggregation, waitForRunInProgress } from '../harness/aggregation.ts';
import { killBrowser } from '../harness/kill.ts';
import { sleep } from '../harness/timeout.ts';
import type { StopMethod } from '../harness/worker.ts';
import { ALL_HOSTS, Browsing } from './browsing.ts';
import { judge, withoutSite, type WorstError } from './check.ts';
import { Prng } from './prng.ts';

export const PHASES = ['capture', 'aggregation', 'import', 'delete'] as const;
export const CRASHES = ['stopWorker', 'kill'] as const;
export type Phase = (typeof PHASES)[number];
export type Crash = (typeof CRASHES)[number];
export interface Plan {
  phase: Phase;
  crash: Crash;
}

export interface TrialOptions {
  seed: number;
  plan: Plan;
  /** Random steps before the crash's phase starts (two tabs on two sites are opened first). */
  stepsBefore: number;
  /** Random steps after the crash, before the ledger closes. */
  stepsAfter: number;
}

export interface TrialResult {
  seed: number;
  plan: Plan;
  /** What was crashed, and when. */
  when: string;
  worst: WorstError | null;
  failures: string[];
  ms: number;
  /** The comparison table and, on failure, the ledger's timeline. */
  detail: string;
}

/** Enough events for an aggregation run (batchSize 10) to be caught part-way. */
const BACKLOG = 1_500;
const BATCH_SIZE = 10;

interface InFlight {
  state: 'pending' | 'answered' | 'refused' | 'cut';
  error: string;
}

/** Sends a command without waiting: the crash may come before, during or after it. A refusal is
 *  Dwell's own answer (a failure); a call cut by the crash is not. */
function inFlight(s: Scenario, cmd: Command): InFlight {
  const f: InFlight = { state: 'pending', error: '' };
  void s.dwell.handle(cmd).then(
    () => void (f.state = 'answered'),
    (e: unknown) => {
      f.error = String(e);
      f.state = /dwell\.handle\(\w+\) failed:/.test(f.error) ? 'refused' : 'cut';
    },
  );
  return f;
}

class Trial {
  readonly failures: string[] = [];
  private deleted: { host: string; domain: string; call: InFlight } | null = null;
  private watermarkBefore = 0;
  private imported: InFlight | null = null;
  /** After a kill: what the visit in front may lose (check.ts judge). */
  killLossMs: number | null = null;

  constructor(
    private readonly s: Scenario,
    private readonly rnd: Prng,
    private readonly b: Browsing,
    private readonly plan: Plan,
  ) {}

  /** Runs the phase up to the crash; returns what was crashed, and when. */
  async crashDuring(): Promise<string> {
    switch (this.plan.phase) {
      case 'capture':
        return this.duringCapture();
      case 'aggregation':
        return this.duringAggregation();
      case 'import':
        return this.duringImport();
      case 'delete':
        return this.duringDelete();
    }
  }

  private async duringCapture(): Promise<string> {
    this.watermarkBefore = (await this.s.dwell.diagnostics()).watermark;
    const action = await this.b.step();
    // Half the time right after the action (its event may still be in the handler), else mid-dwell.
    const delay = this.rnd.next() < 0.5 ? this.rnd.int(0, 100) : this.rnd.int(100, 2_500);
    await sleep(delay);
    return `${await this.crash()} ${delay} ms after "${action}"`;
  }

  private async duringAggregation(): Promise<string> {
    await this.s.backlog(BACKLOG);
    const pending = (await this.s.dwell.diagnostics()).pending;
    await startAggregation(this.s);
    const mid: Diagnostics = await waitForRunInProgress(this.s, pending, 1);
    this.watermarkBefore = mid.watermark;
    const delay = this.rnd.int(0, 50);
    await sleep(delay);
    return `${await this.crash()} ${delay} ms after an aggregation run was seen with ${mid.pending}/${pending} events pending`;
  }

  /** Re-importing the current export (merge) must change nothing, whether it lands or not. */
  private async duringImport(): Promise<string> {
    const exported = await this.s.dwell.handle({ type: 'export', format: 'json' });
    this.watermarkBefore = (await this.s.dwell.diagnostics()).watermark;
    const call = inFlight(this.s, { type: 'import', data: JSON.parse(exported.text) as unknown, mode: 'merge' });
    const delay = this.rnd.int(0, 60);
    await sleep(delay);
    const crash = await this.crash();
    if (call.state === 'refused') this.failures.push(`import refused Dwell's own export: ${call.error}`);
    this.imported = call;
    return `${crash} ${delay} ms after sending an import (merge) of the export [${call.state} at the crash]`;
  }

  /** Deletes a site that is not in front (so its time all lies before the delete), under pending events. */
  private async duringDelete(): Promise<string> {
    const host = this.rnd.pick(this.b.shownHosts());
    const domain = this.b.domainOf(host);
    const left = await this.b.exclude(host);
    if (left) await this.b.dwell();
    this.watermarkBefore = (await this.s.dwell.diagnostics()).watermark;
    const call = inFlight(this.s, { type: 'deleteHistory', scope: { site: domain } });
    this.deleted = { host, domain, call };
    const delay = this.rnd.int(0, 60);
    await sleep(delay);
    const crash = await this.crash();
    return `${crash} ${delay} ms after sending deleteHistory {site: ${domain}} [${call.state} at the crash]`;
  }

  private async crash(): Promise<string> {
    if (this.plan.crash === 'stopWorker') {
      const method = this.rnd.pick<StopMethod>(['closeTarget', 'stopAllWorkers']);
      await this.s.stopWorker(method);
      return `worker stopped (${method})`;
    }
    const at = await killBrowser(this.s.browser);
    this.s.ledger.browserClosed(at);
    this.killLossMs = at - this.b.evidenceBefore(at);
    this.b.forgetTabs();
    await this.s.relaunch();
    return `browser SIGKILLed and relaunched (may lose ${this.killLossMs} ms)`;
  }

  /** Right after the crash: nothing committed is lost, and a delete that happened stays done. */
  async afterCrash(): Promise<void> {
    await this.s.wakeWorker();
    const d = await this.s.dwell.diagnostics();
    if (d.watermark < this.watermarkBefore) this.failures.push(`watermark went back across the crash: ${this.watermarkBefore} → ${d.watermark} (a committed batch lost)`);
    if (!this.deleted) return;
    const present = (await this.s.dwell.query(false)).sites.some((x) => x.domain === this.deleted?.domain);
    if (present && this.deleted.call.state === 'answered') this.failures.push(`deleted site ${this.deleted.domain} is back right after the crash`);
    if (this.deleted.call.state === 'refused') this.failures.push(`deleteHistory refused: ${this.deleted.call.error}`);
    // The crash came before the delete committed: the user deletes again.
    if (present) await this.s.dwell.handle({ type: 'deleteHistory', scope: { site: this.deleted.domain } });
  }

  get deletedDomain(): string | null {
    return this.deleted?.domain ?? null;
  }
}

export type Start = (opts: StartOptions) => Promise<Scenario>;

/** Runs one trial on the Scenario `start` gives; the caller disposes of it (per-test.ts does in the e2e suite). */
export async function runTrial(opts: TrialOptions, start: Start): Promise<TrialResult> {
  const t0 = Date.now();
  const rnd = new Prng(opts.seed);
  const hosts = rnd.shuffle(ALL_HOSTS).slice(0, rnd.int(2, 3));
  const s = await start(opts.plan.phase === 'aggregation' ? { settings: { batchSize: BATCH_SIZE } } : {});
  const b = new Browsing(s, rnd, hosts);
  // Two sites shown before anything else, so a delete always leaves one to browse.
  for (const host of hosts.slice(0, 2)) {
    await b.open(host);
    await b.dwell();
  }
  await b.steps(opts.stepsBefore);
  const trial = new Trial(s, rnd, b, opts.plan);
  const when = await trial.crashDuring();
  await trial.afterCrash();
  await b.steps(opts.stepsAfter);
  await s.finish();
  const result = await s.dwell.query(true);
  const verdict = judge(withoutSite(s.ledger.totals(), trial.deletedDomain), result, { killLossMs: trial.killLossMs, deleted: trial.deletedDomain });
  const failures = [...trial.failures, ...verdict.failures];
  const detail = failures.length ? `${verdict.table}\n  ledger timeline:\n  ${s.ledger.timeline.join('\n  ')}` : verdict.table;
  return { seed: opts.seed, plan: opts.plan, when, worst: verdict.worst, failures, ms: Date.now() - t0, detail };
}

export function formatTrial(r: TrialResult, label: string): string {
  const worst = r.worst ? `${r.worst.errMs} ms (${r.worst.key})` : 'n/a';
  const verdict = r.failures.length ? `FAIL\n    ${r.failures.join('\n    ')}` : 'ok';
  return `${label} seed ${r.seed} ${r.plan.crash} during ${r.plan.phase}: ${r.when}; worst error ${worst}; ${(r.ms / 1000).toFixed(1)} s; ${verdict}`;
}
