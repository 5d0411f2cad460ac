// 200 commands from pages at once (queries, "aggregate now", merge imports, deletes, exports)
// while the person keeps browsing: every one is answered, totals are exact, rollups equal rows.
import { describe, expect, it } from 'vitest';
import { Machine, sec } from '../fixtures/machine.ts';
import type { Command, ExportFile } from '../../src/core/api.ts';

const file = (domain: string, ms: number): ExportFile => ({
  format: 'dwell-export',
  version: 1,
  exportedAt: '2024-03-01T00:00:00.000Z',
  days: [{ date: '2024-03-01', sites: [{ domain, ms, visits: 2, pages: [] }] }],
});

describe('200 concurrent commands', () => {
  it('a.test browsed 40 s around 200 commands: all answered, a.test 40 s, imported 90 s, deleted 0', async () => {
    const m = new Machine();
    await m.wakeWorker();
    const win = m.browser.openWindow();
    m.browser.openTab(win, 'https://gone.test/', 'Gone');
    await m.pass(7_000);
    m.browser.openTab(win, 'https://a.test/', 'A');
    await m.pass(20_000);
    const mix: Command[] = [
      { type: 'query', range: 'all', pages: true },
      { type: 'aggregateNow' },
      { type: 'import', data: file('imported.test', 90_000), mode: 'merge' },
      { type: 'deleteHistory', scope: { site: 'gone.test' } },
      { type: 'export', format: 'json' },
    ];
    const answers = Array.from({ length: 200 }, (_, i) => m.engine.handle(mix[i % mix.length]!));
    await m.pass(20_000);
    const all = await Promise.all(answers);
    expect(all.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error))).toEqual([]);
    const q = await m.storedTotals();
    expect(sec(q, 'a.test')).toBe(40);
    expect(sec(q, 'imported.test')).toBe(90);
    expect(sec(q, 'gone.test')).toBe(0);
    const [rows, sites, days] = await Promise.all([m.db.getAll('days'), m.db.getAll('siteTotals'), m.db.getAll('dayTotals')]);
    for (const s of sites) expect(s.ms, `siteTotals of ${s.domain}`).toBe(rows.filter((r) => r.domain === s.domain).reduce((a, r) => a + r.ms, 0));
    for (const d of days) expect(d.ms, `dayTotals of ${d.day}`).toBe(rows.filter((r) => r.day === d.day).reduce((a, r) => a + r.ms, 0));
    expect(new Set(sites.map((s) => s.domain))).toEqual(new Set(rows.map((r) => r.domain)));
  });
});
