// The unit project runs in Node: IndexedDB comes from fake-indexeddb (an in-memory, spec-following
// implementation), installed on globalThis before any test module opens a database.
import 'fake-indexeddb/auto';
import { afterAll, afterEach } from 'vitest';
import { isCrashFallout } from '../fixtures/faults.ts';

// Unhandled rejections. When test/fixtures/faults.ts kills a worker mid-write, the engine's
// fire-and-forget request promises on the aborted transactions reject with AbortError; a really
// dead worker would run no JS and never see them. Those (and CrashError itself) are expected.
// Anything else still fails the test it happened in. (With a listener of our own installed,
// vitest leaves unhandled rejections to us, so this must report them itself.)
const unexpected: unknown[] = [];
process.on('unhandledRejection', (reason) => {
  if (!isCrashFallout(reason)) unexpected.push(reason);
});

function reportUnexpected(): void {
  if (unexpected.length === 0) return;
  const errors = unexpected.splice(0);
  throw new AggregateError(errors, `unhandled rejection(s): ${errors.map(String).join('; ')}`);
}

afterEach(reportUnexpected);
afterAll(reportUnexpected);
