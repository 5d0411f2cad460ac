// docs/COUNTING.md, site visits: one counts once, on the day its first page visit with time began —
// also when it goes on past midnight through more pages of the same site; and it ends where the
// looking stops (a blur), so coming back is a second one.
import { describe, expect, it } from 'vitest';
import { Machine } from '../fixtures/machine.ts';

const SECOND = 1000;

describe('a site visit over midnight', () => {
  it('news /a from 23:59:00, midnight, /b of the same site at 00:00:30 for 30 s: one visit, on the first day', async () => {
    const m = new Machine({ start: '2024-03-10T23:59:00Z' });
    await m.wakeWorker();
    const w = m.browser.openWindow();
    const tab = m.browser.openTab(w, 'https://news.test/a', 'A');
    await m.pass(90 * SECOND); // past midnight on /a
    m.browser.navigate(tab, 'https://news.test/b', 'B');
    await m.pass(30 * SECOND);
    m.browser.openTab(w, 'https://other.test/', 'Other');
    await m.pass(5 * SECOND);
    const days = (await m.aggregate(), await m.exported()).days;
    const news = (date: string) => days.find((d) => d.date === date)?.sites.find((s) => s.domain === 'news.test');
    expect(news('2024-03-10')).toMatchObject({ ms: 60 * SECOND, visits: 1 });
    expect(news('2024-03-11')).toMatchObject({ ms: 60 * SECOND, visits: 0 });
  });
});

describe('a site visit ends at a pause in looking', () => {
  it('news 10 s, the browser loses focus for 60 s, back on news 10 s: two visits of 10 s each', async () => {
    const m = new Machine();
    await m.wakeWorker();
    const w = m.browser.openWindow();
    m.browser.openTab(w, 'https://news.test/a', 'A');
    await m.pass(10 * SECOND);
    m.browser.blur();
    await m.pass(60 * SECOND);
    m.browser.focusWindow(w);
    await m.pass(10 * SECOND);
    const q = await m.storedTotals();
    expect(q.sites.find((s) => s.domain === 'news.test')).toMatchObject({ ms: 20 * SECOND, visits: 2 });
  });
});
