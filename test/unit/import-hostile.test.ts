// Issue 12, files: a hostile or broken import is refused with its path and writes nothing;
// whatever Dwell can hold it exports and imports again (a day that several files fill included);
// every site an import can store can be deleted by name.
import { describe, expect, it } from 'vitest';
import { Machine } from '../fixtures/machine.ts';
import { BAD_IMPORTS, GOOD_IMPORTS, type ImportCase } from '../fixtures/bad-input/imports.ts';
import { MAX_DAY_MS, validateExport } from '../../src/core/export-format.ts';
import { parseSiteToDelete } from '../../src/ui/options-model.ts';
import { MAX_PAGE_URL, trackedUrl } from '../../src/core/domains.ts';
import type { Command, ExportFile } from '../../src/core/api.ts';

const HOUR = 3_600_000;
const TODAY = '2024-03-10'; // the fake clock's first day

async function machine(): Promise<Machine> {
  const m = new Machine();
  await m.wakeWorker();
  return m;
}

const ok = <C extends Command>(m: Machine, cmd: C) => m.ok(cmd);

const exported = (m: Machine): Promise<ExportFile> => m.exported();
const daysOf = async (m: Machine): Promise<ExportFile['days']> => (await exported(m)).days;

/** Imports `data`, then carries its export into a fresh profile: that export must match. */
async function roundTrip(data: unknown): Promise<{ first: ExportFile['days']; again: ExportFile['days'] }> {
  const m = await machine();
  await ok(m, { type: 'import', data, mode: 'merge' });
  const file = await exported(m);
  expect(validateExport(file)).toMatchObject({ ok: true });
  const fresh = await machine();
  await ok(fresh, { type: 'import', data: file, mode: 'replace' });
  return { first: file.days, again: await daysOf(fresh) };
}

const oneDay = (sites: Array<{ domain: string; ms: number }>): unknown => ({
  format: 'dwell-export',
  version: 1,
  exportedAt: '2024-03-10T12:00:00.000Z',
  days: [{ date: TODAY, sites: sites.map((s) => ({ ...s, visits: 1, pages: [] })) }],
});

describe('a hostile or broken import file', () => {
  it('the corpus covers forbidden keys, odd domains, huge numbers, far dates, wrong types, nesting and size', () => {
    const names = BAD_IMPORTS.map((b) => b.name).join('\n');
    for (const kind of [/__proto__ in/, /domain <marquee>/, /2\^53−1 visits/, /9999-12-31/, /as a number/, /nested/, /36,601 days/]) expect(names).toMatch(kind);
  });

  it.each(BAD_IMPORTS)('is refused with its path and problem: $name', ({ data, says }) => {
    const r = validateExport(data);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.startsWith(says), `${r.error}\n  should start with\n${says}`).toBe(true);
  });

  it('is refused by the worker too, and not one of them changes what is stored', async () => {
    const m = await machine();
    await ok(m, { type: 'import', data: oneDay([{ domain: 'kept.test', ms: 5_000 }]), mode: 'merge' });
    const before = await exported(m);
    for (const bad of BAD_IMPORTS) {
      for (const mode of ['merge', 'replace'] as const) {
        const r = await m.engine.handle({ type: 'import', data: bad.data, mode });
        expect(r.ok, bad.name).toBe(false);
        if (!r.ok) expect(r.error, bad.name).toContain(bad.says);
      }
    }
    expect(await exported(m)).toEqual({ ...before, exportedAt: expect.any(String) as unknown });
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
  });
});

describe('an import keeps nothing capture would not keep (no query string, no fragment)', () => {
  const SECRET = 'SECRET-7f3a';
  const titled = (title: string): unknown => oneDayPages([{ url: 'https://example.com/api', title }]);
  const oneDayPages = (pages: Array<{ url: string; title: string }>): unknown => ({
    format: 'dwell-export',
    version: 1,
    exportedAt: '2024-03-10T12:00:00.000Z',
    days: [{ date: TODAY, sites: [{ domain: 'example.com', ms: 9_000, visits: 1, pages: pages.map((p) => ({ ...p, ms: 1_000 })) }] }],
  });

  it.each([
    [`example.com/api?token=${SECRET}`, 'example.com/api'],
    [`https://example.com/api?token=${SECRET}#x`, 'https://example.com/api'],
    [`Docs – example.com/api?token=${SECRET} (copy)`, 'Docs – example.com/api (copy)'],
  ])('a title %j is cleaned as capture cleans it, in the checked file already', (title, clean) => {
    const r = validateExport(titled(title));
    expect(r.ok && r.file.days[0]?.sites[0]?.pages[0]?.title).toBe(clean);
  });

  it('so the token is nowhere in what is stored, and a title without a URL stays whole', async () => {
    const m = await machine();
    await ok(m, { type: 'import', data: oneDayPages([{ url: 'https://example.com/api', title: `example.com/api?token=${SECRET}` }, { url: 'https://example.com/faq', title: 'Why? – FAQ #3' }]), mode: 'merge' });
    const file = await exported(m);
    expect(JSON.stringify(file)).not.toContain(SECRET);
    expect(file.days[0]?.sites[0]?.pages.map((p) => p.title)).toEqual(['example.com/api', 'Why? – FAQ #3']);
  });

  it.each([
    ['a query and a fragment', `https://example.com/login?token=${SECRET}#state=${SECRET}`],
    ['credentials', `https://user:${SECRET}@example.com/`],
    ['a path cut at the length limit just after "/."', `https://example.com/${'a'.repeat(MAX_PAGE_URL - 22)}/.x`],
    ['a path cut inside a percent escape', `https://example.com/${'a'.repeat(MAX_PAGE_URL - 21)}%C3%A9`],
  ])('every page url capture stores is one an import takes back (%s)', (_what, raw) => {
    const url = trackedUrl(raw, false, { excludedSites: [], recordIncognito: false });
    expect(url).not.toBeNull();
    expect(url!.length).toBeLessThanOrEqual(MAX_PAGE_URL);
    expect(url).not.toContain(SECRET);
    expect(validateExport(oneDayPages([{ url: url!, title: '' }]))).toMatchObject({ ok: true });
  });
});

describe('what Dwell can hold, it exports and imports again (export ∘ import is the identity)', () => {
  it.each(GOOD_IMPORTS)('$name', async ({ data }: ImportCase) => {
    expect(validateExport(data)).toMatchObject({ ok: true });
    const { first, again } = await roundTrip(data);
    expect(first.length).toBeGreaterThan(0);
    expect(again).toEqual(first);
  });

  it('two merges of 30 h each on one day make a 60 h day, which exports and imports again', async () => {
    const m = await machine();
    // Two machines' files: merge replaces each day × site row whole, so their sites sit side by side.
    await ok(m, { type: 'import', data: oneDay([{ domain: 'work.test', ms: 30 * HOUR }]), mode: 'merge' });
    await ok(m, { type: 'import', data: oneDay([{ domain: 'home.test', ms: 30 * HOUR }]), mode: 'merge' });
    const file = await exported(m);
    expect(file.days).toEqual([{ date: TODAY, sites: expect.arrayContaining([expect.objectContaining({ domain: 'work.test', ms: 30 * HOUR }), expect.objectContaining({ domain: 'home.test', ms: 30 * HOUR })]) as unknown }]);
    const again = await ok(m, { type: 'import', data: file, mode: 'replace' });
    expect(again).toMatchObject({ days: 1, sites: 2, totalMs: 60 * HOUR, written: true });
    expect(await daysOf(m)).toEqual(file.days);
  });

  it('merging the same site twice replaces its row: a day × site never adds up across files', async () => {
    const m = await machine();
    await ok(m, { type: 'import', data: oneDay([{ domain: 'work.test', ms: 30 * HOUR }]), mode: 'merge' });
    await ok(m, { type: 'import', data: oneDay([{ domain: 'work.test', ms: 20 * HOUR }]), mode: 'merge' });
    expect(await daysOf(m)).toEqual([{ date: TODAY, sites: [{ domain: 'work.test', ms: 20 * HOUR, visits: 1, pages: [] }] }]);
  });

  it('an imported full day topped up by capture holds more than 50 h in one row, and still round-trips', async () => {
    const m = await machine();
    await ok(m, { type: 'import', data: oneDay([{ domain: 'a.test', ms: MAX_DAY_MS }]), mode: 'merge' });
    const win = m.browser.openWindow();
    m.browser.openTab(win, 'https://a.test/more', 'More');
    await m.pass(10 * 60_000);
    m.browser.openTab(win, 'https://b.test/', 'B');
    await m.aggregate();
    const file = await exported(m);
    const row = file.days[0]?.sites.find((s) => s.domain === 'a.test');
    expect(row?.ms).toBe(MAX_DAY_MS + 10 * 60_000);
    expect(validateExport(file)).toMatchObject({ ok: true });
    const fresh = await machine();
    await ok(fresh, { type: 'import', data: file, mode: 'replace' });
    expect(await daysOf(fresh)).toEqual(file.days);
  });
});

describe('every site an import can store can be deleted', () => {
  const sitesOf = (data: unknown): string[] => {
    const r = validateExport(data);
    if (!r.ok) throw new Error(r.error);
    return [...new Set(r.file.days.flatMap((d) => d.sites.map((s) => s.domain)))];
  };
  const everySite = GOOD_IMPORTS.flatMap((g) => sitesOf(g.data));
  const isIpv6 = (d: string): boolean => d.includes(':');

  it('by the delete command, whatever the domain', async () => {
    for (const g of GOOD_IMPORTS) {
      const m = await machine();
      await ok(m, { type: 'import', data: g.data, mode: 'merge' });
      for (const site of sitesOf(g.data)) await ok(m, { type: 'deleteHistory', scope: { site } });
      expect(await daysOf(m), g.name).toEqual([]);
    }
  });

  it.each(everySite)('by name in "Delete one site": %s', (domain) => {
    expect(parseSiteToDelete(domain)).toEqual({ ok: true, value: domain });
  });

  // Capture stores an IPv6 site bare ("::1"); a person may type it as a URL writes it, too.
  it.each(everySite.filter(isIpv6))('by name in "Delete one site", in brackets or in a URL: %s', (domain) => {
    expect(parseSiteToDelete(`[${domain.toUpperCase()}]`)).toEqual({ ok: true, value: domain });
    expect(parseSiteToDelete(` https://[${domain}]:8080/page `)).toEqual({ ok: true, value: domain });
  });
});
