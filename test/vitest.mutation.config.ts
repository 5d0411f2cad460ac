// Stryker's config for vitest: the unit project alone, because the e2e project needs Chromium and
// a built dist/, which a mutant in the sandbox never has. The unit settings are read from
// vitest.config.ts rather than copied, so the two cannot drift apart. This file lives in test/
// (not beside vitest.config.ts) because tsconfig and the type-aware lint cover test/.
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import base from '../vitest.config.ts';

function unitProject() {
  for (const project of base.test?.projects ?? []) {
    if (typeof project === 'object' && 'test' in project && project.test?.name === 'unit') return project.test;
  }
  throw new Error('vitest.config.ts defines no project named "unit"');
}

function asList(files: string | string[] | undefined): string[] {
  if (files === undefined) return [];
  return typeof files === 'string' ? [files] : files;
}

// Every mutant a property test reaches reruns it until the mutant is caught, and to the end if it
// survives: at the suite's default run count that is seconds per mutant of the fold. Fewer runs
// can only let a mutant survive that a longer hunt would catch, so the score errs low, not high.
const PROPERTY_RUNS_PER_MUTANT = '25';

const unit = unitProject();

// Stryker's vitest runner forces the threads pool, but range.test.ts moves between time zones by
// assigning process.env.TZ, which Node honours only in a process of its own (a worker thread's
// env is a copy). So every project goes back to forks once Stryker's options are applied.
const forksPool: Plugin = {
  name: 'dwell:forks-pool',
  configureVitest({ project }) {
    project.config.pool = 'forks';
  },
};

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  plugins: [forksPool],
  test: {
    ...unit,
    setupFiles: [...asList(unit.setupFiles), 'test/mutation-setup.ts'],
    env: { DWELL_PROPERTY_RUNS: PROPERTY_RUNS_PER_MUTANT },
  },
});
