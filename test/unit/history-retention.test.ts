// History retention (settings → "Keep history for N days"): an aggregation run deletes the days
// before today − N, and only those — the cut-off day itself stays, with its day total, and every
// site's all-time total is rebuilt from what remains.
import { describe, expect, it } from 'vitest';
import { Machine } from '../fixtures/machine.ts';

const SECOND = 1000;
const DAY = 24 * 3600 * SECOND;

async function readFor(m: Machine, url: string, ms: number): Promise<void> {
  const tab = m.browser.openTab(m.browser.openWindow(), url, 'Page');
  await m.pass(ms);
  m.browser.closeTab(tab);
  await m.engine.flush();
}

describe('history retention of 2 days', () => {
  it('old.test on the 10th, news.test the 11th to the 13th; folded on the 13th: the 10th goes, the cut-off day (11th) stays', async () => {
    const m = new Machine({ start: '2024-03-10T10:00:00Z', flags: { historyRetentionDays: 2 } });
    await m.wakeWorker();
    await readFor(m, 'https://old.test/a', 40 * SECOND);
    for (let day = 0; day < 3; day++) {
      m.advance(DAY);
      await readFor(m, 'https://news.test/today', 10 * SECOND);
    }
    await m.aggregate();

    expect((await m.exported()).days.map((d) => d.date)).toEqual(['2024-03-11', '2024-03-12', '2024-03-13']);
    expect(await m.db.getAllKeys('dayTotals')).toEqual(['2024-03-11', '2024-03-12', '2024-03-13']);
    const all = await m.totals();
    expect(all.sites.map((s) => [s.domain, s.ms])).toEqual([['news.test', 30 * SECOND]]);
    expect(await m.db.get('siteTotals', 'old.test')).toBeUndefined();
  });

  it('9gag.com (a name starting with a digit) read on the cut-off day and the day after; folded two days later: both its days stay', async () => {
    const m = new Machine({ start: '2024-03-11T10:00:00Z', flags: { historyRetentionDays: 2 } });
    await m.wakeWorker();
    await readFor(m, 'https://9gag.com/fresh', 15 * SECOND);
    m.advance(DAY);
    await readFor(m, 'https://9gag.com/hot', 5 * SECOND);
    m.advance(DAY);
    await m.aggregate();

    expect(await m.db.getAllKeys('days')).toEqual([['2024-03-11', '9gag.com'], ['2024-03-12', '9gag.com']]);
    expect(await m.db.get('siteTotals', '9gag.com')).toMatchObject({ ms: 20 * SECOND, firstDay: '2024-03-11' });
  });
});
