// The popup's data path: direct read with fallback to messages, and the non-overlapping ticker.
import { describe, expect, it } from 'vitest';
import type { QueryResult, Range } from '../../src/core/api.ts';
import { directSource, messageSource, withFallback, type StatsSource } from '../../src/ui/stats-source.ts';
import { createTicker, type Timers } from '../../src/ui/ticker.ts';

const answer = (totalMs: number): QueryResult => ({ range: 'all', now: 0, today: '2024-03-10', totalMs, sites: [], daily: [], current: null, pending: 0 });
const RANGE: Range = { from: '2024-03-10', to: '2024-03-10' };

describe('stats sources', () => {
  it('message source sends a query command with the range and options', async () => {
    const sent: unknown[] = [];
    const src = messageSource(async (cmd) => {
      sent.push(cmd);
      return answer(7) as never;
    });
    expect((await src.query(RANGE, { pages: 'a.com', now: 5 })).totalMs).toBe(7);
    expect(sent).toEqual([{ type: 'query', range: RANGE, pages: 'a.com', now: 5 }]);
  });

  it('direct source opens the database once and passes range and options through', async () => {
    let opens = 0;
    const calls: unknown[] = [];
    const src = directSource(
      async () => ({ id: ++opens }),
      async (db, range, opts) => {
        calls.push([db, range, opts]);
        return answer(1);
      },
    );
    await src.query(RANGE, { now: 1 });
    await src.query('all');
    expect(opens).toBe(1);
    expect(calls).toEqual([[{ id: 1 }, RANGE, { now: 1 }], [{ id: 1 }, 'all', {}]]);
  });

  it('direct source does not cache a failed open', async () => {
    let opens = 0;
    const src = directSource(
      async () => {
        if (++opens === 1) throw new Error('blocked');
        return 'db';
      },
      async () => answer(2),
    );
    await expect(src.query(RANGE)).rejects.toThrow('blocked');
    expect((await src.query(RANGE)).totalMs).toBe(2);
    expect(opens).toBe(2);
  });

  it('falls back to messages when the direct read throws, and stays there', async () => {
    let directCalls = 0;
    const direct: StatsSource = {
      query: async () => {
        directCalls++;
        throw new Error('no IndexedDB');
      },
    };
    const message: StatsSource = { query: async () => answer(9) };
    const reasons: unknown[] = [];
    const src = withFallback(direct, message, (e) => reasons.push(e));
    expect((await src.query(RANGE)).totalMs).toBe(9);
    expect((await src.query(RANGE)).totalMs).toBe(9);
    expect(directCalls).toBe(1);
    expect(reasons).toHaveLength(1);
  });

  it('uses the direct source while it works', async () => {
    const src = withFallback({ query: async () => answer(1) }, { query: async () => answer(2) });
    expect((await src.query(RANGE)).totalMs).toBe(1);
  });
});

/** Timers driven by the test: nothing fires until fire() is called. */
function manualTimers(): Timers & { pending: number; fire(): void } {
  const queue = new Map<number, () => void>();
  let id = 0;
  return {
    set(fn) {
      queue.set(++id, fn);
      return id;
    },
    clear(h) {
      queue.delete(h as number);
    },
    get pending() {
      return queue.size;
    },
    fire() {
      const fns = [...queue.values()];
      queue.clear();
      fns.forEach((f) => f());
    },
  };
}

/** A task whose runs the test finishes by hand. */
function gatedTask() {
  const gates: Array<() => void> = [];
  let runs = 0;
  return {
    task: () => {
      runs++;
      return new Promise<void>((resolve) => gates.push(resolve));
    },
    get runs() {
      return runs;
    },
    finish() {
      gates.shift()?.();
    },
  };
}

describe('ticker', () => {
  it('runs at once, then schedules the next run only after a run ends', async () => {
    const timers = manualTimers();
    const t = gatedTask();
    const ticker = createTicker(t.task, 1000, () => undefined, timers);
    const first = ticker.start();
    expect(t.runs).toBe(1);
    expect(timers.pending).toBe(0); // nothing scheduled while a run is in flight
    t.finish();
    await first;
    expect(timers.pending).toBe(1);
    timers.fire();
    expect(t.runs).toBe(2);
  });

  it('never overlaps: a kick during a run causes exactly one more run after it', async () => {
    const timers = manualTimers();
    const t = gatedTask();
    const ticker = createTicker(t.task, 1000, () => undefined, timers);
    const first = ticker.start();
    const k1 = ticker.kick();
    const k2 = ticker.kick();
    expect(t.runs).toBe(1);
    t.finish();
    await new Promise((resolve) => setImmediate(resolve)); // drain microtasks
    expect(t.runs).toBe(2);
    t.finish();
    await Promise.all([first, k1, k2]);
    expect(t.runs).toBe(2);
  });

  it('reports a failing run and keeps ticking', async () => {
    const timers = manualTimers();
    const errors: unknown[] = [];
    let runs = 0;
    const ticker = createTicker(
      async () => {
        if (++runs === 1) throw new Error('read failed');
      },
      1000,
      (e) => errors.push(e),
      timers,
    );
    await ticker.start();
    expect(errors).toEqual([new Error('read failed')]);
    expect(timers.pending).toBe(1);
  });

  it('stops scheduling after stop()', async () => {
    const timers = manualTimers();
    const ticker = createTicker(async () => undefined, 1000, () => undefined, timers);
    await ticker.start();
    expect(timers.pending).toBe(1);
    ticker.stop();
    expect(timers.pending).toBe(0);
  });
});
