/**
 * The sweep features' view models, pure (no `vscode` import) so they are unit-tested directly:
 *   - results CSV text → IsoFLOP analysis (src/core/isoflop, the same code as `scaling-laws isoflop`) →
 *     IsoflopView for the panel (plot series sampled here, nothing re-derived), built in the worker
 *     (src/extension/worker.ts) so the extension host only relays it;
 *   - the panel's exports (CSV of the minima, Markdown report);
 *   - a planned sweep → the code-lens line and the Markdown plan document.
 */
import { chinchillaOptimal } from '../../core/laws/forms';
import { optimalLine } from '../../core/allocation';
import { formatCount, formatNum, formatPowerLaw, formatSci } from '../../core/format';
import { getLaw } from '../../core/laws';
import { analyseResults, type AnalysedResults } from '../../core/isoflop/results';
import {
  describeComputeConvention, evalLogParabola, evalPowerLaw, isoflopJson,
  DEFAULT_GROUP_TOLERANCE, type IsoflopAnalysis, type IsoflopJson, type JointFit,
} from '../../core/isoflop';
import type { SweepPlan } from '../../core/sweep';
import type { IsoflopPanelOptions, IsoflopView, Note, Series } from '../../shared/protocol';
import { logspace } from '../../core/stats/grid';
import { csvLines, mdText } from '../common/report';
import { maxOf, minOf } from '../../core/stats/extent';

export const DEFAULT_ISOFLOP_OPTIONS: IsoflopPanelOptions = { window: null, skipBadBudgets: false, groupTolerance: DEFAULT_GROUP_TOLERANCE, joint: true };

/** Published laws drawn on the frontier plot: the two Chinchilla fits and Llama 3's own IsoFLOP frontier. */
export const FRONTIER_LAWS = ['hoffmann2022-a3', 'besiroglu2024', 'llama3-2024'];

export interface IsoflopResult {
  analysis: IsoflopAnalysis;
  joint: JointFit | null;
  view: IsoflopView;
  /** The CLI's `--json` shape, for the JSON export. */
  json: IsoflopJson;
}

const note = (severity: Note['severity'], code: string, text: string): Note => ({ severity, code, text });

/**
 * Analyse a results CSV's text. Throws CsvError (file:line:column), InputError or IsoflopRefusal
 * (typed: too few budgets, too few points, no interior minimum, ungroupable) like the CLI.
 */
export function analyseResultsText(text: string, fileName: string, options: IsoflopPanelOptions, signal?: { aborted: boolean }): IsoflopResult {
  return resultsView(analyseResults(text, fileName, options, signal), fileName);
}

/** The panel's view of an analysis computed here or in the worker (src/core/sweep/results.ts). */
export function resultsView(r: AnalysedResults, fileName: string): IsoflopResult {
  const { analysis, joint, summary } = r;
  const notes: Note[] = [
    ...analysis.warnings.map((w) => note('warning', 'isoflop-warning', w)),
    ...summary.dropped.slice(0, 5).map((d) => note('info', 'row-skipped', `Line ${d.line} skipped: ${d.reason}`)),
    ...summary.notes.map((n) => note('info', 'csv', n)),
  ];
  const convention = describeComputeConvention(analysis.computeConvention);
  if (convention) notes.push(note('info', 'compute-convention', `Compute convention: ${convention}; the frontier uses C as given.`));
  if (summary.dropped.length > 5) notes.push(note('info', 'row-skipped', `… and ${summary.dropped.length - 5} more rows skipped.`));
  if (r.thinnedTo !== null) notes.push(note('info', 'runs-thinned', `Budgets with more than ${r.thinnedTo} runs are plotted with ${r.thinnedTo} of them (evenly spaced in N); every run entered the fits.`));
  if (joint && !joint.ok) notes.push(note('warning', 'joint-fit-failed', `The joint fit (Approach 3) produced no law: ${joint.reason}`));
  return { analysis, joint, view: toIsoflopView(analysis, joint, fileName, notes, r.runCounts), json: isoflopJson(analysis, joint) };
}

/** What the panel keeps of an analysis: the view it shows and the JSON it exports (built in the worker). */
export type IsoflopShown = Pick<IsoflopResult, 'view' | 'json'>;

/** The IsoFLOP worker request's view builder (src/extension/worker.ts): only the view and its JSON cross back. */
export function isoflopShown(r: AnalysedResults, fileName: string): IsoflopShown {
  const { view, json } = resultsView(r, fileName);
  return { view, json };
}

const budgetKey = (C: number) => `budget ${formatSci(C)}`;

function curveSeries(a: IsoflopAnalysis): Series[] {
  const out: Series[] = [];
  for (const b of a.budgets) {
    const key = budgetKey(b.compute);
    const label = `C = ${formatSci(b.compute)}`;
    const used = b.runs.filter((r) => r.used);
    const outside = b.runs.filter((r) => !r.used);
    out.push({ id: `runs-${b.compute}`, label, lawId: key, style: 'points', points: used.map((r) => [r.N, r.loss]) });
    if (outside.length) {
      out.push({ id: `outside-${b.compute}`, label: `_${label} (outside the window)`, lawId: null, style: 'points', points: outside.map((r) => [r.N, r.loss]) });
    }
    const [lo, hi] = b.parabolaN.lnRange;
    const pad = 0.05 * (hi - lo);
    out.push({
      id: `parabola-${b.compute}`, label: `_${label} parabola`, lawId: key, style: 'line',
      points: logspace(Math.exp(lo - pad), Math.exp(hi + pad), 41).map((N) => [N, evalLogParabola(b.parabolaN, N)]),
    });
    if (b.NInterval) {
      out.push({ id: `n-interval-${b.compute}`, label: `_${label} N* interval`, lawId: key, style: 'line', points: [[b.NInterval[0], b.loss], [b.NInterval[1], b.loss]] });
    }
    out.push({ id: `minimum-${b.compute}`, label: `_${label} minimum`, lawId: key, style: 'marker', points: [[b.N, b.loss]] });
  }
  return out;
}

function frontierSeries(a: IsoflopAnalysis, joint: JointFit | null): Series[] {
  const cs = a.budgets.map((b) => b.compute);
  const grid = logspace(minOf(cs) / 3, maxOf(cs) * 30, 33);
  const out: Series[] = [];
  const fitted = (which: 'N*' | 'D*') => {
    const f = which === 'N*' ? a.nFrontier : a.dFrontier;
    const pick = (b: IsoflopAnalysis['budgets'][number]) => (which === 'N*' ? b.N : b.D);
    const iv = (b: IsoflopAnalysis['budgets'][number]) => (which === 'N*' ? b.NInterval : b.DInterval);
    out.push({ id: `minima-${which}`, label: `${which} minima`, lawId: which, style: 'points', points: a.budgets.map((b) => [b.compute, pick(b)]) });
    out.push({
      id: `powerlaw-${which}`, label: formatPowerLaw(which, f.k, f.exponent), lawId: which, style: 'line',
      points: grid.map((C) => [C, evalPowerLaw(f, C)]),
    });
    for (const b of a.budgets) {
      const i = iv(b);
      if (i) out.push({ id: `interval-${which}-${b.compute}`, label: `_${which} interval at ${formatSci(b.compute)}`, lawId: which, style: 'line', points: [[b.compute, i[0]], [b.compute, i[1]]] });
    }
  };
  fitted('N*');
  fitted('D*');
  if (joint?.ok) {
    const opt = grid.map((C) => ({ C, ...chinchillaOptimal(joint.params, C) }));
    out.push({ id: 'joint-N*', label: `joint fit N* (a = ${formatNum(joint.a, 3)})`, lawId: 'N*', style: 'dashed', points: opt.map((o) => [o.C, o.N]) });
    out.push({ id: 'joint-D*', label: `joint fit D* (b = ${formatNum(joint.b, 3)})`, lawId: 'D*', style: 'dashed', points: opt.map((o) => [o.C, o.D]) });
  }
  for (const id of FRONTIER_LAWS) {
    const name = getLaw(id).name;
    const line = optimalLine(id, grid);
    out.push({ id: `law-N-${id}`, label: `${name} (N*, D*)`, lawId: id, style: 'dotted', points: line.map((p) => [p.compute, p.N]) });
    out.push({ id: `law-D-${id}`, label: `_${name}: D*`, lawId: id, style: 'dotted', points: line.map((p) => [p.compute, p.D]) });
  }
  return out;
}

/** `counts`: runs per budget before the plots were thinned (core/isoflop/results.ts); else counted from `a`. */
export function toIsoflopView(a: IsoflopAnalysis, joint: JointFit | null, fileName: string, notes: Note[], counts?: AnalysedResults['runCounts']): IsoflopView {
  const frontier = (f: IsoflopAnalysis['nFrontier']) => ({ k: f.k, exponent: f.exponent, interval: f.exponentInterval, r2: f.r2 });
  const grouped = a.budgets.some((b) => b.runs.some((r) => r.budget !== undefined));
  const grouping = grouped
    ? `Runs grouped by their nominal budget column; ${a.budgets.length} budgets${a.window ? `, each parabola fitted to the lowest-loss run ±${a.window} neighbours` : ''}.`
    : `Runs grouped by compute: sorted by C, a new budget starts where consecutive runs differ by more than ${formatNum(a.groupTolerance * 100, 3)} %; ` +
      `each budget is labelled by the geometric mean of its runs' compute. ${a.budgets.length} budgets${a.window ? `, each parabola fitted to the lowest-loss run ±${a.window} neighbours` : ''}.`;
  return {
    fileName,
    confidence: a.confidence,
    grouping,
    minima: a.budgets.map((b, i) => ({
      compute: b.compute, runsUsed: counts?.[i]?.used ?? b.runs.filter((r) => r.used).length, runsTotal: counts?.[i]?.total ?? b.runs.length,
      N: b.N, D: b.D, loss: b.loss, NInterval: b.NInterval, DInterval: b.DInterval,
    })),
    nFrontier: frontier(a.nFrontier),
    dFrontier: frontier(a.dFrontier),
    joint: joint?.ok
      ? { ...joint.params, a: joint.a, b: joint.b, agrees: joint.insideInterval, comparison: joint.comparison }
      : null,
    curves: curveSeries(a),
    frontier: frontierSeries(a, joint),
    notes: [...a.excluded.map((e) => note('warning', e.code, `Excluded ${e.reason}.`)), ...notes],
  };
}

// ───────────────────────────── exports ─────────────────────────────

export function isoflopCsv(view: IsoflopView): string {
  const iv = (x: [number, number] | null, i: 0 | 1) => (x ? x[i] : null);
  return csvLines(
    ['compute', 'runs_used', 'runs', 'N_opt', 'N_opt_low', 'N_opt_high', 'D_opt', 'D_opt_low', 'D_opt_high', 'loss_min'],
    view.minima.map((m) => [m.compute, m.runsUsed, m.runsTotal, m.N, iv(m.NInterval, 0), iv(m.NInterval, 1), m.D, iv(m.DInterval, 0), iv(m.DInterval, 1), m.loss]),
  );
}

export function isoflopMarkdown(view: IsoflopView, imageFiles: string[] = []): string {
  const pct = `${formatNum(view.confidence * 100, 3)} %`;
  const iv = (x: [number, number] | null, f: (v: number) => string) => (x ? `${f(x[0])} – ${f(x[1])}` : '—');
  const law = (name: string, f: IsoflopView['nFrontier']) =>
    `- ${formatPowerLaw(name, f.k, f.exponent)} (exponent ${pct} interval ${iv(f.interval, (x) => formatNum(x, 3))}, R² ${formatNum(f.r2, 4)})`;
  const rows = view.minima.map((m) =>
    `| ${formatSci(m.compute)} | ${m.runsUsed}/${m.runsTotal} | ${formatCount(m.N)} | ${iv(m.NInterval, formatCount)} | ${formatCount(m.D)} | ${iv(m.DInterval, formatCount)} | ${formatNum(m.loss, 4)} |`);
  const out = [
    `# IsoFLOP analysis: ${mdText(view.fileName)}`, '',
    'Chinchilla Approach 2 (Hoffmann et al. 2022, §3.2): a parabola in ln N and in ln D per compute budget, then power laws through the minima.', '',
    law('N*', view.nFrontier), law('D*', view.dFrontier), '',
    ...(view.joint ? [mdText(view.joint.comparison), ''] : []),
    mdText(view.grouping), '',
    `| budget C | runs | N* | N* ${pct} | D* | D* ${pct} | loss* |`, '| --- | --- | --- | --- | --- | --- | --- |', ...rows,
  ];
  if (imageFiles.length) out.push('', ...imageFiles.map((f) => `![${mdText(f)}](${encodeURI(f)})`));
  if (view.notes.length) out.push('', '## Notes', '', ...view.notes.map((n) => `- ${n.severity === 'info' ? '' : `**${n.severity}:** `}${mdText(n.text)}`));
  return out.join('\n') + '\n';
}

// ───────────────────────────── plans ─────────────────────────────

/** The code lens line: "35 runs · C 1.02e21 · ≈716 GPU-hours H100-SXM @40 % MFU". */
export function sweepLensTitle(plan: SweepPlan): string {
  const t = plan.totals;
  const parts = [`${t.runs} runs`, `C ${formatSci(t.compute)}`];
  if (t.gpuHours !== undefined) parts.push(`≈${formatCount(t.gpuHours)} GPU-hours ${t.gpu} @${formatNum(t.mfu! * 100, 3)} % MFU`);
  if (plan.warnings.length) parts.push(`⚠ ${plan.warnings.length} warning${plan.warnings.length === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

/** The plan as a Markdown document (the "Plan IsoFLOP Sweep" command opens it beside the config). */
export function planMarkdown(plan: SweepPlan, configName: string): string {
  const t = plan.totals;
  const rows = plan.runs.map((r) =>
    `| ${r.id} | ${formatSci(r.budget)} | ${formatCount(r.N)} | ${r.arch.num_hidden_layers} × ${r.arch.hidden_size}, ${r.arch.num_attention_heads} heads, MLP ${r.arch.intermediate_size} | ${formatCount(r.D)} | ${r.steps} | ${r.gpuHours !== undefined ? formatCount(r.gpuHours) : '—'} |`);
  const out = [
    `# IsoFLOP sweep "${mdText(plan.name)}"`, '',
    `From \`${mdText(configName)}\`: ${t.runs} runs over ${plan.budgets.length} budgets, each grid centred on the optimum predicted by ${mdText(plan.law)}.`, '',
    `- Total compute: ${formatSci(t.compute)} FLOPs`,
    ...(t.gpuHours !== undefined ? [`- ≈ ${formatCount(t.gpuHours)} GPU-hours on ${mdText(t.gpu ?? '')} at ${formatNum(t.mfu! * 100, 3)} % MFU (dense peak ${formatSci(t.peakFlopsPerGpu!)} FLOP/s)`] : []),
    ...(plan.rehearsal ? [`- Noise-free rehearsal: Approach 2 on the law's own losses recovers a = ${formatNum(plan.rehearsal.a, 3)} (law ${formatNum(plan.rehearsal.aLaw, 3)}), N* ${formatNum(plan.rehearsal.nBias * 100, 2)} % from the law's optimum`] : []),
    '',
    ...(plan.warnings.length ? ['## Warnings', '', ...plan.warnings.map((w) => `- **${w.code}**: ${mdText(w.message)}`), ''] : []),
    '## Runs', '',
    '| run | budget | N | shape (layers × width, heads, MLP) | D (tokens) | steps | GPU-h |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ];
  return out.join('\n') + '\n';
}
