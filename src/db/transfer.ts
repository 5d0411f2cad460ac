// Export and import of aggregated history in the documented dwell-export format
// (src/core/export-format.ts validates it). An import is staged in memory (one message, or chunks
// joined by background/import-staging.ts), validated whole, and published in ONE transaction: a
// failed or cancelled import changes nothing. Whatever buildExport writes, importExport takes back.
import type { ExportFile, ExportSite, ImportSummary } from '../core/api.ts';
import { OTHER_URL, type DayRow } from '../core/aggregates.ts';
import { EXPORT_VERSION, summarizeExport, validateExport } from '../core/export-format.ts';
import type { Category } from '../core/categories.ts';
import { quiet, txOf } from './tx.ts';
import type { DwellDb } from './open.ts';
import { addPage, rebuildDayTotals, rebuildSiteTotals } from './aggregates.ts';
import { DELETE_STORES, deleteInTx } from './history.ts';
import type { FoldOptions } from './fold-batch.ts';

export async function buildExport(db: DwellDb, exportedAt: Date, categories?: Category[]): Promise<ExportFile> {
  const rows = await db.getAll('days');
  const days = new Map<string, ExportSite[]>();
  for (const r of rows) {
    const pages = Object.entries(r.pages).map(([url, p]) => ({ url, title: p.title, ms: p.ms, visits: p.visits, ...(p.other ? { other: true } : {}) }));
    const list = days.get(r.day) ?? [];
    list.push({ domain: r.domain, ms: r.ms, visits: r.visits, pages, ...(r.hours ? { hours: [...r.hours] } : {}) });
    days.set(r.day, list);
  }
  return {
    format: 'dwell-export',
    version: EXPORT_VERSION,
    exportedAt: exportedAt.toISOString(),
    days: [...days.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, sites]) => ({ date, sites })),
    ...(categories ? { categories } : {}),
  };
}

/** A file written before page visits were exported carries none: those pages import with 0; one
 *  without hours (version 1) imports its time without an hour. */
function rowOf(date: string, site: ExportSite): DayRow {
  const row: DayRow = { day: date, domain: site.domain, ms: site.ms, visits: site.visits, pages: {}, ...(site.hours ? { hours: [...site.hours] } : {}) };
  for (const p of site.pages) addPage(row, p.other ? OTHER_URL : p.url, p.title, p.ms, p.visits ?? 0);
  return row;
}

/** `replace` deletes everything first through the same path as "delete all" (pending events and
 *  the open visit's past included), in the same transaction as the import. */
export async function importExport(db: DwellDb, data: unknown, mode: 'merge' | 'replace', dryRun: boolean, now: number, opts: FoldOptions): Promise<ImportSummary> {
  const v = validateExport(data);
  if (!v.ok) throw new Error(`Import rejected: ${v.error}`);
  const summary = summarizeExport(v.file);
  if (dryRun) return { ...summary, mode, written: false };
  const tx = txOf(db, [...DELETE_STORES], 'readwrite');
  const days = tx.objectStore('days');
  const touchedDomains = new Set<string>();
  const touchedDays = new Set<string>();
  if (mode === 'replace') await deleteInTx(tx, { all: true }, now, opts);
  for (const { date, sites } of v.file.days) {
    touchedDays.add(date);
    for (const site of sites) {
      touchedDomains.add(site.domain);
      // One row per day × site, replaced whole: importing the same file twice never doubles.
      quiet(days.put(rowOf(date, site)));
    }
  }
  await rebuildSiteTotals(tx, touchedDomains);
  await rebuildDayTotals(tx, touchedDays);
  await tx.done;
  return { ...summary, mode, written: true };
}
