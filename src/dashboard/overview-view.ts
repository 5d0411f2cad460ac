// Overview of the selected range: total, daily average, change against the period before, the
// daily bars and the top sites.
import { previousPeriod } from '../ui/range.ts';
import { buildOverview } from '../ui/dashboard-overview.ts';
import { h } from '../ui/dom.ts';
import { formatNumber } from '../ui/format.ts';
import { t } from '../ui/i18n.ts';
import { renderBars } from './bars.ts';
import { show, siteList, type ViewContext } from './context.ts';

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
  const chart = v.chart ? renderBars(v.chart, t(v.chart.unit === 'day' ? 'dashDailyCaption' : 'dashMonthlyCaption'), 'overview-chart') : null;
  const top = v.empty
    ? h('p', { class: 'empty', 'data-testid': 'overview-empty' }, t('dashEmpty'))
    : h('section', { 'aria-labelledby': 'top-h' },
      h('h2', { id: 'top-h' }, t('topSites')),
      siteList(ctx, v.top, 'top-sites'),
      h('p', {}, h('a', { href: ctx.link('sites'), 'data-testid': 'overview-all-sites' }, t('dashAllSitesLink', formatNumber(v.siteCount, ctx.locale)))),
    );
  show(ctx, stats, ...(chart ? [chart] : []), top);
}
