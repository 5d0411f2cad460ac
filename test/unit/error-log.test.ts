// The diagnostics' error log is bounded: the newest 30 entries stay, older ones drop off, so a
// worker failing on every alarm for a week cannot fill the quota with its complaints.
import { describe, expect, it } from 'vitest';
import { openDwellDb } from '../../src/db/open.ts';
import { logError, readErrors } from '../../src/db/meta.ts';

describe('the error log', () => {
  it('35 errors logged: the last 30 are kept, oldest first, with where, when and what', async () => {
    const db = await openDwellDb(`errors-${Date.now()}`);
    for (let i = 0; i < 35; i++) await logError(db, 'aggregate', new TypeError(`failure ${i}`), 1_000 + i);
    const kept = await readErrors(db);
    expect(kept).toHaveLength(30);
    expect(kept[0]).toEqual({ at: 1_005, where: 'aggregate', message: 'TypeError: failure 5' });
    expect(kept.at(-1)).toEqual({ at: 1_034, where: 'aggregate', message: 'TypeError: failure 34' });
    await logError(db, 'capture', 'a string, not an Error', 2_000);
    expect((await readErrors(db)).at(-1)).toEqual({ at: 2_000, where: 'capture', message: 'a string, not an Error' });
    db.close();
  });
});
