// A BarChart (ui/dashboard-bars.ts) as SVG with its text equivalent: the figure's accessible name
// says what it shows, and a table under it (folded in a <details>) has every bucket's number.
import type { BarChart } from '../ui/dashboard-bars.ts';
import type { StackedChart } from '../ui/dashboard-categories.ts';
import { h, svg } from '../ui/dom.ts';
import { t } from '../ui/i18n.ts';

const LABEL_SPACE = 16;

export function renderBars(chart: BarChart, caption: string, testid: string): HTMLElement {
  const { width, height } = chart;
  const root = svg('svg', { viewBox: `0 0 ${width} ${height + LABEL_SPACE}`, width: '100%', role: 'img', 'aria-label': caption, 'data-testid': `${testid}-svg` });
  root.append(svg('line', { class: 'dash-axis', x1: 0, x2: width, y1: height + 0.5, y2: height + 0.5 }));
  for (const b of chart.bars) {
    root.append(svg('rect', { class: 'dash-bar', x: b.x.toFixed(2), y: b.y.toFixed(2), width: b.width.toFixed(2), height: b.height.toFixed(2), rx: 1.5, 'data-key': b.key, 'data-testid': `${testid}-bar` }, svg('title', {}, b.text)));
  }
  root.append(
    svg('text', { class: 'dash-tick', x: 0, y: height + LABEL_SPACE - 3, 'text-anchor': 'start' }, chart.firstLabel),
    svg('text', { class: 'dash-tick', x: width, y: height + LABEL_SPACE - 3, 'text-anchor': 'end' }, chart.lastLabel),
  );
  const table = h('table', { class: 'dash-table', 'data-testid': `${testid}-table` },
    h('caption', { class: 'dash-sr' }, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t(chart.unit === 'day' ? 'dashColDay' : 'dashColMonth')), h('th', { scope: 'col' }, t('dashColTime')))),
    h('tbody', {}, ...chart.rows.map((r) => h('tr', {}, h('td', {}, r.label), h('td', { class: 'time' }, r.time)))),
  );
  return h('figure', { class: 'dash-chart', 'data-testid': testid },
    root,
    h('figcaption', { class: 'subtle' }, caption),
    h('details', {}, h('summary', {}, t('dashShowTable')), table),
  );
}

/** A colour swatch: the colour is a validated "#rrggbb" (core/categories.ts), null the theme's. */
export function swatch(colour: string | null): HTMLElement {
  const el = h('span', { class: colour ? 'dash-swatch' : 'dash-swatch dash-swatch-none', 'aria-hidden': 'true' });
  if (colour) el.style.background = colour;
  return el;
}

/** Bars stacked by category: each segment in its category's colour (Uncategorised in the theme's
 *  bar colour, so dark mode holds), a legend, and a table with a column per category. */
export function renderStackedBars(chart: StackedChart, caption: string, testid: string): HTMLElement {
  const { width, height } = chart;
  const root = svg('svg', { viewBox: `0 0 ${width} ${height + LABEL_SPACE}`, width: '100%', role: 'img', 'aria-label': caption, 'data-testid': `${testid}-svg` });
  root.append(svg('line', { class: 'dash-axis', x1: 0, x2: width, y1: height + 0.5, y2: height + 0.5 }));
  chart.bars.forEach((b, i) => {
    const g = svg('g', { 'data-key': b.key, 'data-testid': `${testid}-bar` }, svg('title', {}, b.text));
    for (const s of chart.segments[i] ?? []) {
      g.append(svg('rect', { class: s.colour ? 'dash-seg' : 'dash-seg dash-bar', fill: s.colour, x: b.x.toFixed(2), y: s.y.toFixed(2), width: b.width.toFixed(2), height: s.height.toFixed(2), 'data-category': s.id ?? '', 'data-ms': s.ms, 'data-testid': `${testid}-segment` }, svg('title', {}, s.text)));
    }
    root.append(g);
  });
  root.append(
    svg('text', { class: 'dash-tick', x: 0, y: height + LABEL_SPACE - 3, 'text-anchor': 'start' }, chart.firstLabel),
    svg('text', { class: 'dash-tick', x: width, y: height + LABEL_SPACE - 3, 'text-anchor': 'end' }, chart.lastLabel),
  );
  const legend = h('ul', { class: 'dash-legend', 'data-testid': `${testid}-legend` },
    ...chart.legend.map((l) => h('li', { 'data-category': l.id ?? '' }, swatch(l.colour), l.name)));
  const table = h('table', { class: 'dash-table', 'data-testid': `${testid}-table` },
    h('caption', { class: 'dash-sr' }, caption),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, t(chart.unit === 'day' ? 'dashColDay' : 'dashColMonth')),
      h('th', { scope: 'col', class: 'dash-num' }, t('dashColTime')),
      ...chart.legend.map((l) => h('th', { scope: 'col', class: 'dash-num' }, l.name)))),
    h('tbody', {}, ...chart.table.map((r) => h('tr', {},
      h('td', {}, r.label),
      h('td', { class: 'dash-num time' }, r.total),
      ...r.times.map((x) => h('td', { class: 'dash-num time' }, x))))),
  );
  return h('figure', { class: 'dash-chart', 'data-testid': testid },
    root,
    h('figcaption', { class: 'subtle' }, caption),
    legend,
    h('details', {}, h('summary', {}, t('dashShowTable')), table),
  );
}
