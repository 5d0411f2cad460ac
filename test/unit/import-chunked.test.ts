// Issue 12, item 5: a file of 64–256 MiB previewed fine, then Chrome refused the one message that
// carried it ("Message exceeded maximum allowed size of 64MiB"). The page now sends it in chunks
// the channel can carry; the worker stages them where no query sees them and publishes the file
// whole at the commit. The channel here is Chrome's rule at a smaller size, so the files stay small.
import { describe, expect, it } from 'vitest';
import { Machine } from '../fixtures/machine.ts';
import type { Command, ExportFile, ResultOf } from '../../src/core/api.ts';
import { EXPORT_LIMITS } from '../../src/core/export-format.ts';
import { CHUNK_CHARS, MAX_DAYS_PER_CHUNK, chunksOf, isStagingLost } from '../../src/core/import-chunks.ts';
import { publishImport } from '../../src/ui/import-model.ts';
import { CommandError } from '../../src/ui/messaging.ts';

const LIMIT = 64 * 1024; // bytes per message, as Chrome's 64 MiB is for real ones
const CHARS = LIMIT / 4; // the page's chunk size for this channel, as CHUNK_CHARS is for 64 MiB
const HOUR = 3_600_000;

/** chrome.runtime.sendMessage with its size rule: the message as JSON in UTF-8, at most LIMIT
 *  bytes, else Chrome's own error; what arrives is a copy, answered by the worker of the moment. */
function channel(m: Machine, onMessage: (cmd: Command) => Promise<void> | void = () => undefined) {
  const sizes: Array<{ type: string; bytes: number }> = [];
  const send = async <C extends Command>(cmd: C): Promise<ResultOf<C>> => {
    const json = JSON.stringify(cmd);
    const bytes = Buffer.byteLength(json, 'utf8');
    if (bytes > LIMIT) throw new Error('Message exceeded maximum allowed size of 64MiB.');
    sizes.push({ type: cmd.type, bytes });
    await onMessage(cmd);
    const r = await m.engine.handle(JSON.parse(json) as C);
    if (!r.ok) throw new CommandError(r.error);
    return r.result;
  };
  return { send, sizes };
}

/** About 200 KiB of JSON: titles in three-byte characters and in characters JSON escapes, 30
 *  days, and one day of 60 sites, too big for one chunk. */
function largeFile(): ExportFile {
  const pages = (d: number, s: number) =>
    Array.from({ length: 3 }, (_, p) => ({ url: `https://site${s}.test/day${d}/page${p}`, title: `${'日本語のタイトル'.repeat(3)} "quoted" \u0001 ${d}/${s}/${p}`, ms: 1_000 }));
  const day = (d: number, sites: number) => ({
    date: `2024-01-${String(d + 1).padStart(2, '0')}`,
    sites: Array.from({ length: sites }, (_, s) => ({ domain: `site${s}.test`, ms: 10 * 60_000 + d + s, visits: 1 + s, pages: pages(d, s) })),
  });
  return { format: 'dwell-export', version: 1, exportedAt: '2024-02-01T00:00:00.000Z', days: Array.from({ length: 30 }, (_, d) => day(d, d === 12 ? 60 : 8)) };
}

async function machine(): Promise<Machine> {
  const m = new Machine();
  await m.wakeWorker();
  return m;
}

/** What the same file gives when it is imported in one message (no channel limit): the oracle. */
async function importedWhole(file: ExportFile): Promise<ExportFile['days']> {
  const m = await machine();
  const r = await m.engine.handle({ type: 'import', data: file, mode: 'merge' });
  if (!r.ok) throw new Error(r.error);
  return exportedDays(m);
}

async function exportedDays(m: Machine): Promise<ExportFile['days']> {
  const r = await m.engine.handle({ type: 'export', format: 'json' });
  if (!r.ok) throw new Error(r.error);
  return (JSON.parse(r.result.text) as ExportFile).days;
}

const keepOne = { format: 'dwell-export', version: 1, exportedAt: '2024-02-01T00:00:00.000Z', days: [{ date: '2023-12-31', sites: [{ domain: 'old.test', ms: 30 * HOUR, visits: 2, pages: [] }] }] } as const;

describe('a file larger than one message can carry', () => {
  it('is refused by the channel when sent whole, as the options page used to send it', async () => {
    const m = await machine();
    const file = largeFile();
    expect(Buffer.byteLength(JSON.stringify(file))).toBeGreaterThan(2 * LIMIT);
    const { send } = channel(m);
    await expect(send({ type: 'import', data: file, mode: 'merge' })).rejects.toThrow('Message exceeded maximum allowed size of 64MiB.');
  });

  it('goes in chunks the channel carries, and lands as the same file imported in one message would (a day cut between chunks included)', async () => {
    const m = await machine();
    const file = largeFile();
    const { send, sizes } = channel(m);
    const progress: number[] = [];
    const summary = await publishImport(file, 'merge', { send, chunkChars: CHARS, onProgress: (f) => progress.push(f) });
    expect(summary).toMatchObject({ days: 30, sites: 60, written: true, mode: 'merge' });
    expect(sizes.filter((s) => s.type === 'importChunk').length).toBeGreaterThan(3);
    expect(Math.max(...sizes.map((s) => s.bytes))).toBeLessThanOrEqual(LIMIT);
    expect(chunksOf(file, CHARS).some((c) => c.continues)).toBe(true);
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(await exportedDays(m)).toEqual(await importedWhole(file));
  });

  it('keeps a version-2 file\'s hourly slots through the chunks, as the options page sends it (they were dropped: the commit said version 1)', async () => {
    const m = await machine();
    const hoursOf = (ms: number, d: number): number[] => Array.from({ length: 24 }, (_, h) => (h === d % 24 ? ms - 1_000 : h === 23 - (d % 24) ? 1_000 : 0));
    const plain = largeFile();
    const file: ExportFile = { ...plain, version: 2, days: plain.days.map((day, d) => ({ ...day, sites: day.sites.map((x) => ({ ...x, hours: hoursOf(x.ms, d) })) })) };
    const { send } = channel(m);
    await publishImport(file, 'merge', { send, chunkChars: CHARS });
    const days = await exportedDays(m);
    expect(days).toEqual(await importedWhole(file));
    expect(days[12]!.sites.find((x) => x.domain === 'site0.test')?.hours).toEqual(hoursOf(10 * 60_000 + 12, 12));
    expect(days.flatMap((d) => d.sites).every((x) => x.hours?.length === 24)).toBe(true);
  });

  it('is invisible to every query until the commit, which publishes it whole', async () => {
    const m = await machine();
    await m.engine.handle({ type: 'import', data: keepOne, mode: 'merge' });
    const file = largeFile();
    let committing = false;
    const seenBeforeCommit: string[][] = [];
    const { send } = channel(m, async (cmd) => {
      if (cmd.type !== 'importCommit') return;
      committing = true;
      seenBeforeCommit.push((await m.totals()).sites.map((s) => s.domain));
    });
    await publishImport(file, 'replace', { send, chunkChars: CHARS });
    expect(committing).toBe(true);
    expect(seenBeforeCommit).toEqual([['old.test']]);
    const after = await m.totals();
    expect(after.sites.map((s) => s.domain)).not.toContain('old.test');
    expect(after.sites).toHaveLength(60);
  });

  it('starts again when the worker restarted mid-upload (its staged chunks died with it), counting nothing twice', async () => {
    const m = await machine();
    const file = largeFile();
    let chunks = 0;
    const { send } = channel(m, async (cmd) => {
      if (cmd.type === 'importChunk' && ++chunks === 3) {
        await m.stopWorker();
        await m.wakeWorker();
      }
    });
    await publishImport(file, 'merge', { send, chunkChars: CHARS });
    expect(chunks).toBeGreaterThan(3 + 3);
    expect(await exportedDays(m)).toEqual(await importedWhole(file));
  });

  it('writes nothing when the worker keeps restarting, and says that staging was lost', async () => {
    const m = await machine();
    await m.engine.handle({ type: 'import', data: keepOne, mode: 'merge' });
    const { send } = channel(m, async (cmd) => {
      if (cmd.type === 'importCommit') {
        await m.stopWorker();
        await m.wakeWorker();
      }
    });
    const err = await publishImport(largeFile(), 'replace', { send, chunkChars: CHARS }).then(() => null, (e: unknown) => e);
    expect(isStagingLost(err)).toBe(true);
    expect(await exportedDays(m)).toEqual(keepOne.days);
  });

  it('is validated whole by the worker at the commit: a bad site in a late chunk refuses all of it', async () => {
    const m = await machine();
    await m.engine.handle({ type: 'import', data: keepOne, mode: 'merge' });
    const file = largeFile();
    file.days[29]!.sites[0]!.domain = '<marquee>hi';
    const { send } = channel(m);
    // The page's own preview would refuse it; a page that skipped it still cannot get it stored.
    await expect(publishImport(file, 'replace', { send, chunkChars: CHARS })).rejects.toThrow('Import rejected: days[29].sites[0].domain: expected a domain name');
    expect(await exportedDays(m)).toEqual(keepOne.days);
  });

  it('a file refused at the commit is uploaded once: only a lost staging sends it again', async () => {
    const m = await machine();
    const file = largeFile();
    file.days[29]!.sites[0]!.domain = '<marquee>hi';
    const { send, sizes } = channel(m);
    const err = await publishImport(file, 'merge', { send, chunkChars: CHARS }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(isStagingLost(err)).toBe(false);
    expect(sizes.filter((s) => s.type === 'importCommit')).toHaveLength(1);
    expect(sizes.filter((s) => s.type === 'importChunk')).toHaveLength(chunksOf(file, CHARS).length);
  });
});

describe('the chunk commands', () => {
  const day = { date: '2024-01-01', sites: [{ domain: 'a.test', ms: 1, visits: 1, pages: [] }] };

  it.each([
    ['an index below 0', { type: 'importChunk', id: 'x', index: -1, continues: false, days: [] }, /index must be a whole number/],
    ['an id with a space', { type: 'importChunk', id: 'a b', index: 0, continues: false, days: [] }, /id must be 1–64 letters/],
    ['days as an object', { type: 'importChunk', id: 'x', index: 0, continues: false, days: {} }, /days must be an array/],
    ['continues as "no"', { type: 'importChunk', id: 'x', index: 0, continues: 'no', days: [] }, /continues must be true or false/],
    ['an unknown field', { type: 'importChunk', id: 'x', index: 0, continues: false, days: [], dryRun: true }, /unexpected field "dryRun"/],
    ['a commit of 0 chunks', { type: 'importCommit', id: 'x', chunks: 0, mode: 'merge', version: 1, exportedAt: '2024-01-01T00:00:00Z' }, /at least 1/],
    ['a commit in mode MERGE', { type: 'importCommit', id: 'x', chunks: 1, mode: 'MERGE', version: 1, exportedAt: '2024-01-01T00:00:00Z' }, /mode must be one of/],
  ])('refuse %s', async (_name, msg, says) => {
    const m = await machine();
    const r = await m.engine.handle(msg as Command);
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(says) as unknown });
  });

  it('refuse chunks out of order, a commit short of chunks, and a commit of an import never staged', async () => {
    const m = await machine();
    const send = (cmd: unknown) => m.engine.handle(cmd as Command);
    expect(await send({ type: 'importChunk', id: 'a', index: 0, continues: false, days: [day] })).toMatchObject({ ok: true, result: { received: 1 } });
    expect(await send({ type: 'importChunk', id: 'a', index: 2, continues: false, days: [] })).toMatchObject({ ok: false, error: expect.stringContaining('chunk 2 of import a arrived where chunk 1 was due') as unknown });
    await send({ type: 'importChunk', id: 'b', index: 0, continues: false, days: [day] });
    expect(await send({ type: 'importCommit', id: 'b', chunks: 2, mode: 'merge', version: 1, exportedAt: '2024-01-01T00:00:00Z' })).toMatchObject({ ok: false, error: expect.stringContaining('1 of 2 chunks') as unknown });
    const never = await send({ type: 'importCommit', id: 'c', chunks: 1, mode: 'merge', version: 1, exportedAt: '2024-01-01T00:00:00Z' });
    expect(never.ok).toBe(false);
    expect(isStagingLost(new Error(never.ok ? '' : never.error))).toBe(true);
    expect(await exportedDays(m)).toEqual([]);
  });

  it('refuse a chunk that claims to continue a day the previous chunk did not end with', async () => {
    const m = await machine();
    const send = (cmd: unknown) => m.engine.handle(cmd as Command);
    await send({ type: 'importChunk', id: 'a', index: 0, continues: false, days: [day] });
    const r = await send({ type: 'importChunk', id: 'a', index: 1, continues: true, days: [{ ...day, date: '2024-01-02' }] });
    expect(r).toMatchObject({ ok: false, error: expect.stringContaining('continues a day') as unknown });
  });

  it('a continuing chunk that carries no days adds nothing: the commit publishes the day as sent', async () => {
    const m = await machine();
    const send = (cmd: unknown) => m.engine.handle(cmd as Command);
    await send({ type: 'importChunk', id: 'a', index: 0, continues: false, days: [day] });
    expect(await send({ type: 'importChunk', id: 'a', index: 1, continues: true, days: [] })).toEqual({ ok: true, result: { received: 2 } });
    expect(await send({ type: 'importCommit', id: 'a', chunks: 2, mode: 'merge', version: 1, exportedAt: '2024-01-01T00:00:00Z' })).toMatchObject({ ok: true });
    expect(await exportedDays(m)).toEqual([day]);
  });

  it.each([
    ['staged days that end with null', null, day],
    ['a dateless day continued by a dateless day', { sites: day.sites }, { sites: day.sites }],
  ])('refuse a chunk that continues a day onto %s (untrusted until the commit)', async (_name, last, first) => {
    const m = await machine();
    const send = (cmd: unknown) => m.engine.handle(cmd as Command);
    await send({ type: 'importChunk', id: 'a', index: 0, continues: false, days: [last] });
    const r = await send({ type: 'importChunk', id: 'a', index: 1, continues: true, days: [first] });
    expect(r).toEqual({ ok: false, error: 'Import rejected: a chunk continues a day that the previous chunk did not end with' });
  });
});

describe('chunk sizes for Chrome’s real 64 MiB', () => {
  it('a chunk holds at most a file’s days', () => {
    expect(MAX_DAYS_PER_CHUNK).toBe(EXPORT_LIMITS.days);
  });

  it('the largest site the format allows fits in one chunk, and a full chunk in one message', () => {
    // Every character of url and title one that JSON writes as \u00XX (6 characters).
    const page = (i: number) => ({ url: `https://a.test/${'\u0001'.repeat(EXPORT_LIMITS.urlLength - 16)}${String(i).padStart(3, '0')}`, title: '\u0001'.repeat(EXPORT_LIMITS.titleLength), ms: 1 });
    const site = { domain: 'a'.repeat(63), ms: 1, visits: 1, pages: Array.from({ length: EXPORT_LIMITS.pagesPerSite }, (_, i) => page(i)) };
    expect(JSON.stringify(site).length).toBeLessThan(CHUNK_CHARS);
    // A UTF-16 unit is at most 3 bytes of UTF-8; the envelope (type, id, index) is under 1 KiB.
    expect(3 * CHUNK_CHARS + 1024).toBeLessThan(64 * 1024 * 1024);
  });
});
