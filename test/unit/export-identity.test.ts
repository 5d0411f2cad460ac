// Export ∘ import is the identity, page visits included: the crash matrix found that merging
// Dwell's own export reset every page's visit count to 0 (the format carried no page visits).
import { describe, expect, it } from 'vitest';
import { Machine } from '../fixtures/machine.ts';
import { validateExport } from '../../src/core/export-format.ts';
import type { Command, ExportFile } from '../../src/core/api.ts';

const MINUTE = 60_000;

const ok = <C extends Command>(m: Machine, cmd: C) => m.ok(cmd);
const exported = (m: Machine): Promise<ExportFile> => m.exported();

/** What the popup's page drill-down shows for a site: url → visits. */
async function pageVisits(m: Machine, domain: string): Promise<Record<string, number>> {
  const q = await ok(m, { type: 'query', range: 'all', pages: domain });
  const site = q.sites.find((s) => s.domain === domain);
  return Object.fromEntries((site?.pages ?? []).map((p) => [p.url, p.visits]));
}

/** The docs page read twice with a page of the blog between: 2 visits to /docs, 1 to /blog. */
async function readDocsTwice(): Promise<Machine> {
  const m = new Machine();
  await m.wakeWorker();
  const win = m.browser.openWindow();
  const tab = m.browser.openTab(win, 'https://example.com/docs', 'Docs');
  await m.pass(MINUTE);
  m.browser.navigate(tab, 'https://example.com/blog', 'Blog');
  await m.pass(MINUTE);
  m.browser.navigate(tab, 'https://example.com/docs', 'Docs');
  await m.pass(MINUTE);
  m.browser.openTab(win, 'https://end.test/', 'End');
  await m.aggregate();
  return m;
}

describe('page visits survive an export and an import', () => {
  it('merging its own export changes nothing: /docs still 2 visits, /blog 1', async () => {
    const m = await readDocsTwice();
    const before = await pageVisits(m, 'example.com');
    expect(before).toEqual({ 'https://example.com/docs': 2, 'https://example.com/blog': 1 });
    await ok(m, { type: 'import', data: await exported(m), mode: 'merge' });
    expect(await pageVisits(m, 'example.com')).toEqual(before);
  });

  it('a replace into another profile gives the same pages, visits included', async () => {
    const m = await readDocsTwice();
    const file = await exported(m);
    const other = new Machine();
    await other.wakeWorker();
    await ok(other, { type: 'import', data: file, mode: 'replace' });
    expect(await pageVisits(other, 'example.com')).toEqual(await pageVisits(m, 'example.com'));
    expect((await exported(other)).days).toEqual(file.days);
  });

  it('a file written before page visits were exported still imports, its pages with 0 visits', async () => {
    const file = { format: 'dwell-export', version: 1, exportedAt: '2024-03-10T12:00:00.000Z', days: [{ date: '2024-03-10', sites: [{ domain: 'example.com', ms: 5000, visits: 1, pages: [{ url: 'https://example.com/docs', title: 'Docs', ms: 5000 }] }] }] };
    expect(validateExport(file)).toMatchObject({ ok: true });
    const m = new Machine();
    await m.wakeWorker();
    await ok(m, { type: 'import', data: file, mode: 'replace' });
    expect(await pageVisits(m, 'example.com')).toEqual({ 'https://example.com/docs': 0 });
  });

  it('a day past the page cap (its "other pages" row) exports that row marked other, and imports back the same', async () => {
    const file = { format: 'dwell-export', version: 1, exportedAt: '2024-03-10T12:00:00.000Z', days: [{ date: '2024-03-10', sites: [{ domain: 'example.com', ms: 730_000, visits: 1, pages: [
      { url: 'https://example.com/docs', title: 'Docs', ms: 5_000, visits: 1 },
      { url: '(other pages)', title: '', ms: 725_000, visits: 240, other: true },
    ] }] }] };
    const m = new Machine();
    await m.wakeWorker();
    await ok(m, { type: 'import', data: file, mode: 'replace' });
    const out = await exported(m);
    expect(out.days[0]?.sites[0]?.pages).toEqual([
      { url: 'https://example.com/docs', title: 'Docs', ms: 5_000, visits: 1 },
      { url: '(other pages)', title: '', ms: 725_000, visits: 240, other: true },
    ]);
    expect(out.days).toEqual(file.days);
  });

  it('page visits in a file are checked like every count (whole, ≥ 0, within the row cap)', () => {
    const withVisits = (visits: unknown) => ({ format: 'dwell-export', version: 1, exportedAt: '2024-03-10T12:00:00.000Z', days: [{ date: '2024-03-10', sites: [{ domain: 'example.com', ms: 5000, visits: 1, pages: [{ url: 'https://example.com/docs', title: 'Docs', ms: 5000, visits }] }] }] });
    expect(validateExport(withVisits(3))).toMatchObject({ ok: true });
    for (const bad of [-1, 1.5, '2', 2 ** 53, null]) expect(validateExport(withVisits(bad)), String(bad)).toMatchObject({ ok: false });
  });
});
