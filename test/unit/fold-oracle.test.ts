// The fold split into named handlers (src/core/fold.ts and the modules it dispatches to) must do
// exactly what the single step() it was split from did, frozen in test/fixtures/fold-oracle.ts:
// for random histories, the new fold, whole and in random batches, gives state and contributions
// deep-equal to the old one's, and where the old fold threw, the new one throws the same error.
// The histories are steered to the rules a split could break, and the test counts that they
// reach them.
import { describe, expect, it } from 'vitest';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import type { DwellEvent, EventBody, IdleState, SnapshotTab } from '../../src/core/events.ts';
import type { Contribution } from '../../src/core/aggregates.ts';
import { initialState, DEFAULT_GAP_MS, type FoldState } from '../../src/core/state.ts';
import { foldEvents } from '../../src/core/fold.ts';
import { step as oracleStep } from '../fixtures/fold-oracle.ts';

// ── histories ──────────────────────────────────────────────────────────────────────────────────

const PAGES: ReadonlyArray<readonly [string | null, string | null]> = [
  ['https://a.test/', 'a.test'],
  ['https://a.test/x', 'a.test'],
  ['https://www.b.test/', 'b.test'],
  ['https://news.c.co.uk/p', 'c.co.uk'],
  ['http://localhost:3000/', 'localhost'],
  [null, null],
];
const OFFSETS = [0, 60, -300, 330, 540];
const GAPS = [30_000, DEFAULT_GAP_MS, 135_000];
/** New tabs of many-tabs histories get ids from here on. */
const FRESH_TABS = 1_000;

const tab = fc.integer({ min: 1, max: 6 });
const page = fc.integer({ min: 0, max: PAGES.length - 1 });
const windowId = fc.constantFrom(1, 1, 1, 2, 2, 3);
/** "ms before t" (a few land after t, which the fold clamps). */
const before = fc.integer({ min: -2_000, max: 200_000 });

/** An event body before materialize(): idle.since and lastAccessed are relative to t, and a tab
 *  event of a many-tabs history may be about a new tab. */
type Draft =
  | { k: 'tab'; tab: number; fresh: boolean; windowId: number; page: number; title: string; audible: boolean; lastAccessed: number | null | undefined; nav: boolean }
  | { k: 'snapshot'; focused: number; tabs: Array<{ tab: number; windowId: number; page: number; lastAccessed: number | null }> }
  | { k: 'idle'; state: IdleState; quiet: number }
  | { k: 'other'; body: EventBody };

const tabDraft: fc.Arbitrary<Draft> = fc.record({
  k: fc.constant('tab' as const),
  tab,
  fresh: fc.boolean(),
  windowId,
  page,
  title: fc.constantFrom('', 'Home', 'Article'),
  audible: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  lastAccessed: fc.oneof({ weight: 6, arbitrary: before }, { weight: 2, arbitrary: fc.constant(null) }, { weight: 3, arbitrary: fc.constant(undefined) }),
  nav: fc.boolean(),
});

/** Window 1 is always in it, so its front tab often differs from the one the fold knows. */
const snapshotDraft: fc.Arbitrary<Draft> = fc.record({
  k: fc.constant('snapshot' as const),
  focused: fc.constantFrom(1, 1, 1, 2, -1),
  tabs: fc
    .tuple(
      fc.record({ tab, windowId: fc.constant(1), page, lastAccessed: fc.option(before, { nil: null, freq: 4 }) }),
      fc.uniqueArray(fc.record({ tab, windowId: fc.constantFrom(2, 3), page, lastAccessed: fc.option(before, { nil: null, freq: 4 }) }), { selector: (x) => x.windowId, maxLength: 2 }),
    )
    .map(([front, rest]) => [front, ...rest]),
});

const other = (weight: number, body: fc.Arbitrary<EventBody>) => ({ weight, arbitrary: body.map((b): Draft => ({ k: 'other', body: b })) });

const drafts: fc.Arbitrary<Draft> = fc.oneof(
  { weight: 30, arbitrary: tabDraft },
  { weight: 6, arbitrary: snapshotDraft },
  { weight: 6, arbitrary: fc.record({ k: fc.constant('idle' as const), state: fc.constantFrom<IdleState>('idle', 'idle', 'active', 'active', 'locked'), quiet: fc.integer({ min: 0, max: 120_000 }) }) },
  other(12, fc.record({ tabId: tab, windowId }).map((r): EventBody => ({ k: 'activated', ...r }))),
  other(10, fc.constantFrom(1, 1, 1, 2, 3, -1, -1).map((w): EventBody => ({ k: 'focus', windowId: w }))),
  other(10, fc.option(fc.nat(), { nil: null }).map((scheduled): EventBody => ({ k: 'beat', scheduled }))),
  other(4, fc.record({ tabId: tab, windowId }).map((r): EventBody => ({ k: 'removed', ...r }))),
  other(2, windowId.map((w): EventBody => ({ k: 'windowRemoved', windowId: w }))),
  other(1, fc.constant<EventBody>({ k: 'boot' })),
  other(2, fc.constantFrom(false, false, true).map((paused): EventBody => ({ k: 'pause', paused }))),
  other(2, fc.record({ countAudibleWhileIdle: fc.boolean(), gapMs: fc.constantFrom(...GAPS) }).map((r): EventBody => ({ k: 'config', ...r }))),
);

/** Time to the next event: mostly seconds; the same ms; exactly gapMs; past it; the clock set back. */
type Delay = { d: 'ms'; ms: number } | { d: 'atGap' } | { d: 'pastGap'; ms: number } | { d: 'back'; ms: number };
const delays: fc.Arbitrary<Delay> = fc.oneof(
  { weight: 40, arbitrary: fc.integer({ min: 0, max: 20_000 }).map((ms): Delay => ({ d: 'ms', ms })) },
  { weight: 3, arbitrary: fc.constant<Delay>({ d: 'ms', ms: 0 }) },
  { weight: 2, arbitrary: fc.constant<Delay>({ d: 'atGap' }) },
  { weight: 2, arbitrary: fc.oneof(fc.constant(1), fc.integer({ min: 2, max: 6 * 3_600_000 })).map((ms): Delay => ({ d: 'pastGap', ms })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 * 3_600_000 }).map((ms): Delay => ({ d: 'back', ms })) },
);

type Row = { delay: Delay; tz: number | null; draft: Draft };
/** The offset changes rarely (null: unchanged). */
const row: fc.Arbitrary<Row> = fc.record({ delay: delays, tz: fc.oneof({ weight: 30, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...OFFSETS) }), draft: drafts });
/** Most histories start on a known, counting page, so later rules have a visit to act on. */
const opening: Row[] = [
  { delay: { d: 'ms', ms: 0 }, tz: null, draft: { k: 'other', body: { k: 'focus', windowId: 1 } } },
  { delay: { d: 'ms', ms: 1_000 }, tz: null, draft: { k: 'tab', tab: 1, fresh: false, windowId: 1, page: 0, title: 'Home', audible: false, lastAccessed: undefined, nav: false } },
];

interface History {
  /** Within two days of a spring-forward weekend's midnight, so visits cross midnights. */
  start: number;
  tz0: number;
  /** New tabs keep opening, and over 200 in a row at some point, so the fold's tab-page map goes
   *  past its bound; otherwise six tab ids, so switches between known tabs are common. */
  many: boolean;
  rows: Row[];
  /** Batch ends, as fractions of the history. */
  cuts: number[];
}

/** `size` new tabs, one after the other in window 2, inserted late in the history (a state with
 *  200 tab pages is slow to clone, and every batch after this clones it). */
const newTabsAt = (rows: Row[], at: number, size: number): Row[] => {
  const i = Math.floor((0.6 + 0.4 * at) * rows.length);
  const burst = Array.from({ length: size }, (_, n): Row => ({
    delay: { d: 'ms', ms: 200 },
    tz: null,
    draft: { k: 'tab', tab: 1, fresh: true, windowId: 2, page: n % PAGES.length, title: 'T', audible: false, lastAccessed: undefined, nav: n % 2 === 0 },
  }));
  return [...rows.slice(0, i), ...burst, ...rows.slice(i)];
};

const histories: fc.Arbitrary<History> = fc.oneof({ weight: 59, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }).chain((many) =>
  fc.record({
    start: fc.integer({ min: 0, max: 2 * 86_400_000 }).map((x) => Date.UTC(2024, 2, 30, 12) + x),
    tz0: fc.constantFrom(...OFFSETS),
    many: fc.constant(many),
    rows: fc
      .tuple(
        fc.oneof({ weight: 4, arbitrary: fc.constant(opening) }, { weight: 1, arbitrary: fc.constant([]) }),
        fc.array(row, { minLength: 1, maxLength: many ? 80 : 32, size: 'medium' }),
        many ? fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 201, max: 208 })) : fc.constant(null),
      )
      .map(([start, rest, burst]) => {
        const rows = [...start, ...rest];
        return burst ? newTabsAt(rows, ...burst) : rows;
      }),
    cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: many ? 3 : 8 }),
  }),
);

function materialize(h: History): DwellEvent[] {
  const out: DwellEvent[] = [];
  let t = h.start;
  let tz = h.tz0;
  let gapMs = DEFAULT_GAP_MS;
  let fresh = FRESH_TABS;
  const tabOf = (small: number, isNew: boolean): number => (h.many && isNew ? fresh++ : small);
  for (const [i, { delay, tz: nextTz, draft }] of h.rows.entries()) {
    if (i > 0) t += delay.d === 'ms' ? delay.ms : delay.d === 'atGap' ? gapMs : delay.d === 'pastGap' ? gapMs + delay.ms : -delay.ms;
    tz = nextTz ?? tz;
    const body = bodyOf(draft, t, tabOf);
    // The fold measures a gap with the gapMs in force before the event.
    if (body.k === 'config') gapMs = body.gapMs;
    out.push({ seq: 2 ** 20 + i, t, tz, ...body });
  }
  return out;
}

function bodyOf(d: Draft, t: number, tabOf: (small: number, isNew: boolean) => number): EventBody {
  switch (d.k) {
    case 'other':
      return d.body;
    case 'idle':
      return { k: 'idle', state: d.state, since: t - d.quiet };
    case 'tab': {
      const [url, domain] = PAGES[d.page]!;
      const body: EventBody = { k: 'tab', tabId: tabOf(d.tab, d.fresh), windowId: d.windowId, url, domain, title: d.title, audible: d.audible };
      if (d.lastAccessed !== undefined) body.lastAccessed = d.lastAccessed === null ? null : t - d.lastAccessed;
      if (d.nav) body.nav = true;
      return body;
    }
    case 'snapshot': {
      const tabs = d.tabs.map((x) => {
        const [url, domain] = PAGES[x.page]!;
        return { tabId: x.tab, windowId: x.windowId, url, domain, title: '', audible: false, lastAccessed: x.lastAccessed === null ? null : t - x.lastAccessed } satisfies SnapshotTab;
      });
      return { k: 'snapshot', focused: d.focused, tabs };
    }
  }
}

// ── folding as the aggregator does: batch after batch, the state carried ───────────────────────

type Outcome = { state: FoldState; contributions: Contribution[] } | { threw: string };

function batchesOf(events: DwellEvent[], cuts: number[]): DwellEvent[][] {
  const ends = [...new Set(cuts.map((c) => Math.round(c * events.length)))].filter((x) => x > 0 && x < events.length).sort((a, b) => a - b);
  return [...ends, events.length].map((end, i) => events.slice(ends[i - 1] ?? 0, end));
}

function foldInBatches(fold: typeof foldEvents, batches: DwellEvent[][]): Outcome {
  let state = initialState();
  const contributions: Contribution[] = [];
  try {
    for (const batch of batches) {
      const r = fold(state, batch);
      state = r.state;
      contributions.push(...r.contributions);
    }
    return { state, contributions };
  } catch (err) {
    return { threw: String(err) };
  }
}

/** Deep-equal (vitest's diff only on a mismatch: it is the slow part of the comparison). */
function expectSame(actual: Outcome, expected: Outcome): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual).toStrictEqual(expected);
}

// ── what the histories reach, so the equality is not vacuous ──────────────────────────────────

type Shape =
  | 'switch from a tab event' | 'switch from a snapshot' | 'load after a lost page' | 'gap of exactly gapMs' | 'gap past gapMs' | 'gap closes a visit'
  | 'clock back' | 'zone change' | 'boot' | 'idle back-dated' | 'focus -1' | 'over 200 tab ids' | 'tab pages at their bound' | 'time counted' | 'old fold threw';

/** The old fold of the whole history, stepped event by event (what its foldEvents does, minus
 *  the clone of the initial state) to see which reconstruction rules it applied. */
function oldFoldWatched(events: DwellEvent[], shapes: Set<Shape>): Outcome {
  const s = initialState();
  const contributions: Contribution[] = [];
  try {
    for (const e of events) {
      const was = s.counters.reconstructed;
      const last = e.k === 'tab' ? s.tabPages[e.tabId]?.url : undefined;
      const w = e.k === 'tab' ? s.windows[e.windowId] : undefined;
      const pageLost = e.k === 'tab' && w?.tabId === e.tabId && w.info === null;
      oracleStep(s, e, contributions);
      const reconstructed = s.counters.reconstructed > was;
      if (reconstructed) shapes.add(e.k === 'snapshot' ? 'switch from a snapshot' : 'switch from a tab event');
      if (e.k === 'tab' && e.nav && last !== undefined && last !== e.url && (reconstructed || pageLost)) shapes.add('load after a lost page');
    }
    return { state: s, contributions };
  } catch (err) {
    return { threw: String(err) };
  }
}

function historyShapes(events: DwellEvent[], old: Outcome, shapes: Set<Shape>): void {
  let gapMs = DEFAULT_GAP_MS;
  const tabs = new Set<number>();
  events.forEach((e, i) => {
    const prev = events[i - 1];
    if (prev && e.t - prev.t === gapMs) shapes.add('gap of exactly gapMs');
    if (prev && e.t - prev.t > gapMs) shapes.add('gap past gapMs');
    if (prev && e.tz !== prev.tz) shapes.add('zone change');
    if (e.k === 'config') gapMs = e.gapMs;
    if (e.k === 'boot') shapes.add('boot');
    if (e.k === 'focus' && e.windowId === -1) shapes.add('focus -1');
    if (e.k === 'idle' && e.state === 'idle' && e.since < e.t) shapes.add('idle back-dated');
    if (e.k === 'tab') tabs.add(e.tabId);
    if (e.k === 'snapshot') for (const x of e.tabs) tabs.add(x.tabId);
  });
  if (tabs.size > 200) shapes.add('over 200 tab ids');
  if ('threw' in old) {
    shapes.add('old fold threw');
    return;
  }
  const c = old.state.counters;
  if (c.recoveries > 0 && !shapes.has('boot')) shapes.add('gap closes a visit');
  if (c.clockJumps > 0) shapes.add('clock back');
  if (Object.keys(old.state.tabPages).length === 200) shapes.add('tab pages at their bound');
  if (old.contributions.some((x) => x.ms > 0)) shapes.add('time counted');
}

/** Share of histories (%) that must reach each shape: about half of what the generator gives.
 *  (The old fold threw in about 1 % before the §6 fix, 5d6fef2; a throw is still compared, and
 *  not required.) */
const AT_LEAST: Record<Exclude<Shape, 'old fold threw'>, number> = {
  'switch from a tab event': 25,
  'switch from a snapshot': 10,
  'load after a lost page': 8,
  'gap of exactly gapMs': 25,
  'gap past gapMs': 25,
  'gap closes a visit': 8,
  'clock back': 15,
  'zone change': 15,
  boot: 8,
  'idle back-dated': 20,
  'focus -1': 20,
  'over 200 tab ids': 0.8,
  'tab pages at their bound': 0.5,
  'time counted': 60,
};

/** At least 10,000 histories; DWELL_PROPERTY_RUNS (longer hunts, as in the engine property test)
 *  can only raise it. */
const RUNS = Math.max(10_000, Number(process.env.DWELL_PROPERTY_RUNS ?? 0));

describe('the fold split into named handlers = the fold it was split from', () => {
  it(`gives the same state and contributions (or the same error) for ${RUNS} histories, whole and in random batches`, () => {
    const count = new Map<Shape, number>();
    fc.assert(
      fc.property(histories, (h) => {
        const events = materialize(h);
        const shapes = new Set<Shape>();
        const old = oldFoldWatched(events, shapes);
        expectSame(foldInBatches(foldEvents, [events]), old);

        // The old fold in batches is the old fold whole (its foldEvents is a clone, then the same
        // steps), so the new fold in batches is compared with that.
        expectSame(foldInBatches(foldEvents, batchesOf(events, h.cuts)), old);

        historyShapes(events, old, shapes);
        for (const s of shapes) count.set(s, (count.get(s) ?? 0) + 1);
      }),
      { numRuns: RUNS },
    );
    const share = (s: string) => (100 * (count.get(s as Shape) ?? 0)) / RUNS;
    const rare = Object.entries(AT_LEAST).filter(([s, min]) => share(s) < min);
    expect(rare.map(([s, min]) => `${s}: ${share(s)} % of histories, wanted ≥ ${min} %`)).toEqual([]);
  });
});
