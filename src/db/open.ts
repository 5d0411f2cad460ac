import { openDB, type IDBPDatabase } from 'idb';
import { DB_NAME, DB_VERSION, type DwellDB } from './schema.ts';
import { runUpgrades } from './upgrades.ts';

export type DwellDb = IDBPDatabase<DwellDB>;

/** Opens (and on first use creates) the database. Pages open it too, read-only by convention;
 *  a version change from a newer worker closes old connections instead of blocking it. */
export async function openDwellDb(name: string = DB_NAME): Promise<DwellDb> {
  const db = await openDB<DwellDB>(name, DB_VERSION, {
    upgrade(database, oldVersion, newVersion, tx) {
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
  return db;
}
