/**
 * The planner's view model: PlannerInput → PlannerView (table rows, guidance, plot series). Pure (no
 * `vscode` import) so it is unit-tested directly; every number comes from src/core (allocation registry,
 * hardware table), nothing is re-derived here except plot sampling.
 */
import {
  AllocationRefusal, allocateCompute, consensus, extrapolationFactor, lawModel, optimalLine, type AllocationResult,
} from '../../core/allocation';
import { InputError } from '../../core/errors';
import { getHparamLaw, hparamsAtOptimum } from '../../core/hparams';
import { logspace } from '../../core/stats/grid';
import { formatCount, formatNum, formatRatio, formatSci } from '../../core/format';
import { GPUS, DTYPES, HardwareError, peakFlops, trainingCompute } from '../../core/hardware';
import {
  LANGUAGES, LANGUAGE_NAMES, LAWS, isLanguage, type Language, type LawInfo,
} from '../../core/laws';
import type {
  GpuOption, LawGuidance, LawOption, Note, PlannerConsensus, PlannerInput, PlannerRow, PlannerView, RowBadge, Series,
} from '../../shared/protocol';

export { DEFAULT_PLANNER_INPUT } from '../../shared/plannerDefaults';

export function lawOptions(): LawOption[] {
  return LAWS.map((l) => ({ id: l.id, name: l.name, url: l.citation.url, provisional: !!l.provisional }));
}

export function gpuOptions(): GpuOption[] {
  return GPUS.map((g) => ({ id: g.id, label: g.label, dtypes: DTYPES.filter((d) => g.dense[d] !== undefined && d !== 'int8') }));
}

export function languageOptions(): Array<{ id: string; label: string }> {
  return LANGUAGES.map((l) => ({ id: l, label: `${LANGUAGE_NAMES[l]} (${l})` }));
}

const note = (severity: Note['severity'], code: string, text: string): Note => ({ severity, code, text });

interface Budget {
  compute: number | null;
  source: string;
  notes: Note[];
}

function budgetOf(input: PlannerInput): Budget {
  if (input.mode === 'loss') {
    return { compute: null, source: `Target loss ${formatNum(input.targetLoss, 4)}: each law's minimum-compute allocation`, notes: [] };
  }
  if (input.mode === 'flops') {
    return { compute: input.compute, source: `Training compute C = ${formatSci(input.compute)} FLOPs`, notes: [] };
  }
  const g = input.gpus;
  try {
    const t = trainingCompute({ numGpus: g.count, gpuType: g.gpu, dtype: g.dtype, mfu: g.mfu, hours: g.hours });
    return {
      compute: t.compute,
      source: `C = ${g.count} × ${g.gpu} ${g.dtype.toUpperCase()} (${formatNum(t.peakFlopsPerGpu / 1e12, 4)} TFLOP/s dense) × ${formatNum(g.mfu * 100, 3)} % MFU × ${formatNum(g.hours, 4)} h = ${formatSci(t.compute)} FLOPs`,
      notes: [note('info', 'gpu-peak-source', `Peak throughput: ${t.source}.`)],
    };
  } catch (e) {
    if (e instanceof HardwareError) return { compute: null, source: 'GPU budget invalid', notes: [note('error', e.code, e.message)] };
    throw e;
  }
}

function language(input: PlannerInput): Language | undefined {
  return isLanguage(input.language) ? input.language : undefined;
}

function allocateOne(law: LawInfo, input: PlannerInput, compute: number | null): AllocationResult {
  const [r] = allocateCompute({
    ...(compute !== null ? { compute } : { targetLoss: input.targetLoss }),
    laws: [law.id],
    inferenceTokens: input.inferenceTokens > 0 ? input.inferenceTokens : undefined,
    uniqueTokens: input.uniqueTokens > 0 ? input.uniqueTokens : undefined,
    language: language(input),
  });
  return r;
}

/** Per-law guidance: the allocation's warnings plus what the user should compare with their own setup. */
function guidanceFor(law: LawInfo, r: AllocationResult | null, input: PlannerInput): Note[] {
  const notes: Note[] = (r?.warnings ?? []).map((w) => note(w.severity, w.code, w.message));
  if (r) {
    notes.unshift(note('info', 'method', `Method: ${r.method}.`));
    const f = law.fitted;
    const outside = notes.some((n) => n.code.startsWith('outside-fitted'));
    const ranges = [
      f.compute && `budgets ${formatSci(f.compute[0])}–${formatSci(f.compute[1])} FLOPs`,
      f.params && `models ${formatCount(f.params[0])}–${formatCount(f.params[1])} params`,
      f.tokens && `${formatCount(f.tokens[0])}–${formatCount(f.tokens[1])} tokens`,
    ].filter(Boolean).join(', ');
    if (!outside && ranges) notes.unshift(note('info', 'inside-fitted-range', `Inside the range the paper fitted (${ranges}).`));
    else if (ranges) notes.push(note('info', 'fitted-range', `The paper fitted ${ranges}.`));
    if (input.inferenceTokens > 0) {
      const infFlops = 2 * r.N * input.inferenceTokens;
      let hours = '';
      try {
        const peak = peakFlops(input.gpus.gpu, input.gpus.dtype).flops;
        hours = ` ≈ ${formatCount(infFlops / (peak * input.inferenceMfu) / 3600)} ${input.gpus.gpu} GPU-hours at ${formatNum(input.inferenceMfu * 100, 3)} % inference MFU`;
      } catch {
        /* unknown GPU: the FLOP count alone is still useful */
      }
      notes.push(note('info', 'inference-cost', `Serving ${formatCount(input.inferenceTokens)} tokens costs 2·N·D_inf = ${formatSci(infFlops)} FLOPs${hours}; training is ${formatSci(r.compute)}.`));
    }
  }
  notes.push(note('info', 'setup', `Paper's setup — architecture: ${law.architecture}; data: ${law.data}; languages: ${law.languages.join(', ')}.`));
  notes.push(note('info', 'conventions', `Conventions — N counts ${law.paramConvention === 'total' ? 'all parameters (incl. embeddings)' : 'non-embedding parameters'}; FLOPs: ${law.flopConvention}.`));
  for (const c of law.caveats) notes.push(note('info', 'caveat', c));
  if (r) notes.push(...hparamNotes(r));
  return notes;
}

/** Sequence length the planner quotes batches in (the planner has no sequence-length input; the CLI has --seq-len). */
const PLANNER_SEQ_LEN = 2048;

/** Peak learning rate and batch at the row's N*, D* under each hyperparameter law (src/core/hparams), one line each. */
function hparamNotes(r: AllocationResult): Note[] {
  return hparamsAtOptimum(r, PLANNER_SEQ_LEN).map((h) => {
    const info = getHparamLaw(h.law);
    const band = (b: [number, number] | null, f: (x: number) => string) => (b ? ` [95 %: ${f(b[0])}–${f(b[1])}]` : '');
    const lr = h.learningRate === null ? '' : `peak lr ${formatSci(h.learningRate, 2)}${band(h.learningRateBand, (x) => formatSci(x, 2))}, `;
    const batch = `${h.batchKind === 'critical' ? 'critical batch (upper bound)' : 'batch'} ${formatCount(h.batchTokens)} tokens${band(h.batchTokensBand, (x) => formatCount(x))} = ${formatNum(h.batchSequences!, 4)} sequences of ${PLANNER_SEQ_LEN}`;
    const steps = h.steps === null ? '' : `, ${formatCount(h.steps)} steps (warmup ${formatCount(h.warmupSteps!)})`;
    const extrap = h.warnings.some((w) => w.code === 'hparams-extrapolation') ? ' — extrapolated beyond its fitted range' : '';
    const cite = `${info.citation.authors.split(/[,(]/)[0].trim()} et al. ${info.citation.year}, arXiv ${info.citation.arxiv}`;
    return note('info', 'hparams', `At N*, D* — ${h.law} (${cite}; N: ${info.conventions.params.split(' (')[0]}): ${lr}${batch}${steps}${extrap}.`);
  });
}

/** Short labels for the warnings a reviewer would flag first; the full message is the tooltip. */
function badges(law: LawInfo, r: AllocationResult | null, refusal: string | null, input: PlannerInput): RowBadge[] {
  if (!r) return [{ kind: 'refused', severity: 'error', label: 'no row', tooltip: refusal ?? 'This law cannot serve this request.' }];
  const out: RowBadge[] = [];
  const msgs = (codes: string[]) => r.warnings.filter((w) => codes.includes(w.code)).map((w) => w.message).join(' ');
  const f = extrapolationFactor(law, r.compute, r.N, r.D);
  if (f > 1.05) {
    out.push({ kind: 'extrapolation', severity: 'warning', label: `${formatRatio(f)}× beyond fit`, tooltip: `Extrapolation ${formatRatio(f)}× beyond what the paper fitted. ${msgs(['outside-fitted-compute', 'outside-fitted-params', 'outside-fitted-tokens'])}` });
  }
  const conv: Record<string, string> = { 'non-embedding-params': 'N non-embedding', 'params-exclude-input-embedding': 'N w/o input emb.', 'approximate-params': 'N ≈ M/6' };
  for (const w of r.warnings) if (conv[w.code]) out.push({ kind: 'convention', severity: 'warning', label: conv[w.code], tooltip: w.message });
  if (law.provisional) out.push({ kind: 'provisional', severity: 'warning', label: 'provisional', tooltip: msgs(['provisional']) });
  if (law.historical) out.push({ kind: 'historical', severity: 'warning', label: 'historical', tooltip: msgs(['historical']) });
  const inf = r.warnings.find((w) => w.code === 'inference-aware' || w.code === 'cost-aware' || w.code === 'inference-not-applied');
  if (inf) out.push({ kind: 'inference', severity: inf.code === 'inference-not-applied' ? 'warning' : 'info', label: inf.code === 'inference-not-applied' ? 'training-only' : 'inference-aware', tooltip: inf.message });
  const sat = r.warnings.find((w) => w.code === 'data-saturated');
  const rep = r.warnings.find((w) => w.code === 'repetition');
  const U = input.uniqueTokens > 0 ? input.uniqueTokens : undefined;
  if (sat) out.push({ kind: 'data', severity: 'warning', label: 'data-saturated', tooltip: sat.message });
  else if (rep) out.push({ kind: 'data', severity: 'warning', label: U ? `${formatRatio(r.D / U)} epochs` : 'repeats data', tooltip: rep.message });
  const lang = r.warnings.find((w) => w.code === 'language-mismatch');
  if (lang) out.push({ kind: 'language', severity: 'info', label: `fitted on ${law.languages.join('/')}`, tooltip: lang.message });
  return out;
}

/** The row's compute against the budget, and why they differ (null when equal or in target-loss mode). */
function computeDelta(r: AllocationResult | null, budget: number | null): { delta: number | null; note: string | null } {
  if (!r || budget === null || Math.abs(r.compute / budget - 1) < 1e-6) return { delta: null, note: null };
  const why = r.warnings.some((w) => w.code === 'data-saturated')
    ? 'smallest useful budget under the data cap'
    : r.warnings.some((w) => w.code === 'inference-aware' || w.code === 'cost-aware')
      ? 'inference-aware: a smaller model trained longer for the same loss'
      : 'differs from the budget';
  return { delta: r.compute / budget - 1, note: why };
}

function row(law: LawInfo, r: AllocationResult | null, input: PlannerInput, budget: number | null, refusal: string | null, relevant: boolean): PlannerRow {
  const d = computeDelta(r, budget);
  return {
    lawId: law.id,
    lawName: law.name,
    N: r ? r.N : null,
    D: r ? r.D : null,
    loss: r ? r.loss : null,
    tokensPerParam: r ? r.tokensPerParam : null,
    compute: r ? r.compute : null,
    method: r ? r.method : 'cannot serve this request',
    citationUrl: law.citation.url,
    citationLabel: `arXiv ${law.citation.arxiv}`,
    provisional: !!law.provisional,
    badges: badges(law, r, refusal, input),
    computeDelta: d.delta,
    computeNote: d.note,
    relevant,
  };
}

/** Iso-loss contours N(D) of one law around the loss it predicts at the budget. */
function contours(law: LawInfo, input: PlannerInput, centre: number, dGrid: number[]): Series[] {
  const model = lawModel(law.id, { language: language(input), uniqueTokens: input.uniqueTokens > 0 ? input.uniqueTokens : undefined });
  const surface = model.surface;
  if (!surface) return [];
  const gap = centre - surface.floor;
  const levels = [-0.2, -0.1, 0, 0.15, 0.35, 0.7].map((k) => centre + k * gap).filter((l) => l > surface.floor);
  return levels.map((L, i) => ({
    id: `iso-loss-${i}`,
    label: `${i === 0 ? '' : '_'}iso-loss L = ${formatNum(levels[0], 3)} … ${formatNum(levels[levels.length - 1], 3)} (${law.id})`,
    lawId: law.id,
    style: 'dotted' as const,
    points: dGrid
      .map((D): [number, number] => [D, surface.paramsForLogExcess(Math.log(L - surface.floor), D)])
      .filter(([, N]) => Number.isFinite(N) && N > 1),
  }));
}

export function computePlannerView(input: PlannerInput): PlannerView {
  const budget = budgetOf(input);
  const notes = [...budget.notes];
  const lang = language(input);
  if (lang && lang !== 'en' && !input.laws.includes('atlas2025')) {
    // As the CLI does with --language: the one law fitted on that language joins the table.
    input = { ...input, laws: [...input.laws, 'atlas2025'] };
    notes.push(note('info', 'language-law-added', `ATLAS added: the only law fitted on ${LANGUAGE_NAMES[lang]} data (Longpre et al. 2025).`));
  }
  // Registry order, whatever order the ids arrive in: rows stay put as laws are toggled.
  const laws = LAWS.filter((l) => input.laws.includes(l.id));
  if (!laws.length) notes.push(note('error', 'no-law', 'Select at least one law.'));
  if (input.mode !== 'loss' && budget.compute === null) {
    return { input, compute: null, computeSource: budget.source, rows: [], consensus: null, guidance: [], nd: [], tpp: [], notes };
  }

  const results = new Map<string, AllocationResult | null>();
  const refusals = new Map<string, string>();
  const guidance: LawGuidance[] = [];
  for (const law of laws) {
    let r: AllocationResult | null = null;
    try {
      r = allocateOne(law, input, budget.compute);
    } catch (e) {
      if (!(e instanceof AllocationRefusal || e instanceof InputError)) throw e;
      guidance.push({ lawId: law.id, lawName: law.name, notes: [note('error', 'refused', e.message), ...guidanceFor(law, null, input)] });
      results.set(law.id, null);
      refusals.set(law.id, e.message);
      continue;
    }
    results.set(law.id, r);
    guidance.push({ lawId: law.id, lawName: law.name, notes: guidanceFor(law, r, input) });
  }
  const agreed = plannerConsensus(laws, results, input, budget.compute);
  const rows = laws.map((l) => row(l, results.get(l.id) ?? null, input, budget.compute, refusals.get(l.id) ?? null, agreed?.relevant.law === l.id));

  // Plot ranges: three decades either side of the budget (or of the median row's compute in loss mode).
  const served = rows.filter((r) => r.compute !== null).map((r) => r.compute as number).sort((a, b) => a - b);
  const C0 = budget.compute ?? served[Math.floor(served.length / 2)] ?? 1e23;
  const computes = logspace(C0 / 1e3, C0 * 1e3, 25);
  const lineOpts = { language: language(input), uniqueTokens: input.uniqueTokens > 0 ? input.uniqueTokens : undefined };
  const nd: Series[] = [];
  const tpp: Series[] = [];
  const box = { dMin: Infinity, dMax: 0, nMin: Infinity, nMax: 0 };
  for (const law of laws) {
    let line: Array<{ compute: number; N: number; D: number }> = [];
    try {
      line = optimalLine(law.id, computes, lineOpts);
    } catch (e) {
      // The same input was already refused for this law above (and explained in its guidance): no line.
      if (!(e instanceof AllocationRefusal || e instanceof InputError)) throw e;
    }
    for (const p of line) {
      box.dMin = Math.min(box.dMin, p.D);
      box.dMax = Math.max(box.dMax, p.D);
      box.nMin = Math.min(box.nMin, p.N);
      box.nMax = Math.max(box.nMax, p.N);
    }
    nd.push({ id: `opt-${law.id}`, label: law.name, lawId: law.id, style: 'line', points: line.map((p) => [p.D, p.N]) });
    tpp.push({ id: `tpp-${law.id}`, label: law.name, lawId: law.id, style: 'line', points: line.map((p) => [p.compute, p.D / p.N]) });
    const r = results.get(law.id);
    if (r) {
      nd.push({ id: `star-${law.id}`, label: `_${law.name} optimum`, lawId: law.id, style: 'marker', points: [[r.D, r.N]] });
      tpp.push({ id: `tpp-star-${law.id}`, label: `_${law.name} at this budget`, lawId: law.id, style: 'marker', points: [[r.compute, r.tokensPerParam]] });
    }
  }
  if (laws.length) {
    const dGrid = logspace(box.dMin, box.dMax, 49);
    // Curves that leave the optimal lines' box would stretch the axes over empty decades: clip them.
    const inBox = ([, N]: [number, number]) => N >= box.nMin / 3 && N <= box.nMax * 3;
    if (budget.compute !== null) {
      const C = budget.compute;
      nd.push({ id: 'iso-compute', label: `C = 6ND = ${formatSci(C)} FLOPs`, lawId: null, style: 'dashed', points: dGrid.map((D): [number, number] => [D, C / (6 * D)]).filter(inBox) });
    }
    const contourLaw = laws.find((l) => l.id === input.contourLaw && l.predictsLoss) ?? laws.find((l) => l.predictsLoss && results.get(l.id));
    const centre = contourLaw ? results.get(contourLaw.id)?.loss : null;
    if (contourLaw && typeof centre === 'number') {
      nd.push(...contours(contourLaw, input, centre, dGrid).map((c) => ({ ...c, points: c.points.filter(inBox) })).filter((c) => c.points.length > 1));
    }
  }
  return { input, compute: budget.compute, computeSource: budget.source, rows, consensus: agreed, guidance, nd, tpp, notes };
}

/** The consensus of the rows (src/core/allocation/consensus.ts); none for a target loss (losses differ by paper). */
function plannerConsensus(laws: LawInfo[], results: Map<string, AllocationResult | null>, input: PlannerInput, compute: number | null): PlannerConsensus | null {
  if (compute === null) return null;
  const rows = laws.map((l) => results.get(l.id)).filter((r): r is AllocationResult => !!r);
  const c = consensus(rows, { uniqueTokens: input.uniqueTokens > 0 ? input.uniqueTokens : undefined, language: language(input) });
  if (!c) return null;
  const name = laws.find((l) => l.id === c.relevant.law)?.name ?? c.relevant.law;
  return { ...c, relevant: { ...c.relevant, lawName: name } };
}

/** Status-bar text for a view: N* and D* of the first law that produced a row. */
export function statusText(view: PlannerView): { text: string; tooltip: string } | null {
  const r = view.rows.find((x) => x.N !== null && x.D !== null);
  if (!r || r.N === null || r.D === null) return null;
  return {
    text: `N* ${formatCount(r.N)} · D* ${formatCount(r.D)}`,
    tooltip: `${r.lawName}: N* = ${formatCount(r.N)} params, D* = ${formatCount(r.D)} tokens (${view.computeSource}). Click to open the planner.`,
  };
}
