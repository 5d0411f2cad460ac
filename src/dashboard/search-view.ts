// Search as you type over the domains, page titles and URLs of the range (or of all history). The
// index is built on the first keystroke from one query with pages, and kept for that scope.
import type { Range } from '../core/api.ts';
import { buildSearchIndex, search, type SearchEntry, type SearchIndex } from '../ui/dashboard-search.ts';
import { h, setText } from '../ui/dom.ts';
import { displayPath, formatDuration, formatNumber, neutralizeBidi } from '../ui/format.ts';
import { t } from '../ui/i18n.ts';
import { safeHref } from '../ui/dashboard-site.ts';
import { show, type ViewContext } from './context.ts';

/** One index per scope, built on the first keystroke that needs it and kept while the view is
 *  shown (a new visit reads again, so a deleted site is not found). */
function indexer(ctx: ViewContext): (range: Range) => Promise<SearchIndex> {
  const cache = new Map<string, Promise<SearchIndex>>();
  return (range) => {
    const key = JSON.stringify(range);
    let index = cache.get(key);
    if (!index) {
      index = ctx.stats.query(range, { pages: true, now: ctx.now }).then(buildSearchIndex);
      index.catch(() => cache.delete(key)); // a failed read is tried again on the next keystroke
      cache.set(key, index);
    }
    return index;
  };
}

export function renderSearch(ctx: ViewContext): Promise<void> {
  const input = h('input', { type: 'search', id: 'search-input', 'data-testid': 'search-input', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'search-status', 'aria-controls': 'search-results' });
  input.value = ctx.params.q ?? '';
  const everything = h('input', { type: 'checkbox', id: 'search-all', 'data-testid': 'search-all', checked: ctx.params.all === '1' || ctx.range === 'all' });
  const status = h('p', { id: 'search-status', class: 'subtle', role: 'status', 'data-testid': 'search-status' });
  const list = h('ul', { id: 'search-results', class: 'dash-results', 'data-testid': 'search-results' });

  const indexFor = indexer(ctx);
  let asked = 0;
  const run = async (): Promise<void> => {
    const mine = ++asked;
    const q = input.value;
    if (!q.trim()) {
      list.replaceChildren();
      setText(status, '');
      return;
    }
    const index = await indexFor(everything.checked ? 'all' : ctx.range);
    if (mine !== asked || !ctx.isCurrent()) return; // typed on meanwhile
    const r = search(index, q);
    list.replaceChildren(...r.hits.map((e) => result(ctx, e)));
    setText(status, r.hits.length === 0 ? t('dashSearchNone') : r.truncated ? t('dashSearchMore', formatNumber(r.hits.length, ctx.locale)) : t('dashSearchCount', formatNumber(r.hits.length, ctx.locale)));
    list.dataset.answered = q; // what the list now answers (tests and the benchmark wait on it)
  };
  const failed = (e: unknown): void => setText(status, t('errorLoad', e instanceof Error ? e.message : String(e)));
  input.addEventListener('input', () => void run().catch(failed));
  everything.addEventListener('change', () => void run().catch(failed));

  show(ctx,
    h('div', { class: 'row' },
      h('label', { for: 'search-input' }, t('dashSearchLabel')), input,
      h('label', {}, everything, ' ', t('dashSearchAll'))),
    status, list);
  input.focus();
  return run().catch(failed);
}

function result(ctx: ViewContext, e: SearchEntry): HTMLElement {
  const site = h('a', { href: ctx.link('site', { d: e.domain }), class: 'dash-domain' }, e.domain);
  if (e.kind === 'site') {
    return h('li', { 'data-testid': 'search-result', 'data-kind': 'site', 'data-domain': e.domain }, site, ' ', h('span', { class: 'time subtle' }, formatDuration(e.ms, ctx.locale)));
  }
  const href = safeHref(e.url);
  const title = neutralizeBidi(e.title) || displayPath(e.url);
  return h('li', { 'data-testid': 'search-result', 'data-kind': 'page', 'data-url': e.url },
    h('span', { class: 'dash-result-title', 'data-testid': 'search-title' }, href ? h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, title) : title),
    h('span', { class: 'subtle dash-result-path' }, displayPath(e.url)),
    h('span', { class: 'dash-result-meta' }, site, ' ', h('span', { class: 'time subtle' }, formatDuration(e.ms, ctx.locale))));
}
