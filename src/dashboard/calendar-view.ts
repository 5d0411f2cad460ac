// The last 12 months as a grid of days (a column per week), a month table saying the same in
// text, and the detail of one day: its 24 hours as bars, its sites and its categories.
import { isValidDay } from '../core/days.ts';
import { buildCalendar } from '../ui/dashboard-calendar.ts';
import { siteRows } from '../ui/dashboard-overview.ts';
import { h, svg } from '../ui/dom.ts';
import { formatDay, formatDuration, formatNumber } from '../ui/format.ts';
import { t } from '../ui/i18n.ts';
import { show, siteList, type ViewContext } from './context.ts';
import { buildHourBars } from '../ui/dashboard-hour-bars.ts';
import { unhouredNote } from '../ui/dashboard-unhoured.ts';
import { categoryList } from './category-list.ts';
import { renderHourBars, unhouredLine } from './hour-charts.ts';
import { storedHoursSince } from './source.ts';

const CELL = 12;
const GAP = 3;
const TOP = 16;
const LEFT = 4;
const HOUR_CHART = { width: 640, height: 100, gap: 3 };

export async function renderCalendar(ctx: ViewContext): Promise<void> {
  // "All" answers from the per-day rollup without reading site rows: the cheapest 12 months.
  const r = await ctx.stats.query('all', { now: ctx.now });
  const cal = buildCalendar(r.daily, ctx.today, ctx.weekStart, ctx.locale);
  const step = CELL + GAP;
  const width = LEFT + cal.weeks * step;
  const root = svg('svg', { viewBox: `0 0 ${width} ${TOP + 7 * step}`, width: '100%', class: 'dash-cal', role: 'group', 'aria-label': t('dashCalendarCaption'), 'data-testid': 'calendar-svg' });
  for (const m of cal.monthTicks) root.append(svg('text', { class: 'dash-tick', x: LEFT + m.week * step, y: TOP - 5 }, m.label));
  for (const c of cal.cells) {
    root.append(svg('a', { href: ctx.link('day', { d: c.day }), 'aria-label': c.label, 'data-testid': 'calendar-day', 'data-day': c.day, 'data-level': c.level },
      svg('rect', { x: LEFT + c.week * step, y: TOP + c.weekday * step, width: CELL, height: CELL, rx: 2, class: `dash-cell dash-l${c.level}` }, svg('title', {}, c.label))));
  }
  const table = h('table', { class: 'dash-table', 'data-testid': 'calendar-table' },
    h('caption', { class: 'dash-sr' }, t('dashCalendarCaption')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('dashColMonth')), h('th', { scope: 'col', class: 'dash-num' }, t('dashColTime')), h('th', { scope: 'col', class: 'dash-num' }, t('dashColActiveDays')))),
    h('tbody', {}, ...cal.months.map((m) => h('tr', {}, h('td', {}, m.label), h('td', { class: 'dash-num time' }, m.time), h('td', { class: 'dash-num' }, m.activeDays)))));
  show(ctx,
    h('h2', {}, t('dashCalendarCaption')),
    h('figure', { class: 'dash-chart' }, root, h('figcaption', { class: 'subtle' }, t('dashCalendarHelp'))),
    h('details', {}, h('summary', {}, t('dashShowTable')), table));
}

export async function renderDay(ctx: ViewContext): Promise<void> {
  const day = ctx.params.d ?? '';
  if (!isValidDay(day)) {
    show(ctx, h('p', { class: 'error', role: 'alert' }, t('dashBadDay')));
    return;
  }
  const [r, since] = await Promise.all([ctx.stats.query({ from: day, to: day }, { now: ctx.now }), storedHoursSince()]);
  const one = { r: 'custom', from: day, to: day };
  const daily = r.daily.filter((d) => d.day === day);
  const hours = buildHourBars(daily[0]?.hours, HOUR_CHART, ctx.locale);
  const sites = h('section', { 'aria-labelledby': 'day-sites-h' },
    h('h2', { id: 'day-sites-h' }, t('topSites')),
    r.sites.length ? siteList(ctx, siteRows(r.sites, r.totalMs, ctx.locale), 'day-sites', one) : h('p', { class: 'empty' }, t('dashEmpty')));
  const categories = ctx.categories.length && r.sites.length
    ? [h('section', { 'aria-labelledby': 'day-cat-h' }, h('h2', { id: 'day-cat-h' }, t('dashTopCategories')), categoryList(ctx, r, 'day-categories'))]
    : [];
  show(ctx,
    h('h2', { 'data-testid': 'day-title' }, formatDay(day, ctx.locale)),
    h('dl', { class: 'dash-stats' },
      h('div', {}, h('dt', {}, t('dashTotal')), h('dd', { class: 'dash-big', 'data-testid': 'day-total' }, formatDuration(r.totalMs, ctx.locale))),
      h('div', {}, h('dt', {}, t('dashSiteCount')), h('dd', {}, formatNumber(r.sites.length, ctx.locale)))),
    ...(hours.maxMs > 0 ? [renderHourBars(hours, t('dashHourDayCaption'), 'day-hours')] : []),
    ...unhouredLine(unhouredNote(daily, since, ctx.locale), 'day', 'day-unhoured'),
    h('div', { class: 'dash-split' }, sites, ...categories),
    h('p', {}, h('a', { href: ctx.link('calendar') }, t('dashBackToCalendar'))));
}
