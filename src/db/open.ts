import { openDB, type IDBPDatabase } from 'idb';
import { DB_NAME, DB_VERSION, type DwellDB } from './schema.ts';

export type DwellDb = IDBPDatabase<DwellDB>;

/** Opens (and on first use creates) the database. Pages open it too, read-only by convention;
 *  a version change from a newer worker closes old connections instead of blocking it. */
export async function openDwellDb(name: string = DB_NAME): Promise<DwellDb> {
  const db = await openDB<DwellDB>(name, DB_VERSION, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) {
        database.createObjectStore('events', { keyPath: 'seq' });
        database.createObjectStore('meta', { keyPath: 'key' });
        const days = database.createObjectStore('days', { keyPath: ['day', 'domain'] });
        days.createIndex('byDomain', 'domain');
        const sites = database.createObjectStore('siteTotals', { keyPath: 'domain' });
        sites.createIndex('byMs', 'ms');
        database.createObjectStore('dayTotals', { keyPath: 'day' });
        database.createObjectStore('runs', { keyPath: 'id', autoIncrement: true });
      }
    },
    blocking(_current, _blocked, event) {
      (event.target as IDBDatabase | null)?.close();
    },
  });
  return db;
}
