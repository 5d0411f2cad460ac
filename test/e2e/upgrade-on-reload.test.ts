// Issue #9: an update that brings a schema upgrade arrives while the browser runs, with the popup
// and the options page open. A test build (DWELL_TEST_DB_STEP=1, src/db/test-build.ts) has one
// more upgrade step, which rewrites every stored day row and records which context ran it. Dwell
// is reloaded in place with it, as Chrome installs an update.
//
// What Chrome 156 does to open extension pages on such a reload (probed here): the options tab
// is closed and the popup window's tab is navigated away from Dwell — no page of the old version
// survives to hold an old connection, and the new worker, started by the reload, opens the
// database first. A page opened after it must show the upgraded data. (A page opening the
// database first, and an old page still open, are covered with fake-indexeddb by
// test/unit/db-upgrades.test.ts: Chrome gives no way to make a page win the race here.)
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioPerTest } from './harness/per-test.ts';
import { expectMatchesLedger } from './harness/verdict.ts';
import { distDir, repoRoot } from './harness/launch.ts';
import { RELOAD_ARGS, reloadExtension } from './harness/reload.ts';
import { openBeside, openPopupBeside, type UiPage } from './harness/ui-pages.ts';
import { DB_NAME, DB_VERSION } from '../../src/db/schema.ts';
import { TEST_UPGRADE_STORE } from '../../src/db/test-build.ts';

const work = mkdtempSync(join(tmpdir(), 'dwell-upgrade-'));
/** The build that gets installed, then overwritten by the next version (an update in place). */
const installed = join(work, 'installed');
const nextVersion = join(work, 'next');

function replaceContents(dir: string, from: string): void {
  for (const entry of readdirSync(dir)) rmSync(join(dir, entry), { recursive: true, force: true });
  cpSync(from, dir, { recursive: true });
}

interface StepRecord {
  by: string;
  rows: number;
}

/** From the worker: the database's version and what the test step recorded (null: none ran). */
async function upgradeSeenByWorker(s: Awaited<ReturnType<ReturnType<typeof scenarioPerTest>>>) {
  return s.browser.worker.evaluate(
    async (a: { name: string; store: string }) => {
      const version = (await indexedDB.databases()).find((d) => d.name === a.name)?.version ?? null;
      const step = await new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open(a.name);
        open.onerror = () => reject(open.error ?? new Error('open failed'));
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(a.store)) {
            db.close();
            resolve(null);
            return;
          }
          const get = db.transaction(a.store).objectStore(a.store).get('step');
          get.onsuccess = () => {
            db.close();
            resolve(get.result ?? null);
          };
          get.onerror = () => reject(get.error ?? new Error('get failed'));
        };
      });
      return { version, step: step as StepRecord | null };
    },
    { name: DB_NAME, store: TEST_UPGRADE_STORE },
    'read the database version and the test step record',
  );
}

/** A page of the old version: closed by Chrome, or no longer showing a Dwell page. */
function fateOf(ui: UiPage, extensionId: string): 'closed' | 'navigated away' | 'still open' {
  if (ui.page.isClosed()) return 'closed';
  return ui.page.url().startsWith(`chrome-extension://${extensionId}/`) ? 'still open' : 'navigated away';
}

describe('an update with a schema upgrade, reloaded in place with the popup and options open', () => {
  const start = scenarioPerTest();

  beforeAll(() => {
    cpSync(distDir(), installed, { recursive: true });
    execFileSync('npx', ['vite', 'build', '--outDir', nextVersion, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: repoRoot,
      env: { ...process.env, DWELL_TEST_DB_STEP: '1' },
      stdio: 'inherit',
    });
  }, 180_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('docs 2 s, news 4 s with both pages open, update in place, news 4 s: upgraded by the new worker, nothing lost, one visit', async () => {
    const s = await start({ extensionDir: installed, extraArgs: RELOAD_ARGS });
    await s.open('docs', 'docs.other.test', '/guide');
    await s.dwellFor(2_000);
    await s.open('news', 'news.example.test', '/today');
    await s.dwell.aggregateNow(); // docs' visit is stored history now: the step has rows to rewrite
    const popup = await openPopupBeside(s);
    const options = await openBeside(s, 'options', { width: 900, height: 700 });
    await s.dwellFor(4_000);
    expect(await upgradeSeenByWorker(s), 'before the update').toEqual({ version: DB_VERSION, step: null });

    replaceContents(installed, nextVersion);
    await reloadExtension(s, installed); // resolves once the new worker answers: no hang

    const seen = await upgradeSeenByWorker(s);
    expect(seen.version, 'the database upgraded to the next version').toBe(DB_VERSION + 1);
    expect(seen.step, 'the new worker ran the step, over the stored row').toMatchObject({ by: 'worker', rows: 1 });
    const fates = { popup: fateOf(popup, s.browser.extensionId), options: fateOf(options, s.browser.extensionId) };
    console.log(`[e2e] upgrade on reload: ${JSON.stringify(seen)}; old pages: ${JSON.stringify(fates)}`);
    expect(Object.values(fates), 'Chrome unloads the old version\'s pages').not.toContain('still open');

    const popupAfter = await openPopupBeside(s);
    const optionsAfter = await openBeside(s, 'options', { width: 900, height: 700 });
    expect(await popupAfter.page.locator('body').innerText(), 'the popup reads the upgraded database').toContain('other.test');
    await s.dwellFor(4_000);
    await s.finish();

    const diag = await s.dwell.diagnostics();
    await expectMatchesLedger(s, 'update with a schema upgrade, reloaded in place'); // ±1 s, visits equal
    expect(diag.counters.recoveries, 'an update is no recovery').toBe(0);
    expect([...popupAfter.problems, ...optionsAfter.problems], 'the reopened pages ran without an error').toEqual([]);
  });
});
