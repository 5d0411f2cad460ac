// What "Delete history" answers and what it leaves behind (src/db/history.ts): the counts the
// options page shows ("3 rows from 1 day"), the raw events holding the deleted URLs (kept for the
// raw-retention days otherwise), and the site visit of a page still open when its site is deleted.
import { describe, expect, it } from 'vitest';
import { Machine, visits } from '../fixtures/machine.ts';

const SECOND = 1000;
const [SAT, SUN] = ['2024-03-09', '2024-03-10'];

/** Saturday: news.test and docs.test imported. Sunday: nothing yet. */
async function twoSitesOnSaturday(): Promise<Machine> {
  const m = new Machine({ start: `${SUN}T10:00:00Z` });
  await m.wakeWorker();
  await m.ok({ type: 'import', mode: 'merge', data: { format: 'dwell-export', version: 1, exportedAt: `${SUN}T09:00:00.000Z`, days: [
    { date: SAT, sites: [
      { domain: 'news.test', ms: 50 * SECOND, visits: 2, pages: [] },
      { domain: 'docs.test', ms: 20 * SECOND, visits: 1, pages: [] },
    ] },
  ] } });
  return m;
}

describe('what a delete answers', () => {
  it('delete Saturday (two sites): 2 rows from 1 day', async () => {
    const m = await twoSitesOnSaturday();
    expect(await m.ok({ type: 'deleteHistory', scope: { day: SAT } })).toEqual({ deletedDays: 1, deletedRows: 2 });
  });

  it('delete Sunday, where nothing was recorded: 0 rows from 0 days', async () => {
    const m = await twoSitesOnSaturday();
    expect(await m.ok({ type: 'deleteHistory', scope: { day: SUN } })).toEqual({ deletedDays: 0, deletedRows: 0 });
    expect(await m.db.count('days'), 'Saturday untouched').toBe(2);
  });
});

describe('the raw events of deleted history', () => {
  it('news.test read 40 s and folded (its events kept 3 days for raw retention), then delete all: no stored event names news.test any more', async () => {
    const m = new Machine({ start: `${SUN}T10:00:00Z` });
    await m.wakeWorker();
    const tab = m.browser.openTab(m.browser.openWindow(), 'https://news.test/today', 'News');
    await m.pass(40 * SECOND);
    m.browser.closeTab(tab);
    await m.aggregate();
    expect(JSON.stringify(await m.db.getAll('events')), 'kept after folding, as raw retention says').toContain('news.test');

    await m.ok({ type: 'deleteHistory', scope: { all: true } });
    expect(JSON.stringify(await m.db.getAll('events'))).not.toContain('news.test');
  });
});

describe('deleting the site of the page still open', () => {
  it('news.test/a 60 s, then news.test/b 10 s (one site visit), delete news.test, tab closed at once: no visit of news.test comes back', async () => {
    const m = new Machine({ start: `${SUN}T10:00:00Z` });
    await m.wakeWorker();
    const tab = m.browser.openTab(m.browser.openWindow(), 'https://news.test/a', 'A');
    await m.pass(60 * SECOND);
    m.browser.navigate(tab, 'https://news.test/b', 'B');
    await m.pass(10 * SECOND);

    await m.ok({ type: 'deleteHistory', scope: { site: 'news.test' } });
    m.browser.closeTab(tab);
    const after = await m.storedTotals();
    expect(visits(after, 'news.test'), 'the 60 s of page a were deleted: the site visit restarted with them').toBe(0);
    expect(await m.db.getAll('days')).toEqual([]);
  });
});
