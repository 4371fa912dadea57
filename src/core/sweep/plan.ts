/**
 * Planning an IsoFLOP sweep (Chinchilla Approach 2, Hoffmann et al. 2022 §3.2): at each compute
 * budget C, train `modelsPerBudget` sizes log-spaced over `span` around the optimum N*(C) predicted
 * by a published law, each with a real architecture whose parameter count is within `shapeTolerance`
 * of the target, on D = C/(6N) tokens (or C / exact FLOPs per token) rounded to whole optimizer steps.
 *
 * The warnings encode what the literature says biases or breaks the parabola method:
 *  - grid too narrow: the loss rises less across the grid than the run-to-run noise, so the fitted
 *    curvature (and the vertex) is noise; too wide: the parabola is a 2nd-order Taylor expansion of a
 *    curve that is not a parabola in ln N, and its vertex drifts (Czech et al. 2026, arXiv 2603.22339,
 *    "grid width"); off-centre: an asymmetric grid around the optimum shifts the vertex (ibid.,
 *    "uncentered sampling"); fewer than 5 points per budget makes the vertex noise-dominated.
 *  - a noise-free rehearsal: the plan is "run" on the centring law's own losses and analysed; the
 *    difference between the recovered frontier and the law's is the method's bias for this grid.
 */
import type { ArchConfig, ShapeResult } from '../arch';
import { formatCount, formatSci } from '../format';
import { batchSequencesFor, warmupSteps } from '../hparams';
import type { SweepConfig } from './config';
import { analyseIsoflop, fitPowerLaw } from '../isoflop';
import { InputError } from '../errors';
import { maxOf, minOf } from '../stats/extent';

/** What the planner needs from a published law. */
export interface SweepLaw {
  id: string;
  /** Compute-optimal parameter count at C FLOPs (C = 6ND convention). */
  optimalN(C: number): number;
  /** Predicted loss, or null when the law has no loss form (e.g. a frontier-only law). */
  loss(N: number, D: number): number | null;
}

/** Injected so the planner stays independent of how laws and shapes are looked up. */
export interface PlanDeps {
  law(id: string): SweepLaw;
  shapeForParams(targetN: number, opts: { vocabSize: number; seqLen: number; tolerance: number }): ShapeResult;
  /** Exact training FLOPs per token of a shape (only needed for flopsPerToken: "exact"). */
  flopsPerToken?(arch: ArchConfig): number;
  /** Dense peak FLOP/s of a GPU for a dtype (for GPU-hours). */
  peakFlops?(gpu: string, dtype: string): number;
  /** Peak learning rate and batch (tokens) of a run under a hyperparameter law (only needed for hparamsLaw). */
  hparams?(law: string, run: { arch: ArchConfig; D: number; seqLen: number }): { learningRate: number; batchTokens: number; extrapolated: boolean };
}

export interface PlannedRun {
  /** Stable id "b<budget index>-m<size index>", also the CSV join key for results. */
  id: string;
  index: number;
  budgetIndex: number;
  sizeIndex: number;
  /** The budget this run belongs to (FLOPs). */
  budget: number;
  targetN: number;
  N: number;
  relError: number;
  arch: ArchConfig;
  /** Training FLOPs per token used for D (6N or exact). */
  flopsPerToken: number;
  /** Sequences per optimizer step (the config's batchSize, or the hyperparameter law's batch rounded). */
  batchSize: number;
  tokensPerStep: number;
  steps: number;
  /** Linear-warmup steps (src/core/hparams/warmup.ts: warmup tokens = N). */
  warmupSteps: number;
  /** Peak learning rate from the config's hparamsLaw (absent without one). */
  learningRate?: number;
  /** Tokens actually trained: steps × tokensPerStep. */
  D: number;
  /** Compute actually spent: flopsPerToken × D (differs from `budget` by the step rounding). */
  compute: number;
  gpuHours?: number;
}

export type PlanWarningCode =
  | 'too-few-budgets'
  | 'narrow-compute-range'
  | 'too-few-points'
  | 'grid-too-narrow'
  | 'grid-too-wide'
  | 'grid-off-centre'
  | 'optimum-outside-grid'
  | 'shape-tolerance'
  | 'duplicate-shape'
  | 'few-steps'
  | 'method-bias'
  | 'hparams-extrapolation';

export interface PlanWarning {
  code: PlanWarningCode;
  message: string;
  budget?: number;
}

export interface PlannedBudget {
  compute: number;
  predictedN: number;
  predictedD: number;
  runIds: string[];
  /** ln(geometric centre of the realised sizes / predicted optimum). */
  offCentre: number;
  /** Law loss at the grid's larger edge minus the law's minimum, when the law predicts loss. */
  edgeLossRise: number | null;
}

export interface SweepPlan {
  name: string;
  law: string;
  /** The hyperparameter law each run's batch and learning rate come from, when the config names one. */
  hparamsLaw?: string;
  runs: PlannedRun[];
  budgets: PlannedBudget[];
  totals: { runs: number; compute: number; gpuHours?: number; gpu?: string; mfu?: number; peakFlopsPerGpu?: number };
  /** Noise-free rehearsal: the frontier Approach 2 recovers from the law's own losses on this grid. */
  rehearsal: { a: number; aLaw: number; nBias: number } | null;
  warnings: PlanWarning[];
}

/** Sizes log-spaced over `span` (largest/smallest), geometrically centred on `centre`. */
export function gridSizes(centre: number, span: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => centre * Math.pow(span, i / (count - 1) - 0.5));
}

/** Below this total span the loss barely rises across the grid; above it the parabola's Taylor error grows. */
export const MIN_SPAN = 3;
export const MAX_SPAN = 30;
export const MIN_RECOMMENDED_POINTS = 5;

export function planSweep(config: SweepConfig, deps: PlanDeps): SweepPlan {
  const law = deps.law(config.law);
  const warnings: PlanWarning[] = [];
  const warn = (code: PlanWarningCode, message: string, budget?: number) => warnings.push({ code, message, budget });
  if (config.hparamsLaw && !deps.hparams) throw new InputError('"hparamsLaw" needs the hyperparameter laws (PlanDeps.hparams)');
  const peak = config.gpu && config.mfu !== undefined && deps.peakFlops ? deps.peakFlops(config.gpu, config.dtype) : undefined;
  if (config.flopsPerToken === 'exact' && !deps.flopsPerToken) throw new InputError('flopsPerToken "exact" needs the architecture FLOP counter');

  const runs: PlannedRun[] = [];
  const budgets: PlannedBudget[] = [];
  const extrapolated: string[] = [];
  config.budgets.forEach((C, bi) => {
    const predictedN = law.optimalN(C);
    const targets = gridSizes(predictedN * config.centre, config.span, config.modelsPerBudget);
    const seen = new Set<string>();
    const ids: string[] = [];
    const realised: number[] = [];
    targets.forEach((targetN, si) => {
      const shape = deps.shapeForParams(targetN, { vocabSize: config.vocabSize, seqLen: config.seqLen, tolerance: config.shapeTolerance });
      const key = JSON.stringify(shape.arch);
      if (seen.has(key)) {
        warn('duplicate-shape', `budget ${formatSci(C)}: target ${formatCount(targetN)} maps to the same shape as a smaller size (${formatCount(shape.N)}); dropped`, C);
        return;
      }
      seen.add(key);
      if (shape.relError > config.shapeTolerance) {
        warn('shape-tolerance', `budget ${formatSci(C)}: no shape within ${(config.shapeTolerance * 100).toFixed(0)} % of ${formatCount(targetN)} (best ${formatCount(shape.N)}, ${(shape.relError * 100).toFixed(1)} % off)`, C);
      }
      const fpt = config.flopsPerToken === 'exact' ? deps.flopsPerToken!(shape.arch) : 6 * shape.N;
      // Each run's own batch and learning rate from the hyperparameter law, at the tokens the budget buys.
      const hp = config.hparamsLaw ? deps.hparams!(config.hparamsLaw, { arch: shape.arch, D: C / fpt, seqLen: config.seqLen }) : undefined;
      const batchSize = hp ? batchSequencesFor(hp.batchTokens, config.seqLen) : config.batchSize;
      if (hp?.extrapolated) extrapolated.push(`b${bi}-m${si}`);
      const tokensPerStep = batchSize * config.seqLen;
      const steps = Math.max(1, Math.round(C / fpt / tokensPerStep));
      const D = steps * tokensPerStep;
      const compute = fpt * D;
      const id = `b${bi}-m${si}`;
      runs.push({
        id,
        index: runs.length,
        budgetIndex: bi,
        sizeIndex: si,
        budget: C,
        targetN,
        N: shape.N,
        relError: shape.relError,
        arch: shape.arch,
        flopsPerToken: fpt,
        batchSize,
        tokensPerStep,
        steps,
        warmupSteps: warmupSteps(shape.N, tokensPerStep, steps),
        ...(hp ? { learningRate: hp.learningRate } : {}),
        D,
        compute,
        gpuHours: peak !== undefined ? compute / (peak * config.mfu! * 3600) : undefined,
      });
      ids.push(id);
      realised.push(shape.N);
      if (steps < 100) warn('few-steps', `run ${id} (${formatCount(shape.N)} params at ${formatSci(C)}) has only ${steps} optimizer steps of ${formatCount(tokensPerStep)} tokens; lower ${hp ? `the batch (it comes from ${config.hparamsLaw})` : 'batchSize'}`, C);
    });
    const lnCentre = realised.reduce((s, n) => s + Math.log(n), 0) / Math.max(1, realised.length);
    const offCentre = lnCentre - Math.log(predictedN);
    const lnHalf = Math.log(config.span) / 2;
    const maxN = maxOf(realised);
    const minN = minOf(realised);
    if (Math.log(predictedN) < Math.log(minN) || Math.log(predictedN) > Math.log(maxN)) {
      warn('optimum-outside-grid', `budget ${formatSci(C)}: the predicted optimum ${formatCount(predictedN)} lies outside the grid ${formatCount(minN)}–${formatCount(maxN)}; the analysis will find no interior minimum`, C);
    } else if (Math.abs(offCentre) > lnHalf / 3) {
      warn('grid-off-centre', `budget ${formatSci(C)}: the grid's centre is ${Math.exp(Math.abs(offCentre)).toFixed(2)}× ${offCentre > 0 ? 'above' : 'below'} the predicted optimum ${formatCount(predictedN)}; off-centre grids bias the parabola vertex (Czech et al. 2026)`, C);
    }
    const minLoss = law.loss(predictedN, C / (6 * predictedN));
    const edge = law.loss(maxN, C / (6 * maxN));
    const edgeLow = law.loss(minN, C / (6 * minN));
    budgets.push({
      compute: C,
      predictedN,
      predictedD: C / (6 * predictedN),
      runIds: ids,
      offCentre,
      edgeLossRise: minLoss !== null && edge !== null && edgeLow !== null ? Math.min(edge, edgeLow) - minLoss : null,
    });
  });

  // Grid-level warnings.
  if (config.budgets.length < 3) warn('too-few-budgets', `${config.budgets.length} budget(s): the frontier fit needs at least 3 (5 or more recommended)`);
  const cSpan = config.budgets[config.budgets.length - 1] / config.budgets[0];
  if (config.budgets.length >= 2 && cSpan < 10) warn('narrow-compute-range', `budgets span only ${cSpan.toPrecision(2)}× in compute; exponents from less than a decade are poorly constrained`);
  if (config.modelsPerBudget < MIN_RECOMMENDED_POINTS) {
    warn('too-few-points', `${config.modelsPerBudget} models per budget: a parabola through so few points is dominated by noise (Chinchilla used ~9; ${MIN_RECOMMENDED_POINTS}+ recommended)`);
  }
  const noise = config.mock.noise;
  const flat = budgets.filter((b) => b.edgeLossRise !== null && noise > 0 && b.edgeLossRise < 3 * noise);
  if (config.span < MIN_SPAN || flat.length > 0) {
    warn(
      'grid-too-narrow',
      `the grid spans ${config.span}× in N` +
        (flat.length > 0 ? `; at ${flat.length} budget(s) the loss rises only ${flat.map((b) => b.edgeLossRise!.toFixed(3)).join(', ')} nats at the grid edges, less than 3× the noise σ = ${noise}` : '') +
        ' — the curvature and the vertex will be noise; widen "span"',
    );
  }
  if (config.span > MAX_SPAN) {
    warn('grid-too-wide', `the grid spans ${config.span}× in N (> ${MAX_SPAN}×): far from the optimum loss vs ln N is not a parabola and the fitted vertex drifts (Czech et al. 2026); narrow "span" or analyse with a window`);
  }

  if (extrapolated.length) {
    warn('hparams-extrapolation', `${extrapolated.length} of ${runs.length} runs (${extrapolated.slice(0, 4).join(', ')}${extrapolated.length > 4 ? ', …' : ''}) lie outside the range ${config.hparamsLaw} was fitted on: their batch size and learning rate are extrapolated ('scaling-laws hparams' shows the range)`);
  }

  const rehearsal = rehearse(runs, budgets, law);
  if (rehearsal && (Math.abs(rehearsal.a - rehearsal.aLaw) > 0.01 || Math.abs(rehearsal.nBias) > 0.1)) {
    warn(
      'method-bias',
      `noise-free rehearsal on ${law.id}: the parabola method recovers a = ${rehearsal.a.toFixed(3)} (law: ${rehearsal.aLaw.toFixed(3)}) and N* ${(rehearsal.nBias * 100).toFixed(1)} % off the law's optimum on this grid`,
    );
  }

  const compute = runs.reduce((s, r) => s + r.compute, 0);
  return {
    name: config.name,
    law: law.id,
    ...(config.hparamsLaw ? { hparamsLaw: config.hparamsLaw } : {}),
    runs,
    budgets,
    totals: {
      runs: runs.length,
      compute,
      gpuHours: peak !== undefined ? compute / (peak * config.mfu! * 3600) : undefined,
      gpu: config.gpu,
      mfu: config.mfu,
      peakFlopsPerGpu: peak,
    },
    rehearsal,
    warnings,
  };
}

/** Analyse the law's own noise-free losses on the planned grid; null when the law has no loss or the grid cannot be analysed. */
function rehearse(runs: PlannedRun[], budgets: PlannedBudget[], law: SweepLaw): SweepPlan['rehearsal'] {
  const rows = [];
  for (const r of runs) {
    const loss = law.loss(r.N, r.D);
    if (loss === null) return null;
    rows.push({ compute: r.compute, budget: r.budget, N: r.N, D: r.D, loss });
  }
  try {
    const a = analyseIsoflop(rows);
    const lawFit = fitPowerLaw(budgets.map((b) => b.compute), budgets.map((b) => b.predictedN));
    const biases = a.budgets.map((b) => b.N / law.optimalN(b.compute) - 1);
    return { a: a.nFrontier.exponent, aLaw: lawFit.exponent, nBias: biases.reduce((s, x) => s + x, 0) / biases.length };
  } catch {
    return null; // the grid-level warnings above already say why (too few budgets, optimum outside grid…)
  }
}
