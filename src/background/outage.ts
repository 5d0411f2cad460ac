// A database outage as the engine records it (docs/COUNTING.md §14). While the connection is
// closed nothing can be written, not even the error: it is logged once a new connection works,
// then the `outage` event, then a snapshot of what is in front (time counts again from it).
import type { EventBody } from '../core/events.ts';
import type { DwellDb } from '../db/open.ts';
import { logError } from '../db/meta.ts';
import type { ConnectionEvents } from './connection.ts';
import type { Clock } from './ports.ts';
import { snapshot, type StartDeps } from './startup.ts';

export function outageLog(db: DwellDb, clock: Clock, deps: () => StartDeps, record: (body: EventBody, at?: number) => Promise<number | null>): ConnectionEvents {
  let retries = 0;
  return {
    lost: () => {
      retries = 0;
    },
    retryFailed: () => {
      retries += 1;
    },
    restored: (since, until) => {
      const message = `closed by the browser at ${new Date(since).toISOString()} (a full disk?); reopened ${until - since} ms later after ${retries} failed attempt(s)`;
      void logError(db, 'database connection', message, since);
      void record({ k: 'outage', since, until }, Math.max(until, clock.now()));
      if (!deps().flags().paused) snapshot(deps()).catch((err: unknown) => void logError(db, 'snapshot after an outage', err, clock.now()));
    },
  };
}
