// One browser per test: a describe calls scenarioPerTest() once and each test starts its own
// Scenario with the function it returns. The teardown lives here, in afterEach rather than a
// finally, so that a test that times out still has its browser closed (which also ends the wait
// it is stuck in), and the test files hold only their stories.
import { afterEach } from 'vitest';
import { Scenario, type StartOptions } from './scenario.ts';

export function scenarioPerTest(): (opts?: StartOptions) => Promise<Scenario> {
  let current: Scenario | undefined;
  afterEach(async () => {
    await current?.dispose();
    current = undefined;
  });
  return async (opts) => (current = await Scenario.start(opts));
}
