// "Verify consistency" (options → Diagnostics): the retained raw events are folded again from
// scratch and compared with the stored days they fully cover. The first retained day is not
// covered (a visit may have been open before it), nor is the newest event's day (it may grow).
// A check that could never report a difference would be worse than none, so the stories here
// damage stored rows and expect to be told exactly where.
import { describe, expect, it } from 'vitest';
import { Machine } from '../fixtures/machine.ts';

const SECOND = 1000;
const DAY = 24 * 3600 * SECOND;

/** Sunday news 60 s, Monday docs 90 s and news 30 s, Tuesday news 20 s; all folded. */
async function threeDays(): Promise<Machine> {
  const m = new Machine({ start: '2024-03-10T10:00:00Z' });
  await m.wakeWorker();
  const read = async (url: string, ms: number): Promise<void> => {
    const tab = m.browser.openTab(m.browser.openWindow(), url, 'Page');
    await m.pass(ms);
    m.browser.closeTab(tab);
    await m.engine.flush();
  };
  await read('https://news.test/today', 60 * SECOND);
  m.advance(DAY);
  await read('https://docs.test/guide', 90 * SECOND);
  await read('https://news.test/today', 30 * SECOND);
  m.advance(DAY);
  await read('https://news.test/today', 20 * SECOND);
  await m.aggregate();
  return m;
}

describe('verify consistency', () => {
  it('three days folded as captured: Monday is covered and agrees', async () => {
    const m = await threeDays();
    const report = await m.ok({ type: 'verify' });
    expect(report).toMatchObject({ ok: true, coveredDays: ['2024-03-11'], differences: [] });
    expect(report.firstRetainedSeq).not.toBeNull();
  });

  it('a stored row that gained 5 s it never had: the day, the site and both numbers are reported', async () => {
    const m = await threeDays();
    const row = await m.db.get('days', ['2024-03-11', 'docs.test']);
    expect(row?.ms).toBe(90 * SECOND);
    await m.db.put('days', { ...row!, ms: row!.ms + 5 * SECOND });
    const report = await m.ok({ type: 'verify' });
    expect(report.ok).toBe(false);
    expect(report.differences).toEqual([{ day: '2024-03-11', domain: 'docs.test', storedMs: 95 * SECOND, recomputedMs: 90 * SECOND }]);
  });

  it('a stored row the events never made, and one that went missing: both reported', async () => {
    const m = await threeDays();
    const row = await m.db.get('days', ['2024-03-11', 'news.test']);
    await m.db.delete('days', ['2024-03-11', 'news.test']);
    await m.db.put('days', { ...row!, domain: 'ghost.test', ms: 7 * SECOND });
    const report = await m.ok({ type: 'verify' });
    expect(report.ok).toBe(false);
    const byDomain = Object.fromEntries(report.differences.map((d) => [d.domain, [d.storedMs, d.recomputedMs]]));
    expect(byDomain).toEqual({ 'ghost.test': [7 * SECOND, 0], 'news.test': [0, 30 * SECOND] });
  });

  it('the first and the newest day are never judged: damage there is not reported as a difference', async () => {
    const m = await threeDays();
    const sunday = await m.db.get('days', ['2024-03-10', 'news.test']);
    await m.db.put('days', { ...sunday!, ms: sunday!.ms + 5 * SECOND });
    expect(await m.ok({ type: 'verify' })).toMatchObject({ ok: true, coveredDays: ['2024-03-11'] });
  });

  it('one day only, folded: nothing can be judged, so nothing is covered and the check says ok', async () => {
    const m = new Machine({ start: '2024-03-10T10:00:00Z' });
    await m.wakeWorker();
    const tab = m.browser.openTab(m.browser.openWindow(), 'https://news.test/today', 'Page');
    await m.pass(60 * SECOND);
    m.browser.closeTab(tab);
    await m.aggregate();
    const firstSeq = (await m.db.getAll('events'))[0]!.seq;
    expect(await m.ok({ type: 'verify' })).toEqual({ coveredDays: [], firstRetainedSeq: firstSeq, differences: [], ok: true });
  });

  it("Monday's stored rows and day total deleted: Monday is still covered (its events say so) and both sites are reported", async () => {
    const m = await threeDays();
    await m.db.delete('days', ['2024-03-11', 'docs.test']);
    await m.db.delete('days', ['2024-03-11', 'news.test']);
    await m.db.delete('dayTotals', '2024-03-11');
    const report = await m.ok({ type: 'verify' });
    expect(report.coveredDays).toEqual(['2024-03-11']);
    const byDomain = Object.fromEntries(report.differences.map((d) => [d.domain, [d.storedMs, d.recomputedMs]]));
    expect(byDomain).toEqual({ 'docs.test': [0, 90 * SECOND], 'news.test': [0, 30 * SECOND] });
  });

  it('Sunday, (nothing Monday), Tuesday, Wednesday, and a ghost row planted on Monday: covered days come in calendar order', async () => {
    // Raw events kept a month, so Sunday's are still there to refold.
    const m = new Machine({ start: '2024-03-10T10:00:00Z', flags: { rawEventRetentionDays: 30 } });
    await m.wakeWorker();
    const read = async (ms: number): Promise<void> => {
      const tab = m.browser.openTab(m.browser.openWindow(), 'https://news.test/today', 'Page');
      await m.pass(ms);
      m.browser.closeTab(tab);
      await m.engine.flush();
    };
    await read(60 * SECOND);
    m.advance(2 * DAY);
    await read(30 * SECOND);
    m.advance(DAY);
    await read(20 * SECOND);
    await m.aggregate();
    await m.db.put('days', { day: '2024-03-11', domain: 'ghost.test', ms: 7 * SECOND, visits: 1, pages: {} });
    await m.db.put('dayTotals', { day: '2024-03-11', ms: 7 * SECOND });
    const report = await m.ok({ type: 'verify' });
    expect(report.coveredDays).toEqual(['2024-03-11', '2024-03-12']);
    expect(report.differences).toEqual([{ day: '2024-03-11', domain: 'ghost.test', storedMs: 7 * SECOND, recomputedMs: 0 }]);
  });
});
