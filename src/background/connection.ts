// The worker's database connection, reopened when the browser closes it. A full disk makes
// Chrome close an IndexedDB connection abnormally ("The database connection is closing"); a
// worker that kept the dead handle failed every capture write and command until it was stopped,
// and then credited the whole outage to the page in front. Every module holds this proxy, whose
// target is swapped for a fresh connection; the engine is told when the outage began and ended,
// so it can log an `outage` event (the fold counts that stretch to nobody) and look again at
// what is in front.
import { unwrap } from 'idb';
import type { DwellDb } from '../db/open.ts';
import type { Clock } from './ports.ts';

export interface ConnectionEvents {
  /** The connection closed at `at`; writes fail until it is back. */
  lost(at: number): void;
  /** A new connection works again (from `at`); `since` is when the old one closed. */
  restored(since: number, at: number): void;
  /** A reopen attempt failed (it is retried). */
  retryFailed(err: unknown): void;
}

export interface Reconnecting {
  db: DwellDb;
  /** Resolves once no reopen is in progress (tests). */
  settled(): Promise<void>;
}

const RETRY_MS = [250, 1_000, 5_000, 30_000];

export async function reconnecting(open: () => Promise<DwellDb>, clock: Clock, on: ConnectionEvents, wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))): Promise<Reconnecting> {
  let current = await open();
  let reopening: Promise<void> | null = null;

  const reopen = async (since: number): Promise<void> => {
    for (let attempt = 0; ; attempt++) {
      try {
        current = await open();
        watch(current);
        on.restored(since, clock.now());
        return;
      } catch (err) {
        on.retryFailed(err);
        await wait(RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]!);
      }
    }
  };
  function watch(db: DwellDb): void {
    unwrap(db).addEventListener('close', () => {
      if (reopening || db !== current) return;
      const since = clock.now();
      on.lost(since);
      reopening = reopen(since).finally(() => {
        reopening = null;
      });
    });
  }
  watch(current);

  const db = new Proxy({} as DwellDb, {
    get(_target, prop) {
      const value: unknown = Reflect.get(current, prop, current);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(current) : value;
    },
  });
  return { db, settled: async () => void (await reopening) };
}
