// 3. Capture cost: what one recorded event costs on the real capture path.
//  a) the engine's record path in the worker (one readwrite transaction per event, as capture
//     does): sequential (each awaited) and a burst (all issued at once);
//  b) end to end: document.title changes in a real tab (tabs.onUpdated → capture → IndexedDB),
//     a burst of N, and single changes timed from the page's set to the event being stored.
import { clearAlarms, launch, startServer, type Bench } from './launch.ts';
import { fmtMs, median, type Row } from './stats.ts';

type Rec = { record(body: unknown): Promise<number | null> };
type G = { dwell: { ready: Promise<Rec> } };

/** The highest seq in the events store, read from a second connection. */
const maxSeqSource = async (): Promise<number> => {
  const open = indexedDB.open('dwell');
  const db = await new Promise<IDBDatabase>((res, rej) => {
    open.onsuccess = () => res(open.result);
    open.onerror = () => rej(open.error ?? new Error('open failed'));
  });
  const r = db.transaction('events').objectStore('events').openKeyCursor(null, 'prev');
  const key = await new Promise<number>((res, rej) => {
    r.onsuccess = () => res((r.result?.key as number | undefined) ?? 0);
    r.onerror = () => rej(r.error ?? new Error('cursor failed'));
  });
  db.close();
  return key;
};

/** Waits (polling the store) until `count` tab events whose title starts with `prefix` are stored
 *  above `after`; returns Date.now() when seen, and how many were there. */
const waitStoredSource = async (a: { after: number; prefix: string; count: number; timeoutMs: number }): Promise<{ at: number; seen: number }> => {
  const open = indexedDB.open('dwell');
  const db = await new Promise<IDBDatabase>((res, rej) => {
    open.onsuccess = () => res(open.result);
    open.onerror = () => rej(open.error ?? new Error('open failed'));
  });
  const deadline = Date.now() + a.timeoutMs;
  try {
    for (;;) {
      const r = db.transaction('events').objectStore('events').getAll(IDBKeyRange.lowerBound(a.after, true));
      const rows = await new Promise<Array<{ k: string; title?: string }>>((res, rej) => {
        r.onsuccess = () => res(r.result as Array<{ k: string; title?: string }>);
        r.onerror = () => rej(r.error ?? new Error('getAll failed'));
      });
      const seen = rows.filter((e) => e.k === 'tab' && typeof e.title === 'string' && e.title.startsWith(a.prefix)).length;
      if (seen >= a.count) return { at: Date.now(), seen };
      if (Date.now() > deadline) return { at: NaN, seen };
    }
  } finally {
    db.close();
  }
};

async function install(b: Bench): Promise<void> {
  await b.sw.evaluate(`self.__cap = { maxSeq: (${maxSeqSource.toString()}), waitStored: (${waitStoredSource.toString()}) }`);
}
type C = { __cap: { maxSeq: typeof maxSeqSource; waitStored: typeof waitStoredSource } };

export async function runCaptureBench(opts: { seq: number; burst: number; titles: number; singles: number }): Promise<{ rows: Row[]; log: string[] }> {
  const server = await startServer();
  const b = await launch();
  const log: string[] = [];
  try {
    await clearAlarms(b);
    await install(b);
    // a) engine record path.
    const engine = await b.inWorker(
      async (a: { seq: number; burst: number }) => {
        const e = await (self as unknown as G).dwell.ready;
        for (let i = 0; i < 20; i++) await e.record({ k: 'beat', scheduled: null }); // warm-up
        const t0 = performance.now();
        let failed = 0;
        for (let i = 0; i < a.seq; i++) if ((await e.record({ k: 'beat', scheduled: null })) === null) failed += 1;
        const t1 = performance.now();
        const all = await Promise.all(Array.from({ length: a.burst }, () => e.record({ k: 'beat', scheduled: null })));
        const t2 = performance.now();
        failed += all.filter((s) => s === null).length;
        return { seqMs: (t1 - t0) / a.seq, burstMs: (t2 - t1) / a.burst, failed };
      },
      { seq: opts.seq, burst: opts.burst },
      'engine record path',
    );
    if (engine.failed > 0) throw new Error(`${engine.failed} record() writes failed`);
    log.push(`engine record: sequential ${engine.seqMs.toFixed(3)} ms/event (${opts.seq}), burst ${engine.burstMs.toFixed(3)} ms/event (${opts.burst})`);

    // b) real tab: title changes.
    const page = await b.ctx.newPage();
    await page.goto(`http://capture.test:${server.port}/`);
    await page.bringToFront();
    let after = await b.inWorker(() => (self as unknown as C).__cap.maxSeq(), undefined, 'max seq');
    const wait = (prefix: string, count: number) =>
      b.inWorker((a) => (self as unknown as C).__cap.waitStored(a), { after, prefix, count, timeoutMs: 15_000 }, `waiting for ${count} "${prefix}" events`, 30_000);
    // Warm the path (the first title change after a navigation also carries the page load).
    await page.evaluate(() => void (document.title = 'warm'));
    await wait('warm', 1);

    after = await b.inWorker(() => (self as unknown as C).__cap.maxSeq(), undefined, 'max seq');
    const start = await page.evaluate(async (n: number) => {
      const t = Date.now();
      for (let i = 0; i < n; i++) {
        document.title = `burst ${i}`;
        // One title per task: the browser may coalesce title changes made in the same task.
        await new Promise((r) => setTimeout(r, 0));
      }
      return t;
    }, opts.titles);
    const burst = await wait('burst ', opts.titles);
    const burstPer = (burst.at - start) / opts.titles;
    log.push(`title burst: ${burst.seen}/${opts.titles} stored in ${(burst.at - start).toFixed(0)} ms`);

    const singles: number[] = [];
    for (let i = 0; i < opts.singles; i++) {
      after = await b.inWorker(() => (self as unknown as C).__cap.maxSeq(), undefined, 'max seq');
      const setAt = await page.evaluate((k: number) => {
        document.title = `single ${k}`;
        return Date.now();
      }, i);
      const got = await wait(`single ${i}`, 1);
      singles.push(got.at - setAt);
    }
    log.push(`single title change → stored: ${singles.map((x) => x.toFixed(0)).join(', ')} ms`);
    await page.close();
    return {
      log,
      rows: [
        { metric: `Capture: engine record path, sequential, ms/event (${opts.seq} events)`, value: fmtMs(engine.seqMs, 3), target: '—', pass: null },
        { metric: `Capture: engine record path, burst of ${opts.burst}, ms/event`, value: fmtMs(engine.burstMs, 3), target: '—', pass: null },
        {
          metric: `Capture: ${opts.titles} document.title changes in a real tab → stored, ms/event`,
          value: Number.isFinite(burstPer) ? fmtMs(burstPer, 2) : `${burst.seen}/${opts.titles} stored`,
          target: '—',
          pass: null,
        },
        { metric: `Capture: one title change → event stored, latency (median of ${opts.singles})`, value: fmtMs(median(singles)), target: '—', pass: null },
      ],
    };
  } finally {
    await b.close();
    await server.close();
  }
}
