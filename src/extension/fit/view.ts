/**
 * The fit panel's view model: a FitResultJSON (+ the parsed table's summary) → FitView with the plot series
 * and the recommendations. Built IN THE FIT WORKER (./worker.ts hands it to core/fit/workerCore.ts), so the
 * extension host only relays it to the webview. Whatever the table's size, every plot gets at most MAX_VIEW_POINTS runs (an even sample that
 * keeps the worst-fitted rows; the view says so), and nothing spreads a large array into Math.min/max.
 * Predictions use the form's own `predict` and the fitted allocation its `allocate`: nothing here
 * re-implements a law.
 */
import { optimalLine } from '../../core/allocation';
import { formatCount, formatNum, formatSci } from '../../core/format';
import { FORMS, MODELS, allocate as allocateFit, type FitResultJSON, type FormId } from '../../core/fit';
import { getLaw, type LawId } from '../../core/laws';
import type { FitMetric, FitPanelOptions, FitParamRow, FitPoint, FitView, FormOption, Note, Series } from '../../shared/protocol';
import type { RunsTable } from '../../core/csv';
import { logspace } from '../../core/stats/grid';

/** What the view is built from: the fit and the table's column/summary information. */
export interface FitOutcome {
  table: { columns: RunsTable['columns']; summary: RunsTable['summary']; headers: string[] };
  result: FitResultJSON;
}

/** Runs drawn per plot at most (a few thousand points keep Chart.js and the webview message small). */
export const MAX_VIEW_POINTS = 2000;

/** Smallest and largest of f over xs, by a loop (spreading 150k values into Math.min overflows the stack). */
function extent<T>(xs: readonly T[], f: (x: T) => number): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const x of xs) {
    const v = f(x);
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/**
 * At most `max` points: the 10 % worst-fitted (largest |log residual|, so outliers stay visible) and an even
 * stride through the rest, in table order.
 */
export function samplePoints(points: FitPoint[], max = MAX_VIEW_POINTS): FitPoint[] {
  if (points.length <= max) return points;
  const worstCount = Math.floor(max / 10);
  const dev = (p: FitPoint) => Math.abs(Math.log(p.predicted / p.loss)) || 0;
  const order = Array.from(points.keys()).sort((a, b) => dev(points[b]) - dev(points[a]));
  const keep = new Uint8Array(points.length);
  for (let j = 0; j < worstCount; j++) keep[order[j]] = 1;
  const rest = max - worstCount;
  const step = points.length / rest;
  for (let j = 0; j < rest; j++) keep[Math.floor(j * step)] = 1;
  return points.filter((_, i) => keep[i] === 1);
}

/** Published laws drawn beside the fit (frontiers in total parameters under C = 6ND). */
export const COMPARISON_LAWS: LawId[] = ['hoffmann2022-a3', 'besiroglu2024', 'hoffmann2022-a1', 'llama3-2024', 'deepseek2024', 'kaplan2020'];

export const DEFAULT_FIT_OPTIONS: FitPanelOptions = { form: 'chinchilla', fixE: null, tieExponents: false, huberDelta: 1e-3, dropRows: '', bootstrap: 0 };

export function formOptions(): FormOption[] {
  return Object.values(FORMS).map((f) => ({ id: f.id, label: f.label, description: f.formula }));
}

/**
 * Parse the "drop CSV lines" field ("12, 15-18") into line numbers. Throws with the offending token.
 * Line 1 is the header and cannot be dropped.
 */
export function parseLineList(text: string): number[] {
  const out = new Set<number>();
  for (const tok of text.split(',').map((t) => t.trim()).filter(Boolean)) {
    const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(tok);
    if (!m) throw new Error(`'${tok}' is not a line number or range (e.g. 12 or 15-18)`);
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (a < 2 || b < a || b - a > 100000) throw new Error(`'${tok}': lines start at 2 (line 1 is the header) and ranges go low-high`);
    for (let i = a; i <= b; i++) out.add(i);
  }
  return [...out].sort((x, y) => x - y);
}

/** Fit-engine options from the panel's options. */
export function engineOptions(o: FitPanelOptions): { form: FormId; delta: number; bootstrap: number; fixed?: Record<string, number>; tieAlphaBeta: boolean } {
  return {
    form: o.form as FormId,
    delta: o.huberDelta,
    bootstrap: o.bootstrap,
    ...(o.fixE !== null ? { fixed: { E: o.fixE } } : {}),
    tieAlphaBeta: o.tieExponents,
  };
}

const note = (severity: Note['severity'], code: string, text: string): Note => ({ severity, code, text });
const sig3 = (x: number) => Number(x.toPrecision(3));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function paramRows(r: FitResultJSON): FitParamRow[] {
  const fixed = r.provenance.fixed;
  return FORMS[r.form].params.map((name) => {
    const value = r.params[name];
    const se = r.stderr[name] ?? null;
    const iv = r.intervals[name] ?? null;
    // The engine decides (FitResultJSON.weak): a bound, a grid edge, or a 95 % interval spanning the value.
    const identified = name in fixed || !(name in (r.weak ?? {}));
    return { name, value, stderr: se, lo: iv ? iv[0] : null, hi: iv ? iv[1] : null, identified };
  });
}

/** The quality metrics; cross-validation and leave-one-out only when they ran (switched off, they are not shown). */
function metrics(r: FitResultJSON): FitMetric[] {
  const pv = r.provenance;
  return [
    { id: 'r2', label: 'R²', value: r.metrics.r2 },
    { id: 'r2Log', label: 'R² (log loss)', value: r.metrics.r2Log },
    { id: 'rmse', label: 'RMSE', value: r.metrics.rmse },
    ...(pv.cvFolds > 0 ? [{ id: 'cv' as const, label: `CV RMSE (${pv.cvFolds}-fold)`, value: r.metrics.cv }] : []),
    ...(pv.leaveOneOut ? [{ id: 'loo' as const, label: 'LOO RMSE', value: r.metrics.loo }] : []),
  ];
}

/** Loss against N grouped by D when the runs sit on a few token counts; otherwise against compute. */
function lossCurves(r: FitResultJSON, points: FitPoint[]): { axis: 'N' | 'C'; series: Series[] } {
  const model = MODELS[r.form];
  const C = (p: FitPoint) => 6 * p.N * p.D;
  const byD = new Map<number, FitPoint[]>();
  for (const p of points) byD.set(sig3(p.D), [...(byD.get(sig3(p.D)) ?? []), p]);
  if (FORMS[r.form].needs.includes('N') && byD.size <= 8) {
    const [nLo, nHi] = extent(points, (p) => p.N);
    const nGrid = logspace(nLo / 1.5, nHi * 1.5, 40);
    const series: Series[] = [];
    for (const [D, pts] of [...byD.entries()].sort((a, b) => a[0] - b[0])) {
      const key = `D=${formatCount(D)}`;
      series.push({ id: `pts-${key}`, label: `D = ${formatCount(D)} tokens`, lawId: key, style: 'points', points: pts.map((p) => [p.N, p.loss]) });
      series.push({ id: `fit-${key}`, label: `_fit at D = ${formatCount(D)}`, lawId: key, style: 'line', points: nGrid.map((N) => [N, model.predict(r.params, N, D)]) });
    }
    return { axis: 'N', series };
  }
  const [cLo, cHi] = extent(points, C);
  const cGrid = logspace(cLo / 2, cHi * 10, 40);
  const series: Series[] = [{ id: 'runs', label: 'runs', lawId: 'runs', style: 'points', points: points.map((p) => [C(p), p.loss]) }];
  if (!FORMS[r.form].allocate) {
    series.push({ id: 'fit', label: 'fitted L(C)', lawId: 'fit', style: 'line', points: cGrid.map((c) => [c, model.predict(r.params, 0, 0, undefined, c)]) });
  } else {
    const frontier = cGrid.map((c): [number, number] | null => {
      const a = allocateFit(r.form, r.params, c);
      return a && Number.isFinite(a.loss) ? [c, a.loss] : null;
    }).filter((x): x is [number, number] => x !== null);
    series.push({ id: 'fit', label: 'fitted compute-optimal frontier L*(C)', lawId: 'fit', style: 'line', points: frontier });
  }
  return { axis: 'C', series };
}

interface Frontier {
  computes: number[];
  fit: Array<{ C: number; N: number; D: number }>;
}

function fittedFrontier(r: FitResultJSON, points: FitPoint[]): Frontier | null {
  if (!FORMS[r.form].allocate) return null;
  const [cLo, cHi] = extent(points, (p) => 6 * p.N * p.D);
  const computes = logspace(cLo / 10, cHi * 1e3, 30);
  // Data-constrained fits: drawn without a data cap (fresh tokens), like the published frontiers beside it.
  const fit = computes.map((C) => {
    const a = allocateFit(r.form, r.params, C);
    return a ? { C, N: a.N, D: a.D } : null;
  }).filter((x): x is { C: number; N: number; D: number } => x !== null && Number.isFinite(x.N) && x.N > 0);
  return fit.length ? { computes, fit } : null;
}

function frontierSeries(r: FitResultJSON, points: FitPoint[], f: Frontier | null): { nd: Series[]; tpp: Series[] } {
  const computes = f?.computes ?? logspace(1e17, 1e25, 30);
  const nd: Series[] = [];
  const tpp: Series[] = [];
  if (f) {
    nd.push({ id: 'fit-nd', label: `your fit (${FORMS[r.form].label.split(' (')[0]})`, lawId: 'fit', style: 'line', points: f.fit.map((p) => [p.D, p.N]) });
    tpp.push({ id: 'fit-tpp', label: 'your fit', lawId: 'fit', style: 'line', points: f.fit.map((p) => [p.C, p.D / p.N]) });
  }
  nd.push({ id: 'runs-nd', label: 'your runs', lawId: 'runs', style: 'points', points: points.map((p) => [p.D, p.N]) });
  for (const id of COMPARISON_LAWS) {
    const line = optimalLine(id, computes);
    const name = getLaw(id).name;
    nd.push({ id: `nd-${id}`, label: name, lawId: id, style: 'dashed', points: line.map((p) => [p.D, p.N]) });
    tpp.push({ id: `tpp-${id}`, label: name, lawId: id, style: 'dashed', points: line.map((p) => [p.compute, p.D / p.N]) });
  }
  return { nd, tpp };
}

function recommendations(r: FitResultJSON, rows: FitParamRow[], points: FitPoint[], f: Frontier | null): Note[] {
  const out: Note[] = [];
  // The engine's warnings (low R², bounds, unit slips, stalled optimiser…) are the panel's too: one source.
  for (const w of r.warnings) out.push(note('warning', /^R² = /.test(w) ? 'low-r2' : 'fit-warning', w));
  if (points.length < r.rowsUsed) out.push(note('info', 'sampled', `The plots show ${formatCount(points.length)} of ${formatCount(r.rowsUsed)} runs (an even sample plus the worst-fitted ${formatCount(Math.floor(MAX_VIEW_POINTS / 10))}); the fit used all of them.`));

  // Closest published law: mean |ln N*_fit / N*_law| over the fitted frontier's budgets.
  if (f) {
    const scored = COMPARISON_LAWS.map((id) => {
      const line = optimalLine(id, f.fit.map((p) => p.C));
      const d = line.reduce((s, p, i) => s + Math.abs(Math.log(f.fit[i].N / p.N)), 0) / line.length;
      return { id, d };
    }).sort((a, b) => a.d - b.d);
    const best = scored[0];
    out.push(note('info', 'closest-law', `Closest published law: ${getLaw(best.id).name} — its N* differs from your fit's by ${formatNum((Math.exp(best.d) - 1) * 100, 2)} % on average over ${formatSci(f.fit[0].C)}–${formatSci(f.fit[f.fit.length - 1].C)} FLOPs (next: ${getLaw(scored[1].id).name}, ${formatNum((Math.exp(scored[1].d) - 1) * 100, 2)} %).`));
  }

  // Identification.
  const weak = rows.filter((p) => !p.identified);
  if (weak.length) {
    out.push(note('warning', 'weakly-identified', `Weakly identified: ${weak.map((p) => p.name).join(', ')} (reasons in the warnings above). Add runs that vary ${weak.some((p) => /beta|B|Dc|alphaD/.test(p.name)) ? 'the token count D' : 'the model size N'} over a wider range, or fix a parameter (e.g. E).`));
  } else if (r.provenance.bootstrap.requested === 0) {
    out.push(note('info', 'no-bootstrap', 'No bootstrap: set Bootstrap to 100 or more to see parameter intervals and whether each parameter is well identified.'));
  } else {
    out.push(note('info', 'identified', `All parameters are well identified (${r.provenance.bootstrap.succeeded} bootstrap resamples).`));
  }

  // How far the runs are from the fitted law's own compute-optimal allocation.
  if (FORMS[r.form].allocate) {
    const ratios = points.map((p) => {
      const a = allocateFit(r.form, r.params, 6 * p.N * p.D);
      return a ? p.N / a.N : NaN;
    }).filter(Number.isFinite);
    if (ratios.length) {
      const within = ratios.filter((x) => x >= 0.5 && x <= 2).length;
      out.push(note(within / ratios.length < 0.3 ? 'warning' : 'info', 'distance-from-optimal',
        `Your ${points.length < r.rowsUsed ? 'sampled ' : ''}runs use N/N* from ${formatNum(extent(ratios, (x) => x)[0], 2)}× to ${formatNum(extent(ratios, (x) => x)[1], 2)}× of the fitted law's compute-optimal size (median ${formatNum(median(ratios), 2)}×); ${within} of ${ratios.length} are within 2× of optimal.`));
    }
  }

  // Next run.
  const o = r.optimal;
  if (o) {
    const maxC = extent(r.residuals, (p) => 6 * p.N * p.D)[1];
    const iv = o.intervals ? ` (95 % interval N ${formatCount(o.intervals.N[0])}–${formatCount(o.intervals.N[1])})` : '';
    out.push(note('info', 'next-run', `Next run: N = ${formatCount(o.N)} params on D = ${formatCount(o.D)} tokens (C = ${formatSci(o.compute)} FLOPs, ${formatNum(o.compute / maxC, 2)}× your largest run) — the fit predicts loss ${formatNum(o.loss, 4)}${iv}. Checking it against the prediction is the cheapest test of the law.`));
  }
  return out;
}

function columnsText(o: FitOutcome, dropped: number[]): string {
  const c = o.table.columns;
  const used = (Object.entries(c) as Array<[string, string | undefined]>).filter(([, v]) => v !== undefined).map(([k, v]) => `${k} ← '${v}'`);
  const usedNames = new Set(Object.values(c));
  const ignored = o.table.headers.filter((h) => !usedNames.has(h));
  const parts = [`Columns: ${used.join(', ')}`];
  if (ignored.length) parts.push(`ignored: ${ignored.map((h) => `'${h}'`).join(', ')}`);
  const s = o.table.summary;
  parts.push(`${s.read} rows read, ${s.dropped.length} dropped${dropped.length ? ` (incl. lines ${dropped.join(', ')} left out by you)` : ''}`);
  return parts.join('; ');
}

export function toFitView(o: FitOutcome, fileName: string, droppedByUser: number[], elapsedMs: number): FitView {
  const r = o.result;
  const points: FitPoint[] = samplePoints(r.residuals.map((x) => ({ line: x.line, N: x.N, D: x.D, loss: x.loss, predicted: x.predicted })));
  const params = paramRows(r);
  const loss = lossCurves(r, points);
  const f = fittedFrontier(r, points);
  const { nd, tpp } = frontierSeries(r, points, f);
  const pv = r.provenance;
  return {
    fileName,
    form: r.form,
    formLabel: FORMS[r.form].label,
    formula: substitutedFormula(r),
    latex: r.latex,
    params,
    metrics: metrics(r),
    rowsUsed: r.rowsUsed,
    rowsTotal: pv.rowsRead,
    points,
    lossCurves: loss.series,
    lossAxis: loss.axis,
    nd,
    tpp,
    recommendations: recommendations(r, params, points, f),
    columns: columnsText(o, droppedByUser),
    provenance: `${pv.method}; Huber δ = ${pv.delta}; ${pv.grid}; seed ${pv.seed}; ${pv.iterations} iterations, status ${pv.status}; ${pv.timeMs} ms in the worker.`,
    elapsedMs,
  };
}

/** The plain-text formula with the fitted numbers in it (what "Copy as text" copies). */
export function substitutedFormula(r: FitResultJSON): string {
  return FORMS[r.form].text(r.params);
}
