// The fold's carried state (src/core/state.ts): what a fresh state assumes before the log says
// otherwise, and how a state saved by an older worker is carried forward. It holds the open
// visit's time, so a migration that dropped a counter or a newer state folded by older rules
// would show as wrong diagnostics or time counted twice.
import { describe, expect, it } from 'vitest';
import { FOLD_STATE_VERSION, initialState, migrateFoldState } from '../../src/core/state.ts';
import { closeVirtually, foldEvents } from '../../src/core/fold.ts';
import { SECOND, story } from '../fixtures/story.ts';

describe('a fresh fold state', () => {
  it('a log with no config event (written before settings were stamped): an audible tab counts through idle, as the default setting says', () => {
    const s = story().at('10:00:00').focus(1).tab(1, 1, 'https://video.test/watch', { title: 'Film', audible: true });
    s.after(30 * SECOND).beat().after(30 * SECOND).idle(0).after(30 * SECOND).beat().after(30 * SECOND).beat();
    const folded = foldEvents(initialState(), s.events);
    const live = closeVirtually(folded.state, s.now);
    const ms = [...folded.contributions, ...live.contributions].filter((c) => c.url !== null).reduce((sum, c) => sum + c.ms, 0);
    expect(ms).toBe(120 * SECOND);
  });
});

describe('a saved fold state is carried forward', () => {
  /** What a version-1 worker saved: no `v`, no corrupt or outage counters. */
  const savedByV1 = (): Record<string, unknown> => {
    const { v: _v, counters, ...rest } = initialState();
    const { corrupt: _c, outages: _o, ...oldCounters } = counters;
    return { ...rest, lastSeq: 41, counters: { ...oldCounters, events: 41, gaps: 2, reconstructed: 1, recoveries: 1, clockJumps: 3 } };
  };

  it('from version 1: the counters it kept stay, the new ones start at 0', () => {
    const s = migrateFoldState(savedByV1());
    expect(s.v).toBe(FOLD_STATE_VERSION);
    expect(s.lastSeq).toBe(41);
    expect(s.counters).toEqual({ events: 41, gaps: 2, reconstructed: 1, recoveries: 1, clockJumps: 3, corrupt: 0, outages: 0 });
  });

  it('from version 2: the corrupt count it kept stays, outages start at 0', () => {
    const v1 = savedByV1();
    const v2 = { ...v1, v: 2, counters: { ...(v1.counters as object), corrupt: 5 } };
    expect(migrateFoldState(v2).counters).toEqual({ events: 41, gaps: 2, reconstructed: 1, recoveries: 1, clockJumps: 3, corrupt: 5, outages: 0 });
  });

  it('a state from a newer Dwell is refused, not folded with older rules', () => {
    const newer = { ...initialState(), v: FOLD_STATE_VERSION + 1 };
    expect(() => migrateFoldState(newer)).toThrow(new Error(`fold state version ${FOLD_STATE_VERSION + 1} is newer than this version of Dwell (${FOLD_STATE_VERSION})`));
  });

  it('a state claiming version 0 (no such version) is refused', () => {
    expect(() => migrateFoldState({ ...initialState(), v: 0 })).toThrow(new Error('no migration for fold state version 0'));
  });
});
