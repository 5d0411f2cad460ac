// Helpers name the stores they need: a transaction opened without one of them does not compile.
// (tsc checks this file in `npm run typecheck`; an @ts-expect-error that stops failing fails it.)
import { describe, expect, it } from 'vitest';
import { openDwellDb } from '../../src/db/open.ts';
import { txOf } from '../../src/db/tx.ts';
import { readCursor } from '../../src/db/meta.ts';
import { readAfter } from '../../src/db/events.ts';
import { applyDeltas } from '../../src/db/aggregates.ts';

describe('typed transactions', () => {
  it('a helper takes a transaction that has its stores, and refuses (at compile time) one that has not', async () => {
    const db = await openDwellDb(`tx-types-${Date.now()}`);
    const both = txOf(db, ['meta', 'events'], 'readonly');
    expect((await readCursor(both)).watermark).toBe(0);
    expect(await readAfter(both, 0, 10)).toEqual([]);
    await both.done;

    const eventsOnly = txOf(db, ['events'], 'readonly');
    // @ts-expect-error readCursor needs 'meta', which this transaction was not opened over
    await expect(readCursor(eventsOnly)).rejects.toThrow(/could not be found|NotFoundError/i);
    await eventsOnly.done.catch(() => undefined);

    const rowsReadonly = txOf(db, ['days', 'siteTotals', 'dayTotals'], 'readonly');
    // @ts-expect-error applyDeltas writes: a readonly transaction does not do
    await applyDeltas(rowsReadonly, { days: new Map(), pages: new Map() });
    await rowsReadonly.done;
    db.close();
  });
});
