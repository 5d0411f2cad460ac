// The worker's staging of chunked imports (src/background/import-staging.ts): how long an
// abandoned upload is kept, and how many chunks one import may have.
import { describe, expect, it } from 'vitest';
import { createImportStaging } from '../../src/background/import-staging.ts';
import { MAX_IMPORT_CHUNKS, STAGING_LOST } from '../../src/core/import-chunks.ts';
import { MINUTE } from '../fixtures/story.ts';

const IDLE_MS = 10 * MINUTE;
const dayOf = (date: string) => ({ date, sites: [{ domain: 'a.test', ms: 1000 }] });

describe('import staging', () => {
  it('chunk 0 at 10:00, chunk 1 exactly ten minutes later → still staged; the commit gets both days', () => {
    let t = 0;
    const staging = createImportStaging(() => t, IDLE_MS);
    expect(staging.add('up-1', 0, { continues: false, days: [dayOf('2024-03-10')] })).toBe(1);
    t += IDLE_MS;
    expect(staging.add('up-1', 1, { continues: false, days: [dayOf('2024-03-11')] })).toBe(2);
    expect(staging.take('up-1', 2)).toEqual([dayOf('2024-03-10'), dayOf('2024-03-11')]);
  });

  it('chunk 0, then nothing for ten minutes and 1 ms → dropped: the next chunk says staging lost', () => {
    let t = 0;
    const staging = createImportStaging(() => t, IDLE_MS);
    staging.add('up-1', 0, { continues: false, days: [dayOf('2024-03-10')] });
    t += IDLE_MS + 1;
    expect(() => staging.add('up-1', 1, { continues: false, days: [dayOf('2024-03-11')] })).toThrow(STAGING_LOST);
  });

  it('an abandoned upload is dropped when another import sends a chunk after the idle time', () => {
    let t = 0;
    const staging = createImportStaging(() => t, IDLE_MS);
    staging.add('abandoned', 0, { continues: false, days: [dayOf('2024-03-10')] });
    t += IDLE_MS + 1;
    staging.add('fresh', 0, { continues: false, days: [] });
    expect(() => staging.take('abandoned', 1)).toThrow(STAGING_LOST);
    expect(staging.take('fresh', 1)).toEqual([]);
  });

  it(`${MAX_IMPORT_CHUNKS} chunks are taken; chunk number ${MAX_IMPORT_CHUNKS} is rejected and the import is dropped`, () => {
    const staging = createImportStaging(() => 0);
    for (let i = 0; i < MAX_IMPORT_CHUNKS; i++) expect(staging.add('big', i, { continues: false, days: [] })).toBe(i + 1);
    expect(() => staging.add('big', MAX_IMPORT_CHUNKS, { continues: false, days: [] })).toThrow(
      `Import rejected: chunk ${MAX_IMPORT_CHUNKS} of import big arrived where chunk ${MAX_IMPORT_CHUNKS} was due`,
    );
    expect(() => staging.take('big', MAX_IMPORT_CHUNKS)).toThrow(STAGING_LOST);
  });
});
