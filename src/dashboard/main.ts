// Dashboard: a full tab with the overview of a range, every site in a windowed table, search,
// site detail, the hours of the week, a 12-month calendar and day detail. The hash is the state
// ("#site?d=x&r=7d"), so every view has a URL (ui/dashboard-url.ts) and survives a reload; each
// navigation reads the database once (read-only, in the page; the worker's `query` if that fails).
//
// Stable hooks for e2e tests (data-testid):
//   nav-<view>, range-kind (select), range-from, range-to (custom), dash-error (role=alert)
//   overview-total (data-ms), overview-average, overview-change, overview-sites, overview-chart
//   (svg overview-chart-svg, bars overview-chart-bar, overview-chart-table), top-sites(-row)
//   sites-table (data-count, data-start, data-end), sites-scroll, sites-row (data-domain,
//   data-index), sort-time, sort-visits, sort-name
//   search-input, search-all, search-status, search-results, search-result (data-kind, data-url)
//   site-domain, site-time, site-visits, site-average, site-first, site-last, site-chart,
//   site-pages (site-page, site-page-title), site-delete, site-status
//   calendar-svg (calendar-day data-day data-level), calendar-table, day-title, day-total,
//   day-sites(-row), day-hours (svg day-hours-svg, day-hours-bar data-hour data-ms,
//   day-hours-table, day-hours-row data-hour), day-unhoured, day-categories; confirm-dialog (confirm-text, confirm-ok, confirm-cancel)
//   overview-categories (overview-categories-row data-category), overview-stack (svg
//   overview-stack-svg, overview-stack-bar, overview-stack-segment data-category data-ms,
//   overview-stack-legend, overview-stack-table), sites-category (select per sites-row)
//   categories view: category-new-name, category-new-colour, category-add, category-problem,
//   category (data-id) with category-name, category-colour, category-rule-input, category-rule-add,
//   category-rule (data-rule), category-rule-remove, category-rule-problem, category-delete
//   hours view: heat-scope (select), heat-total (data-ms), heat (svg heat-svg, heat-cell
//   data-weekday data-hour data-ms data-level, heat-table, heat-row data-hour with td
//   data-weekday), heat-empty, heat-unhoured (data-ms); site-hours (as day-hours), site-unhoured,
//   site-heat-link
// body[data-view] = the view shown; body[data-ready] = the same once its data is drawn.
import { byId, setText } from '../ui/dom.ts';
import { describeError } from '../ui/error-message.ts';
import { applyI18n, t, uiLocale } from '../ui/i18n.ts';
import { dashboardHash, parseDashboardHash, type DashView } from '../ui/dashboard-url.ts';
import { dashRangeFor, isDashRangeKind, localDay, type DashRangeKind } from '../ui/range.ts';
import { isValidDay } from '../core/days.ts';
import type { ViewContext } from './context.ts';
import { renderCalendar, renderDay } from './calendar-view.ts';
import { renderOverview } from './overview-view.ts';
import { renderSearch } from './search-view.ts';
import { renderSite } from './site-view.ts';
import { renderSites } from './sites-view.ts';
import { renderHours } from './hours-view.ts';
import { createDashboardSource } from './source.ts';
import { renderCategories } from './categories-view.ts';
import { settingsStore } from '../ui/settings.ts';
import { normalizeCategories } from '../core/categories.ts';

const locale = uiLocale();
const VIEWS: Record<DashView, (ctx: ViewContext) => Promise<void>> = {
  overview: renderOverview,
  sites: renderSites,
  search: renderSearch,
  site: renderSite,
  hours: renderHours,
  calendar: renderCalendar,
  day: renderDay,
  categories: renderCategories,
};
/** Views about one range; the calendar and a day are about their own days. */
const RANGED = new Set<DashView>(['overview', 'sites', 'search', 'site', 'hours']);
const NAV: DashView[] = ['overview', 'sites', 'search', 'hours', 'calendar', 'categories'];

const els = {
  view: byId('view'),
  error: byId('dash-error'),
  rangeBar: byId('range-bar'),
  kind: byId<HTMLSelectElement>('range-kind'),
  custom: byId('custom-range'),
  from: byId<HTMLInputElement>('range-from'),
  to: byId<HTMLInputElement>('range-to'),
};

const stats = createDashboardSource((e) => console.warn('Dwell: reading the database directly failed; asking the worker instead.', e));

function weekStart(): number {
  try {
    const info = (new Intl.Locale(locale) as Intl.Locale & { getWeekInfo?: () => { firstDay: number }; weekInfo?: { firstDay: number } });
    const first = info.getWeekInfo?.().firstDay ?? info.weekInfo?.firstDay ?? 1;
    return first % 7; // Intl: 1 = Monday … 7 = Sunday; here 0 = Sunday
  } catch {
    return 1;
  }
}

let generation = 0;

function rangeParams(p: Record<string, string>): { r: DashRangeKind; from?: string; to?: string } {
  const r = isDashRangeKind(p.r) ? p.r : '7d';
  if (r !== 'custom') return { r };
  return { r, from: p.from && isValidDay(p.from) ? p.from : undefined, to: p.to && isValidDay(p.to) ? p.to : undefined };
}

async function route(): Promise<void> {
  const mine = ++generation;
  const { view, params } = parseDashboardHash(location.hash);
  const now = Date.now();
  const today = localDay(now);
  const rp = rangeParams(params);
  const range = dashRangeFor(rp.r, today, { weekStart: weekStart(), from: rp.from, to: rp.to }) ?? { from: today, to: today };
  showRange(rp, range, RANGED.has(view));
  for (const v of NAV) byId(`nav-${v}`).toggleAttribute('aria-current', v === view || (view === 'site' && v === 'sites') || (view === 'day' && v === 'calendar'));
  for (const v of NAV) byId<HTMLAnchorElement>(`nav-${v}`).href = dashboardHash(v, rp);
  document.body.dataset.view = view;
  delete document.body.dataset.ready;
  els.error.hidden = true;
  const { categories } = await settingsStore.load().catch(() => ({ categories: [] }));
  if (mine !== generation) return;
  shownCategories = JSON.stringify(categories);
  const ctx: ViewContext = {
    root: els.view,
    range,
    today,
    now,
    locale,
    weekStart: weekStart(),
    stats,
    categories,
    saveCategories: async (next) => {
      // Set first: the change event may come before the save resolves.
      shownCategories = JSON.stringify(normalizeCategories(next));
      const saved = (await settingsStore.save({ categories: next })).categories;
      shownCategories = JSON.stringify(saved);
      ctx.categories = saved;
      return saved;
    },
    params,
    link: (v, extra = {}) => dashboardHash(v, { ...rp, ...extra }),
    isCurrent: () => mine === generation,
    rerender: () => void route(),
  };
  try {
    await VIEWS[view](ctx);
    if (mine === generation) document.body.dataset.ready = view;
  } catch (e) {
    if (mine !== generation) return;
    els.error.hidden = false;
    setText(els.error, describeError(e, (text) => t('errorLoad', text)));
  }
}

function showRange(rp: { r: DashRangeKind; from?: string; to?: string }, range: { from: string; to: string } | 'all', ranged: boolean): void {
  els.rangeBar.hidden = !ranged;
  els.kind.value = rp.r;
  els.custom.hidden = rp.r !== 'custom';
  if (rp.r === 'custom' && range !== 'all') {
    els.from.value = range.from;
    els.to.value = range.to;
  }
}

/** The same view with another range (its own parameters, like the site shown, kept). */
function setRange(next: { r: DashRangeKind; from?: string; to?: string }): void {
  const { view, params } = parseDashboardHash(location.hash);
  const { r: _r, from: _f, to: _t, ...own } = params;
  location.hash = dashboardHash(view, { ...own, ...next });
}

els.kind.addEventListener('change', () => {
  const r = isDashRangeKind(els.kind.value) ? els.kind.value : '7d';
  if (r !== 'custom') return setRange({ r });
  const today = localDay(Date.now());
  setRange({ r, from: els.from.value || today, to: els.to.value || today });
});
for (const input of [els.from, els.to]) {
  input.addEventListener('change', () => {
    if (isValidDay(els.from.value) && isValidDay(els.to.value)) setRange({ r: 'custom', from: els.from.value, to: els.to.value });
  });
}

/** The categories the view on screen was drawn with: another page (or this one) changing them
 *  redraws it, so every view shows the rules as they are now. */
let shownCategories = '';
settingsStore.onChange((s) => {
  if (JSON.stringify(s.categories) !== shownCategories) void route();
});

applyI18n();
window.addEventListener('hashchange', () => void route());
void route();
