// The raw event log under the fold (db/events.ts, db/refold.ts, db/fold-batch.ts, db/tx.ts), read
// and written directly on a database of its own: retention deletes exactly the expired prefix and
// no more than asked; a read-only refold reads every chunk and only the stretch asked for; a
// backlog is folded to its end whatever the chunk size; a corrupt record at the end of a batch
// moves the sequence past it (it is not a lost write); a failed request inside a transaction is
// reported once, by the transaction.
import { afterEach, describe, expect, it } from 'vitest';
import { openDwellDb, type DwellDb } from '../../src/db/open.ts';
import { appendEvents, expireEvents } from '../../src/db/events.ts';
import { refold } from '../../src/db/refold.ts';
import { foldBacklog, foldBatch } from '../../src/db/fold-batch.ts';
import { emptyCursor } from '../../src/db/meta.ts';
import { initialState } from '../../src/core/state.ts';
import { txOf } from '../../src/db/tx.ts';
import type { DwellEvent } from '../../src/core/events.ts';
import { SECOND, story } from '../fixtures/story.ts';

let dbs = 0;
const opened: DwellDb[] = [];
async function freshDb(): Promise<DwellDb> {
  const db = await openDwellDb(`event-log-${++dbs}-${Date.now()}`);
  opened.push(db);
  return db;
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/** news.test in front from 10:00:00 (focus, activated, tab: seqs 1–3), then a heartbeat every 10 s. */
function newsWithBeats(beats: number): DwellEvent[] {
  const s = story().at('10:00:00').focus(1).switchTo(1, 1, 'https://news.test/', { title: 'News' });
  for (let i = 0; i < beats; i++) s.after(10 * SECOND).beat();
  return s.events;
}

const seqs = async (db: DwellDb): Promise<number[]> => db.getAllKeys('events');

describe('raw-event retention (expireEvents)', () => {
  it('ten events 1 s apart, cut-off at the 5th event\'s time: the four before it go, the 5th (at the cut-off) stays', async () => {
    const db = await freshDb();
    const s = story().at('09:00:00');
    for (let i = 0; i < 10; i++) s.beat().after(SECOND);
    await appendEvents(db, s.events);
    const cutoff = s.events[4]!.t;
    expect(await expireEvents(db, 10, cutoff, 100)).toBe(4);
    expect(await seqs(db)).toEqual([5, 6, 7, 8, 9, 10]);
  });

  it('all ten expired but at most 3 per run: 3 go, then 3 more at the next run', async () => {
    const db = await freshDb();
    const s = story().at('09:00:00');
    for (let i = 0; i < 10; i++) s.beat().after(SECOND);
    await appendEvents(db, s.events);
    const cutoff = s.now + SECOND;
    expect(await expireEvents(db, 10, cutoff, 3)).toBe(3);
    expect(await seqs(db)).toEqual([4, 5, 6, 7, 8, 9, 10]);
    expect(await expireEvents(db, 10, cutoff, 3)).toBe(3);
    expect(await seqs(db)).toEqual([7, 8, 9, 10]);
  });
});

describe('a read-only refold of the log', () => {
  it('news.test with 25 beats read 4 events per chunk: all 28 read, 250 s counted, the same as one chunk', async () => {
    const db = await freshDb();
    await appendEvents(db, newsWithBeats(25));
    const tx = txOf(db, ['events'], 'readonly');
    const chunked = await refold(tx, initialState(), 0, Number.POSITIVE_INFINITY, 4);
    const whole = await refold(tx, initialState(), 0, Number.POSITIVE_INFINITY, 1000);
    expect(chunked.read).toBe(28);
    expect(chunked.lastGood?.seq).toBe(28);
    expect(chunked.state).toEqual(whole.state);
    expect(chunked.state.lastSeq).toBe(28);
    expect(chunked.deltas).toEqual(whole.deltas);
  });

  it('the stretch after seq 2 up to seq 12 (10 beats, 100 s), read 5 per chunk: exactly seqs 3…12', async () => {
    const db = await freshDb();
    await appendEvents(db, newsWithBeats(25));
    const tx = txOf(db, ['events'], 'readonly');
    const r = await refold(tx, initialState(), 2, 12, 5);
    expect(r.read).toBe(10);
    expect([r.firstGood?.seq, r.lastGood?.seq]).toEqual([3, 12]);
  });

  it('nothing after the watermark up to it (after = upTo), or a chunk ending exactly at upTo: nothing more is read, no error', async () => {
    const db = await freshDb();
    await appendEvents(db, newsWithBeats(8));
    const tx = txOf(db, ['events'], 'readonly');
    expect((await refold(tx, initialState(), 10, 10, 5)).read).toBe(0);
    const r = await refold(tx, initialState(), 0, 10, 5);
    expect([r.read, r.lastGood?.seq]).toEqual([10, 10]);
  });
});

describe('folding a backlog into the aggregates (foldBacklog, foldBatch)', () => {
  it('news.test with 25 beats folded 4 events per read: the cursor ends at seq 28, every event folded', async () => {
    const db = await freshDb();
    await appendEvents(db, newsWithBeats(25));
    const tx = txOf(db, ['events', 'meta', 'days', 'siteTotals', 'dayTotals'], 'readwrite');
    const cursor = await foldBacklog(tx, emptyCursor(), { sequenceTracking: true }, 4);
    await tx.done;
    expect(cursor.watermark).toBe(28);
    expect(cursor.state.lastSeq).toBe(28);
    expect(await db.get('meta', 'cursor')).toEqual(cursor);
  });

  it('a batch ending in a corrupt record (seq 4): the sequence moves past it, so the next batch counts no lost write', async () => {
    const db = await freshDb();
    const events = story().at('10:00:00').focus(1).switchTo(1, 1, 'https://news.test/').after(10 * SECOND).beat().events;
    const corrupt = { seq: 4, t: 'not a time', k: 'tab' } as unknown as DwellEvent;
    const tx = txOf(db, ['meta', 'days', 'siteTotals', 'dayTotals'], 'readwrite');
    const first = await foldBatch(tx, emptyCursor(), [...events.slice(0, 3), corrupt], { sequenceTracking: true });
    expect([first.cursor.watermark, first.cursor.state.lastSeq, first.corrupt]).toEqual([4, 4, 1]);
    const second = await foldBatch(tx, first.cursor, [{ ...events[3]!, seq: 5 }], { sequenceTracking: true });
    await tx.done;
    expect(second.gaps).toBe(0);
    expect(second.cursor.state.counters).toMatchObject({ corrupt: 1, gaps: first.gaps });
  });
});

describe('a failed request inside a transaction (quiet)', () => {
  it('appending seq 1 again: the transaction aborts, and no second unhandled rejection is left behind', async () => {
    const db = await freshDb();
    await appendEvents(db, newsWithBeats(0));
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      await expect(appendEvents(db, newsWithBeats(0).slice(0, 1))).rejects.toMatchObject({ name: 'AbortError' });
      await new Promise((r) => setTimeout(r, 20));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
    expect(await seqs(db)).toEqual([1, 2, 3]);
  });
});
