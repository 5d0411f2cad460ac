// 1. Aggregator throughput vs the raw IndexedDB bound, and 2. memory bounded by batch size.
// Both in one browser: the backlog is seeded straight into the extension's own `dwell` database
// from its worker, the aggregator is driven through the aggregateNow command.
import type { Diagnostics, RunSummary } from '../src/core/api.ts';
import { clearAlarms, launch, setSettings, type Bench } from './launch.ts';
import { installSource, type BenchGlobal, type EventPlan } from './seed.ts';
import { fmtInt, fmtMB, fmtMs, median, type Row } from './stats.ts';
import { breakdown, describe, installTraceSource, type BatchBreakdown, type TraceDump } from './trace.ts';

const BATCH = 1000;
/** Raw-bound databases (same origin, same backing store as `dwell`), kept across runs like the
 *  `dwell` events store so both accumulate the same history of deletes. */
const RAW_BOUND = 'dwell-bench-raw-bound';
const RAW_UPPER = 'dwell-bench-raw-upper';
const SETTLE_MS = 2000;
const SPAN = 2 ** 20;

type T = { __trace: { start(): void; stop(): TraceDump } };
type G = { __bench: BenchGlobal; gc?: () => void; dwell: { handle(c: unknown): Promise<{ ok: boolean; result?: unknown; error?: string }> } };

export interface Backlog {
  next: number;
  gen: number;
  t: number;
}

/** Drains whatever the worker has pending (its start-up events), retrying while another run
 *  (the start-up aggregation) holds the lease. */
async function settle(b: Bench): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const r = await b.handle({ type: 'aggregateNow' });
    if (r.lock !== 'skipped') return;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error('the aggregator lease stayed taken for 5 s');
}

export async function prepare(b: Bench): Promise<Backlog> {
  await b.sw.evaluate(installSource());
  await b.sw.evaluate(installTraceSource());
  await setSettings(b, { batchSize: BATCH, rawEventRetentionDays: 0 });
  await clearAlarms(b);
  await settle(b);
  const d = await b.handle({ type: 'diagnostics' });
  return { next: 0, gen: d.generation + 1000, t: Date.now() + 1000 };
}

/** Seeds n events above everything written so far into `dwell`, and the same records into each
 *  raw database asked for (all at once: the puts interleave in one backing store). */
async function seed(b: Bench, bl: Backlog, n: number, chunk: number, raw: readonly string[]): Promise<EventPlan> {
  const plan: EventPlan = { generation: bl.gen + bl.next, t0: bl.t, n };
  const fresh = bl.next === 0;
  bl.next += 1;
  // A worker restart must take a generation above the backlog (never below the watermark).
  await b.inWorker((g: number) => (self as unknown as G).__bench.bumpGeneration(g), plan.generation, 'bump generation');
  const results = await b.inWorker(
    (a: { plan: EventPlan; chunk: number; raw: string[]; fresh: boolean }) => {
      const B = (self as unknown as G).__bench;
      return Promise.all([
        B.seedEvents({ dbName: 'dwell', plan: a.plan, chunk: a.chunk, fresh: false }),
        ...a.raw.map((dbName) => B.seedEvents({ dbName, plan: a.plan, chunk: a.chunk, fresh: a.fresh })),
      ]);
    },
    { plan, chunk, raw: [...raw], fresh },
    `seeding ${n} events into ${1 + raw.length} database(s)`,
    300_000,
  );
  bl.t = results[0].lastT + 1000;
  await b.inWorker(() => (self as unknown as G).gc?.(), undefined, 'gc');
  // Let the backing store absorb the burst of writes before anything is timed.
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  return plan;
}

type RawResult = { events: number; batches: number; ms: number; left: number };
const rawDrain = (b: Bench, dbName: string, plan: EventPlan, mode: 'bound' | 'upper'): Promise<RawResult> =>
  b.inWorker((x) => (self as unknown as G).__bench.rawDrain(x), { dbName, batch: BATCH, from: plan.generation * SPAN - 1, delete: mode }, `raw drain (${mode})`, 180_000);

interface AggRun {
  summary: RunSummary;
  ms: number;
}

async function aggregateTimed(b: Bench): Promise<AggRun> {
  return b.inWorker(
    async () => {
      const t0 = performance.now();
      const res = await (self as unknown as G).dwell.handle({ type: 'aggregateNow' });
      const ms = performance.now() - t0;
      if (!res.ok) throw new Error(`aggregateNow failed: ${res.error}`);
      return { summary: res.result as RunSummary, ms };
    },
    undefined,
    'aggregateNow (timed)',
    180_000,
  );
}

async function checkDrained(b: Bench, expected: number, summary: RunSummary): Promise<Diagnostics> {
  if (summary.lock === 'skipped') throw new Error('aggregateNow was skipped: another run held the lease');
  if (summary.events < expected) throw new Error(`aggregateNow folded ${summary.events} events, expected ≥ ${expected}`);
  const d = await b.handle({ type: 'diagnostics' });
  const left = await b.inWorker(() => (self as unknown as G).__bench.countDwellEvents(), undefined, 'count events');
  if (d.pending !== 0 || left !== 0) throw new Error(`backlog not drained: pending ${d.pending}, events in store ${left}`);
  if (d.errors.length > 0) throw new Error(`engine logged errors: ${d.errors.map((e) => e.message).join('; ')}`);
  return d;
}

export async function throughput(b: Bench, bl: Backlog, n: number, runs: number): Promise<{ rows: Row[]; log: string[] }> {
  const agg: number[] = [];
  const raw: number[] = [];
  const upper: number[] = [];
  const ratio: number[] = [];
  const perBatch: number[] = [];
  const log: string[] = [];
  const traces = new Map<string, BatchBreakdown[]>();
  for (let r = 0; r < runs; r++) {
    // The upperBound-delete diagnostic runs in the first run only (it costs a third seeding).
    const withUpper = r === 0;
    const plan = await seed(b, bl, n, n, withUpper ? [RAW_BOUND, RAW_UPPER] : [RAW_BOUND]);
    let a: AggRun | null = null;
    let w: RawResult | null = null;
    let u: RawResult | null = null;
    // Rotate the order so no side always runs first after the seeding burst. Every step is traced
    // (bench/trace.ts): the same small overhead on each side.
    const steps = [
      async () => void (a = await aggregateTimed(b)),
      async () => void (w = await rawDrain(b, RAW_BOUND, plan, 'bound')),
      ...(withUpper ? [async () => void (u = await rawDrain(b, RAW_UPPER, plan, 'upper'))] : []),
    ];
    for (let i = 0; i < steps.length; i++) {
      await b.inWorker(() => (self as unknown as T).__trace.start(), undefined, 'trace start');
      await steps[(i + r) % steps.length]!();
      const dump = await b.inWorker(() => (self as unknown as T).__trace.stop(), undefined, 'trace stop');
      for (const db of ['dwell', RAW_BOUND, RAW_UPPER]) {
        const bd = breakdown(dump, db);
        if (bd.batches > 0) (traces.get(db) ?? traces.set(db, []).get(db)!).push(bd);
      }
    }
    const [A, W, U] = [a as AggRun | null, w as RawResult | null, u as RawResult | null];
    if (!A || !W || (withUpper && !U)) throw new Error('a timed step did not run');
    for (const [name, x] of [['bound', W], ['upper', U]] as const) {
      if (x && (x.events !== n || x.left !== 0)) throw new Error(`raw drain (${name}) read ${x.events} of ${n}, ${x.left} left`);
    }
    await checkDrained(b, n, A.summary);
    const aggRate = (A.summary.events / A.ms) * 1000;
    const rawRate = (W.events / W.ms) * 1000;
    const upperRate = U ? (U.events / U.ms) * 1000 : NaN;
    agg.push(aggRate);
    raw.push(rawRate);
    if (U) upper.push(upperRate);
    ratio.push(aggRate / rawRate);
    perBatch.push(A.ms / Math.max(1, A.summary.batches));
    log.push(
      `run ${r + 1}: aggregator ${A.summary.events} events in ${A.ms.toFixed(0)} ms (${A.summary.batches} batches) = ${fmtInt(aggRate)}/s; ` +
        `raw bound ${fmtInt(rawRate)}/s (${W.ms.toFixed(0)} ms); ${U ? `raw with upperBound delete ${fmtInt(upperRate)}/s (${U.ms.toFixed(0)} ms); ` : ''}ratio ${(aggRate / rawRate).toFixed(2)}`,
    );
  }
  for (const [db, label] of [['dwell', 'aggregator'], [RAW_BOUND, 'raw bound'], [RAW_UPPER, 'raw, upperBound delete']] as const) {
    for (const [i, bd] of (traces.get(db) ?? []).entries()) log.push(`trace run ${i + 1}, ${label}: ${describe(bd)}`);
  }
  const aggTrace = traces.get('dwell') ?? [];
  const cat = (k: string): number => median(aggTrace.map((t) => t.perBatch[k] ?? 0));
  const keys = [...new Set(aggTrace.flatMap((t) => Object.keys(t.perBatch)))].sort((x, y) => cat(y) - cat(x));
  const bound = traces.get(RAW_BOUND) ?? [];
  const ratioMed = median(ratio);
  return {
    log,
    rows: [
      { metric: `Aggregator throughput, ${fmtInt(n)}-event backlog, batch ${BATCH} (median of ${runs})`, value: `${fmtInt(median(agg))} events/s`, target: '—', pass: null },
      { metric: `Raw IndexedDB bound: getAll ${BATCH} + delete bound(first, last) per txn (median of ${runs})`, value: `${fmtInt(median(raw))} events/s`, target: '—', pass: null },
      { metric: 'Aggregator / raw bound (median of per-run ratios)', value: ratioMed.toFixed(2), target: '≥ 0.70', pass: ratioMed >= 0.7 },
      { metric: `Aggregator time per batch of ${BATCH} (median)`, value: fmtMs(median(perBatch)), target: '—', pass: null },
      { metric: `Diagnostic: the raw loop with the aggregator's delete shape, upperBound(last) instead of bound(first, last) (run 1 only)`, value: `${fmtInt(median(upper))} events/s`, target: '—', pass: null },
      ...keys.map((k) => {
        const count = median(aggTrace.map((t) => t.countPerBatch[k] ?? 0));
        return { metric: `Aggregator batch breakdown (traced, median of ${runs}): ${k}${count ? ` — ${count.toFixed(0)} request(s)/batch` : ''}`, value: `${fmtMs(cat(k))} / batch`, target: '—', pass: null };
      }),
      {
        metric: 'Range delete per batch, first → last tenth of a drain (median of runs): aggregator, upperBound(last) vs raw bound, bound(first, last)',
        value: `${fmtMs(median(aggTrace.map((t) => t.deleteFirstTenth)))} → ${fmtMs(median(aggTrace.map((t) => t.deleteLastTenth)))} vs ${fmtMs(median(bound.map((t) => t.deleteFirstTenth)))} → ${fmtMs(median(bound.map((t) => t.deleteLastTenth)))}`,
        target: '—',
        pass: null,
      },
    ],
  };
}

export interface CpuSplit {
  wallMs: number;
  /** Worker idle: waiting for IndexedDB (the backend runs in the browser process). */
  idleMs: number;
  gcMs: number;
  /** Native IndexedDB calls in the worker: request creation, structured clone of values written,
   *  deserialization of values read (the `result` getter). */
  idbCallsMs: number;
  /** Everything else: the engine's JS (validation, fold, merge, the idb wrapper, bookkeeping). */
  engineJsMs: number;
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string } }>;
  samples: number[];
  timeDeltas: number[];
}

const IDB_NATIVE = new Set(['get', 'put', 'getAll', 'delete', 'add', 'count', 'get result', 'objectStore', 'transaction', 'openCursor', 'continue']);

function splitProfile(p: CpuProfile, wallMs: number): CpuSplit {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const s: CpuSplit = { wallMs, idleMs: 0, gcMs: 0, idbCallsMs: 0, engineJsMs: 0 };
  p.samples.forEach((id, i) => {
    const ms = (p.timeDeltas[i] ?? 0) / 1000;
    const f = byId.get(id)?.callFrame;
    const name = f?.functionName ?? '';
    if (name === '(idle)') s.idleMs += ms;
    else if (name === '(garbage collector)') s.gcMs += ms;
    else if (f && f.url === '' && IDB_NATIVE.has(name)) s.idbCallsMs += ms;
    else if (name !== '(program)' && name !== '(root)') s.engineJsMs += ms;
  });
  return s;
}

/** Growth of the worker's JS heap over a settled baseline while aggregateNow drains an n-event
 *  backlog, sampled over CDP (Runtime.getHeapUsage) every ~25 ms; every 4th sample first forces a
 *  full GC (HeapProfiler.collectGarbage), so it reads what the drain really holds ("live"); the
 *  others read V8's sawtooth. The drain is also CPU-profiled (250 µs sampling) to split its time. */
async function heapDuringDrain(b: Bench, bl: Backlog, n: number): Promise<{ live: number; sawtooth: number; retained: number; samples: number; ms: number; cpu: CpuSplit }> {
  await seed(b, bl, n, 10_000, []);
  await b.cdp.send('HeapProfiler.collectGarbage');
  const base = await b.cdp.heapUsed();
  let live = base;
  let saw = base;
  let samples = 0;
  let running = true;
  await b.cdp.send('Profiler.enable');
  await b.cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await b.cdp.send('Profiler.start');
  const sampler = (async () => {
    while (running) {
      const forced = samples % 4 === 3;
      if (forced) await b.cdp.send('HeapProfiler.collectGarbage');
      const used = await b.cdp.heapUsed();
      samples += 1;
      if (forced) live = Math.max(live, used);
      saw = Math.max(saw, used);
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  let a: AggRun;
  try {
    a = await aggregateTimed(b);
  } finally {
    running = false;
    await sampler;
  }
  const { profile } = await b.cdp.send<{ profile: CpuProfile }>('Profiler.stop');
  await b.cdp.send('Profiler.disable');
  await checkDrained(b, n, a.summary);
  await b.cdp.send('HeapProfiler.collectGarbage');
  const retained = (await b.cdp.heapUsed()) - base;
  return { live: live - base, sawtooth: saw - base, retained, samples, ms: a.ms, cpu: splitProfile(profile, a.ms) };
}

export async function memory(b: Bench, bl: Backlog, sizes: readonly [number, number]): Promise<{ rows: Row[]; log: string[] }> {
  const log: string[] = [];
  const [small, large] = sizes;
  const m = new Map<number, Awaited<ReturnType<typeof heapDuringDrain>>>();
  for (const n of sizes) {
    const x = await heapDuringDrain(b, bl, n);
    m.set(n, x);
    const c = x.cpu;
    log.push(`memory, ${n} events: live peak growth ${fmtMB(x.live)}, sawtooth peak growth ${fmtMB(x.sawtooth)}, retained after GC ${fmtMB(x.retained)} (${x.samples} samples over ${x.ms.toFixed(0)} ms)`);
    log.push(`CPU profile of that ${n}-event drain: wall ${c.wallMs.toFixed(0)} ms = waiting for IndexedDB ${c.idleMs.toFixed(0)} + IDB calls in the worker ${c.idbCallsMs.toFixed(0)} + engine JS ${c.engineJsMs.toFixed(0)} + GC ${c.gcMs.toFixed(0)} (incl. the forced ones) ms`);
  }
  const S = m.get(small)!;
  const L = m.get(large)!;
  // Bounded by the batch, not the backlog: 10× the backlog may not hold more than 2× (+1 MB).
  const bounded = L.live <= 2 * S.live + 1_048_576;
  const c = L.cpu;
  return {
    log,
    rows: [
      { metric: `Worker live JS heap peak growth (full GC before each reading), draining ${fmtInt(small)} events`, value: fmtMB(S.live), target: '—', pass: null },
      { metric: `Worker live JS heap peak growth (full GC before each reading), draining ${fmtInt(large)} events`, value: fmtMB(L.live), target: `≤ 2× the ${fmtInt(small)} value + 1 MB`, pass: bounded },
      { metric: `Worker JS heap peak growth over all readings (garbage not yet collected included), ${fmtInt(small)} / ${fmtInt(large)} events`, value: `${fmtMB(S.sawtooth)} / ${fmtMB(L.sawtooth)}`, target: '—', pass: null },
      { metric: `Worker JS heap retained after draining ${fmtInt(large)} events (after GC)`, value: fmtMB(L.retained), target: '—', pass: null },
      {
        metric: `Aggregator drain of ${fmtInt(large)} events, worker CPU profile: waiting for IndexedDB / IDB calls in worker / engine JS / GC`,
        value: [c.idleMs, c.idbCallsMs, c.engineJsMs, c.gcMs].map((x) => `${((100 * x) / c.wallMs).toFixed(0)}%`).join(' / '),
        target: '—',
        pass: null,
      },
    ],
  };
}

export async function runAggregatorBench(opts: { n: number; runs: number }): Promise<{ rows: Row[]; log: string[]; chromium: string }> {
  const b = await launch();
  try {
    const bl = await prepare(b);
    const t = await throughput(b, bl, opts.n, opts.runs);
    const m = await memory(b, bl, [opts.n / 10, opts.n]);
    return { rows: [...t.rows, ...m.rows], log: [...t.log, ...m.log], chromium: b.ctx.browser()?.version() ?? 'unknown' };
  } finally {
    await b.close();
  }
}
