// Appends events with strictly increasing, never reused sequence numbers.
// A worker takes a fresh generation in its own committed transaction at start; numbers are
// generation·2^20 + n, handed out synchronously in arrival order, and each event is written in
// its own transaction created in the same tick (IndexedDB runs them in creation order). A failed
// write leaves its number unused: a gap the aggregator reports. Nothing is awaited between a
// browser signal and the creation of its write.
//
// A generation holds 2^20 numbers; a flood of events can use them up in minutes. Half-way through,
// the recorder takes the next generation (committed, like the first), so when the last number is
// reached its successor is already safe to use. The last number goes to a seal — a `beat`,
// evidence only, at the time of the event that follows — written in one transaction with the
// first event of the successor: the seal says where the old generation ended, so writes lost just
// before it are gaps like any other (core/sequence.ts). Should the successor not be there yet (its
// transaction failed or is slow), events wait in memory, in order, and the taking is retried.
import { seqOf, SEQ_SPAN, type DwellEvent, type EventBody } from '../core/events.ts';
import type { DwellDb } from '../db/open.ts';
import { appendEvents } from '../db/events.ts';
import { countRollover, nextGeneration } from '../db/meta.ts';
import type { Clock } from './ports.ts';

interface Waiting {
  body: EventBody;
  t: number;
  resolve: (seq: number | null) => void;
}

export interface RecorderOptions {
  /** Numbers per generation, at most 2^20 (tests shrink it to reach a rollover in a few events). */
  span?: number;
  /** Sees every body handed to record(), in order, before it is stamped (title coalescing). */
  beforeRecord?: (body: EventBody) => void;
}

const ignore = (_: number | null): void => undefined;

export class Recorder {
  private generation: number | null = null;
  /** The generation that follows this one, taken in advance (committed). */
  private successor: number | null = null;
  private taking = false;
  private n = 0;
  private waiting: Waiting[] = [];
  private inflight = new Set<Promise<unknown>>();
  private readonly span: number;

  constructor(
    private readonly db: DwellDb,
    private readonly clock: Clock,
    private readonly onError: (where: string, err: unknown) => void,
    private readonly options: RecorderOptions = {},
  ) {
    this.span = options.span ?? SEQ_SPAN;
    if (!Number.isInteger(this.span) || this.span < 2 || this.span > SEQ_SPAN) throw new RangeError(`span must be an integer in [2, ${SEQ_SPAN}]`);
  }

  get ready(): boolean {
    return this.generation !== null;
  }

  /** Takes a generation, then writes `first` (stamped at `at`) and everything queued so far in one
   *  transaction, then calls `then` synchronously so later signals follow in order. */
  async open(first: EventBody[], at: number, then?: () => void): Promise<void> {
    this.generation = await nextGeneration(this.db);
    this.n = 0;
    const write = this.append([...first.map((body) => ({ body, t: at, resolve: ignore })), ...this.waiting.splice(0)]);
    then?.();
    await write;
  }

  record(body: EventBody, at?: number): Promise<number | null> {
    const t = at ?? this.clock.now();
    this.options.beforeRecord?.(body);
    return new Promise((resolve) => {
      const w: Waiting = { body, t, resolve };
      // Behind whatever waits (for the first generation or for a successor), to keep the order.
      if (this.ready && this.waiting.length === 0) void this.append([w]);
      else this.waiting.push(w);
      if (this.ready) this.takeSuccessorIfDue();
    });
  }

  async flush(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  /** Stamps `batch` in order and writes it in one transaction (created now). What does not fit
   *  before the generation runs out without a successor waits. */
  private append(batch: Waiting[]): Promise<void> {
    const events: DwellEvent[] = [];
    const owners: Array<Waiting | null> = [];
    let i = 0;
    for (; i < batch.length; i++) {
      const w = batch[i]!;
      if (this.n === this.span - 1) {
        if (this.successor === null) break;
        events.push(this.stamp({ k: 'beat', scheduled: null }, w.t));
        owners.push(null);
        this.rollOver();
      }
      events.push(this.stamp(w.body, w.t));
      owners.push(w);
    }
    this.waiting.unshift(...batch.slice(i));
    this.takeSuccessorIfDue();
    if (events.length === 0) return Promise.resolve();
    const write = appendEvents(this.db, events).then(
      () => true,
      (err: unknown) => {
        this.onError(`write of event ${events.map((e) => e.seq).join(',')}`, err);
        return false;
      },
    );
    this.track(write);
    return write.then((ok) => owners.forEach((w, k) => w?.resolve(ok ? events[k]!.seq : null)));
  }

  private stamp(body: EventBody, t: number): DwellEvent {
    if (this.generation === null) throw new Error('recorder not open');
    const seq = seqOf(this.generation, this.n);
    this.n += 1;
    return { ...body, seq, t, tz: this.clock.tzOffset(t) };
  }

  private rollOver(): void {
    this.generation = this.successor;
    this.successor = null;
    this.n = 0;
    this.track(countRollover(this.db).catch((err: unknown) => this.onError('count a sequence rollover', err)));
  }

  /** From half-way through a generation on: take its successor, once at a time; then write what
   *  waited for it. After a failure the next record() tries again (never a loop of its own). */
  private takeSuccessorIfDue(): void {
    if (this.taking || this.successor !== null || this.n < Math.floor(this.span / 2)) return;
    this.taking = true;
    const taken = nextGeneration(this.db).then(
      (g) => {
        this.taking = false;
        this.successor = g;
        return this.waiting.length > 0 ? this.append(this.waiting.splice(0)) : undefined;
      },
      (err: unknown) => {
        this.taking = false;
        this.onError('take the next sequence generation', err);
      },
    );
    this.track(taken);
  }

  private track(p: Promise<unknown>): void {
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }
}
