// A BarChart (ui/dashboard-bars.ts) as SVG with its text equivalent: the figure's accessible name
// says what it shows, and a table under it (folded in a <details>) has every bucket's number.
import type { BarChart } from '../ui/dashboard-bars.ts';
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
