// How src/db/test-build.ts reads the build's define: `DWELL_TEST_DB_STEP=1 vite build` defines
// __DWELL_TEST_DB_STEP__ as true, the shipped build as false, and the unit tests not at all (a
// name nobody declared). Each case loads the module afresh inside the test, with the global set
// as that build would leave it, so a module that fails to load fails the test rather than the
// file. This file imports nothing that imports the module (db/open, db/schema, db/upgrades do).
import { afterEach, describe, expect, it, vi } from 'vitest';

type WithDefine = typeof globalThis & { __DWELL_TEST_DB_STEP__?: unknown };

/** TEST_DB_STEP as the module computes it on a fresh load, the define being `value` (or absent). */
async function testDbStepWith(value?: unknown): Promise<boolean> {
  const g = globalThis as WithDefine;
  if (value === undefined) delete g.__DWELL_TEST_DB_STEP__;
  else g.__DWELL_TEST_DB_STEP__ = value;
  vi.resetModules();
  const { TEST_DB_STEP } = await import('../../src/db/test-build.ts');
  return TEST_DB_STEP;
}

describe('the test build flag, as each build leaves the define', () => {
  afterEach(() => {
    delete (globalThis as WithDefine).__DWELL_TEST_DB_STEP__;
    vi.resetModules();
  });

  it('never defined (the unit tests, any build that does not know it): false, and the module loads', async () => {
    expect(await testDbStepWith(undefined)).toBe(false);
  });

  it('defined as true (DWELL_TEST_DB_STEP=1 vite build): true', async () => {
    expect(await testDbStepWith(true)).toBe(true);
  });

  it('defined as false (the shipped build): false', async () => {
    expect(await testDbStepWith(false)).toBe(false);
  });

  it('defined as something truthy but not true (1, "true"): false — only the boolean turns the step on', async () => {
    expect(await testDbStepWith(1)).toBe(false);
    expect(await testDbStepWith('true')).toBe(false);
  });
});
