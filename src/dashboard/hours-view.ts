// When time goes: the hours of the week as a heatmap for the selected range — everything, one site
// ("#hours?d=example.com") or one category ("#hours?c=<id>") — with its table, and how much of
// the range's time has no hour. Everything is read from the day rollups' slots (no site-day row),
// a site from its own rows, a category from its sites' rows (ui/dashboard-day-hours.ts).
import { buildHeatmap } from '../ui/dashboard-heatmap.ts';
import { dayHoursOf, type HourScope } from '../ui/dashboard-day-hours.ts';
import { unhouredNote } from '../ui/dashboard-unhoured.ts';
import { h } from '../ui/dom.ts';
import { formatDuration } from '../ui/format.ts';
import { t } from '../ui/i18n.ts';
import { show, type ViewContext } from './context.ts';
import { renderHeatmap, unhouredLine } from './hour-charts.ts';
import { storedHours, storedHoursSince } from './source.ts';

function scopeOf(ctx: ViewContext): HourScope {
  if (ctx.params.d) return { kind: 'site', domain: ctx.params.d };
  const id = ctx.params.c;
  if (id && ctx.categories.some((c) => c.id === id)) return { kind: 'category', id };
  return { kind: 'all' };
}

export async function renderHours(ctx: ViewContext): Promise<void> {
  const scope = scopeOf(ctx);
  const [days, since] = await Promise.all([dayHoursOf(ctx.stats, storedHours, scope, ctx.range, ctx.categories, ctx.now), storedHoursSince()]);
  const map = buildHeatmap(days, ctx.weekStart, ctx.locale);
  const name = scope.kind === 'site' ? scope.domain : scope.kind === 'category' ? (ctx.categories.find((c) => c.id === scope.id)?.name ?? '') : '';
  const caption = scope.kind === 'site' ? t('dashHeatCaptionSite', name) : scope.kind === 'category' ? t('dashHeatCaptionCategory', name) : t('dashHeatCaption');
  const totalMs = days.reduce((a, d) => a + d.ms, 0);

  const select = h('select', { id: 'heat-scope', 'data-testid': 'heat-scope' },
    h('option', { value: '' }, t('dashHeatEverything')),
    ...ctx.categories.map((c) => h('option', { value: `c:${c.id}`, selected: scope.kind === 'category' && scope.id === c.id }, c.name)),
    scope.kind === 'site' && h('option', { value: `d:${scope.domain}`, selected: true }, scope.domain));
  select.addEventListener('change', () => {
    const v = select.value;
    location.hash = ctx.link('hours', { c: v.startsWith('c:') ? v.slice(2) : undefined, d: v.startsWith('d:') ? v.slice(2) : undefined });
  });

  show(ctx,
    h('h2', {}, t('dashHeatTitle')),
    h('div', { class: 'row dash-heat-scope' }, h('label', { for: 'heat-scope' }, t('dashHeatScope')), select),
    h('dl', { class: 'dash-stats' },
      h('div', {}, h('dt', {}, t('dashTotal')), h('dd', { class: 'dash-big', 'data-testid': 'heat-total', 'data-ms': totalMs }, formatDuration(totalMs, ctx.locale)))),
    totalMs > 0 ? renderHeatmap(map, caption, t('dashHeatHelp'), 'heat') : h('p', { class: 'empty', 'data-testid': 'heat-empty' }, t('dashEmpty')),
    ...unhouredLine(unhouredNote(days, since, ctx.locale), 'range', 'heat-unhoured'),
  );
}
