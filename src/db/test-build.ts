// A test build only: `DWELL_TEST_DB_STEP=1 vite build` defines __DWELL_TEST_DB_STEP__ (vite.config.ts),
// which adds one upgrade step and so bumps the database version. The real-browser test
// test/e2e/upgrade-on-reload.test.ts reloads Dwell in place with such a build, as an update that
// brings a schema upgrade would arrive. The shipped build never defines it, so this is false.
declare const __DWELL_TEST_DB_STEP__: boolean | undefined;

export const TEST_DB_STEP: boolean = typeof __DWELL_TEST_DB_STEP__ !== 'undefined' && __DWELL_TEST_DB_STEP__ === true;

/** The store the test step creates (outside the typed schema: no shipped code reads it). */
export const TEST_UPGRADE_STORE = 'testUpgrade';
