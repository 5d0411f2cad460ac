// Every older database version, populated as that version left it, upgrades to the newest with
// nothing lost, whether the worker or a page opens it first, and even while a page of the old
// version still holds a connection (it is asked to close, and the upgrade does not hang).
import { describe, expect, it, vi } from 'vitest';
import { openDB, type IDBPDatabase } from 'idb';
import { NewerDatabaseError, openDwellDb } from '../../src/db/open.ts';
import { runUpgrades, UPGRADES } from '../../src/db/upgrades.ts';
import { DB_VERSION, type DwellDB } from '../../src/db/schema.ts';
import { initialState } from '../../src/core/state.ts';
import { liveQuery } from '../../src/db/query.ts';
import { FakeWorld } from '../fixtures/fake-browser.ts';

const T = Date.parse('2024-03-10T10:00:00Z');

/** A database at `version`, built by the steps before it, with what that version stored. */
async function databaseAt(name: string, version: number): Promise<IDBPDatabase<DwellDB> | null> {
  if (version === 0) return null; // version 0: no database yet (a first install)
  const db = await openDB<DwellDB>(name, version, {
    upgrade(d, from, to, tx) {
      void (async () => {
        for (let v = from; v < (to ?? version); v++) await UPGRADES[v]!(d, tx);
      })();
    },
    blocking(_cur, _next, event) {
      (event.target as IDBDatabase).close(); // what every version's pages do
    },
  });
  await populate[version]!(db);
  return db;
}

/** The 90 s of a.test on 2024-03-09 with its rollups, the cursor holding `state`, one raw event:
 *  what versions 1 and 2 both stored (they differ in the fold state). */
async function putHistory(db: IDBPDatabase<DwellDB>, state: ReturnType<typeof initialState>): Promise<void> {
    await db.put('days', { day: '2024-03-09', domain: 'a.test', ms: 90_000, visits: 3, pages: { 'https://a.test/x': { title: 'X', ms: 90_000, visits: 3 } } });
    await db.put('siteTotals', { domain: 'a.test', ms: 90_000, visits: 3, firstDay: '2024-03-09', lastDay: '2024-03-09' });
    await db.put('dayTotals', { day: '2024-03-09', ms: 90_000 });
    await db.put('meta', { key: 'cursor', watermark: 2 ** 20 + 1, state });
    await db.put('meta', { key: 'generation', value: 1 });
    await db.put('events', { seq: 2 ** 20 + 1, t: T, tz: 0, k: 'beat', scheduled: null });
}

/** What each version wrote (index = version). Version 1: a site-day row, rollups, a cursor whose
 *  fold state has no corrupt counter yet and an open visit, raw events. */
const populate: Array<(db: IDBPDatabase<DwellDB>) => Promise<void>> = [
  async () => undefined,
  async (db) => {
    const state = { ...initialState(), v: 1, lastT: T, lastSeq: 2 ** 20 + 1 } as unknown as ReturnType<typeof initialState>;
    delete (state.counters as Partial<typeof state.counters>).corrupt;
    state.visit = { windowId: 1, tabId: 7, page: 'https://a.test/x', domain: 'a.test', title: 'a.test/x?sid=SECRET', start: T, startDay: '2024-03-10', settled: {}, runStart: T, runTz: 0 };
    await putHistory(db, state);
  },
  // Version 2: titles clean, no hourly slots yet. Its open visit had settled 2 s before a zone
  // change (09:59:58–10:00:00), which no hour can be given to now.
  async (db) => {
    const state = { ...initialState(), lastT: T, lastSeq: 2 ** 20 + 1 };
    state.visit = { windowId: 1, tabId: 7, page: 'https://a.test/x', domain: 'a.test', title: 'X', start: T - 2_000, startDay: '2024-03-10', settled: { '2024-03-10': 2_000 }, runStart: T, runTz: 0 };
    await putHistory(db, state);
  },
];

/** 10:00–10:00:05 on 2024-03-10 (UTC) is the open visit's time after the upgrade: hour 10. */
const hourTen = (ms: number): number[] => new Array<number>(24).fill(0).map((_, i) => (i === 10 ? ms : 0));

/** The stored 90 s and the open visit's 5 s (from T to T + 5 s) are all there, titles cleaned. */
async function expectUpgraded(db: IDBPDatabase<DwellDB>, from: number): Promise<void> {
  expect(db.version).toBe(DB_VERSION);
  if (from === 0) return;
  const q = await liveQuery(db, 'all', { now: T + 5_000, tzOffset: 0 });
  const settledBefore = from === 2 ? 2_000 : 0;
  expect(q.sites.find((s) => s.domain === 'a.test')?.ms, 'the stored 90 s and the open visit').toBe(95_000 + settledBefore);
  expect(JSON.stringify(await db.getAll('meta')), 'titles cleaned by the v2 step').not.toContain('SECRET');
  // Hours from the upgrade on: the stored 90 s and what the visit had settled have none.
  expect(q.daily).toEqual([{ day: '2024-03-09', ms: 90_000 }, { day: '2024-03-10', ms: 5_000 + settledBefore, hours: hourTen(5_000) }]);
  const began = await db.get('meta', 'hours');
  expect(began?.key === 'hours' ? typeof began.since : null, 'when the slots began').toBe('number');
}

describe('database upgrades', () => {
  it('there is a populate step for every version before the newest', () => {
    expect(populate).toHaveLength(DB_VERSION);
    expect(UPGRADES).toHaveLength(DB_VERSION);
  });

  for (let from = 0; from < DB_VERSION; from++) {
    it(`v${from} → v${DB_VERSION}, the worker opening first (a worker of the new version starts)`, async () => {
      const name = `upgrade-worker-${from}-${Date.now()}`;
      (await databaseAt(name, from))?.close();
      const world = new FakeWorld({ start: T + 5_000 });
      // An update, not a browser restart: the session marker is there, nothing is in front now.
      await world.session.claimNewBrowserSession();
      const worker = await world.spawnWorker(name);
      await expectUpgraded(worker.db, from);
      const r = await worker.engine.handle({ type: 'query', range: 'all', now: T + 5_000 });
      expect(r.ok).toBe(true);
      world.retire(worker);
    });

    it(`v${from} → v${DB_VERSION}, a page opening first while an old page still has it open`, async () => {
      const name = `upgrade-page-${from}-${Date.now()}`;
      const oldPage = await databaseAt(name, from);
      const newPage = await openDwellDb(name);
      await expectUpgraded(newPage, from);
      if (oldPage) await expect(oldPage.get('meta', 'cursor'), 'the old page was asked to close').rejects.toThrow();
      const world = new FakeWorld({ start: T + 5_000 });
      await world.session.claimNewBrowserSession();
      const worker = await world.spawnWorker(name);
      await expectUpgraded(worker.db, from);
      world.retire(worker);
      newPage.close();
    });
  }
});

/** A version-1 database holding `write`'s records, closed again. */
async function versionOne(name: string, write: (db: IDBPDatabase<DwellDB>) => Promise<void>): Promise<void> {
  const db = await openDB<DwellDB>(name, 1, {
    upgrade(d, _from, _to, tx) {
      void UPGRADES[0]!(d, tx);
    },
  });
  await write(db);
  db.close();
}

const SATURDAY_ROW = { day: '2024-03-09', domain: 'a.test', ms: 90_000, visits: 3, pages: {} };

describe('the v1 → v2 title step over records not quite in shape', () => {
  it('a snapshot tab and a window page with no title, a window entry left null: the upgrade goes through and keeps them as they were', async () => {
    const name = `untitled-${Date.now()}`;
    const untitled = { url: 'https://a.test/x', domain: 'a.test', audible: false };
    const state = { ...initialState(), v: 1, windows: { 1: { tabId: 7, info: untitled }, 2: null } } as unknown as ReturnType<typeof initialState>;
    await versionOne(name, async (db) => {
      await db.put('events', { seq: 2 ** 20 + 1, t: T, tz: 0, k: 'snapshot', focused: 1, tabs: [{ tabId: 7, windowId: 1, ...untitled, lastAccessed: T }] } as never);
      await db.put('meta', { key: 'cursor', watermark: 2 ** 20, state });
      await db.put('days', SATURDAY_ROW);
    });
    const db = await openDwellDb(name);
    expect(db.version).toBe(DB_VERSION);
    expect(await db.getAll('days')).toEqual([SATURDAY_ROW]);
    expect(await db.get('meta', 'cursor')).toMatchObject({ key: 'cursor', state: { windows: { 1: { info: untitled }, 2: null } } });
    db.close();
  });
});

describe('an upgrade step that fails', () => {
  it('a v1 database whose cursor lost its fold state: the open fails (an abort, not "newer database"), the failure is logged, and the database is still v1 with its rows', async () => {
    const name = `damaged-cursor-${Date.now()}`;
    await versionOne(name, async (db) => {
      await db.put('meta', { key: 'cursor', watermark: 2 ** 20, state: null } as never);
      await db.put('days', SATURDAY_ROW);
    });
    const logged: unknown[][] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));
    const err = await openDwellDb(name).then(() => null, (e: unknown) => e);
    spy.mockRestore();

    expect(err).not.toBeInstanceOf(NewerDatabaseError);
    expect((err as DOMException).name).toBe('AbortError');
    expect(logged.map((args) => args[0])).toEqual(['dwell: database upgrade failed']);
    expect(logged[0]?.[1]).toBeInstanceOf(TypeError);
    const after = await openDB(name);
    expect(after.version).toBe(1);
    expect(await after.getAll('days')).toEqual([SATURDAY_ROW]);
    after.close();
  });

  it('a version this build has no step for: the upgrade fails naming it', async () => {
    const name = `no-step-${Date.now()}`;
    let failure: unknown = null;
    const db = await openDB<DwellDB>(name, DB_VERSION + 1, {
      upgrade(d, from, to, tx) {
        runUpgrades(d, tx, from, to ?? from).catch((e: unknown) => {
          failure = e;
        });
      },
    }).then(
      (opened) => opened,
      () => null,
    );
    db?.close();
    expect(String(failure)).toBe(`Error: no upgrade step from database version ${DB_VERSION}`);
  });
});
