// The charts of when time goes, as SVG with their text equivalents: the hours-of-the-week heatmap
// (ui/dashboard-heatmap.ts), 24 hour bars (ui/dashboard-hour-bars.ts) and the note on time that
// has no hour (ui/dashboard-unhoured.ts). Each figure is named by its caption, and a table under
// it (folded in a <details>) has every number; all text goes in as text nodes.
import type { Heatmap } from '../ui/dashboard-heatmap.ts';
import type { HourChart } from '../ui/dashboard-hour-bars.ts';
import type { UnhouredNote } from '../ui/dashboard-unhoured.ts';
import { h, svg } from '../ui/dom.ts';
import { t } from '../ui/i18n.ts';

const LEFT = 44;
const TOP = 14;
const CELL_W = 24;
const CELL_H = 20;
const GAP = 2;
const LABEL_SPACE = 16;

export function renderHeatmap(map: Heatmap, caption: string, help: string, testid: string): HTMLElement {
  const width = LEFT + 24 * CELL_W;
  const root = svg('svg', { viewBox: `0 0 ${width} ${TOP + map.rows.length * CELL_H}`, width: '100%', class: 'dash-heat', role: 'img', 'aria-label': caption, 'data-testid': `${testid}-svg` });
  for (const tick of map.ticks) root.append(svg('text', { class: 'dash-tick', x: LEFT + tick.hour * CELL_W, y: TOP - 4 }, tick.label));
  map.rows.forEach((row, i) => {
    const y = TOP + i * CELL_H;
    root.append(svg('text', { class: 'dash-tick', x: LEFT - 6, y: y + CELL_H / 2 + 3, 'text-anchor': 'end' }, row.name));
    for (const c of row.cells) {
      root.append(svg('rect', { x: LEFT + c.hour * CELL_W, y, width: CELL_W - GAP, height: CELL_H - GAP, rx: 2, class: `dash-cell dash-l${c.level}`, 'data-testid': `${testid}-cell`, 'data-weekday': c.weekday, 'data-hour': c.hour, 'data-ms': c.ms, 'data-level': c.level },
        svg('title', {}, c.label)));
    }
  });
  const table = h('table', { class: 'dash-table dash-heat-table', 'data-testid': `${testid}-table` },
    h('caption', { class: 'dash-sr' }, caption),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, t('dashHourCol')),
      ...map.columns.map((name) => h('th', { scope: 'col', class: 'dash-num' }, name)),
      h('th', { scope: 'col', class: 'dash-num' }, t('dashTotal')))),
    h('tbody', {}, ...map.table.map((r) => h('tr', { 'data-hour': r.hour, 'data-testid': `${testid}-row` },
      h('th', { scope: 'row' }, r.label),
      ...r.times.map((x, i) => h('td', { class: 'dash-num time', 'data-weekday': map.rows[i]?.weekday }, x)),
      h('td', { class: 'dash-num time', 'data-total': '' }, r.total)))),
  );
  return h('figure', { class: 'dash-chart', 'data-testid': testid },
    root,
    h('figcaption', { class: 'subtle' }, caption),
    h('p', { class: 'dash-heat-key subtle' }, h('span', {}, t('dashHeatLess')), ...[0, 1, 2, 3, 4].map((l) => h('span', { class: `dash-key dash-k${l}`, 'aria-hidden': 'true' })), h('span', {}, t('dashHeatMore'))),
    h('p', { class: 'help' }, help),
    h('details', {}, h('summary', {}, t('dashShowTable')), table),
  );
}

export function renderHourBars(chart: HourChart, caption: string, testid: string): HTMLElement {
  const { width, height } = chart;
  const root = svg('svg', { viewBox: `0 0 ${width} ${height + LABEL_SPACE}`, width: '100%', role: 'img', 'aria-label': caption, 'data-testid': `${testid}-svg` });
  root.append(svg('line', { class: 'dash-axis', x1: 0, x2: width, y1: height + 0.5, y2: height + 0.5 }));
  for (const b of chart.bars) {
    root.append(svg('rect', { class: 'dash-bar', x: b.x.toFixed(2), y: b.y.toFixed(2), width: b.width.toFixed(2), height: b.height.toFixed(2), rx: 1.5, 'data-hour': b.hour, 'data-ms': b.ms, 'data-testid': `${testid}-bar` }, svg('title', {}, b.text)));
  }
  for (const tick of chart.ticks) root.append(svg('text', { class: 'dash-tick', x: tick.x.toFixed(2), y: height + LABEL_SPACE - 3 }, tick.label));
  const table = h('table', { class: 'dash-table', 'data-testid': `${testid}-table` },
    h('caption', { class: 'dash-sr' }, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('dashHourCol')), h('th', { scope: 'col', class: 'dash-num' }, t('dashColTime')))),
    h('tbody', {}, ...chart.rows.map((r) => h('tr', { 'data-hour': r.hour, 'data-testid': `${testid}-row` }, h('th', { scope: 'row' }, r.label), h('td', { class: 'dash-num time' }, r.time)))),
  );
  return h('figure', { class: 'dash-chart', 'data-testid': testid },
    root,
    h('figcaption', { class: 'subtle' }, caption),
    h('details', {}, h('summary', {}, t('dashShowTable')), table),
  );
}

/** "2h of this range has no hourly detail (recorded before Mar 10, 2024 or imported)"; nothing
 *  when every ms has its hour (an array, to spread into a view). */
export function unhouredLine(note: UnhouredNote | null, of: 'range' | 'day', testid: string): HTMLElement[] {
  if (!note) return [];
  const key = of === 'range' ? (note.since ? 'dashHeatUnhoured' : 'dashHeatUnhouredUndated') : (note.since ? 'dashHourUnhouredDay' : 'dashHourUnhouredDayUndated');
  return [h('p', { class: 'subtle dash-unhoured', 'data-testid': testid, 'data-ms': note.ms }, note.since ? t(key, note.time, note.since) : t(key, note.time))];
}
