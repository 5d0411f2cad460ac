// The popup's site rows, updated in place every tick (keyed by domain) so focus, expansion and
// scroll survive the once-a-second refresh. Each row is a real <button> (Enter/Space for free)
// that expands the site's pages; ArrowUp/ArrowDown/Home/End move between rows.
import { h, setText } from '../ui/dom.ts';
import { neutralizeBidi } from '../ui/format.ts';
import type { PageRowView, SiteRowView } from '../ui/popup-model.ts';

interface RowEls {
  li: HTMLLIElement;
  button: HTMLButtonElement;
  time: HTMLElement;
  share: HTMLElement;
  fill: HTMLElement;
  badge: HTMLElement;
  icon: HTMLImageElement;
  /** The icon already comes from a visited origin: kept when the pages are folded again. */
  iconVisited: boolean;
  nowTitle: HTMLElement;
  pages: HTMLUListElement;
  pagesKey: string;
}

export interface SiteListText {
  now: string;
  loading: string;
  pagesOf(domain: string): string;
}

let nextId = 0;

export class SiteList {
  private rows = new Map<string, RowEls>();

  constructor(
    private readonly ul: HTMLUListElement,
    private readonly text: SiteListText,
    private readonly favicon: (pageUrl: string) => string,
    onToggle: (domain: string) => void,
  ) {
    ul.addEventListener('click', (e) => {
      const li = (e.target as Element).closest<HTMLLIElement>('li.site');
      if (li?.dataset.domain && (e.target as Element).closest('button.site-btn')) onToggle(li.dataset.domain);
    });
    ul.addEventListener('keydown', (e) => this.onKey(e));
  }

  update(rows: readonly SiteRowView[], expanded: string | null, pages: PageRowView[] | null): void {
    const active = document.activeElement;
    const keep = new Set(rows.map((r) => r.domain));
    for (const [domain, els] of this.rows) {
      if (!keep.has(domain)) {
        els.li.remove();
        this.rows.delete(domain);
      }
    }
    rows.forEach((row, i) => {
      const els = this.rows.get(row.domain) ?? this.create(row);
      this.fill(els, row, row.domain === expanded, row.domain === expanded ? pages : null);
      if (this.ul.children[i] !== els.li) this.ul.insertBefore(els.li, this.ul.children[i] ?? null);
    });
    // Moving a row re-inserts it, which drops focus: give it back.
    if (active instanceof HTMLElement && active.isConnected && document.activeElement !== active) active.focus({ preventScroll: true });
  }

  private create(row: SiteRowView): RowEls {
    const { domain, label } = row;
    const id = `pages-${++nextId}`;
    const fill = h('span', { class: 'bar-fill' });
    const els: RowEls = {
      li: h('li', { class: 'site', 'data-domain': domain, 'data-testid': 'site-row' }),
      button: h('button', { type: 'button', class: 'site-btn', 'aria-expanded': 'false', 'aria-controls': id, 'data-testid': 'site-toggle' }),
      time: h('span', { class: 'time', 'data-testid': 'site-time' }),
      share: h('span', { class: 'share', 'data-testid': 'site-share' }),
      fill,
      badge: h('span', { class: 'badge', hidden: true }, this.text.now),
      icon: h('img', { class: 'favicon', alt: '', width: 16, height: 16, src: this.favicon(row.icon.page), loading: 'lazy', 'data-testid': 'site-favicon' }),
      iconVisited: row.icon.visited,
      nowTitle: h('span', { class: 'now-title ellipsis subtle', 'data-testid': 'site-now-title', hidden: true }),
      pages: h('ul', { class: 'pages', id, 'data-testid': 'page-list', 'aria-label': this.text.pagesOf(label), hidden: true }),
      pagesKey: '',
    };
    els.button.append(
      els.icon,
      h('span', { class: 'domain ellipsis', 'data-testid': 'site-domain', title: label }, label),
      els.badge,
      els.time,
      els.share,
      els.nowTitle,
      h('span', { class: 'bar', 'aria-hidden': 'true' }, fill),
    );
    els.li.append(els.button, els.pages);
    this.rows.set(domain, els);
    return els;
  }

  private fill(els: RowEls, row: SiteRowView, open: boolean, pages: PageRowView[] | null): void {
    setText(els.time, row.time);
    setText(els.share, row.shareText);
    els.fill.style.width = `${(row.bar * 100).toFixed(1)}%`;
    els.li.classList.toggle('is-current', row.current);
    if (row.current) els.li.setAttribute('aria-current', 'true');
    else els.li.removeAttribute('aria-current');
    els.badge.hidden = !row.current;
    if (row.icon.visited && !els.iconVisited) {
      els.icon.src = this.favicon(row.icon.page);
      els.iconVisited = true;
    }
    els.nowTitle.hidden = row.nowTitle === null;
    setText(els.nowTitle, neutralizeBidi(row.nowTitle ?? ''));
    els.button.setAttribute('aria-expanded', String(open));
    els.pages.hidden = !open;
    const key = open ? JSON.stringify(pages) : '';
    if (key === els.pagesKey) return;
    els.pagesKey = key;
    els.pages.replaceChildren(...(open ? this.pageItems(pages) : []));
  }

  private pageItems(pages: PageRowView[] | null): HTMLLIElement[] {
    if (!pages) return [h('li', { class: 'page subtle' }, this.text.loading)];
    return pages.map((p) => {
      const title = neutralizeBidi(p.title) || p.path; // a title of controls alone shows the path
      return h('li', { class: p.other ? 'page other' : 'page', 'data-testid': 'page-row', 'data-url': p.url },
        h('span', { class: 'page-text' },
          h('span', { class: 'page-title ellipsis', 'data-testid': 'page-title', title }, title),
          p.other ? null : h('span', { class: 'page-path ellipsis subtle', 'data-testid': 'page-path', title: p.url }, p.path)),
        h('span', { class: 'time', 'data-testid': 'page-time' }, p.time));
    });
  }

  private onKey(e: KeyboardEvent): void {
    const buttons = [...this.ul.querySelectorAll<HTMLButtonElement>('button.site-btn')];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (i < 0) return;
    const to = e.key === 'ArrowDown' ? i + 1 : e.key === 'ArrowUp' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? buttons.length - 1 : null;
    if (to === null) return;
    e.preventDefault();
    buttons[Math.max(0, Math.min(buttons.length - 1, to))]?.focus();
  }
}
