// "Delete history" while a visit is open (docs/COUNTING.md, deleting): if the open visit's past
// belongs to what is deleted (its day, or its site), the visit starts again at the delete — the
// deleted seconds never come back when it closes; if not, it goes on untouched. Also: a dry-run
// import writes nothing, and the runs store keeps the last 100 runs, the panel the newest first.
import { describe, expect, it } from 'vitest';
import { Machine, sec } from '../fixtures/machine.ts';

const SECOND = 1000;
const [SAT, SUN] = ['2024-03-09', '2024-03-10'];

/** Saturday has other.test (imported); news.test is read on Sunday for 60 s and still open. */
async function readingNews(): Promise<Machine> {
  const m = new Machine({ start: `${SUN}T10:00:00Z` });
  await m.wakeWorker();
  await m.ok({ type: 'import', mode: 'merge', data: { format: 'dwell-export', version: 1, exportedAt: `${SUN}T09:00:00.000Z`, days: [
    { date: SAT, sites: [{ domain: 'other.test', ms: 50 * SECOND, visits: 1, pages: [] }] },
  ] } });
  m.browser.openTab(m.browser.openWindow(), 'https://news.test/today', 'News');
  await m.pass(60 * SECOND);
  return m;
}

const newsAfter30s = async (m: Machine): Promise<number> => {
  await m.pass(30 * SECOND);
  return sec(await m.storedTotals(), 'news.test');
};

describe('deleting history while news is open', () => {
  it('delete today: the 60 s are gone for good; 30 s later news has 30 s', async () => {
    const m = await readingNews();
    await m.ok({ type: 'deleteHistory', scope: { day: SUN } });
    expect(sec(await m.totals(), 'news.test')).toBe(0);
    expect(await newsAfter30s(m)).toBe(30);
  });

  it('delete Saturday: the open visit is not touched; 30 s later news has 90 s', async () => {
    const m = await readingNews();
    await m.ok({ type: 'deleteHistory', scope: { day: SAT } });
    expect(sec(await m.totals(), 'other.test')).toBe(0);
    expect(await newsAfter30s(m)).toBe(90);
  });

  it('delete news.test itself: its 60 s are gone for good; 30 s later it has 30 s', async () => {
    const m = await readingNews();
    await m.ok({ type: 'deleteHistory', scope: { site: 'news.test' } });
    expect(await newsAfter30s(m)).toBe(30);
  });

  it('delete another site: news goes on; 30 s later it has 90 s', async () => {
    const m = await readingNews();
    await m.ok({ type: 'deleteHistory', scope: { site: 'other.test' } });
    expect(await newsAfter30s(m)).toBe(90);
  });
});

describe('what leaves no trace', () => {
  it('a dry-run import says what it would do and writes nothing', async () => {
    const m = await readingNews();
    const before = await m.exported();
    const r = await m.ok({ type: 'import', mode: 'merge', dryRun: true, data: { format: 'dwell-export', version: 1, exportedAt: `${SUN}T11:00:00.000Z`, days: [
      { date: SAT, sites: [{ domain: 'new.test', ms: 5 * SECOND, visits: 1, pages: [] }] },
    ] } });
    expect(r).toMatchObject({ written: false, mode: 'merge' });
    expect((await m.exported()).days).toEqual(before.days);
  });

  it('120 aggregation runs: the store keeps the last 100, the panel shows the newest 20 first', async () => {
    const m = new Machine();
    await m.wakeWorker();
    for (let i = 0; i < 120; i++) await m.engine.aggregate(`run ${i}`);
    expect(await m.db.count('runs')).toBe(100);
    const diag = await m.ok({ type: 'diagnostics' });
    expect(diag.runs).toHaveLength(20);
    expect(diag.runs[0]?.trigger).toBe('run 119');
    expect(diag.runs.map((r) => r.trigger)).toEqual(diag.runs.map((_, i) => `run ${119 - i}`));
  });
});
