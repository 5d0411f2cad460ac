// Folding a stretch of the log read-only: the live part of a query (the pending events on top of
// the stored cursor) and "verify" (the retained events from scratch). Nothing is written; memory
// stays bounded by `chunk` whatever the backlog.
import type { DwellEvent } from '../core/events.ts';
import type { FoldState } from '../core/state.ts';
import { foldEvents } from '../core/fold.ts';
import { mergeContributions, type Deltas } from '../core/merge.ts';
import { checkEvents } from '../core/validate-event.ts';
import type { StoreName } from './schema.ts';
import { inside, type Needs, type Tx } from './tx.ts';

export interface Refolded {
  state: FoldState;
  deltas: Deltas;
  /** Records read (corrupt ones included: they are pending too). */
  read: number;
  firstGood: DwellEvent | null;
  lastGood: DwellEvent | null;
}

/** Folds the events with after < seq ≤ upTo onto `state`, `chunk` records per read. */
export async function refold<S extends StoreName[]>(tx: Tx<S> & Needs<S, 'events'>, state: FoldState, after: number, upTo = Number.POSITIVE_INFINITY, chunk = 1000): Promise<Refolded> {
  const events = inside(tx).objectStore('events');
  const range = (from: number) => (Number.isFinite(upTo) ? IDBKeyRange.bound(from, upTo, true, false) : IDBKeyRange.lowerBound(from, true));
  const out: Refolded = { state, deltas: { days: new Map(), pages: new Map() }, read: 0, firstGood: null, lastGood: null };
  let from = after;
  for (;;) {
    if (Number.isFinite(upTo) && from >= upTo) break;
    const raw = await events.getAll(range(from), chunk);
    if (raw.length === 0) break;
    out.read += raw.length;
    from = raw[raw.length - 1]!.seq;
    const good = checkEvents(raw).good;
    out.firstGood ??= good[0] ?? null;
    out.lastGood = good[good.length - 1] ?? out.lastGood;
    const r = foldEvents(out.state, good);
    out.state = r.state;
    mergeContributions(r.contributions, out.deltas);
    if (raw.length < chunk) break;
  }
  return out;
}
