// One site: its time and visits in the range, average visit, first and last day seen, the daily
// series, its hours of the day over the range (and a link to its hours of the week), its pages
// (links open the page) and "Delete this site".
import type { Range } from '../core/api.ts';
import { boundedRange } from '../ui/dashboard-overview.ts';
import { buildSiteView, siteSeries } from '../ui/dashboard-site.ts';
import { describeError } from '../ui/error-message.ts';
import { h, setText } from '../ui/dom.ts';
import { formatNumber } from '../ui/format.ts';
import { t } from '../ui/i18n.ts';
import { send } from '../ui/messaging.ts';
import { renderBars } from './bars.ts';
import { confirmAction } from '../ui/confirm.ts';
import { show, type ViewContext } from './context.ts';
import { storedHoursSince, storedSiteRows } from './source.ts';
import { buildHourBars } from '../ui/dashboard-hour-bars.ts';
import { unhouredNote } from '../ui/dashboard-unhoured.ts';
import { renderHourBars, unhouredLine } from './hour-charts.ts';

const HOUR_CHART = { width: 640, height: 100, gap: 3 };

export async function renderSite(ctx: ViewContext): Promise<void> {
  const domain = ctx.params.d ?? '';
  const todayRange: Range = { from: ctx.today, to: ctx.today };
  const [r, rows, today, since] = await Promise.all([
    ctx.stats.query(ctx.range, { pages: domain, now: ctx.now }),
    storedSiteRows(domain),
    ctx.stats.query(todayRange, { now: ctx.now }),
    storedHoursSince(),
  ]);
  const stat = r.sites.find((s) => s.domain === domain);
  const series = siteSeries(rows, ctx.today, today.sites.find((s) => s.domain === domain)?.ms ?? null);
  const span = boundedRange(ctx.range, series, ctx.today);
  const v = buildSiteView(domain, stat, series, span.from < span.to ? span : null, t('otherPages'), ctx.locale);
  const hours = buildHourBars(stat?.hours, HOUR_CHART, ctx.locale);

  const status = h('p', { class: 'status', role: 'status', 'data-testid': 'site-status' });
  const del = h('button', { type: 'button', class: 'danger', 'data-testid': 'site-delete' }, t('dashDeleteSite'));
  del.addEventListener('click', () => void deleteSite(ctx, domain, del, status));

  show(ctx,
    h('h2', { 'data-testid': 'site-domain' }, v.domain),
    h('dl', { class: 'dash-stats' },
      h('div', {}, h('dt', {}, t('dashTotal')), h('dd', { class: 'dash-big', 'data-testid': 'site-time' }, v.time)),
      h('div', {}, h('dt', {}, t('dashColVisits')), h('dd', { 'data-testid': 'site-visits' }, v.visits)),
      h('div', {}, h('dt', {}, t('dashAverageVisit')), h('dd', { 'data-testid': 'site-average' }, v.averageVisit)),
      h('div', {}, h('dt', {}, t('dashFirstSeen')), h('dd', { 'data-testid': 'site-first' }, v.firstDay)),
      h('div', {}, h('dt', {}, t('dashLastSeen')), h('dd', { 'data-testid': 'site-last' }, v.lastDay)),
    ),
    ...(v.chart ? [renderBars(v.chart, t(v.chart.unit === 'day' ? 'dashSiteDailyCaption' : 'dashSiteMonthlyCaption', domain), 'site-chart')] : []),
    ...(hours.maxMs > 0 ? [renderHourBars(hours, t('dashHourSiteCaption', domain), 'site-hours')] : []),
    ...unhouredLine(unhouredNote(stat ? [stat] : [], since, ctx.locale), 'range', 'site-unhoured'),
    h('p', {}, h('a', { href: ctx.link('hours', { d: domain }), 'data-testid': 'site-heat-link' }, t('dashHeatSiteLink', domain))),
    h('section', { 'aria-labelledby': 'pages-h' },
      h('h2', { id: 'pages-h' }, t('pagesOf', domain)),
      v.pages.length
        ? h('table', { class: 'dash-table', 'data-testid': 'site-pages' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('dashColPage')), h('th', { scope: 'col', class: 'dash-num' }, t('dashColTime')), h('th', { scope: 'col', class: 'dash-num' }, t('dashColVisits')))),
          h('tbody', {}, ...v.pages.map((p) => h('tr', { 'data-testid': 'site-page', class: p.other ? 'other' : undefined },
            h('td', {},
              h('span', { class: 'dash-page-title', 'data-testid': 'site-page-title' }, p.href ? h('a', { href: p.href, target: '_blank', rel: 'noopener noreferrer' }, p.title) : p.title),
              p.path && h('span', { class: 'subtle dash-result-path' }, p.path)),
            h('td', { class: 'dash-num time' }, p.time),
            h('td', { class: 'dash-num' }, p.visits)))))
        : h('p', { class: 'subtle' }, t('dashNoPages'))),
    h('section', { class: 'dash-danger' }, del, status),
  );
}

async function deleteSite(ctx: ViewContext, domain: string, button: HTMLButtonElement, status: HTMLElement): Promise<void> {
  if (!(await confirmAction(t('confirmDeleteSite', domain)))) return;
  button.disabled = true;
  try {
    const r = await send({ type: 'deleteHistory', scope: { site: domain } });
    setText(status, t('deleted', formatNumber(r.deletedDays, ctx.locale), formatNumber(r.deletedRows, ctx.locale)));
    ctx.rerender();
  } catch (e) {
    setText(status, describeError(e, (text) => t('errorDelete', text)));
    button.disabled = false;
  }
}
