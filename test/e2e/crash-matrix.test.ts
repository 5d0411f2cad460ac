// The CI subset of the crash matrix (npm run crash-matrix; docs/e2e.md, "Crash matrix"): three
// trials with a fixed seed — a worker stop during capture, one during an aggregation run, and a
// browser SIGKILLed mid-capture and relaunched on its profile. Each must match the ledger within
// the tolerance, count nothing twice and lose no committed batch.
import { describe, expect, it } from 'vitest';
import { scenarioPerTest } from './harness/per-test.ts';
import { formatTrial, runTrial, type Plan } from './crash-matrix/trial.ts';

const SEED = 20_261_202;
const PLANS: Plan[] = [
  { phase: 'capture', crash: 'stopWorker' },
  { phase: 'aggregation', crash: 'stopWorker' },
  { phase: 'capture', crash: 'kill' },
];

describe('crash matrix (CI subset)', () => {
  const start = scenarioPerTest();

  PLANS.forEach((plan, i) => {
    it(`${plan.crash} during ${plan.phase}: totals match the ledger, nothing counted twice, nothing committed lost`, async () => {
      const r = await runTrial({ seed: SEED + i, plan, stepsBefore: 1, stepsAfter: 1 }, start);
      console.log(`${formatTrial(r, '[crash-matrix]')}\n${r.detail}`);
      expect(r.failures).toEqual([]);
    });
  });
});
