// Issue 12, item 7: an older build opening a newer database (a rollback, an old copy loaded
// unpacked). IndexedDB refuses the open with VersionError; Dwell must say what happened in words
// a person can act on, and leave every byte of the newer database as it was.
import { describe, expect, it, vi } from 'vitest';
import { openDB } from 'idb';
import { NewerDatabaseError, isNewerDatabaseError, openDwellDb } from '../../src/db/open.ts';
import { liveQuery } from '../../src/db/query.ts';
import { UPGRADES } from '../../src/db/upgrades.ts';
import { DB_VERSION } from '../../src/db/schema.ts';
import { CommandError } from '../../src/ui/messaging.ts';
import { directSource, messageSource, withFallback } from '../../src/ui/stats-source.ts';

const NEWER = DB_VERSION + 1;
const ROW = { day: '2024-03-09', domain: 'a.test', ms: 90_000, visits: 3, pages: {} };
let dbs = 0;

/** What a newer Dwell left: today's stores, one more of its own, and data in both. */
async function newerDatabase(version = NEWER, name = `newer-${++dbs}`): Promise<string> {
  const db = await openDB(name, version, {
    upgrade(d, _from, _to, tx) {
      void (async () => {
        for (const step of UPGRADES) await step(d as never, tx as never);
        d.createObjectStore('future', { keyPath: 'id' });
      })();
    },
  });
  await db.put('days', ROW);
  await db.put('future', { id: 1, note: 'written by the newer version' });
  db.close();
  return name;
}

/** Everything in the newer database, read the way the newer version would. */
async function contents(name: string) {
  const db = await openDB(name);
  const out = { version: db.version, stores: [...db.objectStoreNames].sort(), days: await db.getAll('days'), future: await db.getAll('future') };
  db.close();
  return out;
}

describe('an older Dwell opening a newer database', () => {
  it('is refused with a clear, typed error, and the newer database is untouched', async () => {
    const name = await newerDatabase();
    const before = await contents(name);
    expect(before).toMatchObject({ version: NEWER, days: [ROW], future: [{ id: 1 }] });

    const err = await openDwellDb(name).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(NewerDatabaseError);
    expect((err as NewerDatabaseError).found).toBe(NEWER);
    expect((err as Error).message).toBe(
      `This Dwell database was written by a newer version of Dwell (database version ${NEWER}; this version reads up to ${DB_VERSION}). ` +
        'Your data is kept as it is; update Dwell to see it again.',
    );

    expect(await contents(name)).toEqual(before);
  });

  it('an ordinary open still works, and other open failures are not called a newer database', async () => {
    const db = await openDwellDb(`current-${++dbs}`);
    expect(db.version).toBe(DB_VERSION);
    db.close();
    expect(isNewerDatabaseError(new DOMException('blocked', 'AbortError'))).toBe(false);
    expect(isNewerDatabaseError(new CommandError('no answer to query'))).toBe(false);
  });

  it('the popup learns what happened whichever way it reads: directly, or from the worker', async () => {
    const name = await newerDatabase();
    // The worker fails at start the same way; every command is then answered with String(err).
    const workerStart = openDwellDb(name).then(() => 'started', (e: unknown) => e);
    const worker = async (): Promise<never> => {
      throw new CommandError(String(await workerStart));
    };
    const seen: unknown[] = [];
    const popup = withFallback(directSource(() => openDwellDb(name), liveQuery), messageSource(worker), (e) => seen.push(e));
    const err = await popup.query('all').then(() => null, (e: unknown) => e);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(NewerDatabaseError);
    expect(err).toBeInstanceOf(CommandError);
    expect(isNewerDatabaseError(err)).toBe(true);
    expect((err as Error).message).toContain('Your data is kept as it is; update Dwell');
    expect((await contents(name)).version).toBe(NEWER);
  });

  it('several databases in the browser: the version named is the one of the database opened', async () => {
    const other = await openDB(`another-extension-${++dbs}`, 9);
    other.close();
    const far = DB_VERSION + 5;
    const name = await newerDatabase(far, `zz-newer-${++dbs}`);
    const err = await openDwellDb(name).then(() => null, (e: unknown) => e);
    expect((err as NewerDatabaseError).found).toBe(far);
    expect((err as Error).message).toContain(`(database version ${far}; this version reads up to ${DB_VERSION})`);
  });

  it('the list of databases cannot be read: still a newer-database error, its version unknown', async () => {
    const name = await newerDatabase();
    const spy = vi.spyOn(indexedDB, 'databases').mockRejectedValue(new DOMException('denied', 'SecurityError'));
    const err = await openDwellDb(name).then(() => null, (e: unknown) => e);
    spy.mockRestore();
    expect(err).toBeInstanceOf(NewerDatabaseError);
    expect((err as NewerDatabaseError).found).toBeNull();
    expect((err as Error).message).toContain(`(database version unknown; this version reads up to ${DB_VERSION})`);
  });
});
