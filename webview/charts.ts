/**
 * Chart.js plots for the panels: log-log scatter/line charts. Series carry a colour key: a law id takes the
 * law's fixed colour and marker from the one palette (src/shared/palette.ts), so a law looks the same in
 * every panel and export; the user's own data takes the theme foreground; axes, grid and text follow the
 * theme and are re-read when it changes. Legends are HTML below the canvas (they wrap at any width).
 */
import {
  Chart, type ChartDataset, Legend, LinearScale, LineElement, LogarithmicScale, type Plugin, PointElement,
  ScatterController, Tooltip,
} from 'chart.js';
import { axisLabel, logTicks, type AxisUnit } from '../src/shared/axisTicks';
import { GROUP_COLORS, isLawKey, LAW_STYLES, lawColor, RESERVED_KEYS, type MarkerShape } from '../src/shared/palette';
import type { Series } from '../src/shared/protocol';
import { h } from './dom';

Chart.register(ScatterController, LineElement, PointElement, LogarithmicScale, LinearScale, Legend, Tooltip);

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.body).getPropertyValue(name).trim();
  return v || fallback;
}

interface Theme {
  fg: string;
  muted: string;
  grid: string;
  bg: string;
  font: string;
}

let theme: Theme | undefined;
type PointStyle = MarkerShape;

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
    font: cssVar('--vscode-font-family', 'sans-serif'),
  };
}

function currentTheme(): Theme {
  theme ??= readTheme();
  return theme;
}

/** Non-law keys (token-count groups, budgets) get group colours in the order they are first seen on the page. */
const groupKeys = new Map<string, number>();

/**
 * The colour of a series key: a law's fixed colour (src/shared/palette.ts), the theme foreground for the
 * user's own data (reserved), the muted colour for neutral guides (null), else a group colour.
 */
export function colorFor(key: string | null): string {
  const t = currentTheme();
  if (key === null) return t.muted;
  if (RESERVED_KEYS.includes(key)) return t.fg;
  const law = lawColor(key);
  if (law) return law;
  if (!groupKeys.has(key)) groupKeys.set(key, groupKeys.size);
  return GROUP_COLORS[groupKeys.get(key)! % GROUP_COLORS.length];
}

/** The point shape of a law's markers (the colour-blind-safe cue); other keys use the style's default. */
function markerFor(key: string | null, fallback: PointStyle): PointStyle {
  return key !== null && isLawKey(key) ? LAW_STYLES[key].marker : fallback;
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
  /** Units of the axis labels (default plain numbers): 'count' → 1B, 1T; 'flops' → 1e23. */
  xUnit?: AxisUnit;
  yUnit?: AxisUnit;
  /** One-sentence description for screen readers. */
  description: string;
}

const plots = new Set<Plot>();

/**
 * Plots whose chart waits to be drawn: a first draw of a plot outside the window waits until the page has painted,
 * then plots are drawn one per task in page order (input stays responsive between them). On a fit panel's first
 * paint the five Chart.js charts are most of the page's work — 210–540 ms cold here, where the text above them takes
 * a few ms — and at any panel width they start below the fitted law, the metrics and the recommendations.
 */
const waiting = new Set<Plot>();
let drainWaiters: Array<() => void> = [];
let draining = false;

function drainSoon(): void {
  if (draining) return;
  draining = true;
  // After the frame that paints what is in view (the frame's rAF runs before its paint; the timeout after it).
  requestAnimationFrame(() => setTimeout(drainOne));
}

function drainOne(): void {
  const next = [...waiting].sort((a, b) => (a.element.compareDocumentPosition(b.element) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1))[0];
  next?.drawNow();
  if (waiting.size > 0) {
    setTimeout(drainOne);
    return;
  }
  draining = false;
  const waiters = drainWaiters;
  drainWaiters = [];
  waiters.forEach((w) => w());
}

/** Whether some plot's chart is still to be drawn. */
export function plotsWaiting(): boolean {
  return waiting.size > 0;
}

/** Resolves once every plot updated so far is drawn. */
export function plotsDrawn(): Promise<void> {
  return waiting.size === 0 ? Promise.resolve() : new Promise((resolve) => drainWaiters.push(resolve));
}

/**
 * Whether `el` is (partly) within the window (layout is read once here). Only that is drawn before the first paint:
 * the rest follows within a few tasks, sooner than anyone scrolls to it.
 */
function nearView(el: HTMLElement): boolean {
  const r = el.getBoundingClientRect();
  return r.bottom > 0 && r.top < window.innerHeight && r.width > 0;
}

type AxisScale = { min: number; max: number; ticks: Array<{ value: number }> };

export class Plot {
  readonly element: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  /**
   * Made on the first update, when the page has the data and the figure is in the document. A chart made at
   * construction (detached, in a hidden results block) is drawn empty when it is attached and again when it
   * is first sized: three renders per chart before the first useful one on a panel's first paint.
   */
  private chartOrNull: Chart<'scatter'> | null = null;
  private readonly legend: HTMLElement;
  private series: Series[] = [];
  private hiddenKeys = new Set<string>();
  private marks: { x: number[]; y: number[] } = { x: [], y: [] };

  constructor(readonly spec: PlotSpec) {
    const canvas = (this.canvas = h('canvas', { id: `${spec.id}-canvas`, role: 'img', 'aria-label': `${spec.title}. ${spec.description}` }));
    this.legend = h('ul', { class: 'legend', 'aria-label': `${spec.title}: legend (press to show or hide a series)` });
    this.element = h('figure', { class: 'plot', id: spec.id },
      h('figcaption', {}, spec.title),
      h('div', { class: 'plot-area' }, canvas),
      this.legend);
    plots.add(this);
  }

  private get chart(): Chart<'scatter'> {
    this.chartOrNull ??= new Chart(this.canvas, { type: 'scatter', data: { datasets: [] }, options: this.options(), plugins: [background] });
    return this.chartOrNull;
  }

  get name(): string {
    return this.spec.id;
  }

  /** Values to label on the axes besides the decades (e.g. the user's budget on a compute axis). */
  setMarks(marks: { x?: number[]; y?: number[] }): void {
    this.marks = { x: marks.x ?? [], y: marks.y ?? [] };
  }

  /** Show `series`: the legend at once; the chart now if it is drawn already or in view, else soon (`waiting`). */
  update(series: Series[]): void {
    this.series = series;
    this.renderLegend();
    if (this.chartOrNull || nearView(this.element)) this.drawNow();
    else {
      waiting.add(this);
      drainSoon();
    }
  }

  /** Draw the chart with the current series (made on the first draw). */
  drawNow(): void {
    waiting.delete(this);
    this.chart.data.datasets = this.series.map((s) => this.dataset(s));
    this.chart.update('none');
  }

  /** Re-read theme colours (called on theme change) and redraw. */
  recolor(): void {
    if (!this.chartOrNull) return; // made later, with the colours of then
    this.respec();
    this.update(this.series);
  }

  /** Re-read the spec (axis labels, units) and the theme; the next update draws with them. */
  respec(): void {
    if (this.chartOrNull) this.chartOrNull.options = this.options();
  }

  /**
   * PNG for exports: the on-screen legend is HTML (it wraps at any width), so the exported image draws
   * Chart.js' own legend for the moment it is rendered, and the page goes back to the HTML one.
   */
  png(): string {
    if (waiting.has(this)) this.drawNow();
    const legend = this.chart.options.plugins!.legend!;
    legend.display = true;
    this.chart.update('none');
    try {
      return this.chart.toBase64Image('image/png', 1);
    } finally {
      legend.display = false;
      this.chart.update('none');
    }
  }

  destroy(): void {
    plots.delete(this);
    waiting.delete(this);
    this.chartOrNull?.destroy();
  }

  /** One entry per labelled series key (a law, your fit, a group): a swatch in its colour and the label. */
  private renderLegend(): void {
    const seen = new Set<string>();
    const items: HTMLElement[] = [];
    for (const s of this.series) {
      if (s.label.startsWith('_')) continue;
      const key = s.lawId ?? `neutral:${s.id}`;
      if (seen.has(s.id)) continue;
      seen.add(s.id);
      const swatch = h('span', { class: `swatch ${s.style}`, 'aria-hidden': 'true', ...(s.lawId !== null ? { 'data-law': s.lawId } : {}) });
      swatch.style.backgroundColor = colorFor(s.lawId);
      const btn = h('button', { type: 'button', class: 'legend-item', 'aria-pressed': String(!this.hiddenKeys.has(key)) }, swatch, s.label);
      btn.addEventListener('click', () => {
        if (this.hiddenKeys.has(key)) this.hiddenKeys.delete(key);
        else this.hiddenKeys.add(key);
        this.update(this.series);
      });
      items.push(h('li', {}, btn));
    }
    this.legend.replaceChildren(...items);
  }

  private dataset(s: Series): ChartDataset<'scatter'> {
    const color = colorFor(s.lawId);
    const line = s.style === 'line' || s.style === 'dashed' || s.style === 'dotted';
    return {
      label: s.label,
      data: s.points.map(([x, y]) => ({ x, y })),
      hidden: this.hiddenKeys.has(s.lawId ?? `neutral:${s.id}`),
      showLine: line,
      borderColor: color,
      backgroundColor: color,
      borderWidth: s.style === 'dotted' ? 1.5 : s.lawId === 'fit' ? 3 : 2,
      borderDash: s.style === 'dashed' ? [6, 4] : s.style === 'dotted' ? [2, 3] : [],
      pointRadius: s.style === 'marker' ? 7 : s.style === 'points' ? 3 : 0,
      pointHoverRadius: line ? 3 : 8,
      pointHitRadius: 6,
      pointStyle: s.style === 'marker' ? markerFor(s.lawId, 'rectRot') : 'circle',
      pointBorderColor: s.style === 'marker' ? currentTheme().fg : color,
      order: s.style === 'marker' ? 0 : 1,
    };
  }

  private options(): Chart<'scatter'>['options'] {
    const t = currentTheme();
    const spec = this.spec;
    const axis = (which: 'x' | 'y', label: string, log: boolean | undefined, unit: AxisUnit = 'plain') => {
      // Log axes: our own ticks (every decade, the marks), labelled in the tables' units; Chart.js'
      // auto-skip would drop decades, including the user's budget.
      let labels = new Map<number, string | string[]>();
      return {
        type: log ? ('logarithmic' as const) : ('linear' as const),
        title: { display: true, text: label, color: t.fg, font: { family: t.font } },
        afterBuildTicks: log ? (scale: AxisScale) => {
          const ticks = logTicks(scale.min, scale.max, unit, { marks: this.marks[which], vertical: which === 'y' });
          labels = new Map(ticks.map((k) => [k.value, k.label]));
          scale.ticks = ticks.map((k) => ({ value: k.value }));
        } : undefined,
        ticks: {
          color: t.muted,
          callback: (v: number | string) => (log ? labels.get(Number(v)) ?? '' : axisLabel(Number(v), unit)),
          autoSkip: !log,
          maxRotation: 0,
          font: { family: t.font },
        },
        grid: { color: t.grid },
        border: { color: t.grid },
      };
    };
    return {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      scales: { x: axis('x', spec.xLabel, spec.xLog, spec.xUnit), y: axis('y', spec.yLabel, spec.yLog, spec.yUnit) },
      plugins: {
        legend: {
          display: false,
          position: 'bottom',
          labels: { color: t.fg, boxWidth: 14, boxHeight: 2, padding: 6, font: { family: t.font, size: 11 }, filter: (item) => !String(item.text).startsWith('_') },
        },
        tooltip: {
          callbacks: {
            label: (ctx) => `${(ctx.dataset.label ?? '').replace(/^_/, '')}: (${axisLabel(ctx.parsed.x ?? NaN, spec.xUnit ?? 'plain', 4)}, ${axisLabel(ctx.parsed.y ?? NaN, spec.yUnit ?? 'plain', 4)})`,
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
