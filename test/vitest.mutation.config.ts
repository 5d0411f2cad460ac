// Stryker's config for vitest: the unit project alone, because the e2e project needs Chromium and
// a built dist/, which a mutant in the sandbox never has. The unit settings are read from
// vitest.config.ts rather than copied, so the two cannot drift apart. This file lives in test/
// (not beside vitest.config.ts) because tsconfig and the type-aware lint cover test/.
import { fileURLToPath } from 'node:url';
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

// Each surviving mutant reruns every property test that reaches it: at the default 150 runs that
// is ~5 s per mutant of the fold. 25 is what the generator-honesty test in
// engine.property.test.ts shows is enough to count across midnight, crash and reconstruct.
const PROPERTY_RUNS_PER_MUTANT = '25';

const unit = unitProject();

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    ...unit,
    setupFiles: [...asList(unit.setupFiles), 'test/mutation-setup.ts'],
    env: { DWELL_PROPERTY_RUNS: PROPERTY_RUNS_PER_MUTANT },
  },
});
