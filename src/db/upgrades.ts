// The database's upgrade steps, in order: step i takes a database at version i to version i + 1.
// Every context that opens the database (the worker or a page, whichever is first) runs the
// same steps inside the versionchange transaction, so an upgrade is all-or-nothing.
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import type { DwellDB, StoreName } from './schema.ts';
import type { DwellEvent } from '../core/events.ts';
import type { DayRow } from '../core/aggregates.ts';
import type { FoldState } from '../core/state.ts';
import { cleanTitle } from '../core/title.ts';
import { TEST_DB_STEP, TEST_UPGRADE_STORE } from './test-build.ts';

type UpgradeTx = IDBPTransaction<DwellDB, StoreName[], 'versionchange'>;
export type UpgradeStep = (db: IDBPDatabase<DwellDB>, tx: UpgradeTx) => Promise<void> | void;

/** v0 → v1: the stores. */
function createStores(db: IDBPDatabase<DwellDB>): void {
  db.createObjectStore('events', { keyPath: 'seq' });
  db.createObjectStore('meta', { keyPath: 'key' });
  const days = db.createObjectStore('days', { keyPath: ['day', 'domain'] });
  days.createIndex('byDomain', 'domain');
  const sites = db.createObjectStore('siteTotals', { keyPath: 'domain' });
  sites.createIndex('byMs', 'ms');
  db.createObjectStore('dayTotals', { keyPath: 'day' });
  db.createObjectStore('runs', { keyPath: 'id', autoIncrement: true });
}

/** Rewrites `rec` only when cleaning changed something (most records are already clean). */
function cleaned<T>(rec: T, clean: (copy: T) => boolean): T | null {
  const copy = structuredClone(rec);
  return clean(copy) ? copy : null;
}

function cleanField(o: { title: string } | null | undefined): boolean {
  if (!o || typeof o.title !== 'string') return false;
  const t = cleanTitle(o.title);
  if (t === o.title) return false;
  o.title = t;
  return true;
}

const anyChanged = (xs: boolean[]): boolean => xs.includes(true);

function cleanEvent(e: DwellEvent): boolean {
  if (e.k === 'tab') return cleanField(e);
  if (e.k === 'snapshot' && Array.isArray(e.tabs)) return anyChanged(e.tabs.map(cleanField));
  return false;
}

function cleanRow(r: DayRow): boolean {
  return anyChanged(Object.values(r.pages ?? {}).map(cleanField));
}

function cleanState(s: FoldState): boolean {
  return anyChanged([
    cleanField(s.visit),
    ...Object.values(s.windows ?? {}).map((w) => cleanField(w?.info)),
    ...Object.values(s.tabPages ?? {}).map(cleanField),
  ]);
}

async function rewrite<N extends 'events' | 'days'>(tx: UpgradeTx, store: N, clean: (rec: DwellDB[N]['value']) => boolean): Promise<void> {
  let cursor = await tx.objectStore(store).openCursor();
  while (cursor) {
    const next = cleaned(cursor.value, clean);
    if (next) await cursor.update(next);
    cursor = await cursor.continue();
  }
}

/** v1 → v2: titles stored before capture cleaned them may hold a URL's query and fragment
 *  (Chrome shows the URL as the title of a page with none): clean every stored title. */
async function cleanStoredTitles(_db: IDBPDatabase<DwellDB>, tx: UpgradeTx): Promise<void> {
  await rewrite(tx, 'events', cleanEvent);
  await rewrite(tx, 'days', cleanRow);
  const meta = tx.objectStore('meta');
  const cursor = await meta.get('cursor');
  if (cursor?.key === 'cursor') {
    const next = cleaned(cursor, (c) => cleanState(c.state));
    if (next) await meta.put(next);
  }
}

/** v2 → v3: site-day rows and the rollups gain 24 local-hour slots (core/hours.ts). Rows already
 *  stored keep none — their time stays without an hour, never spread over hours — so the step
 *  rewrites nothing (no long versionchange transaction holding open pages): it records when the
 *  slots began, for the views' "hourly detail from …". */
async function startHourlySlots(_db: IDBPDatabase<DwellDB>, tx: UpgradeTx): Promise<void> {
  await tx.objectStore('meta').put({ key: 'hours', since: Date.now() });
}

/** Test build only (db/test-build.ts): rewrites every day row unchanged — a step that touches
 *  all stored history, as a real one would — and records which context ran it and what it saw. */
export async function testStep(db: IDBPDatabase<DwellDB>, tx: UpgradeTx): Promise<void> {
  let rows = 0;
  for (let c = await tx.objectStore('days').openCursor(); c; c = await c.continue()) {
    await c.update(c.value);
    rows += 1;
  }
  const by = typeof ServiceWorkerGlobalScope !== 'undefined' && self instanceof ServiceWorkerGlobalScope ? 'worker' : typeof location !== 'undefined' ? location.pathname : 'no page';
  // Outside the typed schema on purpose: nothing shipped knows this store.
  const loose = db as unknown as IDBPDatabase;
  loose.createObjectStore(TEST_UPGRADE_STORE, { keyPath: 'key' });
  await (tx as unknown as IDBPTransaction<unknown, string[], 'versionchange'>).objectStore(TEST_UPGRADE_STORE).put({ key: 'step', by, rows, at: Date.now() });
}

export const UPGRADES: readonly UpgradeStep[] = [createStores, cleanStoredTitles, startHourlySlots, ...(TEST_DB_STEP ? [testStep] : [])];

export async function runUpgrades(db: IDBPDatabase<DwellDB>, tx: UpgradeTx, from: number, to: number): Promise<void> {
  for (let v = from; v < to; v += 1) {
    const step = UPGRADES[v];
    if (!step) throw new Error(`no upgrade step from database version ${v}`);
    await step(db, tx);
  }
}
