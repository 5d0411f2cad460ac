import { openDB, type IDBPDatabase } from 'idb';
import { DB_NAME, DB_VERSION, type DwellDB } from './schema.ts';
import { runUpgrades } from './upgrades.ts';

export type DwellDb = IDBPDatabase<DwellDB>;

/** The database on disk is newer than this build (a rollback, an old copy loaded unpacked). The
 *  open was refused by IndexedDB before anything ran, so the data is exactly as it was. */
export class NewerDatabaseError extends Error {
  override name = 'NewerDatabaseError';
  constructor(readonly found: number | null) {
    super(
      `This Dwell database was written by a newer version of Dwell (database version ${found ?? 'unknown'}; this version reads up to ${DB_VERSION}). ` +
        'Your data is kept as it is; update Dwell to see it again.',
    );
  }
}

/** The error itself, or its text after it crossed the message channel (the worker answers
 *  `String(err)`, which starts with the name). */
export const isNewerDatabaseError = (e: unknown): boolean =>
  e instanceof NewerDatabaseError || (e instanceof Error && e.message.includes('NewerDatabaseError'));

/** The version on disk, read from the list of databases: opening without a version could create
 *  an empty database if this one vanished meanwhile. */
async function versionOnDisk(name: string): Promise<number | null> {
  try {
    return (await indexedDB.databases()).find((d) => d.name === name)?.version ?? null;
  } catch {
    return null;
  }
}

/** Opens (and on first use creates) the database. Pages open it too, read-only by convention;
 *  a version change from a newer worker closes old connections instead of blocking it. */
export async function openDwellDb(name: string = DB_NAME): Promise<DwellDb> {
  try {
    return await openDB<DwellDB>(name, DB_VERSION, {
      upgrade(database, oldVersion, newVersion, tx) {
        // A failing step aborts the transaction and the open rejects with that: its `done` must
        // not reject a second time, unhandled (in the worker's console, and after the open failed).
        tx.done.catch(() => undefined);
        // The steps await only IDB requests, so the versionchange transaction stays open through
        // them. A failing step aborts it: the open fails and the data stays as the old version left it.
        runUpgrades(database, tx, oldVersion, newVersion ?? DB_VERSION).catch((err: unknown) => {
          console.error('dwell: database upgrade failed', err);
          tx.abort();
        });
      },
      blocking(_current, _blocked, event) {
        (event.target as IDBDatabase | null)?.close();
      },
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'VersionError') throw new NewerDatabaseError(await versionOnDisk(name));
    throw err;
  }
}
