// "Verify consistency": refold the retained raw events from scratch and compare with the stored
// days they fully cover. The first retained day is not covered (a visit may have been open
// before it), nor is the day of the newest folded event (it may still grow).
import type { VerifyReport } from '../core/api.ts';
import { initialState } from '../core/state.ts';
import { dayOf } from '../core/days.ts';
import { txOf } from '../db/tx.ts';
import type { DwellDb } from '../db/open.ts';
import { readCursor } from '../db/meta.ts';
import { refold } from '../db/refold.ts';
import { dayRange } from '../db/aggregates.ts';

export async function verify(db: DwellDb, chunk = 1000): Promise<VerifyReport> {
  const tx = txOf(db, ['meta', 'events', 'days', 'dayTotals'], 'readonly');
  const cursor = await readCursor(tx);
  const { deltas, firstGood, lastGood } = await refold(tx, initialState(), -1, cursor.watermark, chunk);
  const firstSeq = firstGood?.seq ?? null;
  const firstDay = firstGood ? dayOf(firstGood.t, firstGood.tz) : null;
  const lastDay = lastGood ? dayOf(lastGood.t, lastGood.tz) : null;
  const covered = new Set<string>();
  if (firstDay && lastDay && firstDay < lastDay) {
    for (const d of deltas.days.values()) if (d.day > firstDay && d.day < lastDay) covered.add(d.day);
    // Days with stored time but nothing refolded are covered too (and will show as differences).
    const storedDays = await tx.objectStore('dayTotals').getAllKeys(IDBKeyRange.bound(firstDay, lastDay, true, true));
    for (const d of storedDays) covered.add(d);
  }
  const stored = await Promise.all([...covered].map((day) => tx.objectStore('days').getAll(dayRange(day))));
  await tx.done;
  const differences: VerifyReport['differences'] = [];
  const storedMs = new Map<string, number>();
  for (const rows of stored) for (const r of rows) storedMs.set(`${r.day}\u0000${r.domain}`, r.ms);
  const keys = new Set([...storedMs.keys(), ...[...deltas.days.values()].filter((d) => covered.has(d.day)).map((d) => `${d.day}\u0000${d.domain}`)]);
  for (const k of keys) {
    const [day, domain] = k.split('\u0000') as [string, string];
    const s = storedMs.get(k) ?? 0;
    const r = deltas.days.get(k)?.ms ?? 0;
    if (s !== r) differences.push({ day, domain, storedMs: s, recomputedMs: r });
  }
  return { coveredDays: [...covered].sort(), firstRetainedSeq: firstSeq, differences, ok: differences.length === 0 };
}
