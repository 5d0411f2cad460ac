// Opening and closing page visits and site visits (the fold's building blocks).
import type { Contribution } from './aggregates.ts';
import type { FoldState, OpenVisit } from './state.ts';
import { addSplitByDay, dayOf } from './days.ts';
import { addSplitByHour } from './hours.ts';

export interface Want {
  windowId: number;
  tabId: number;
  url: string;
  domain: string;
  title: string;
}

/** Settles the run [runStart, until) into per-day time and starts a new run at `next`. */
export function settleRun(v: OpenVisit, until: number, next: number, nextTz: number): void {
  if (until > v.runStart) {
    addSplitByDay(v.runStart, until, v.runTz, v.settled);
    addSplitByHour(v.runStart, until, v.runTz, (v.hours ??= {}));
  }
  v.runStart = next;
  v.runTz = nextTz;
}

export function closeVisit(s: FoldState, at: number, out: Contribution[]): void {
  const v = s.visit;
  if (!v) return;
  settleRun(v, at, at, v.runTz);
  let total = 0;
  for (const ms of Object.values(v.settled)) total += ms;
  if (total > 0) {
    if (!(v.startDay in v.settled)) v.settled[v.startDay] = 0;
    for (const [day, ms] of Object.entries(v.settled)) {
      const hours = v.hours?.[day];
      out.push({ day, domain: v.domain, url: v.page, title: v.title, ms, pageVisits: day === v.startDay ? 1 : 0, siteVisits: 0, ...(hours ? { hours } : {}) });
    }
    if (s.site) {
      // A site visit counts on the day its first page visit *with time* began.
      if (s.site.ms === 0) s.site.startDay = v.startDay;
      s.site.ms += total;
    }
  }
  if (s.site) s.site.lastEnd = at;
  s.floor = at;
  s.visit = null;
}

export function closeSite(s: FoldState, out: Contribution[]): void {
  const site = s.site;
  if (!site) return;
  if (site.ms > 0) out.push({ day: site.startDay, domain: site.domain, url: null, title: '', ms: 0, pageVisits: 0, siteVisits: 1 });
  s.site = null;
}

export function openVisit(s: FoldState, want: Want, at: number, tz: number, out: Contribution[]): void {
  const domain = want.domain;
  const startDay = dayOf(at, tz);
  // One site visit spans page visits on the same domain that follow each other without a gap.
  const continues = s.site !== null && s.site.domain === domain && s.site.lastEnd === at;
  if (!continues) {
    closeSite(s, out);
    s.site = { domain, startDay, ms: 0, lastEnd: at };
  }
  s.visit = {
    windowId: want.windowId,
    tabId: want.tabId,
    page: want.url,
    domain,
    title: want.title,
    start: at,
    startDay,
    settled: {},
    hours: {},
    runStart: at,
    runTz: tz,
  };
}
