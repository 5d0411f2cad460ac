// Appends events with strictly increasing, never reused sequence numbers.
// A worker takes a fresh generation in its own committed transaction at start; numbers are
// generation·2^20 + n, handed out synchronously in arrival order, and each event is written in
// its own transaction created in the same tick (IndexedDB runs them in creation order). A failed
// write leaves its number unused: a gap the aggregator reports. Nothing is awaited between a
// browser signal and the creation of its write.
import { seqOf, SEQ_SPAN, type DwellEvent, type EventBody } from '../core/events.ts';
import type { DwellDb } from '../db/open.ts';
import { appendEvents, } from '../db/events.ts';
import { nextGeneration } from '../db/meta.ts';
import type { Clock } from './ports.ts';

interface Waiting {
  body: EventBody;
  t: number;
  resolve: (seq: number | null) => void;
}

export class Recorder {
  private generation: number | null = null;
  private n = 0;
  private waiting: Waiting[] = [];
  private inflight = new Set<Promise<unknown>>();

  constructor(
    private readonly db: DwellDb,
    private readonly clock: Clock,
    private readonly onWriteError: (err: unknown, seqs: number[]) => void,
  ) {}

  get ready(): boolean {
    return this.generation !== null;
  }

  /** Takes a generation, then writes `first` (stamped at `at`) and everything queued so far in one
   *  transaction, then calls `then` synchronously so later signals follow in order. */
  async open(first: EventBody[], at: number, then?: () => void): Promise<void> {
    this.generation = await nextGeneration(this.db);
    const queued = this.waiting.splice(0);
    const batch = [...first.map((body) => ({ body, t: at, resolve: (_: number | null) => undefined })), ...queued];
    const events = batch.map((w) => this.stamp(w.body, w.t));
    const write = appendEvents(this.db, events).then(
      () => events.map((e) => e.seq),
      (err: unknown) => {
        this.onWriteError(err, events.map((e) => e.seq));
        return events.map(() => null);
      },
    );
    then?.();
    this.track(write);
    const seqs = await write;
    batch.forEach((w, i) => w.resolve(seqs[i] ?? null));
  }

  record(body: EventBody, at?: number): Promise<number | null> {
    const t = at ?? this.clock.now();
    if (!this.ready) return new Promise((resolve) => this.waiting.push({ body, t, resolve }));
    const e = this.stamp(body, t);
    const write = appendEvents(this.db, [e]).then(
      () => e.seq,
      (err: unknown) => {
        this.onWriteError(err, [e.seq]);
        return null;
      },
    );
    this.track(write);
    return write;
  }

  async flush(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  private stamp(body: EventBody, t: number): DwellEvent {
    if (this.generation === null) throw new Error('recorder not open');
    if (this.n >= SEQ_SPAN - 1) {
      // 2^20 events in one worker lifetime is far beyond real use; refuse rather than overlap.
      throw new Error('sequence space of this worker generation exhausted');
    }
    const seq = seqOf(this.generation, this.n);
    this.n += 1;
    return { ...body, seq, t, tz: this.clock.tzOffset(t) };
  }

  private track(p: Promise<unknown>): void {
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }
}
