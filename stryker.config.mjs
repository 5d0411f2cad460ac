// StrykerJS over the unit tests (test/vitest.mutation.config.ts), one scope at a time: a full
// run of every scope takes hours on a 2-core machine, so each scope keeps its own incremental
// file and report and can be run, killed or redone alone (`npm run mutation -- background`).
// scripts/mutation.mjs runs the scopes; scripts/mutation-summary.mjs merges their reports.
// Excluded by name only: the files no unit test can load (they touch `chrome.*` at import).
import process from 'node:process';

const FOLD = ['fold', 'time-bookkeeping', 'event-handlers', 'step-context', 'front', 'reconstruct', 'visits'].map((f) => `src/core/${f}.ts`);

/** @type {Record<string, string[]>} */
export const SCOPES = {
  /** The fold's rule files: every change to counting lands here. */
  fold: FOLD,
  /** The rest of the pure core: events, days, domains, import/export format, merge… */
  core: ['src/core/**/*.ts', ...FOLD.map((f) => `!${f}`)],
  background: ['src/background/**/*.ts', '!src/background/index.ts', '!src/background/chrome-ports.ts', '!src/background/alarms.ts'],
  'db-settings': ['src/db/**/*.ts', 'src/settings/**/*.ts'],
};

// `npm run mutation -- --recheck` (scripts/mutation-recheck.mjs) passes its own --mutate list over
// every scope and merges the result into each scope's file itself: one run, no incremental file.
const recheck = process.env.DWELL_MUTATION_RECHECK === '1';
const scope = process.env.DWELL_MUTATION_SCOPE ?? 'fold';
if (!recheck && !(scope in SCOPES)) throw new Error(`DWELL_MUTATION_SCOPE=${scope}: expected one of ${Object.keys(SCOPES).join(', ')}`);

export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  vitest: { configFile: 'test/vitest.mutation.config.ts' },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  mutate: recheck ? [] : SCOPES[scope],
  coverageAnalysis: 'perTest',
  incremental: !recheck,
  incrementalFile: `bench/stryker-incremental-${scope}.json`,
  concurrency: 2,
  timeoutMS: 10000,
  timeoutFactor: 2,
  dryRunTimeoutMinutes: 10,
  reporters: recheck ? ['progress', 'json'] : ['progress', 'html', 'json'],
  htmlReporter: { fileName: `bench/mutation/report-${scope}.html` },
  jsonReporter: { fileName: recheck ? 'bench/mutation/recheck.json' : `bench/mutation/report-${scope}.json` },
  ignorePatterns: ['dist', 'coverage', 'test-results', 'bench/mutation', 'bench/stryker-incremental-*.json'],
  tempDirName: '.stryker-tmp',
};
