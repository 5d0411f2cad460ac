// The live answer (stored + pending events + the open visit closed virtually at "now") must obey
// the same gap and clock rules as the fold (docs/COUNTING.md §7, §9): asked after a sleep the log
// has not seen yet, or at a "now" behind the last event, it counts to the last evidence — never
// across the sleep, never less than what the log already proves. And the page title a batch
// stores is the latest one seen.
import { describe, expect, it } from 'vitest';
import { Machine, pageSec, sec } from '../fixtures/machine.ts';
import { defaults, gapMsFor } from '../../src/settings/defaults.ts';
import type { QueryResult } from '../../src/core/api.ts';

const SECOND = 1000;
const GAP_MS = gapMsFor(defaults);

/** News in front for 30 s: the heartbeat at 30 s is the last evidence. */
async function news30s(): Promise<{ m: Machine; lastEvidence: number }> {
  const m = new Machine();
  await m.wakeWorker();
  m.browser.openTab(m.browser.openWindow(), 'https://news.test/today', 'News');
  await m.pass(30 * SECOND);
  return { m, lastEvidence: m.clock.now() };
}

async function askedAt(m: Machine, now: number): Promise<QueryResult> {
  await m.engine.flush();
  const r = await m.engine.handle({ type: 'query', range: 'all', pages: true, now });
  if (!r.ok) throw new Error(r.error);
  return r.result;
}

describe('the live answer between events', () => {
  it('news 30 s, then asked 10 s later with no event yet: counts to now (40 s)', async () => {
    const { m } = await news30s();
    expect(sec(await askedAt(m, m.clock.now() + 10 * SECOND), 'news.test')).toBe(40);
  });

  it('asked exactly gapMs after the last evidence: no gap yet, counts to now', async () => {
    const { m, lastEvidence } = await news30s();
    expect(sec(await askedAt(m, lastEvidence + GAP_MS), 'news.test')).toBe((30 * SECOND + GAP_MS) / SECOND);
  });

  it('the machine slept 2 min and no event has told the log yet: counts to the last evidence (30 s), not the sleep', async () => {
    const { m, lastEvidence } = await news30s();
    expect(sec(await askedAt(m, lastEvidence + GAP_MS + 1), 'news.test')).toBe(30);
    expect(sec(await askedAt(m, m.clock.now() + 2 * 60 * SECOND), 'news.test')).toBe(30);
  });

  it('asked at a now behind the last event (the clock was set back): counts to the last evidence, not less', async () => {
    const { m, lastEvidence } = await news30s();
    expect(sec(await askedAt(m, lastEvidence - 5 * SECOND), 'news.test')).toBe(30);
  });
});

describe('the title a batch stores', () => {
  it('a page read as "Draft", left, read again as "Final", folded in one batch: stored as "Final"', async () => {
    const m = new Machine();
    await m.wakeWorker();
    const w = m.browser.openWindow();
    const doc = m.browser.openTab(w, 'https://docs.test/spec', 'Draft');
    await m.pass(10 * SECOND);
    const other = m.browser.openTab(w, 'https://news.test/today', 'News');
    await m.pass(5 * SECOND);
    m.browser.setTitle(doc, 'Final');
    m.browser.activate(doc);
    await m.pass(10 * SECOND);
    m.browser.activate(other);
    await m.pass(5 * SECOND);
    const q = await m.storedTotals();
    expect(pageSec(q, 'docs.test', 'https://docs.test/spec')).toBe(20);
    const page = q.sites.find((s) => s.domain === 'docs.test')?.pages?.find((p) => p.url === 'https://docs.test/spec');
    expect(page?.title).toBe('Final');
  });
});
