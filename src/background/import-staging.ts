// Chunks of an import that one message could not carry wait here, in the worker's memory, keyed
// by the page's import id: invisible to every query, published only by the commit, in one
// transaction (db/transfer.ts). Memory dies with the worker; a chunk or commit that finds its
// import gone says STAGING_LOST and the page sends the file again.
import { MAX_IMPORT_CHUNKS, STAGING_LOST, joinChunk } from '../core/import-chunks.ts';

interface Staged {
  days: unknown[];
  received: number;
  touched: number;
}

export interface ImportStaging {
  /** Stages chunk `index` (0 starts the import afresh); returns how many have arrived. */
  add(id: string, index: number, chunk: { continues: boolean; days: unknown[] }): number;
  /** The staged days of a complete import, which stops being staged either way. */
  take(id: string, chunks: number): unknown[];
}

/** An upload a closed page abandoned is dropped once nothing arrived for it for `idleMs`. */
export function createImportStaging(now: () => number, idleMs = 10 * 60_000): ImportStaging {
  const staged = new Map<string, Staged>();
  const lost = (id: string): Error => new Error(`${STAGING_LOST}: import ${id} is not (or no longer) staged; send it again`);
  return {
    add(id, index, chunk) {
      const t = now();
      for (const [other, s] of staged) if (t - s.touched > idleMs) staged.delete(other);
      if (index === 0) staged.set(id, { days: [], received: 0, touched: t });
      const s = staged.get(id);
      if (!s) throw lost(id);
      if (index !== s.received || index >= MAX_IMPORT_CHUNKS) {
        staged.delete(id);
        throw new Error(`Import rejected: chunk ${index} of import ${id} arrived where chunk ${s.received} was due`);
      }
      try {
        joinChunk(s.days, chunk);
      } catch (err) {
        staged.delete(id);
        throw err;
      }
      s.received += 1;
      s.touched = t;
      return s.received;
    },
    take(id, chunks) {
      const s = staged.get(id);
      staged.delete(id);
      if (!s) throw lost(id);
      if (s.received !== chunks) throw new Error(`Import rejected: ${s.received} of ${chunks} chunks of import ${id} arrived`);
      return s.days;
    },
  };
}
