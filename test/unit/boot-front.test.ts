// A boot is an extension reload only if what is in front is what the log had in front
// (docs/COUNTING.md §8): the same window, the same tab, active since no later than the last
// evidence. Told as raw events into the fold, because the fake browser always moves lastAccessed
// with the active tab and so cannot show a front tab of the same window that is not the log's.
import { describe, expect, it } from 'vitest';
import type { DwellEvent, EventBody } from '../../src/core/events.ts';
import type { Contribution } from '../../src/core/aggregates.ts';
import { initialState } from '../../src/core/state.ts';
import { foldEvents } from '../../src/core/fold.ts';

const history = (bodies: Array<[number, EventBody]>): DwellEvent[] => bodies.map(([t, body], i) => ({ seq: i + 1, t, tz: 0, ...body }));

const msOn = (out: Contribution[], domain: string) => out.filter((c) => c.domain === domain).reduce((sum, c) => sum + c.ms, 0);

/** Window 1 focused; tab 1 (a.test) in front from 0 s; a heartbeat at 30 s is the last evidence;
 *  then a boot at 40 s showing `front`, and a heartbeat at 50 s. */
function bootAfterReading(front: { windowId: number; tabId: number; lastAccessed: number }) {
  const tab = (tabId: number, url: string, domain: string): EventBody => ({ k: 'tab', tabId, windowId: 1, url, domain, title: domain, audible: false });
  const events = history([
    [0, { k: 'focus', windowId: 1 }],
    [0, { k: 'activated', tabId: 2, windowId: 1 }],
    [0, tab(2, 'https://b.test/', 'b.test')],
    [0, { k: 'activated', tabId: 1, windowId: 1 }],
    [0, tab(1, 'https://a.test/', 'a.test')],
    [30_000, { k: 'beat', scheduled: 30_000 }],
    [40_000, { k: 'boot', front }],
    [50_000, { k: 'beat', scheduled: 50_000 }],
  ]);
  const { state, contributions } = foldEvents(initialState(), events);
  return { recoveries: state.counters.recoveries, aMs: msOn(contributions, 'a.test'), open: state.visit?.page ?? null };
}

describe('a boot whose front is not the log’s front is a browser restart', () => {
  it('tab 1 read 30 s, boot at 40 s with tab 1 still in front since 0 s: a reload, the visit goes on', () => {
    expect(bootAfterReading({ windowId: 1, tabId: 1, lastAccessed: 0 })).toEqual({ recoveries: 0, aMs: 0, open: 'https://a.test/' });
  });

  it('tab 1 read 30 s, boot at 40 s with tab 2 of the same window in front (active since 0 s): closed at the last evidence', () => {
    // Tab 2 was in front before tab 1, so its lastAccessed is before the last evidence, yet it is
    // not the tab the log had in front: something the log never saw happened, as in a restart.
    expect(bootAfterReading({ windowId: 1, tabId: 2, lastAccessed: 0 })).toEqual({ recoveries: 1, aMs: 30_000, open: null });
  });
});
