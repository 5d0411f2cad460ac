// The ground-truth ledger's own rules, on a fake clock: if these are wrong, every scenario is.
import { describe, expect, it } from 'vitest';
import { Ledger } from './harness/ledger.ts';

const A = 'http://news.example.test:8000/a';
const A2 = 'http://news.example.test:8000/a2';
const B = 'http://video.site.test:8000/b';

function ledgerAt(): { l: Ledger; at: (t: number) => number } {
  const base = 1_000_000;
  return { l: new Ledger(() => base), at: (t) => base + t };
}

describe('ground-truth ledger', () => {
  it('splits time between tabs at each switch and counts one visit per stretch', () => {
    const { l, at } = ledgerAt();
    l.activate('a', at(0));
    l.tabShows('a', A, at(100));
    l.activate('b', at(1_000));
    l.tabShows('b', B, at(1_100));
    l.activate('a', at(3_100));
    l.end(at(4_100));
    const t = l.totals();
    expect(t.domains.get('example.test')).toEqual({ ms: 900 + 1_000, visits: 2 });
    expect(t.domains.get('site.test')).toEqual({ ms: 2_000, visits: 1 });
    expect(t.totalMs).toBe(3_900);
  });

  it('keeps one site visit across pages of the same domain (same-tab load or pushState)', () => {
    const { l, at } = ledgerAt();
    l.activate('a', at(0));
    l.tabShows('a', A, at(0));
    l.tabShows('a', `${A2}?q=1#x`, at(500));
    l.end(at(1_500));
    const t = l.totals();
    expect(t.domains.get('example.test')).toEqual({ ms: 1_500, visits: 1 });
    expect(t.pages.get(A)).toEqual({ ms: 500, visits: 1 });
    expect(t.pages.get(A2)).toEqual({ ms: 1_000, visits: 1 });
  });

  it('back-dates idle to since, but never before the current stretch began', () => {
    const { l, at } = ledgerAt();
    l.activate('a', at(0));
    l.tabShows('a', A, at(0));
    l.setIdle('idle', at(20_000), at(5_000)); // input stopped at 5 s
    l.setIdle('active', at(25_000));
    l.activate('b', at(25_000));
    l.tabShows('b', B, at(25_000));
    l.setIdle('idle', at(30_000), at(15_000)); // since is before b's stretch: clamped to 25 s
    l.end(at(40_000));
    const t = l.totals();
    expect(t.domains.get('example.test')).toEqual({ ms: 5_000, visits: 1 });
    expect(t.domains.get('site.test')).toBeUndefined();
  });

  it('stops on lock and lost focus at the instant, and resumes as a new visit', () => {
    const { l, at } = ledgerAt();
    l.activate('a', at(0));
    l.tabShows('a', A, at(0));
    l.setIdle('locked', at(1_000));
    l.setIdle('active', at(2_000));
    l.focus(false, at(3_000));
    l.focus(true, at(5_000));
    l.end(at(6_000));
    expect(l.totals().domains.get('example.test')).toEqual({ ms: 1_000 + 1_000 + 1_000, visits: 3 });
  });

  it('counts nothing while the browser is closed and refuses totals before end()', () => {
    const { l, at } = ledgerAt();
    l.activate('a', at(0));
    l.tabShows('a', A, at(0));
    expect(() => l.totals()).toThrow(/still open/);
    l.browserClosed(at(1_000));
    l.activate('c', at(50_000));
    l.tabShows('c', A, at(50_000));
    l.end(at(51_000));
    expect(l.totals().domains.get('example.test')).toEqual({ ms: 2_000, visits: 2 });
  });
});
