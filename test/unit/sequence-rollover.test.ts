// Sequence space exhaustion (issue 12, item 2): a generation holds 2^20 numbers, and a flood used
// to run through them in minutes, after which the recorder threw and nothing more was recorded. Now
// the recorder takes the next generation half-way through (committed, like the first), seals the
// old one at its last number (a `beat` written with the successor's first event) and goes on. The
// span is shrunk to 8 numbers here, so a rollover takes 7 events instead of a million; the
// aggregator and diagnostics are the real ones, over the same database.
import { afterEach, describe, expect, it } from 'vitest';
import { Recorder } from '../../src/background/recorder.ts';
import { generationOf, indexOf, SEQ_SPAN, type DwellEvent, type EventBody } from '../../src/core/events.ts';
import { readGeneration } from '../../src/db/meta.ts';
import { openDwellDb, type DwellDb } from '../../src/db/open.ts';
import { FakeClock, FakeWorld, type TestWorker } from '../fixtures/fake-browser.ts';
import { armFailureAt, disarm } from '../fixtures/faults.ts';

const SPAN = 8;
let dbs = 0;
const opened: DwellDb[] = [];
const workers: Array<{ world: FakeWorld; worker: TestWorker }> = [];

afterEach(() => {
  disarm();
  for (const { world, worker } of workers.splice(0)) world.retire(worker);
  for (const db of opened.splice(0)) db.close();
});

/** A recorder with 8 numbers per generation, opened as a worker start opens it. */
async function smallRecorder(): Promise<{ recorder: Recorder; db: DwellDb; name: string; errors: string[]; clock: FakeClock }> {
  const name = `rollover-${++dbs}-${Date.now()}`;
  const db = await openDwellDb(name);
  opened.push(db);
  const clock = new FakeClock();
  const errors: string[] = [];
  const recorder = new Recorder(db, clock, (where, err) => errors.push(`${where}: ${String(err)}`), { span: SPAN });
  await recorder.open([{ k: 'config', countAudibleWhileIdle: true, gapMs: 75_000 }], clock.now());
  return { recorder, db, name, errors, clock };
}

/** Focus events whose windowId says which call made them. */
const marker = (i: number): EventBody => ({ k: 'focus', windowId: 100 + i });
const markerOf = (e: DwellEvent): number | null => (e.k === 'focus' ? e.windowId - 100 : null);
const isSeal = (e: DwellEvent): boolean => e.k === 'beat' && indexOf(e.seq) === SPAN - 1;

async function aggregatorOver(world: FakeWorld, name: string): Promise<TestWorker> {
  const worker = await world.spawnLiveWorker(name);
  workers.push({ world, worker });
  return worker;
}

describe('sequence generations that run out', () => {
  it('go on in the next generation: 40 events one by one and 40 in one burst, none lost, every number once', async () => {
    const { recorder, db, errors, clock } = await smallRecorder();
    const oneByOne: Array<number | null> = [];
    for (let i = 0; i < 40; i++) {
      clock.advance(10);
      oneByOne.push(await recorder.record(marker(i)));
    }
    // A burst in one tick outruns the taking of the successor: the rest waits for it, in order.
    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => recorder.record(marker(40 + i))));
    await recorder.flush();

    const seqs = [...oneByOne, ...burst];
    expect(seqs.every((s) => s !== null)).toBe(true);
    expect(seqs).toEqual([...seqs].sort((a, b) => a! - b!));
    const log: DwellEvent[] = await db.getAll('events');
    expect(log.map(markerOf).filter((x) => x !== null)).toEqual(Array.from({ length: 80 }, (_, i) => i));
    expect(new Set(log.map((e) => e.seq)).size).toBe(log.length);
    expect(log.every((e) => indexOf(e.seq) < SPAN)).toBe(true);
    // 81 events at 7 per generation: 12 generations, each but the last sealed at its last number.
    const generations = [...new Set(log.map((e) => generationOf(e.seq)))];
    expect(generations).toHaveLength(12);
    expect(log.filter(isSeal).map((e) => generationOf(e.seq))).toEqual(generations.slice(0, -1));
    // A seal is stamped with the time of the event after it: evidence at an instant already in the log.
    for (const [i, e] of log.entries()) if (isSeal(e)) expect(e.t).toBe(log[i + 1]!.t);
    expect(errors).toEqual([]);
  });

  it('a write lost at the very end of a generation is a gap, a rollover is not', async () => {
    const { recorder, name, clock } = await smallRecorder();
    let last: number | null = null;
    for (let i = 0; i < 5; i++) last = await recorder.record(marker(i)); // numbers 1..5 (0 is the config)
    armFailureAt(1, (method, store) => method === 'add' && store === 'events');
    const lost = await recorder.record(marker(5)); // number 6: the last one before the seal
    clock.advance(1_000);
    const after = await recorder.record(marker(6)); // the seal (7), then the next generation's 0
    expect(lost).toBeNull();
    expect(indexOf(last!)).toBe(5);
    expect(generationOf(after!)).toBeGreaterThan(generationOf(last!));
    expect(indexOf(after!)).toBe(0);
    await recorder.flush();

    const w = await aggregatorOver(new FakeWorld(), name);
    const run = await w.engine.aggregate('test');
    expect(run.gaps).toBe(1);
    const diag = await w.engine.handle({ type: 'diagnostics' });
    expect(diag.ok && diag.result.counters.gaps).toBe(1);
  });

  it('show in diagnostics: how many generations rolled over', async () => {
    const { recorder, name } = await smallRecorder();
    for (let i = 0; i < 20; i++) await recorder.record(marker(i)); // 21 events: 3 generations
    await recorder.flush();
    const w = await aggregatorOver(new FakeWorld(), name);
    const diag = await w.engine.handle({ type: 'diagnostics' });
    expect(diag.ok && diag.result.rollovers).toBe(2);
    expect((await w.engine.aggregate('test')).gaps).toBe(0);
  });

  it('when the successor cannot be taken, events wait for it in order and the next record tries again', async () => {
    const { recorder, db, errors } = await smallRecorder();
    for (let i = 0; i < 2; i++) await recorder.record(marker(i)); // numbers 1..2
    // The successor is taken at number 4 (half of 8): that taking fails, as on a full disk.
    armFailureAt(1, (method, store) => method === 'put' && store === 'meta');
    const waiting = Array.from({ length: 7 }, (_, i) => recorder.record(marker(2 + i)));
    await recorder.flush();
    expect(errors.some((e) => e.startsWith('take the next sequence generation'))).toBe(true);
    // Numbers 3..6 were written; the rest of the burst waits (nothing thrown, nothing dropped).
    expect((await db.getAll('events')).map(markerOf).filter((x) => x !== null)).toEqual([0, 1, 2, 3, 4, 5]);
    const later = recorder.record(marker(9));
    const seqs = await Promise.all([...waiting, later]);
    await recorder.flush();
    expect(seqs.every((s) => s !== null)).toBe(true);
    expect((await db.getAll('events')).map(markerOf).filter((x) => x !== null)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('the recorder at its edges', () => {
  it('a span outside [2, 2^20] or not whole is refused when the recorder is made', async () => {
    const db = await openDwellDb(`span-${++dbs}-${Date.now()}`);
    opened.push(db);
    const make = (span: number) => () => new Recorder(db, new FakeClock(), () => undefined, { span });
    for (const span of [1, 2.5, SEQ_SPAN + 1]) expect(make(span), `span ${span}`).toThrow(new RangeError(`span must be an integer in [2, ${SEQ_SPAN}]`));
    expect(make(2)).not.toThrow();
    expect(make(SEQ_SPAN)).not.toThrow();
  });

  it('span 2, the smallest: every event gets its own generation and a seal, none waits for ever', async () => {
    const name = `span-two-${++dbs}-${Date.now()}`;
    const db = await openDwellDb(name);
    opened.push(db);
    const errors: string[] = [];
    const recorder = new Recorder(db, new FakeClock(), (where) => errors.push(where), { span: 2 });
    await recorder.open([marker(0)], 0);
    const seqs: Array<number | null> = [];
    for (let i = 1; i <= 4; i++) seqs.push(await recorder.record(marker(i)));
    await recorder.flush();
    expect(seqs.map((s) => [generationOf(s!), indexOf(s!)])).toEqual([
      [2, 0],
      [3, 0],
      [4, 0],
      [5, 0],
    ]);
    expect(errors).toEqual([]);
  });

  it('21 events in generations of 8: the generations are consecutive, none taken and thrown away', async () => {
    const { recorder, db } = await smallRecorder();
    for (let i = 0; i < 20; i++) await recorder.record(marker(i));
    await recorder.flush();
    const generations = [...new Set((await db.getAll('events')).map((e) => generationOf(e.seq)))];
    expect(generations).toEqual([1, 2, 3]);
    // The third generation has used 7 numbers (≥ half of 8): its successor, 4, is taken already.
    expect(await readGeneration(db)).toEqual({ generation: 4, rollovers: 2 });
  });

  it('the write of a seal and the next event fails: logged as the write of both numbers, both are gaps', async () => {
    const { recorder, errors } = await smallRecorder();
    for (let i = 0; i < 6; i++) await recorder.record(marker(i)); // numbers 1..6 (0 is the config)
    armFailureAt(1, (method, store) => method === 'add' && store === 'events');
    const seq = await recorder.record(marker(6)); // the seal (7) and the next generation's 0, one write
    await recorder.flush();
    expect(seq).toBeNull();
    expect(errors.filter((e) => e.startsWith('write of event'))).toEqual([expect.stringMatching(new RegExp(`^write of event ${SEQ_SPAN + 7},${2 * SEQ_SPAN}: `))]);
  });

  it('counting a rollover fails: logged, and the events around it are written all the same', async () => {
    const { recorder, db, errors } = await smallRecorder();
    for (let i = 0; i < 6; i++) await recorder.record(marker(i));
    armFailureAt(1, (method, store) => method === 'put' && store === 'meta');
    const seq = await recorder.record(marker(6));
    await recorder.flush();
    expect(seq).not.toBeNull();
    expect(errors.map((e) => e.split(':')[0])).toEqual(['count a sequence rollover']);
    expect((await db.getAll('events')).map(markerOf).filter((x) => x !== null)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect((await readGeneration(db)).rollovers).toBe(0);
  });
});
