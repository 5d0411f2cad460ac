// Gaps in sequence numbers reveal writes that failed after their number was handed out.
import { generationOf, indexOf } from './events.ts';

/** Missing numbers between `prevSeq` and each next seq, within one generation. A new generation
 *  starts at index 0, so a first event with index k > 0 means k lost writes. A generation that ran
 *  out ends with a seal at its last index (background/recorder.ts), so writes lost just before its
 *  end are counted here like any others; a worker that stopped leaves no such mark (it cannot). */
export function countGaps(prevSeq: number | null, seqs: readonly number[]): number {
  let gaps = 0;
  let prev = prevSeq;
  for (const seq of seqs) {
    const gen = generationOf(seq);
    const idx = indexOf(seq);
    if (prev !== null && generationOf(prev) === gen) gaps += Math.max(0, idx - indexOf(prev) - 1);
    else gaps += idx;
    prev = seq;
  }
  return gaps;
}
