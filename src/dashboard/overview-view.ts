// Overview of the selected range: total, daily average, change against the period before, the
// daily bars (stacked by category once there are categories) and the top sites and categories.
import { previousPeriod } from '../ui/range.ts';
import { buildOverview } from '../ui/dashboard-overview.ts';
import { h } from '../ui/dom.ts';
import { formatNumber } from '../ui/format.ts';
import { t } from '../ui/i18n.ts';
import { renderBars, renderStackedBars } from './bars.ts';
import { categoryList } from './category-list.ts';
import { show, siteList, type ViewContext } from './context.ts';
import { buildStackedBars, liveDaySites } from '../ui/dashboard-categories.ts';
import type { QueryResult } from '../core/api.ts';
import type { BarChart } from '../ui/dashboard-bars.ts';
import { storedDaySites } from './source.ts';

const CHART_SIZE = { width: 640, height: 120, gap: 2 };

export async function renderOverview(ctx: ViewContext): Promise<void> {
  const r = ctx.range;
  const [now, before] = await Promise.all([
    ctx.stats.query(r, { now: ctx.now }),
    r === 'all' ? Promise.resolve(null) : ctx.stats.query(previousPeriod(r), { now: ctx.now }),
  ]);
  const v = buildOverview(now, before, ctx.locale);
  const change = v.change
    ? v.change.direction === 'new' ? t('dashChangeNew') : t('dashChangeVs', v.change.text, formatNumber(v.days, ctx.locale))
    : null;
  const stats = h('dl', { class: 'dash-stats' },
    h('div', {}, h('dt', {}, t('dashTotal')), h('dd', { 'data-testid': 'overview-total', 'data-ms': v.totalMs, class: 'dash-big' }, v.totalText)),
    h('div', {}, h('dt', {}, t('dashAverage')), h('dd', { 'data-testid': 'overview-average' }, v.averageText)),
    change && h('div', {}, h('dt', {}, t('dashChange')), h('dd', { 'data-testid': 'overview-change', 'data-direction': v.change?.direction }, change)),
    h('div', {}, h('dt', {}, t('dashSiteCount')), h('dd', { 'data-testid': 'overview-sites' }, formatNumber(v.siteCount, ctx.locale))),
  );
  const chart = v.chart ? await barsOf(ctx, now, v.chart) : null;
  const top = v.empty
    ? h('p', { class: 'empty', 'data-testid': 'overview-empty' }, t('dashEmpty'))
    : h('section', { 'aria-labelledby': 'top-h' },
      h('h2', { id: 'top-h' }, t('topSites')),
      siteList(ctx, v.top, 'top-sites'),
      h('p', {}, h('a', { href: ctx.link('sites'), 'data-testid': 'overview-all-sites' }, t('dashAllSitesLink', formatNumber(v.siteCount, ctx.locale)))),
    );
  show(ctx, stats, ...(chart ? [chart] : []), top, ...(v.empty ? [] : [categorySection(ctx, now)]));
}

/** The bars stacked by category for a bounded range with categories; else the plain bars ("all"
 *  would read every stored row of the history for its stacks). */
async function barsOf(ctx: ViewContext, r: QueryResult, plain: BarChart): Promise<HTMLElement> {
  const caption = t(plain.unit === 'day' ? 'dashDailyCaption' : 'dashMonthlyCaption');
  if (ctx.range === 'all' || ctx.categories.length === 0) return renderBars(plain, caption, 'overview-chart');
  const rows = await liveDaySites(storedDaySites, ctx.stats, ctx.range, r.daily, ctx.now);
  const stacked = buildStackedBars(rows, ctx.range.from, ctx.range.to, ctx.categories, t('categoryNone'), CHART_SIZE, ctx.locale);
  return renderStackedBars(stacked, t(plain.unit === 'day' ? 'dashDailyByCategory' : 'dashMonthlyByCategory'), 'overview-stack');
}

function categorySection(ctx: ViewContext, r: QueryResult): HTMLElement {
  const heading = h('h2', { id: 'top-cat-h' }, t('dashTopCategories'));
  if (ctx.categories.length === 0) {
    return h('section', { 'aria-labelledby': 'top-cat-h' }, heading,
      h('p', { class: 'subtle' }, h('a', { href: ctx.link('categories'), 'data-testid': 'overview-make-categories' }, t('dashMakeCategories'))));
  }
  return h('section', { 'aria-labelledby': 'top-cat-h' }, heading,
    categoryList(ctx, r, 'overview-categories'),
    h('p', {}, h('a', { href: ctx.link('categories'), 'data-testid': 'overview-edit-categories' }, t('dashEditCategories'))));
}
