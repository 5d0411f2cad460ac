// Export and import of aggregated history in the documented dwell-export format
// (src/core/export-format.ts validates it). An import is staged in memory, validated whole,
// and published in ONE transaction: a failed or cancelled import changes nothing.
import { quiet } from './schema.ts';
import type { ExportFile, ExportSite, ImportSummary } from '../core/api.ts';
import { OTHER_URL, PAGE_CAP_PER_SITE_DAY, type DayRow, type PageRow } from '../core/aggregates.ts';
import { summarizeExport, validateExport } from '../core/export-format.ts';
import { txOf } from './schema.ts';
import type { DwellDb } from './open.ts';
import { dayPagesRange, rebuildDayTotals, rebuildSiteTotals } from './aggregates.ts';

export async function buildExport(db: DwellDb, exportedAt: Date): Promise<ExportFile> {
  const tx = txOf(db, ['days', 'pages'], 'readonly');
  const [dayRows, pageRows] = await Promise.all([tx.objectStore('days').getAll(), tx.objectStore('pages').getAll()]);
  await tx.done;
  const pagesBy = new Map<string, PageRow[]>();
  for (const p of pageRows) {
    const k = `${p.day}\u0000${p.domain}`;
    const list = pagesBy.get(k) ?? [];
    list.push(p);
    pagesBy.set(k, list);
  }
  const days = new Map<string, ExportSite[]>();
  for (const r of dayRows) {
    const pages = (pagesBy.get(`${r.day}\u0000${r.domain}`) ?? []).map((p) => ({
      url: p.url,
      title: p.title,
      ms: p.ms,
      ...(p.other ? { other: true } : {}),
    }));
    const list = days.get(r.day) ?? [];
    list.push({ domain: r.domain, ms: r.ms, visits: r.visits, pages });
    days.set(r.day, list);
  }
  return {
    format: 'dwell-export',
    version: 1,
    exportedAt: exportedAt.toISOString(),
    days: [...days.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, sites]) => ({ date, sites })),
  };
}

/** Page visits are not in the export format; imported pages carry 0 visits. */
function rowsOf(date: string, site: ExportSite): { day: DayRow; pages: PageRow[] } {
  const pages: PageRow[] = site.pages.map((p) => ({
    day: date,
    domain: site.domain,
    url: p.other ? OTHER_URL : p.url,
    title: p.title,
    ms: p.ms,
    visits: 0,
    ...(p.other ? { other: true } : {}),
  }));
  const kept = pages.filter((p) => !p.other).length;
  return { day: { day: date, domain: site.domain, ms: site.ms, visits: site.visits, pages: Math.min(kept, PAGE_CAP_PER_SITE_DAY) }, pages };
}

export async function importExport(db: DwellDb, data: unknown, mode: 'merge' | 'replace', dryRun: boolean): Promise<ImportSummary> {
  const v = validateExport(data);
  if (!v.ok) throw new Error(`Import rejected: ${v.error}`);
  const summary = summarizeExport(v.file);
  if (dryRun) return { ...summary, mode, written: false };
  const tx = txOf(db, ['days', 'pages', 'siteTotals', 'dayTotals'], 'readwrite');
  const days = tx.objectStore('days');
  const pages = tx.objectStore('pages');
  const touchedDomains = new Set<string>();
  const touchedDays = new Set<string>();
  if (mode === 'replace') {
    await Promise.all([days.clear(), pages.clear(), tx.objectStore('siteTotals').clear(), tx.objectStore('dayTotals').clear()]);
  }
  for (const { date, sites } of v.file.days) {
    touchedDays.add(date);
    for (const site of sites) {
      touchedDomains.add(site.domain);
      // Merge replaces per day × site, so importing the same file twice never doubles anything.
      if (mode === 'merge') quiet(pages.delete(dayPagesRange(date, site.domain)));
      const rows = rowsOf(date, site);
      quiet(days.put(rows.day));
      for (const p of rows.pages) quiet(pages.put(p));
    }
  }
  await rebuildSiteTotals(tx, touchedDomains);
  await rebuildDayTotals(tx, touchedDays);
  await tx.done;
  return { ...summary, mode, written: true };
}
