/**
 * Chart.js plots for the panels: log-log scatter/line charts whose colours come from the VS Code theme
 * (CSS variables such as --vscode-charts-blue) and are re-read when the theme changes. Series carry a
 * colour key (a law id, 'fit', a group) so the same law has the same colour in every plot of a page.
 */
import {
  Chart, type ChartDataset, Legend, LinearScale, LineElement, LogarithmicScale, type Plugin, PointElement,
  ScatterController, Tooltip,
} from 'chart.js';
import { formatNum, formatSci } from '../src/core/format';
import type { Series } from '../src/shared/protocol';
import { h } from './dom';

Chart.register(ScatterController, LineElement, PointElement, LogarithmicScale, LinearScale, Legend, Tooltip);

const PALETTE_VARS: Array<[string, string]> = [
  ['--vscode-charts-blue', '#3794ff'], ['--vscode-charts-orange', '#d18616'], ['--vscode-charts-green', '#89d185'],
  ['--vscode-charts-purple', '#b180d7'], ['--vscode-charts-red', '#f14c4c'], ['--vscode-charts-yellow', '#cca700'],
];
// Beyond the theme's six chart colours: fixed extras that read on light and dark backgrounds.
const EXTRA = ['#2aa198', '#d33682', '#6c71c4', '#859900', '#cb4b16', '#268bd2'];

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.body).getPropertyValue(name).trim();
  return v || fallback;
}

interface Theme {
  fg: string;
  muted: string;
  grid: string;
  bg: string;
  palette: string[];
  font: string;
}

let theme: Theme | undefined;
const colorKeys = new Map<string, number>();

/**
 * Grid lines are decoration: in high-contrast themes the border colour (bright cyan/orange) would outshine
 * the data, so they become a faint wash of the foreground instead (the data keeps the strong colours).
 */
function gridColor(): string {
  const cls = document.body.classList;
  if (cls.contains('vscode-high-contrast-light')) return 'rgba(0, 0, 0, 0.22)';
  if (cls.contains('vscode-high-contrast')) return 'rgba(255, 255, 255, 0.24)';
  return cssVar('--vscode-editorWidget-border', cssVar('--vscode-panel-border', 'rgba(128,128,128,0.35)'));
}

function readTheme(): Theme {
  return {
    fg: cssVar('--vscode-editor-foreground', cssVar('--vscode-foreground', '#ccc')),
    muted: cssVar('--vscode-descriptionForeground', '#999'),
    grid: gridColor(),
    bg: cssVar('--vscode-editor-background', '#1e1e1e'),
    palette: [...PALETTE_VARS.map(([v, f]) => cssVar(v, f)), ...EXTRA],
    font: cssVar('--vscode-font-family', 'sans-serif'),
  };
}

function currentTheme(): Theme {
  theme ??= readTheme();
  return theme;
}

/** Give keys stable colours in this order (e.g. the law list), so a law keeps its colour across plots. */
export function reserveColors(keys: string[]): void {
  for (const k of keys) if (!colorKeys.has(k)) colorKeys.set(k, colorKeys.size);
}

export function colorFor(key: string | null): string {
  const t = currentTheme();
  if (key === null) return t.muted;
  if (key === 'fit') return t.fg;
  if (!colorKeys.has(key)) colorKeys.set(key, colorKeys.size);
  return t.palette[colorKeys.get(key)! % t.palette.length];
}

/** Paint the editor background behind the chart so exported PNGs are legible outside VS Code. */
const background: Plugin<'scatter'> = {
  id: 'themeBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = currentTheme().bg;
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

export interface PlotSpec {
  id: string;
  title: string;
  xLabel: string;
  yLabel: string;
  xLog?: boolean;
  yLog?: boolean;
  /** One-sentence description for screen readers. */
  description: string;
}

const plots = new Set<Plot>();

export class Plot {
  readonly element: HTMLElement;
  private readonly chart: Chart<'scatter'>;
  private series: Series[] = [];

  constructor(readonly spec: PlotSpec) {
    const canvas = h('canvas', { id: `${spec.id}-canvas`, role: 'img', 'aria-label': `${spec.title}. ${spec.description}` });
    this.element = h('figure', { class: 'plot', id: spec.id },
      h('figcaption', {}, spec.title),
      h('div', { class: 'plot-area' }, canvas));
    this.chart = new Chart(canvas, { type: 'scatter', data: { datasets: [] }, options: this.options(), plugins: [background] });
    plots.add(this);
  }

  get name(): string {
    return this.spec.id;
  }

  update(series: Series[]): void {
    this.series = series;
    this.chart.data.datasets = series.map((s) => this.dataset(s));
    this.chart.update('none');
  }

  /** Re-read theme colours (called on theme change) and redraw. */
  recolor(): void {
    this.chart.options = this.options();
    this.update(this.series);
  }

  png(): string {
    return this.chart.toBase64Image('image/png', 1);
  }

  destroy(): void {
    plots.delete(this);
    this.chart.destroy();
  }

  private dataset(s: Series): ChartDataset<'scatter'> {
    const color = colorFor(s.lawId);
    const line = s.style === 'line' || s.style === 'dashed' || s.style === 'dotted';
    return {
      label: s.label,
      data: s.points.map(([x, y]) => ({ x, y })),
      showLine: line,
      borderColor: color,
      backgroundColor: color,
      borderWidth: s.style === 'dotted' ? 1 : s.lawId === 'fit' ? 3 : 2,
      borderDash: s.style === 'dashed' ? [6, 4] : s.style === 'dotted' ? [2, 3] : [],
      pointRadius: s.style === 'marker' ? 6 : s.style === 'points' ? 3 : 0,
      pointHoverRadius: line ? 3 : 7,
      pointHitRadius: 6,
      pointStyle: s.style === 'marker' ? 'rectRot' : 'circle',
      pointBorderColor: s.style === 'marker' ? currentTheme().fg : color,
      order: s.style === 'marker' ? 0 : 1,
    };
  }

  private options(): Chart<'scatter'>['options'] {
    const t = currentTheme();
    // Log axes: label the decades; an axis spanning under two decades (e.g. losses 2.4–4.7) also labels
    // 2, 3 and 5 × 10^k, otherwise it would show no number at all.
    const tick = (log: boolean) => function (this: { min: number; max: number }, v: number | string) {
      const x = Number(v);
      if (!log) return formatNum(x, 3);
      const e = Math.floor(Math.log10(x) + 1e-9);
      const m = x / 10 ** e;
      const few = Math.log10(this.max / this.min) < 2;
      const show = Math.abs(m - 1) < 1e-6 || (few && [2, 3, 5].some((k) => Math.abs(m - k) < 1e-6));
      return show ? (Math.abs(e) < 4 ? formatNum(x, 3) : formatSci(x, 1)) : '';
    };
    const axis = (label: string, log: boolean | undefined) => ({
      type: log ? ('logarithmic' as const) : ('linear' as const),
      title: { display: true, text: label, color: t.fg, font: { family: t.font } },
      ticks: { color: t.muted, callback: tick(!!log), autoSkip: true, maxRotation: 0, font: { family: t.font } },
      grid: { color: t.grid },
      border: { color: t.grid },
    });
    return {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      scales: { x: axis(this.spec.xLabel, this.spec.xLog), y: axis(this.spec.yLabel, this.spec.yLog) },
      plugins: {
        legend: {
          position: 'bottom',
          labels: { color: t.fg, boxWidth: 14, boxHeight: 2, padding: 6, font: { family: t.font, size: 11 }, filter: (item) => !String(item.text).startsWith('_') },
        },
        tooltip: {
          callbacks: {
            label: (ctx) => `${(ctx.dataset.label ?? '').replace(/^_/, '')}: (${formatSci(ctx.parsed.x ?? NaN)}, ${formatNum(ctx.parsed.y ?? NaN)})`,
          },
        },
      },
    };
  }
}

/** Re-colour every plot when VS Code switches theme (it swaps the body's vscode-light/dark/high-contrast class). */
export function watchTheme(onChange?: () => void): void {
  let last = document.body.className;
  new MutationObserver(() => {
    if (document.body.className === last) return;
    last = document.body.className;
    theme = readTheme();
    for (const p of plots) p.recolor();
    onChange?.();
  }).observe(document.body, { attributes: true, attributeFilter: ['class'] });
}

export function allPlots(): Plot[] {
  return [...plots];
}
