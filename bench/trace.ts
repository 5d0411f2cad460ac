// Where a batch's time goes, from inside the worker without touching the product: the IndexedDB
// prototypes are wrapped (bench only) to timestamp every request on creation and on success, and
// every readwrite transaction on creation and completion. IndexedDB runs a transaction's requests
// in order, so the time between one request's success and the next one's is what the backend spent
// on the next request (or, when the next one was created later, what the worker's JS spent first).

export interface TraceOp {
  tx: number;
  /** e.g. "events.getAll", "days.get", "meta.put" */
  op: string;
  created: number;
  done: number;
}
export interface TraceTx {
  id: number;
  db: string;
  created: number;
  done: number;
}
export interface TraceDump {
  ops: TraceOp[];
  txs: TraceTx[];
}

/** Installed in the worker once: self.__trace.start() / stop() → TraceDump. */
export function installTraceSource(): string {
  const install = () => {
    type Op = { tx: number; op: string; created: number; done: number };
    type Tx = { id: number; db: string; created: number; done: number };
    const state = { on: false, ops: [] as Op[], txs: [] as Tx[], ids: new WeakMap<IDBTransaction, number>() };
    const proto = IDBObjectStore.prototype as unknown as Record<string, (...a: unknown[]) => IDBRequest>;
    for (const name of ['get', 'getAll', 'getAllKeys', 'put', 'add', 'delete', 'count', 'openCursor', 'clear']) {
      const orig = proto[name];
      if (!orig) continue;
      proto[name] = function (this: IDBObjectStore, ...args: unknown[]) {
        const req = orig.apply(this, args);
        if (state.on) {
          const tx = state.ids.get(this.transaction);
          if (tx !== undefined) {
            const rec: Op = { tx, op: `${this.name}.${name}`, created: performance.now(), done: NaN };
            state.ops.push(rec);
            // Added before the caller can add its own: runs first, before any continuation.
            req.addEventListener('success', () => {
              rec.done = performance.now();
            });
          }
        }
        return req;
      };
    }
    const dbProto = IDBDatabase.prototype as unknown as { transaction: (...a: unknown[]) => IDBTransaction };
    const txOrig = dbProto.transaction;
    dbProto.transaction = function (this: IDBDatabase, ...args: unknown[]) {
      const tx = txOrig.apply(this, args);
      if (state.on && tx.mode === 'readwrite') {
        const rec: Tx = { id: state.txs.length, db: this.name, created: performance.now(), done: NaN };
        state.txs.push(rec);
        state.ids.set(tx, rec.id);
        tx.addEventListener('complete', () => {
          rec.done = performance.now();
        });
      }
      return tx;
    };
    (self as unknown as { __trace: unknown }).__trace = {
      start() {
        state.ops = [];
        state.txs = [];
        state.on = true;
      },
      stop() {
        state.on = false;
        return { ops: state.ops, txs: state.txs };
      },
    };
  };
  return `(${install.toString()})()`;
}

export interface BatchBreakdown {
  batches: number;
  /** Mean ms per batch, by category. */
  perBatch: Record<string, number>;
  /** Mean requests per batch, by category. */
  countPerBatch: Record<string, number>;
  /** Mean ms per batch of the range delete, first and last tenth of the batches. */
  deleteFirstTenth: number;
  deleteLastTenth: number;
  totalPerBatch: number;
}

const AGG_STORES = new Set(['days', 'pages', 'siteTotals', 'dayTotals']);

function category(op: string): string {
  const [store = '', method = ''] = op.split('.');
  if (AGG_STORES.has(store)) return method === 'get' ? 'aggregate rows: get' : method === 'put' ? 'aggregate rows: put' : `aggregate rows: ${method}`;
  return op;
}

/** Breakdown of the readwrite transactions on `db` that read events (one per batch). */
export function breakdown(dump: TraceDump, db: string): BatchBreakdown {
  const byTx = new Map<number, TraceOp[]>();
  for (const o of dump.ops) (byTx.get(o.tx) ?? byTx.set(o.tx, []).get(o.tx)!).push(o);
  const sums: Record<string, number> = {};
  const counts: Record<string, number> = {};
  const add = (k: string, ms: number): void => {
    sums[k] = (sums[k] ?? 0) + Math.max(0, ms);
  };
  const deletes: number[] = [];
  let batches = 0;
  let total = 0;
  for (const tx of dump.txs) {
    if (tx.db !== db || !Number.isFinite(tx.done)) continue;
    const ops = (byTx.get(tx.id) ?? []).filter((o) => Number.isFinite(o.done)).sort((a, b) => a.done - b.done);
    // One batch = a transaction that read events and deleted what it folded (the final, empty
    // read of a drain deletes nothing and is left out).
    if (!ops.some((o) => o.op === 'events.getAll') || !ops.some((o) => o.op === 'events.delete')) continue;
    batches += 1;
    total += tx.done - tx.created;
    let prev = tx.created;
    let del = 0;
    for (const o of ops) {
      if (o.created > prev) add('worker JS between requests (validate, fold, merge, bookkeeping)', o.created - prev);
      const ms = o.done - Math.max(prev, o.created);
      add(category(o.op), ms);
      counts[category(o.op)] = (counts[category(o.op)] ?? 0) + 1;
      if (o.op === 'events.delete') del += ms;
      prev = o.done;
    }
    add('commit (after the last request)', tx.done - prev);
    deletes.push(del);
  }
  const perBatch: Record<string, number> = {};
  for (const [k, v] of Object.entries(sums)) perBatch[k] = v / Math.max(1, batches);
  const countPerBatch: Record<string, number> = {};
  for (const [k, v] of Object.entries(counts)) countPerBatch[k] = v / Math.max(1, batches);
  const tenth = Math.max(1, Math.floor(deletes.length / 10));
  const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
  return {
    batches,
    perBatch,
    countPerBatch,
    deleteFirstTenth: mean(deletes.slice(0, tenth)),
    deleteLastTenth: mean(deletes.slice(-tenth)),
    totalPerBatch: total / Math.max(1, batches),
  };
}

export const describe = (b: BatchBreakdown): string =>
  `${b.batches} batches, ${b.totalPerBatch.toFixed(1)} ms each: ` +
  Object.entries(b.perBatch)
    .sort((x, y) => y[1] - x[1])
    .map(([k, v]) => `${k} ${v.toFixed(1)}${b.countPerBatch[k] !== undefined ? ` (${b.countPerBatch[k].toFixed(1)} requests)` : ''}`)
    .join(', ') +
  `; range delete ${b.deleteFirstTenth.toFixed(1)} ms/batch in the first tenth → ${b.deleteLastTenth.toFixed(1)} in the last`;
