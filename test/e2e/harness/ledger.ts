// Ground truth, kept on the test's own clock: what was really in front, and for how long.
// It follows docs/COUNTING.md's rules for what counts as "in front" (a focused window, its active
// tab showing a web page, the user not idle or locked) and for the two places where the product
// must back-date: idle is back-dated to `since` = t − detection interval (never before the
// current run began — time already closed is never taken back). It does not know anything
// about events, workers or storage: it is what a person with a stopwatch would write down.
import { pageKey } from '../../../src/core/domains.ts';
import { registrableDomain } from '../../../src/core/registrable.ts';

export type IdleState = 'active' | 'idle' | 'locked';

export interface Stat {
  ms: number;
  visits: number;
}

export interface LedgerTotals {
  totalMs: number;
  domains: Map<string, Stat>;
  pages: Map<string, Stat>;
}

interface Run {
  tab: string;
  page: string;
  domain: string;
  start: number;
}

export class Ledger {
  private readonly tabs = new Map<string, string | null>();
  private active: string | null = null;
  private focused = true;
  private asleep = false;
  private idle: IdleState = 'active';
  private run: Run | null = null;
  private lastClose: { domain: string; at: number } | null = null;
  private ended = false;
  private readonly domains = new Map<string, Stat>();
  private readonly pages = new Map<string, Stat>();
  /** Every closed stretch of counted time, for splitting a site's time at given instants. */
  private readonly stretches: Array<{ domain: string; start: number; end: number }> = [];
  /** Human-readable timeline, printed when an assertion fails. */
  readonly timeline: string[] = [];
  private readonly origin: number;

  constructor(private readonly clock: () => number = Date.now) {
    this.origin = clock();
  }

  now(): number {
    return this.clock();
  }

  /** Tab `tab` now shows `url` (null or a non-web URL: nothing tracked). */
  tabShows(tab: string, url: string | null, at = this.clock()): void {
    this.tabs.set(tab, url && pageKey(url) ? url : null);
    this.note(at, `${tab} shows ${url ?? '(nothing)'}`);
    this.settle(at);
  }

  /** Tab `tab` became the active tab (of the one window the scenarios use). */
  activate(tab: string, at = this.clock()): void {
    if (!this.tabs.has(tab)) this.tabs.set(tab, null);
    this.active = tab;
    this.note(at, `activate ${tab}`);
    this.settle(at);
  }

  /** The tab is gone; if it was active, nothing is in front until the next activation. */
  removed(tab: string, at = this.clock()): void {
    this.tabs.delete(tab);
    if (this.active === tab) this.active = null;
    this.note(at, `remove ${tab}`);
    this.settle(at);
  }

  /** The browser quit: every tab is gone and nothing is in front. */
  browserClosed(at = this.clock()): void {
    this.tabs.clear();
    this.active = null;
    this.note(at, 'browser closed');
    this.settle(at);
  }

  /** The browser window gained or lost the OS focus. */
  focus(focused: boolean, at = this.clock()): void {
    this.focused = focused;
    this.note(at, focused ? 'window focused' : 'browser lost focus');
    this.settle(at);
  }

  /** Idle state changed at `at`. 'idle' is back-dated to `since` (when input really stopped). */
  setIdle(state: IdleState, at: number, since = at): void {
    this.idle = state;
    const boundary = state === 'idle' && this.run ? Math.min(Math.max(since, this.run.start), at) : at;
    this.note(at, `idle → ${state}${boundary !== at ? ` (back-dated ${at - boundary} ms)` : ''}`);
    this.settle(boundary);
  }

  /** The machine went to sleep (or woke up): nobody looks at anything while it sleeps. */
  machineAsleep(asleep: boolean, at = this.clock()): void {
    this.asleep = asleep;
    this.note(at, asleep ? 'machine asleep' : 'machine awake');
    this.settle(at);
  }

  /** Closes the ledger: nothing is in front from `at` on. */
  end(at = this.clock()): void {
    this.note(at, 'end');
    this.active = null;
    this.settle(at);
    this.ended = true;
  }

  totals(): LedgerTotals {
    if (!this.ended) throw new Error('ledger still open: call end() before reading totals');
    let totalMs = 0;
    for (const s of this.domains.values()) totalMs += s.ms;
    return { totalMs, domains: new Map(this.domains), pages: new Map(this.pages) };
  }

  /** The ledger's time on `domain` between `from` and `to` (its clock): a site's time up to a
   *  local hour boundary and after it, as the hourly slots should hold them. */
  msBetween(domain: string, from: number, to: number): number {
    if (!this.ended) throw new Error('ledger still open: call end() before reading totals');
    let ms = 0;
    for (const x of this.stretches) if (x.domain === domain) ms += Math.max(0, Math.min(x.end, to) - Math.max(x.start, from));
    return ms;
  }

  /** What counts now: the active tab's web page, if the window is focused and the user is there. */
  private counting(): { tab: string; page: string; domain: string } | null {
    if (this.asleep || !this.focused || this.idle !== 'active' || this.active === null) return null;
    const url = this.tabs.get(this.active);
    if (!url) return null;
    const page = pageKey(url);
    const domain = registrableDomain(url);
    return page && domain ? { tab: this.active, page, domain } : null;
  }

  private settle(at: number): void {
    if (this.ended) throw new Error('ledger already ended');
    const next = this.counting();
    const run = this.run;
    if (run && (!next || next.tab !== run.tab || next.page !== run.page)) {
      this.close(run, Math.max(at, run.start));
      this.run = null;
    }
    if (next && !this.run) this.run = { ...next, start: Math.max(at, this.lastClose?.at ?? at) };
  }

  private close(run: Run, at: number): void {
    const ms = at - run.start;
    if (ms > 0) {
      this.stretches.push({ domain: run.domain, start: run.start, end: at });
      const page = this.pages.get(run.page) ?? { ms: 0, visits: 0 };
      page.ms += ms;
      page.visits += 1;
      this.pages.set(run.page, page);
      const domain = this.domains.get(run.domain) ?? { ms: 0, visits: 0 };
      domain.ms += ms;
      // Consecutive page visits on one domain with no gap between them are one site visit.
      const continues = this.lastClose?.domain === run.domain && this.lastClose.at === run.start;
      if (!continues) domain.visits += 1;
      this.domains.set(run.domain, domain);
    }
    this.lastClose = { domain: run.domain, at };
  }

  private note(at: number, what: string): void {
    this.timeline.push(`+${((at - this.origin) / 1000).toFixed(3)}s ${what}`);
  }
}
