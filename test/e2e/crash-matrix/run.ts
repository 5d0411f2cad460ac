// `npm run crash-matrix -- --trials 30 --seed N` (docs/e2e.md, "Crash matrix"): runs the trials
// one after another, each on a fresh browser and profile, prints one line per trial and a
// summary, and exits 1 on any failure. It builds nothing: the script runs `npm run build` first.
// `--only I` replays trial I (0-based) of that seed alone.
import { Scenario } from '../harness/scenario.ts';
import { Prng, trialSeed } from './prng.ts';
import { CRASHES, PHASES, formatTrial, runTrial, type Plan, type TrialResult } from './trial.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const raw = process.argv[i + 1];
  const n = Number(raw);
  if (raw === undefined || !Number.isInteger(n) || n < 0) throw new Error(`--${name} needs a whole number ≥ 0, got ${raw ?? 'nothing'}`);
  return n;
}

/** Every phase × crash kind in a seeded order, repeated: ten trials cover all eight. */
function plans(seed: number, trials: number): Plan[] {
  const all = PHASES.flatMap((phase) => CRASHES.map((crash) => ({ phase, crash })));
  const order = new Prng(seed).shuffle(all);
  return Array.from({ length: trials }, (_, i) => order[i % order.length] as Plan);
}

async function one(seed: number, index: number, plan: Plan): Promise<TrialResult> {
  const tseed = trialSeed(seed, index);
  const rnd = new Prng(tseed ^ 0x5bd1e995);
  const held: { s?: Scenario } = {};
  const t0 = Date.now();
  try {
    return await runTrial({ seed: tseed, plan, stepsBefore: rnd.int(1, 3), stepsAfter: rnd.int(1, 3) }, async (o) => (held.s = await Scenario.start(o)));
  } catch (err) {
    return { seed: tseed, plan, when: 'did not finish', worst: null, failures: [`trial threw: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`], ms: Date.now() - t0, detail: '' };
  } finally {
    await held.s?.dispose().catch(() => undefined);
  }
}

function worstOf(results: TrialResult[]): string {
  const worst = results.map((r) => r.worst).filter((w) => w !== null).sort((a, b) => Math.abs(b.errMs) - Math.abs(a.errMs))[0];
  return worst ? `${worst.errMs} ms (${worst.key})` : 'n/a';
}

async function main(): Promise<number> {
  const trials = arg('trials', 30);
  const seed = arg('seed', 1);
  const only = process.argv.includes('--only') ? arg('only', 0) : null;
  const all = plans(seed, Math.max(trials, (only ?? -1) + 1));
  const indexes = only === null ? all.map((_, i) => i) : [only];
  const t0 = Date.now();
  const results: TrialResult[] = [];
  for (const i of indexes) {
    const r = await one(seed, i, all[i] as Plan);
    results.push(r);
    console.log(formatTrial(r, `[crash-matrix] trial ${i + 1}/${all.length}`));
    if (r.failures.length && r.detail) console.log(r.detail);
  }
  const failed = results.filter((r) => r.failures.length > 0);
  console.log(
    `[crash-matrix] trials ${results.length}, seed ${seed}, worst error ${worstOf(results)} ` +
      `(worker stops ${worstOf(results.filter((r) => r.plan.crash === 'stopWorker'))}; browser kills ${worstOf(results.filter((r) => r.plan.crash === 'kill'))}), ` +
      `failures ${failed.length}, ${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );
  return failed.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
