// Import, step one, entirely in the page: read the file in chunks, parse, validate in steps —
// reporting progress throughout — and summarize. Nothing is sent to the worker until the user
// has seen the preview and confirmed. Step two sends it in messages the channel can carry
// (core/import-chunks.ts) and commits; the worker validates it all again and publishes it whole.
import type { Command, ExportFile, ImportSummary, ResultOf } from '../core/api.ts';
import { summarizeExport, validateExportSteps } from '../core/export-format.ts';
import { CHUNK_CHARS, chunksOf, isStagingLost } from '../core/import-chunks.ts';
import { send } from './messaging.ts';
import { importCategories } from '../core/categories.ts';
import type { SettingsStore } from '../settings/store.ts';

/** Larger files are refused up front (an export of a century of heavy use is far smaller). */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

export type ImportPhase = 'reading' | 'parsing' | 'validating';
export type Progress = (phase: ImportPhase, fraction: number) => void;

export type Prepared =
  | { ok: true; file: ExportFile; summary: { days: number; sites: number; totalMs: number; firstDay: string | null; lastDay: string | null } }
  | { ok: false; error: string };

/** Yields to the event loop so the progress bar repaints between chunks. */
const breathe = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Blob → text, chunk by chunk (the stream's own chunks), decoding UTF-8 across chunk edges. */
export async function readText(blob: Blob, onProgress: (fraction: number) => void): Promise<string> {
  const reader = blob.stream().getReader();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const parts: string[] = [];
  let read = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    read += value.byteLength;
    parts.push(decoder.decode(value, { stream: true }));
    onProgress(blob.size ? read / blob.size : 1);
    await breathe();
  }
  parts.push(decoder.decode());
  return parts.join('');
}

export async function prepareImport(blob: Blob, onProgress: Progress, pause: () => Promise<void> = breathe): Promise<Prepared> {
  if (blob.size === 0) return { ok: false, error: '(file): the file is empty' };
  if (blob.size > MAX_IMPORT_BYTES) return { ok: false, error: `(file): too large (${blob.size} bytes, at most ${MAX_IMPORT_BYTES})` };
  let text: string;
  try {
    text = await readText(blob, (f) => onProgress('reading', f));
  } catch {
    return { ok: false, error: '(file): not UTF-8 text' };
  }
  onProgress('parsing', 0);
  await pause();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `(file): not valid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  const steps = validateExportSteps(data, 100);
  for (;;) {
    const r = steps.next();
    if (r.done) {
      if (!r.value.ok) return r.value;
      const file = r.value.file;
      const dates = file.days.map((d) => d.date).sort();
      return { ok: true, file, summary: { ...summarizeExport(file), firstDay: dates[0] ?? null, lastDay: dates[dates.length - 1] ?? null } };
    }
    onProgress('validating', r.value.done / r.value.total);
    await pause();
  }
}

export interface PublishOptions {
  send?: <C extends Command>(cmd: C) => Promise<ResultOf<C>>;
  onProgress?: (fraction: number) => void;
  chunkChars?: number;
  newId?: () => string;
}

async function upload(file: ExportFile, mode: 'merge' | 'replace', o: Required<PublishOptions>): Promise<ImportSummary> {
  const id = o.newId();
  const chunks = chunksOf(file, o.chunkChars);
  for (const [index, chunk] of chunks.entries()) {
    await o.send({ type: 'importChunk', id, index, continues: chunk.continues, days: chunk.days });
    o.onProgress((index + 1) / (chunks.length + 1));
  }
  const summary = await o.send({ type: 'importCommit', id, chunks: chunks.length, mode, version: file.version, exportedAt: file.exportedAt });
  o.onProgress(1);
  return summary;
}

/** Sends a prepared file to the worker and publishes it. The staged chunks live in the worker's
 *  memory: if it restarted mid-upload they are gone (nothing was written), so the upload starts
 *  once more; a second loss is the caller's to report. */
export async function publishImport(file: ExportFile, mode: 'merge' | 'replace', opts: PublishOptions = {}): Promise<ImportSummary> {
  const o: Required<PublishOptions> = { send, onProgress: () => undefined, chunkChars: CHUNK_CHARS, newId: () => crypto.randomUUID(), ...opts };
  try {
    return await upload(file, mode, o);
  } catch (e) {
    if (!isStagingLost(e)) throw e;
    return upload(file, mode, o);
  }
}

/** After the history is published: the file's categories into the settings (core/categories.ts
 *  importCategories says what merge and replace do). The worker never writes settings for an
 *  import, so a page that imports applies them; a file without categories changes none. */
export async function applyImportedCategories(store: SettingsStore, file: ExportFile, mode: 'merge' | 'replace'): Promise<void> {
  if (!file.categories) return;
  const current = (await store.load()).categories;
  await store.save({ categories: importCategories(current, file.categories, mode) });
}
