// Deterministic data for the benchmark. Everything here runs INSIDE the extension's service worker
// (passed to evaluate()), so each exported function is self-contained: no imports, no references
// to module scope (types only — erased at compile time).
import type { DwellEvent } from '../src/core/events.ts';
import type { ExportFile, ExportSite } from '../src/core/api.ts';

export interface EventPlan {
  /** Sequence generation of the backlog (above anything the worker wrote). */
  generation: number;
  /** Time of the first event; events are 100 ms apart. */
  t0: number;
  n: number;
}

/** A realistic backlog: one focused window, 6 tabs on 40 sites; a tab switch (activated + tab)
 *  every 5 s, a navigation every second, title changes in between, a heartbeat every 30 s and a
 *  lost/regained focus every 5 minutes. Valid per src/core/validate-event.ts. */
export function makeEvents(plan: EventPlan): DwellEvent[] {
  const SPAN = 2 ** 20;
  const out: DwellEvent[] = [];
  const windowId = 1;
  const tabs = [11, 12, 13, 14, 15, 16];
  const siteOf = tabs.map((_, i) => i * 7);
  const pathOf = tabs.map(() => 0);
  let active = 0;
  let unread = 0;
  let focused = true;
  let lostAt = 0;
  const tzAt = (t: number): number => -new Date(t).getTimezoneOffset();
  const page = (i: number) => {
    const site = siteOf[i]! % 40;
    return { tabId: tabs[i]!, windowId, url: `https://www.site${site}.com/section/${pathOf[i]! % 30}`, domain: `site${site}.com`, title: `Site ${site} — article ${pathOf[i]! % 30}`, audible: false };
  };
  const push = (body: Record<string, unknown>): void => {
    const n = out.length;
    const t = plan.t0 + n * 100;
    out.push({ ...body, seq: plan.generation * SPAN + n, t, tz: tzAt(t) } as DwellEvent);
  };
  push({ k: 'focus', windowId });
  push({ k: 'activated', tabId: tabs[active]!, windowId });
  push({ k: 'tab', ...page(active) });
  while (out.length < plan.n) {
    const n = out.length;
    if (n % 300 === 299) push({ k: 'beat', scheduled: plan.t0 + n * 100 });
    else if (n % 3000 === 1500) {
      focused = false;
      lostAt = n;
      push({ k: 'focus', windowId: -1 });
    } else if (!focused && n - lostAt >= 30) {
      focused = true;
      push({ k: 'focus', windowId });
    } else if (n % 50 === 0) {
      active = (active + 1 + (n % 7)) % tabs.length;
      push({ k: 'activated', tabId: tabs[active]!, windowId });
      if (out.length < plan.n) push({ k: 'tab', ...page(active) });
    } else if (n % 10 === 0) {
      pathOf[active]! += 1;
      if (n % 200 === 0) siteOf[active]! += 1;
      push({ k: 'tab', ...page(active) });
    } else {
      unread = (unread + 1) % 100;
      const p = page(active);
      push({ k: 'tab', ...p, title: `(${unread}) ${p.title}` });
    }
  }
  return out.slice(0, plan.n);
}

/** Puts the plan's events into `dbName`'s `events` store in transactions of `chunk`. Creates the database with just
 *  an `events` store (keyPath seq) if it does not exist — the raw-bound database. Returns ms. */
export async function seedEvents(a: { dbName: string; plan: EventPlan; chunk: number; fresh: boolean }): Promise<{ ms: number; lastSeq: number; lastT: number }> {
  const gen = (self as unknown as { __bench: { makeEvents: (p: EventPlan) => DwellEvent[] } }).__bench.makeEvents;
  const req = <T,>(r: IDBRequest<T>): Promise<T> => new Promise((res, rej) => {
    r.onsuccess = () => res(r.result);
    r.onerror = () => rej(r.error ?? new Error('IDB request failed'));
  });
  if (a.fresh) {
    const del = indexedDB.deleteDatabase(a.dbName);
    await new Promise<void>((res, rej) => {
      del.onsuccess = () => res();
      del.onerror = () => rej(del.error ?? new Error('delete failed'));
      del.onblocked = () => rej(new Error(`delete of ${a.dbName} blocked`));
    });
  }
  const open = indexedDB.open(a.dbName);
  open.onupgradeneeded = () => {
    if (!open.result.objectStoreNames.contains('events')) open.result.createObjectStore('events', { keyPath: 'seq' });
  };
  const db = await req(open);
  const t0 = performance.now();
  const all = gen(a.plan);
  for (let i = 0; i < all.length; i += a.chunk) {
    const tx = db.transaction('events', 'readwrite');
    const store = tx.objectStore('events');
    for (const e of all.slice(i, i + a.chunk)) store.put(e);
    await new Promise<void>((res, rej) => {
      tx.oncomplete = () => res();
      tx.onerror = () => rej(tx.error ?? new Error('seed tx failed'));
      tx.onabort = () => rej(tx.error ?? new Error('seed tx aborted'));
    });
  }
  const last = all[all.length - 1]!;
  db.close();
  return { ms: performance.now() - t0, lastSeq: last.seq, lastT: last.t };
}

/** The raw IndexedDB bound for the aggregator: loop { one readwrite transaction: getAll above the
 *  last key (≤ batch), delete what was read } until empty. `delete`: 'bound' deletes exactly the
 *  key range read (first..last); 'upper' deletes everything ≤ last, as the aggregator does.
 *  `from`: start above this key (the aggregator starts above its watermark). */
export async function rawDrain(a: { dbName: string; batch: number; from: number; delete: 'bound' | 'upper' }): Promise<{ events: number; batches: number; ms: number; left: number }> {
  const req = <T,>(r: IDBRequest<T>): Promise<T> => new Promise((res, rej) => {
    r.onsuccess = () => res(r.result);
    r.onerror = () => rej(r.error ?? new Error('IDB request failed'));
  });
  const db = await req(indexedDB.open(a.dbName));
  let last = a.from;
  let events = 0;
  let batches = 0;
  const t0 = performance.now();
  for (;;) {
    const tx = db.transaction('events', 'readwrite');
    const store = tx.objectStore('events');
    const done = new Promise<void>((res, rej) => {
      tx.oncomplete = () => res();
      tx.onerror = () => rej(tx.error ?? new Error('drain tx failed'));
      tx.onabort = () => rej(tx.error ?? new Error('drain tx aborted'));
    });
    const rows = await req(store.getAll(IDBKeyRange.lowerBound(last, true), a.batch));
    if (rows.length > 0) {
      const first = (rows[0] as { seq: number }).seq;
      last = (rows[rows.length - 1] as { seq: number }).seq;
      store.delete(a.delete === 'bound' ? IDBKeyRange.bound(first, last) : IDBKeyRange.upperBound(last));
      events += rows.length;
      batches += 1;
    }
    await done;
    if (rows.length < a.batch) break;
  }
  const ms = performance.now() - t0;
  const left = await req(db.transaction('events').objectStore('events').count());
  db.close();
  return { events, batches, ms, left };
}

/** Count of events in the extension's own database (a second connection, read-only use). */
export async function countDwellEvents(): Promise<number> {
  const open = indexedDB.open('dwell');
  const db = await new Promise<IDBDatabase>((res, rej) => {
    open.onsuccess = () => res(open.result);
    open.onerror = () => rej(open.error ?? new Error('open failed'));
  });
  const r = db.transaction('events').objectStore('events').count();
  const n = await new Promise<number>((res, rej) => {
    r.onsuccess = () => res(r.result);
    r.onerror = () => rej(r.error ?? new Error('count failed'));
  });
  db.close();
  return n;
}

/** Sets meta 'generation' in the dwell database (so a worker restart takes a generation above the
 *  seeded backlog, never below its watermark). */
export async function bumpGeneration(value: number): Promise<void> {
  const open = indexedDB.open('dwell');
  const db = await new Promise<IDBDatabase>((res, rej) => {
    open.onsuccess = () => res(open.result);
    open.onerror = () => rej(open.error ?? new Error('open failed'));
  });
  const tx = db.transaction('meta', 'readwrite');
  tx.objectStore('meta').put({ key: 'generation', value });
  await new Promise<void>((res, rej) => {
    tx.oncomplete = () => res();
    tx.onerror = () => rej(tx.error ?? new Error('meta tx failed'));
  });
  db.close();
}

export interface HistoryPlan {
  /** Local day label of "today" in the browser's zone. */
  today: string;
  days: number;
  sites: number;
  perDay: number;
}

/** 730 days × ~150 sites a day out of 10,000 distinct ones, one page per site-day, in the
 *  documented dwell-export format. 30 "daily" sites every day; the rest rotate through a
 *  permutation so every site appears. Times from a seeded PRNG (mulberry32). */
export function makeHistory(p: HistoryPlan): ExportFile {
  const DAY = 86_400_000;
  const [y, m, d] = p.today.split('-').map(Number) as [number, number, number];
  const base = Date.UTC(y, m - 1, d);
  const core = 30;
  const rotating = p.perDay - core;
  const pool = p.sites - core;
  let seed = 0x9e3779b9;
  const rnd = (): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const days: ExportFile['days'] = [];
  for (let k = p.days - 1; k >= 0; k--) {
    const date = new Date(base - k * DAY).toISOString().slice(0, 10);
    const ids: number[] = [];
    for (let j = 0; j < core; j++) ids.push(j);
    // 7 is coprime with the pool size used here (9,970 = 2·5·997): distinct ids within a day.
    for (let j = 0; j < rotating; j++) ids.push(core + (((k * rotating + j) * 7) % pool));
    const sites: ExportSite[] = ids.map((id) => {
      const ms = Math.round((id < core ? 60_000 + rnd() * 540_000 : 10_000 + rnd() * 170_000));
      const visits = 1 + Math.floor(rnd() * 5);
      return {
        domain: `site-${id}.com`,
        ms,
        visits,
        pages: [{ url: `https://site-${id}.com/p/${k % 17}`, title: `Site ${id} — page ${k % 17}`, ms }],
      };
    });
    days.push({ date, sites });
  }
  return { format: 'dwell-export', version: 1, exportedAt: new Date(base).toISOString(), days };
}

/** Source that installs these functions on the worker's global scope as self.__bench. */
export function installSource(): string {
  const fns = { makeEvents, seedEvents, rawDrain, countDwellEvents, bumpGeneration, makeHistory };
  return `self.__bench = { ${Object.entries(fns).map(([k, f]) => `${k}: (${f.toString()})`).join(',\n')} }`;
}

export interface BenchGlobal {
  makeEvents: typeof makeEvents;
  seedEvents: typeof seedEvents;
  rawDrain: typeof rawDrain;
  countDwellEvents: typeof countDwellEvents;
  bumpGeneration: typeof bumpGeneration;
  makeHistory: typeof makeHistory;
}
