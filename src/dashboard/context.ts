// What every view is given: where to draw, the range and the day it is, and how to link to another
// view with the range kept.
import type { Day } from '../core/aggregates.ts';
import type { Range } from '../core/api.ts';
import type { DashView } from '../ui/dashboard-url.ts';
import type { StatsSource } from '../ui/stats-source.ts';
import type { TopSite } from '../ui/dashboard-overview.ts';
import type { Category } from '../core/categories.ts';
import { h } from '../ui/dom.ts';

export interface ViewContext {
  root: HTMLElement;
  range: Range;
  today: Day;
  now: number;
  locale: string;
  weekStart: number;
  stats: StatsSource;
  /** The user's categories as the settings hold them now (applied by each view as it draws). */
  categories: Category[];
  /** Save a new list through the settings module; resolves to the list as stored. The view
   *  on screen is not redrawn for it (a table keeps its scroll): the caller shows the change. */
  saveCategories(next: Category[]): Promise<Category[]>;
  params: Record<string, string>;
  /** A hash for another view, with the selected range in it. */
  link(view: DashView, params?: Record<string, string | undefined>): string;
  /** False once the user has navigated on: a slow answer must not draw over the next view. */
  isCurrent(): boolean;
  /** Ask the page to show the view again (after a deletion). */
  rerender(): void;
}

/** Replace the view's content, unless the user has moved on meanwhile. */
export function show(ctx: ViewContext, ...nodes: Node[]): void {
  if (ctx.isCurrent()) ctx.root.replaceChildren(...nodes);
}

/** A list of sites with bars; each row opens the site's detail. */
export function siteList(ctx: ViewContext, rows: TopSite[], testid: string, siteParams: Record<string, string | undefined> = {}): HTMLElement {
  return h('ol', { class: 'dash-top', 'data-testid': testid },
    ...rows.map((r) => h('li', { 'data-domain': r.domain, 'data-testid': `${testid}-row` },
      h('a', { href: ctx.link('site', { d: r.domain, ...siteParams }), class: 'dash-domain ellipsis' }, r.domain),
      h('span', { class: 'time' }, r.time),
      h('span', { class: 'subtle dash-share' }, r.share),
      h('span', { class: 'dash-meter', 'aria-hidden': 'true' }, meterFill(r.fill)),
    )),
  );
}

function meterFill(fill: number): HTMLElement {
  const el = h('span', { class: 'dash-meter-fill' });
  el.style.width = `${Math.max(0.5, fill * 100).toFixed(1)}%`;
  return el;
}
