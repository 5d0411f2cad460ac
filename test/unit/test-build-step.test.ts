// The test build's extra upgrade step (db/test-build.ts; the real-browser test
// upgrade-on-reload.test.ts delivers it with an in-place reload). Here, on fake-indexeddb: it
// rewrites every stored day row unchanged and records which context ran it and over how many
// rows — what the browser test reads to know the new worker upgraded first. The unit and the
// shipped builds do not have it: their database version stays 3.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDB, type IDBPDatabase } from 'idb';
import { openDwellDb } from '../../src/db/open.ts';
import { testStep, UPGRADES } from '../../src/db/upgrades.ts';
import { DB_VERSION, type DwellDB } from '../../src/db/schema.ts';
import { TEST_DB_STEP, TEST_UPGRADE_STORE } from '../../src/db/test-build.ts';
import type { DayRow } from '../../src/core/aggregates.ts';

describe('the test build upgrade step', () => {
  it('is not in this build: version 3, three steps', () => {
    expect(TEST_DB_STEP).toBe(false);
    expect(DB_VERSION).toBe(3);
    expect(UPGRADES).toHaveLength(3);
  });

  it('over a version-3 database with two day rows: rows unchanged, a record of who ran it and over how many', async () => {
    const name = `test-step-${Date.now()}`;
    const v3 = await openDwellDb(name);
    const rows: DayRow[] = [
      { day: '2024-03-09', domain: 'a.test', ms: 90_000, visits: 3, pages: { 'https://a.test/x': { title: 'X', ms: 90_000, visits: 3 } } },
      { day: '2024-03-10', domain: 'b.test', ms: 5_000, visits: 1, pages: {} },
    ];
    for (const r of rows) await v3.put('days', r);
    v3.close();
    const v4 = await openDB<DwellDB>(name, 4, {
      upgrade(db, _from, _to, tx) {
        void testStep(db, tx);
      },
    });
    expect(await v4.getAll('days')).toEqual(rows);
    const loose = v4 as unknown as IDBPDatabase;
    expect(await loose.get(TEST_UPGRADE_STORE, 'step')).toMatchObject({ key: 'step', by: 'no page', rows: 2 });
    v4.close();
  });
});

/** A version-4 database upgraded by the test step over one day row, and what the step recorded. */
async function stepRecord(name: string): Promise<unknown> {
  const v3 = await openDwellDb(name);
  await v3.put('days', { day: '2024-03-10', domain: 'b.test', ms: 5_000, visits: 1, pages: {} });
  v3.close();
  const v4 = await openDB<DwellDB>(name, 4, {
    upgrade(db, _from, _to, tx) {
      void testStep(db, tx);
    },
  });
  const rec: unknown = await (v4 as unknown as IDBPDatabase).get(TEST_UPGRADE_STORE, 'step');
  v4.close();
  return rec;
}

describe('who ran the test step, as the browser test reads it', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('the new worker (its global scope is a ServiceWorkerGlobalScope): "worker"', async () => {
    class ServiceWorkerGlobalScope {}
    vi.stubGlobal('ServiceWorkerGlobalScope', ServiceWorkerGlobalScope);
    vi.stubGlobal('self', new ServiceWorkerGlobalScope());
    expect(await stepRecord(`step-by-worker-${Date.now()}`)).toMatchObject({ by: 'worker', rows: 1 });
  });

  it('a page of the new version (the popup opening first): its path', async () => {
    vi.stubGlobal('location', { pathname: '/popup.html' });
    expect(await stepRecord(`step-by-popup-${Date.now()}`)).toMatchObject({ by: '/popup.html', rows: 1 });
  });
});

describe('a newer version opening while an old page holds the database', () => {
  it('the page opened it with openDwellDb: asked to close, it does, and the upgrade goes through', async () => {
    const name = `blocking-${Date.now()}`;
    const page = await openDwellDb(name);
    let blocked = false;
    const newer = await openDB<DwellDB>(name, 4, {
      upgrade(db, _from, _to, tx) {
        void testStep(db, tx);
      },
      blocked() {
        blocked = true;
      },
    });
    expect(newer.version).toBe(4);
    expect(blocked, 'the old connection closed when asked (versionchange), so nothing waited').toBe(false);
    newer.close();
    page.close();
  });
});
