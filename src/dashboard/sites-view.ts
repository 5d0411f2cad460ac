// Every site of the range in one sortable table, windowed: however many sites there are, at most
// MAX_ROWS rows are in the DOM, between two spacer rows that keep the scroll height right.
import type { SiteStat } from '../core/api.ts';
import { defaultDir, isSortKey, rowWindow, sortSites, type RowWindow, type SortDir, type SortKey } from '../ui/dashboard-window.ts';
import { h } from '../ui/dom.ts';
import { formatDuration, formatNumber, formatShare, shareOf } from '../ui/format.ts';
import { t } from '../ui/i18n.ts';
import { show, type ViewContext } from './context.ts';
import { categoryLookup } from '../core/categories.ts';
import { assignSite } from '../ui/category-edit.ts';
import { describeError } from '../ui/error-message.ts';

/** Pixels; the stylesheet gives .dash-row the same height. */
export const ROW_HEIGHT = 32;

const COLUMNS: Array<{ key: SortKey | null; label: string; cls?: string }> = [
  { key: null, label: 'dashColRank', cls: 'dash-num' },
  { key: 'name', label: 'dashColSite' },
  { key: 'time', label: 'dashColTime', cls: 'dash-num' },
  { key: 'visits', label: 'dashColVisits', cls: 'dash-num' },
  { key: null, label: 'dashColShare', cls: 'dash-num' },
  { key: null, label: 'dashColCategory' },
];

export async function renderSites(ctx: ViewContext): Promise<void> {
  const r = await ctx.stats.query(ctx.range, { now: ctx.now });
  const key: SortKey = isSortKey(ctx.params.sort) ? ctx.params.sort : 'time';
  const dir: SortDir = ctx.params.dir === 'asc' || ctx.params.dir === 'desc' ? ctx.params.dir : defaultDir(key);
  const sites = sortSites(r.sites, key, dir);
  if (!sites.length) {
    show(ctx, h('p', { class: 'empty', 'data-testid': 'sites-empty' }, t('dashEmpty')));
    return;
  }

  const head = h('tr', { 'aria-rowindex': 1 }, ...COLUMNS.map((c) => {
    const label = t(c.label);
    if (!c.key) return h('th', { scope: 'col', class: c.cls }, label);
    const active = c.key === key;
    const next: SortDir = active ? (dir === 'asc' ? 'desc' : 'asc') : defaultDir(c.key);
    return h('th', { scope: 'col', class: c.cls, 'aria-sort': active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none' },
      h('a', { href: ctx.link('sites', { sort: c.key, dir: next }), class: 'dash-sort', 'data-testid': `sort-${c.key}` }, label));
  }));
  const body = h('tbody', { 'data-testid': 'sites-body' });
  const table = h('table', { class: 'dash-table dash-sites', 'aria-rowcount': sites.length + 1, 'data-testid': 'sites-table', 'data-count': sites.length },
    h('caption', { class: 'dash-sr' }, t('dashSitesCaption', formatNumber(sites.length, ctx.locale))),
    h('thead', {}, head), body);
  const scroller = h('div', { class: 'dash-scroll', 'data-testid': 'sites-scroll', tabindex: 0, role: 'region', 'aria-label': t('dashSitesCaption', formatNumber(sites.length, ctx.locale)) }, table);

  const status = h('p', { class: 'subtle', role: 'status', 'data-testid': 'sites-status' });
  let categoryOf = categoryLookup(ctx.categories);
  const row = (s: SiteStat, i: number): HTMLTableRowElement =>
    h('tr', { class: 'dash-row', 'aria-rowindex': i + 2, 'data-testid': 'sites-row', 'data-domain': s.domain, 'data-index': i },
      h('td', { class: 'dash-num subtle' }, formatNumber(i + 1, ctx.locale)),
      h('td', { class: 'ellipsis' }, h('a', { href: ctx.link('site', { d: s.domain }) }, s.domain)),
      h('td', { class: 'dash-num time' }, formatDuration(s.ms, ctx.locale)),
      h('td', { class: 'dash-num' }, formatNumber(s.visits, ctx.locale)),
      h('td', { class: 'dash-num subtle' }, formatShare(shareOf(s.ms, r.totalMs), ctx.locale)),
      h('td', {}, categorySelect(s.domain)));
  /** One step: the chosen category gets the site's own rule (core/categories.ts: exact wins). */
  const categorySelect = (domain: string): HTMLSelectElement => {
    const current = categoryOf(domain);
    const select = h('select', { 'data-testid': 'sites-category', 'data-domain': domain, 'aria-label': t('categoryFor', domain) },
      h('option', { value: '' }, t('categoryNone')),
      ...ctx.categories.map((c) => h('option', { value: c.id, selected: c.id === current }, c.name)));
    select.addEventListener('change', () => {
      const wanted = select.value || null;
      const a = assignSite(ctx.categories, domain, wanted);
      ctx.saveCategories(a.next).then((saved) => {
        categoryOf = categoryLookup(saved);
        const now = categoryOf(domain);
        const name = saved.find((c) => c.id === now)?.name ?? t('categoryNone');
        select.value = now ?? '';
        status.textContent = now === wanted ? t('categoryAssigned', domain, name) : t('categoryStillIn', domain, name);
      }, (e: unknown) => {
        select.value = current ?? '';
        status.textContent = describeError(e, (text) => t('errorSave', text));
      });
    });
    return select;
  };
  const spacer = (px: number): HTMLTableRowElement => {
    const tr = h('tr', { class: 'dash-spacer', 'aria-hidden': 'true' }, h('td', { colspan: COLUMNS.length }));
    tr.style.height = `${px}px`;
    return tr;
  };

  let last: RowWindow | null = null;
  const paint = (): void => {
    // The header row scrolls with the body's first rows otherwise; its height is not a data row.
    const headHeight = head.getBoundingClientRect().height;
    const w = rowWindow({ count: sites.length, rowHeight: ROW_HEIGHT, viewportHeight: scroller.clientHeight || 600, scrollTop: Math.max(0, scroller.scrollTop - headHeight), overscan: 15 });
    if (last && last.start === w.start && last.end === w.end) return;
    last = w;
    body.replaceChildren(spacer(w.padTop), ...sites.slice(w.start, w.end).map((s, j) => row(s, w.start + j)), spacer(w.padBottom));
    table.dataset.start = String(w.start);
    table.dataset.end = String(w.end);
  };
  let queued = false;
  scroller.addEventListener('scroll', () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      paint();
    });
  }, { passive: true });

  show(ctx, h('p', { class: 'subtle' }, t('dashSitesCaption', formatNumber(sites.length, ctx.locale))), scroller, status);
  paint();
}
