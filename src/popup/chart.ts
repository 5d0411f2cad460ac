// The daily-totals bar chart: SVG built with createElementNS (no markup, no library). Rebuilt only
// when its numbers change, which during a live tick is just today's bar.
import { h, svg } from '../ui/dom.ts';
import type { ChartModel } from '../ui/chart-model.ts';

const LABEL_SPACE = 14;

export function renderChart(figure: HTMLElement, model: ChartModel | null, caption: string): void {
  if (!model) {
    figure.hidden = true;
    delete figure.dataset.key;
    return;
  }
  const key = JSON.stringify([caption, model.bars.map((b) => b.ms), model.bars.map((b) => b.label)]);
  figure.hidden = false;
  if (figure.dataset.key === key) return;
  figure.dataset.key = key;

  const { width, height } = model;
  const root = svg('svg', {
    viewBox: `0 0 ${width} ${height + LABEL_SPACE}`,
    width: '100%',
    role: 'img',
    'aria-label': caption,
    'data-testid': 'chart-svg',
  });
  root.append(svg('line', { class: 'axis', x1: 0, x2: width, y1: height + 0.5, y2: height + 0.5 }));
  for (const b of model.bars) {
    const bar = svg('rect', {
      class: b.today ? 'bar today' : 'bar',
      x: b.x.toFixed(2),
      y: b.y.toFixed(2),
      width: b.width.toFixed(2),
      height: b.height.toFixed(2),
      rx: 1.5,
      'data-day': b.day,
      'data-testid': 'chart-bar',
    });
    bar.append(svg('title', {}, b.label));
    root.append(bar);
  }
  root.append(
    svg('text', { class: 'tick', x: 0, y: height + LABEL_SPACE - 2, 'text-anchor': 'start' }, model.firstLabel),
    svg('text', { class: 'tick', x: width, y: height + LABEL_SPACE - 2, 'text-anchor': 'end' }, model.lastLabel),
  );
  figure.replaceChildren(root, h('figcaption', { class: 'subtle chart-max' }, caption));
}
