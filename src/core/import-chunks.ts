// An import larger than one message can carry (Chrome refuses any message over 64 MiB with
// "Message exceeded maximum allowed size of 64MiB") goes to the worker in chunks: the page cuts
// the validated file into chunks of whole sites, the worker joins them back into exactly the
// same file and publishes it in one transaction only when the commit arrives. Pure: both sides.
import type { ExportFile } from './api.ts';

type Days = ExportFile['days'];

/** One message's share of the file. `continues`: its first day is the rest of the previous
 *  chunk's last day (a day too big for one chunk is cut between two of its sites). */
export interface ImportChunk {
  continues: boolean;
  days: Days;
}

/** Characters of JSON per chunk: a UTF-16 unit is at most 3 bytes of UTF-8 (and 2 in a structured
 *  clone), so a quarter of Chrome's 64 MiB leaves room for the envelope whatever the text. One
 *  site is far smaller (at most 201 pages of bounded url and title, about 15 M characters). */
export const CHUNK_CHARS = 16 * 1024 * 1024;
/** Far above what the largest importable file needs (256 MiB / CHUNK_CHARS = 16). */
export const MAX_IMPORT_CHUNKS = 1024;
/** A chunk holds at most a whole file's days (EXPORT_LIMITS.days; a test holds them equal). */
export const MAX_DAYS_PER_CHUNK = 36_600;

/** The text every "this import is no longer staged" error carries: the worker restarted between
 *  two messages of one upload, and the page starts it again. */
export const STAGING_LOST = 'import staging lost';
export const isStagingLost = (e: unknown): boolean => e instanceof Error && e.message.includes(STAGING_LOST);

/** A day's JSON around its sites: {"date":"YYYY-MM-DD","sites":[]}, and a separator. */
const DAY_OVERHEAD = 40;

/** The file's days in chunks of at most `maxChars` characters of JSON (a single site larger than
 *  that still goes, alone). Always at least one chunk, so even an empty file has a commit. */
export function chunksOf(file: ExportFile, maxChars = CHUNK_CHARS): ImportChunk[] {
  const chunks: ImportChunk[] = [];
  let days: Days = [];
  let size = 0;
  let continues = false;
  let sites: Days[number]['sites'] = [];
  /** Closes the chunk; `date` is the day being filled, which the next chunk then continues. */
  const cut = (date: string | null): void => {
    if (date !== null && sites.length > 0) days.push({ date, sites });
    chunks.push({ continues, days });
    continues = date !== null && sites.length > 0;
    days = [];
    sites = [];
    size = date === null ? 0 : DAY_OVERHEAD;
  };
  for (const d of file.days) {
    if (size + DAY_OVERHEAD > maxChars && days.length > 0) cut(null);
    size += DAY_OVERHEAD;
    sites = [];
    for (const s of d.sites) {
      const n = JSON.stringify(s).length + 1;
      if (size + n > maxChars && (days.length > 0 || sites.length > 0)) cut(d.date);
      sites.push(s);
      size += n;
    }
    days.push({ date: d.date, sites });
    sites = [];
  }
  chunks.push({ continues, days });
  return chunks;
}

/** An own field of a plain object, else undefined (the days are untrusted until the commit). */
const field = (x: unknown, key: string): unknown =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && Object.hasOwn(x, key) ? (x as Record<string, unknown>)[key] : undefined;

/** Appends a received chunk to the days staged so far, joining a continued day back into one.
 *  The days are still untrusted here: the whole file is validated at the commit. */
export function joinChunk(staged: unknown[], chunk: { continues: boolean; days: unknown[] }): void {
  const [first, ...rest] = chunk.days;
  if (!chunk.continues || first === undefined) {
    for (const d of chunk.days) staged.push(d);
    return;
  }
  const last = staged[staged.length - 1];
  const [date, a, b] = [field(last, 'date'), field(last, 'sites'), field(first, 'sites')];
  if (typeof date !== 'string' || date !== field(first, 'date') || !Array.isArray(a) || !Array.isArray(b)) {
    throw new Error('Import rejected: a chunk continues a day that the previous chunk did not end with');
  }
  staged[staged.length - 1] = { date, sites: [...(a as unknown[]), ...(b as unknown[])] };
  for (const d of rest) staged.push(d);
}
