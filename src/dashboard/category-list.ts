// The categories of a query's sites as a list with bars (the overview, a day): each in its own
// colour, Uncategorised in the theme's; names are user text, only ever text nodes.
import type { QueryResult } from '../core/api.ts';
import { categoryTotals, topCategories } from '../ui/dashboard-categories.ts';
import { h } from '../ui/dom.ts';
import { t } from '../ui/i18n.ts';
import { swatch } from './bars.ts';
import type { ViewContext } from './context.ts';

export function categoryList(ctx: ViewContext, r: QueryResult, testid: string): HTMLElement {
  const rows = topCategories(categoryTotals(r.sites, ctx.categories), r.totalMs, ctx.locale);
  return h('ol', { class: 'dash-top', 'data-testid': testid },
    ...rows.map((c) => h('li', { 'data-category': c.id ?? '', 'data-ms': c.ms, 'data-testid': `${testid}-row` },
      h('span', { class: 'dash-domain ellipsis' }, swatch(c.colour), c.id === null ? t('categoryNone') : c.name),
      h('span', { class: 'time' }, c.time),
      h('span', { class: 'subtle dash-share' }, c.share),
      h('span', { class: 'dash-meter', 'aria-hidden': 'true' }, meter(c.fill, c.colour)),
    )));
}

function meter(fill: number, colour: string | null): HTMLElement {
  const el = h('span', { class: 'dash-meter-fill' });
  el.style.width = `${Math.max(0.5, fill * 100).toFixed(1)}%`;
  if (colour) el.style.background = colour;
  return el;
}
