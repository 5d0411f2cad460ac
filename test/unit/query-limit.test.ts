// The popup's "All" asks for its 20 rows only (query limit): the largest sites read through the
// byMs index, the rest counted and summed into `beyond`. It must give exactly the head of the
// unlimited answer — with the live part (pending events, the open visit) able to lift a small
// stored site into the head, and ties at the boundary ordered by name as the full answer is.
import { describe, expect, it } from 'vitest';
import { Machine } from '../fixtures/machine.ts';
import type { QueryResult } from '../../src/core/api.ts';
import { parseCommand } from '../../src/core/command-schema.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** 60 sites on one day: site-00 has 60 min, site-01 59 min, …; site-40 … site-44 all 20 min (a tie). */
function history(today: string): unknown {
  const sites = Array.from({ length: 60 }, (_, i) => {
    const ms = (i >= 40 && i <= 44 ? 20 : 60 - i) * MINUTE;
    const domain = `site-${String(i).padStart(2, '0')}.test`;
    return { domain, ms, visits: 1, pages: [{ url: `https://${domain}/`, title: domain, ms }] };
  });
  return { format: 'dwell-export', version: 1, exportedAt: `${today}T12:00:00.000Z`, days: [{ date: today, sites }] };
}

async function query(m: Machine, limit?: number): Promise<QueryResult> {
  await m.engine.flush();
  const r = await m.engine.handle({ type: 'query', range: 'all', now: m.clock.now(), ...(limit !== undefined ? { limit } : {}) });
  if (!r.ok) throw new Error(r.error);
  return r.result;
}

function expectHeadOf(limited: QueryResult, full: QueryResult, limit: number): void {
  expect(limited.sites).toEqual(full.sites.slice(0, limit));
  expect(limited.totalMs).toBe(full.totalMs);
  const rest = full.sites.slice(limit);
  expect(limited.beyond).toEqual({ count: rest.length, ms: rest.reduce((a, s) => a + s.ms, 0) });
}

async function machineWithHistory(): Promise<Machine> {
  const m = new Machine({ start: '2024-03-10T10:00:00Z' });
  await m.wakeWorker();
  await m.ok({ type: 'import', data: history('2024-03-09'), mode: 'replace' });
  return m;
}

describe('query "all" with a limit', () => {
  it('60 stored sites, limit 20: the 20 largest, the other 40 counted and summed', async () => {
    const m = await machineWithHistory();
    expectHeadOf(await query(m, 20), await query(m), 20);
    expect((await query(m)).beyond).toBeUndefined();
  });

  it('a limit that cuts through a five-way tie: the tied sites in name order, as in the full answer', async () => {
    const m = await machineWithHistory();
    for (const limit of [41, 42, 43, 45]) expectHeadOf(await query(m, limit), await query(m), limit);
  });

  it('site-59 (1 min stored) read for 59 min more right now: the live part lifts it into the top 20', async () => {
    const m = await machineWithHistory();
    m.browser.openTab(m.browser.openWindow(), 'https://site-59.test/', 'Now');
    await m.pass(59 * MINUTE);
    const limited = await query(m, 20);
    expect(limited.sites.map((s) => s.domain)).toContain('site-59.test');
    expectHeadOf(limited, await query(m), 20);
  });

  it('a site only the live part knows counts among the rest', async () => {
    const m = await machineWithHistory();
    m.browser.openTab(m.browser.openWindow(), 'https://brand-new.test/', 'New');
    await m.pass(30 * SECOND);
    expectHeadOf(await query(m, 20), await query(m), 20);
  });

  it('a bounded range with a limit: the limit is for "all" only, the range answers every site of its days', async () => {
    const m = await machineWithHistory();
    const range = { from: '2024-03-09', to: '2024-03-09' };
    const ask = async (limit?: number) => {
      const r = await m.engine.handle({ type: 'query', range, now: m.clock.now(), ...(limit !== undefined ? { limit } : {}) });
      if (!r.ok) throw new Error(r.error);
      return r.result;
    };
    const limited = await ask(20);
    expect(limited.sites).toHaveLength(60);
    expect(limited.beyond).toBeUndefined();
    expect(limited).toEqual(await ask());
  });

  it('a site with a visit but no time (an export can hold one): listed in the head, never counted among the rest', async () => {
    // The rest is what the popup's "+ N more sites" counts, and the popup lists only sites with time.
    const m = new Machine({ start: '2024-03-10T10:00:00Z' });
    await m.wakeWorker();
    const site = (domain: string, ms: number, visits: number) => ({ domain, ms, visits, pages: [{ url: `https://${domain}/`, title: domain, ms }] });
    const data = { format: 'dwell-export', version: 1, exportedAt: '2024-03-10T09:00:00.000Z', days: [{ date: '2024-03-09', sites: [site('a.test', 60 * MINUTE, 2), site('b.test', 30 * MINUTE, 1), site('zero.test', 0, 1)] }] };
    await m.ok({ type: 'import', data, mode: 'replace' });
    const full = await query(m);
    expect(full.sites.map((s) => [s.domain, s.ms])).toEqual([['a.test', 60 * MINUTE], ['b.test', 30 * MINUTE], ['zero.test', 0]]);

    const all = await query(m, 20);
    expect(all.sites).toEqual(full.sites);
    expect(all.beyond).toEqual({ count: 0, ms: 0 });

    const head = await query(m, 1);
    expect(head.sites).toEqual(full.sites.slice(0, 1));
    expect(head.beyond, 'b.test is the one site with time past the head').toEqual({ count: 1, ms: 30 * MINUTE });
  });

  it('yesterday deleted at midnight as its site visit ends: what the live part brings back has no time, and the rest counts nothing', async () => {
    // x.test from 23:50 to midnight, then x.test/2 from midnight: one site visit, begun yesterday.
    // Yesterday is deleted at 00:00 and the window loses focus at once: the site visit ends in
    // the pending events, with no time left anywhere and no stored row (the day was deleted).
    const m = new Machine({ start: '2024-03-09T23:50:00Z' });
    await m.wakeWorker();
    const tab = m.browser.openTab(m.browser.openWindow(), 'https://x.test/1', 'X1');
    await m.pass(10 * MINUTE);
    m.browser.navigate(tab, 'https://x.test/2', 'X2');
    await m.ok({ type: 'deleteHistory', scope: { day: '2024-03-09' } });
    m.browser.blur();
    const full = await query(m);
    expect(full.totalMs).toBe(0);
    const limited = await query(m, 20);
    expect(limited.sites).toEqual(full.sites);
    expect(limited.beyond).toEqual({ count: 0, ms: 0 });
  });

  it('a limit outside 0–10,000 or not a whole number is refused by name', () => {
    for (const limit of [-1, 1.5, 10_001, '20']) expect(() => parseCommand({ type: 'query', range: 'all', limit })).toThrow(/query\.limit/);
    expect(parseCommand({ type: 'query', range: 'all', limit: 20 })).toEqual({ type: 'query', range: 'all', limit: 20 });
  });
});
