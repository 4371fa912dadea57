/**
 * Compute-optimal allocation across the published laws: for a budget C (or a target loss), the
 * (N*, D*) each law recommends, with the loss it predicts and the caveats that apply. Optional
 * inference demand (Sardana et al. 2024), unique-token cap (Muennighoff et al. 2023) and language
 * (ATLAS) adjust the rows that can model them; rows that cannot say so in a warning.
 */
import {
  LAWS,
  LANGUAGE_NAMES,
  checkLawContext,
  checkPositive,
  constantSetIds,
  getLaw,
  modelsRepetition,
  resolveConstantSet,
  resolveLawContext,
  type AtlasVocab,
  type Language,
  type LawContext,
  type LawId,
  type LawInfo,
  type Warning,
} from '../laws';
import { formatCount, formatEpochs, formatNum, formatPercent, formatSci } from '../format';
import { InputError, RefusalError } from '../errors';
import { lawModel, type FrontierPoint, type LawModel } from './models';
import { costAware, costWeights, inferenceAware, SARDANA_COST_DEFAULTS, type LawAllocation, type CostSettings } from './inferenceAware';
import { bisectRoot } from './solve1d';
import { lawWarnings, rangeWarnings, repetitionWarning } from './warnings';

export { inferenceAware, costAware, lifetimeOptimum, costWeights, SARDANA_CONSTANTS, SARDANA_COST_DEFAULTS } from './inferenceAware';
export type { CostSettings, InferenceAwareResult, CostAwareResult, LifetimeWeights, LawAllocation } from './inferenceAware';
export { dataConstrainedOptimum, dataConstrainedFloor } from './dataConstrained';
export { minimizeScalar, bisectRoot } from './solve1d';
export { lawModel } from './models';
export { consensus, extrapolationFactor, CONSENSUS_RULE } from './consensus';
export type { Consensus, ConsensusRange, ConsensusRow, ConsensusContext } from './consensus';
export type { LawModel, FrontierPoint } from './models';

export interface AllocationRequest {
  compute?: number;
  targetLoss?: number;
  laws?: string[];
  inferenceTokens?: number;
  uniqueTokens?: number;
  language?: Language;
  /** ATLAS vocabulary variant (Table C.1); default monolingual. */
  atlasVocab?: AtlasVocab;
  /**
   * A labelled alternative constant set (LawInfo.constantSets), applied to the selected laws that have
   * it, e.g. 'eq10-rounded' (Chinchilla Eq. 10 as printed) for hoffmann2022-a3. At least one selected
   * law must have it.
   */
  constantSet?: string;
  /**
   * With inferenceTokens: minimise lifetime DOLLARS instead of FLOPs (Sardana et al. 2024, Sec. 4).
   * Unset fields take the paper's defaults (SARDANA_COST_DEFAULTS).
   */
  costSettings?: Partial<CostSettings>;
}

export interface AllocationResult {
  law: LawId | string;
  N: number;
  D: number;
  compute: number;
  loss: number | null;
  tokensPerParam: number;
  warnings: Warning[];
  method: string;
  citationUrl: string;
  [extra: string]: unknown;
}

/** A law that cannot serve the request (target below its floor, no loss prediction…): exit code 1. */
export class AllocationRefusal extends RefusalError {
  constructor(readonly law: string, message: string) {
    super(`${law}: ${message}`);
    this.name = 'AllocationRefusal';
  }
}

export interface AllocationOutcome {
  results: AllocationResult[];
  /** Laws left out of a default set because they cannot serve the request, with the reason. */
  skipped: Array<{ law: LawId; reason: string }>;
}

const C_MIN = 1;
/** Loss gap to the data-constrained floor below which extra compute is called wasted. */
const SATURATION_GAP = 1e-3;
const C_MAX = 1e40;

/**
 * Sane ranges for the cost objective's settings: far outside them the lifetime-cost weights overflow
 * (a 1e-300 FLOP/s accelerator costs Infinity dollars per FLOP) and no optimum is finite.
 */
export const COST_LIMITS: Readonly<Record<keyof CostSettings, [number, number]>> = {
  trainPeakFlops: [1e6, 1e22],
  inferencePeakFlops: [1e6, 1e22],
  trainDollarsPerHour: [1e-6, 1e6],
  inferenceDollarsPerHour: [1e-6, 1e6],
  trainMfu: [1e-6, 1],
  prefillMfu: [1e-6, 1],
  decodeMfu: [1e-6, 1],
  // The prompt share may be 0 (all decode) or 1 (all prefill).
  inputTokenFraction: [0, 1],
};

/** Lifetime inference demand: the planner's bound (≫ any deployment); at 1e300 tokens 2·N·T FLOPs overflow. */
const MAX_INFERENCE_TOKENS = 1e40;

/** x in [lo, hi] (NaN fails), or a InputError naming the field (the CLI passes its flag names). */
export function checkRange(name: string, x: number | undefined, lo: number, hi: number, unit = ''): void {
  if (x !== undefined && !(x >= lo && x <= hi)) {
    throw new InputError(`${name} must be between ${formatSci(lo, 1).replace(/^(\d)e0$/, '$1')} and ${formatSci(hi, 1).replace(/^(\d)e0$/, '$1')}${unit}, got ${x}`);
  }
}

function validate(req: AllocationRequest): void {
  if ((req.compute === undefined) === (req.targetLoss === undefined)) {
    throw new InputError('give exactly one of compute (FLOPs) or targetLoss');
  }
  if (req.compute !== undefined) checkBudget('compute', req.compute);
  checkPositive('targetLoss', req.targetLoss);
  checkRange('inferenceTokens', req.inferenceTokens, 0, MAX_INFERENCE_TOKENS, ' tokens');
  checkLawContext({ language: req.language, atlasVocab: req.atlasVocab, uniqueTokens: req.uniqueTokens });
  for (const [k, v] of Object.entries(req.costSettings ?? {}) as Array<[keyof CostSettings, number | undefined]>) {
    if (!(k in COST_LIMITS)) {
      throw new InputError(`unknown costSettings field '${k}' (expected: ${Object.keys(COST_LIMITS).join(', ')})`);
    }
    checkRange(`costSettings.${k}`, v, ...COST_LIMITS[k]);
  }
}

/**
 * Budgets are searched and reported between C_MIN and C_MAX: beyond them the frontier's power laws
 * overflow (Kaplan's L(C) at 1e-280 FLOPs, a data-constrained optimum at 1e42).
 */
export function checkBudget(name: string, C: number): void {
  checkRange(name, C, C_MIN, C_MAX, ' FLOPs');
}

/** The laws to evaluate: the requested ones (validated), or every applicable law. */
function selectLaws(req: AllocationRequest): { laws: LawInfo[]; explicit: boolean } {
  const chosen = (): { laws: LawInfo[]; explicit: boolean } => {
    if (req.laws && req.laws.length) {
      const ids = [...new Set(req.laws)];
      return { laws: ids.map(getLaw), explicit: true };
    }
    // ATLAS needs a language; without one it is not applicable by default.
    const laws = LAWS.filter((l) => l.id !== 'atlas2025' || req.language !== undefined);
    return { laws: req.targetLoss !== undefined ? laws.filter((l) => l.predictsLoss) : laws, explicit: false };
  };
  const out = chosen();
  const set = req.constantSet;
  if (set !== undefined && !out.laws.some((l) => constantSetIds(l.id).includes(set))) {
    const offer = LAWS.filter((l) => constantSetIds(l.id).length).map((l) => `${l.id}: ${constantSetIds(l.id).join(', ')}`);
    throw new InputError(`no selected law has constant set '${set}' (constant sets: ${offer.join('; ')})`);
  }
  return out;
}

/** Smallest budget at which the law's frontier loss reaches `target` (the frontier loss falls with C). */
function minComputeForLoss(model: LawModel, law: LawInfo, target: number, U?: number): number {
  if (model.floor === undefined) {
    throw new AllocationRefusal(law.id, 'this law predicts no loss, so it cannot size a run for a target loss (use a law with a loss, e.g. hoffmann2022-a3)');
  }
  if (!(target > model.floor)) {
    const what = U !== undefined && modelsRepetition(law.id)
      ? `the lowest loss reachable with ${formatCount(U)} unique tokens (${formatNum(model.floor, 4)})`
      : `the law's irreducible loss E = ${formatNum(model.floor, 4)}`;
    throw new AllocationRefusal(law.id, `target loss ${target} is not above ${what}; no budget reaches it`);
  }
  // Compare in log-excess over the floor: near the floor the losses themselves are equal to 1e-16.
  return minComputeForLogExcess(model, law, Math.log(target - model.floor), `target loss ${target}`);
}

/** Smallest budget whose frontier loss is within exp(logTarget) of the floor (bisection in ln C). */
function minComputeForLogExcess(model: LawModel, law: LawInfo, logTarget: number, what: string): number {
  const gap = (lnC: number) => (model.optimum(Math.exp(lnC)).logExcess as number) - logTarget;
  if (gap(Math.log(C_MAX)) > 0) {
    throw new AllocationRefusal(law.id, `${what} is not reached below ${formatSci(C_MAX)} FLOPs`);
  }
  if (gap(Math.log(C_MIN)) < 0) {
    throw new AllocationRefusal(law.id, `${what} is above the loss this law predicts for any budget ≥ 1 FLOP`);
  }
  return Math.exp(bisectRoot(gap, Math.log(C_MIN), Math.log(C_MAX), 1e-14));
}

function contextFor(law: LawInfo, req: AllocationRequest): { ctx: LawContext; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const wanted = req.constantSet !== undefined && constantSetIds(law.id).includes(req.constantSet) ? req.constantSet : undefined;
  // resolveLawContext is the one place that fills in defaults (shared with lawLoss).
  const { ctx, defaulted } = resolveLawContext(law.id, {
    language: req.language,
    uniqueTokens: req.uniqueTokens,
    atlasVocab: req.atlasVocab,
    constantSet: wanted,
  });
  if (defaulted.language) {
    warnings.push({ code: 'default-language', severity: 'info', message: `No language given: ATLAS row uses ${LANGUAGE_NAMES[defaulted.language]} (${defaulted.language}).` });
  }
  if (defaulted.uniqueTokens !== undefined) {
    const lang = ctx.language as Language;
    warnings.push({
      code: 'default-unique-tokens',
      severity: 'warning',
      message: `No unique-token count given: capped at ${formatCount(defaulted.uniqueTokens)} unique ${LANGUAGE_NAMES[lang]} tokens (MADLAD-400, as reported by ATLAS), with Muennighoff's repetition penalty.`,
    });
  }
  if (law.id === 'atlas2025' && ctx.uniqueTokens !== undefined) {
    warnings.push({ code: 'borrowed-repetition-constants', severity: 'info', message: 'Repetition penalty uses Muennighoff et al.\'s R_D* = 15.39, R_N* = 5.31 (fitted on English C4), not an ATLAS fit.' });
  }
  const set = resolveConstantSet(law.id, ctx.constantSet);
  if (set !== undefined) {
    const info = law.constantSets?.find((c) => c.id === set);
    if (info && !info.default) warnings.push({ code: 'constant-set', severity: 'info', message: `Constant set '${set}': ${info.label} — ${info.note}` });
  }
  return { ctx, warnings };
}

function evaluate(law: LawInfo, req: AllocationRequest): AllocationResult {
  const { ctx, warnings } = contextFor(law, req);
  const model = lawModel(law.id, ctx);
  const T = req.inferenceTokens ?? 0;
  let point: FrontierPoint;
  let budget: number;
  const extra: Record<string, unknown> = {};
  let saturated: { requested: number; floor: number } | undefined;
  if (req.compute !== undefined) {
    budget = req.compute;
    point = model.optimum(budget);
    // A unique-token cap can make most of the budget useless: past some C the loss is within
    // SATURATION_GAP of the lowest the cap allows, and the optimum there is thousands of epochs. Then the
    // row is the smallest budget that gets that close (Muennighoff et al. 2023's point that repeated data
    // stops paying off, Sec. 5): the rest of the budget buys almost nothing.
    const floor = model.floor;
    if (modelsRepetition(law.id) && floor !== undefined && point.logExcess !== null && point.logExcess < Math.log(SATURATION_GAP)) {
      const useful = minComputeForLogExcess(model, law, Math.log(SATURATION_GAP), 'the data-saturated loss');
      if (useful < budget) {
        saturated = { requested: budget, floor };
        extra.requestedCompute = budget;
        budget = useful;
        point = model.optimum(budget);
      }
    }
  } else {
    const target = req.targetLoss as number;
    budget = minComputeForLoss(model, law, target, ctx.uniqueTokens);
    point = model.optimum(budget);
    extra.targetLoss = target;
  }
  let { N, D } = point;
  let compute = budget;
  if (T > 0) {
    if (model.surface && point.loss !== null) {
      // Equal quality (the frontier's loss at this budget), minimum lifetime FLOPs or dollars: Sardana et al. 2024.
      const baseline = { N, D };
      const cost = req.costSettings ? { ...SARDANA_COST_DEFAULTS, ...req.costSettings } : undefined;
      const best: LawAllocation = cost
        ? costAware(model.surface, { inferenceTokens: T, baseline, settings: cost })
        : inferenceAware(model.surface, { inferenceTokens: T, baseline });
      // In exact arithmetic inference demand can only shrink the model. A result that is not smaller
      // differs from the training-only optimum by less than the solvers resolve (~1e-9): keep that one.
      const chosen = best.N < N ? best : baseline;
      const flopsOf = (a: LawAllocation) => 6 * a.N * a.D + 2 * a.N * T;
      extra.trainingOnly = { N, D, compute: budget };
      extra.inferenceTokens = T;
      extra.lifetimeFlops = flopsOf(chosen);
      extra.trainingOnlyLifetimeFlops = flopsOf(baseline);
      extra.lifetimeFlopsSaved = 1 - flopsOf(chosen) / flopsOf(baseline);
      if (cost) {
        const w = costWeights(cost, T);
        const dollars = (a: LawAllocation) => ({ train: w.perParamTrainToken * a.N * a.D, inference: w.perParam * a.N });
        const c = dollars(chosen);
        const b = dollars(baseline);
        Object.assign(extra, {
          costSettings: cost,
          trainCost: c.train,
          inferenceCost: c.inference,
          lifetimeCost: c.train + c.inference,
          trainingOnlyLifetimeCost: b.train + b.inference,
          lifetimeCostSaved: 1 - (c.train + c.inference) / (b.train + b.inference),
        });
      }
      if (chosen !== baseline) {
        N = chosen.N;
        D = chosen.D;
        compute = 6 * N * D;
      }
      const saved = cost
        ? `lifetime cost −${formatPercent(extra.lifetimeCostSaved as number)} ($${formatCount(extra.trainingOnlyLifetimeCost as number)} → $${formatCount(extra.lifetimeCost as number)})`
        : `lifetime FLOPs −${formatPercent(extra.lifetimeFlopsSaved as number)}`;
      warnings.push({
        code: cost ? 'cost-aware' : 'inference-aware',
        severity: 'info',
        message: `${cost ? 'Cost-aware' : 'Inference-aware'} (Sardana et al. 2024): same loss with a smaller model trained longer; training compute ${formatSci(compute)} FLOPs (${formatNum(compute / budget, 3)}× the training-only optimum), ${saved} with ${formatCount(T)} inference tokens.`,
      });
    } else {
      warnings.push({
        code: 'inference-not-applied',
        severity: 'warning',
        message: 'This law has no loss surface L(N, D) to hold quality fixed, so the inference-aware adjustment (Sardana et al.) is not applied; the row is the training-only optimum.',
      });
    }
  }
  warnings.push(...lawWarnings(law, req.language), ...rangeWarnings(law, compute, N, D));
  const U = ctx.uniqueTokens;
  if (U !== undefined) {
    const rep = repetitionWarning(D, U, modelsRepetition(law.id));
    if (rep) warnings.push(rep);
    if (saturated) {
      warnings.push({
        code: 'data-saturated',
        severity: 'warning',
        message: `With ${formatCount(U)} unique tokens, budgets beyond ${formatSci(budget)} FLOPs lower the loss by less than ${SATURATION_GAP} (it cannot go below ${formatNum(saturated.floor, 4)} at any budget): this row is that smallest useful budget (${formatSci(budget)} of the ${formatSci(saturated.requested)} FLOPs given), at ${formatEpochs(D / U)}. More unique data would help; more compute would not.`,
      });
    }
  }
  return {
    law: law.id,
    N,
    D,
    compute,
    loss: point.loss,
    tokensPerParam: D / N,
    warnings,
    method: point.method,
    citationUrl: law.citation.url,
    name: law.name,
    paramConvention: law.paramConvention,
    lossUnit: law.lossUnit,
    ...(law.constantSets ? { constantSet: resolveConstantSet(law.id, ctx.constantSet) } : {}),
    ...(law.id === 'atlas2025' ? { language: ctx.language, atlasVocab: ctx.atlasVocab ?? 'monolingual' } : {}),
    ...point.extra,
    ...extra,
  };
}

/**
 * Every applicable law's allocation, plus the laws of the default set that could not serve the request.
 * Explicitly requested laws that cannot serve it throw an AllocationRefusal instead.
 */
export function allocateDetailed(req: AllocationRequest): AllocationOutcome {
  validate(req);
  const { laws, explicit } = selectLaws(req);
  const results: AllocationResult[] = [];
  const skipped: AllocationOutcome['skipped'] = [];
  for (const law of laws) {
    try {
      results.push(evaluate(law, req));
    } catch (e) {
      if (explicit || !(e instanceof AllocationRefusal)) throw e;
      skipped.push({ law: law.id, reason: e.message });
    }
  }
  if (!results.length && skipped.length) throw new AllocationRefusal(skipped[0].law, skipped.map((s) => s.reason).join('; '));
  return { results, skipped };
}

/** One row per applicable law; for targetLoss, the minimum-compute (N, D) reaching it. */
export function allocateCompute(req: AllocationRequest): AllocationResult[] {
  return allocateDetailed(req).results;
}

/** The law's optimum (N*, D*) across budgets, for plotting. */
export function optimalLine(
  lawId: string,
  computes: number[],
  opts: { language?: Language; uniqueTokens?: number; atlasVocab?: AtlasVocab; constantSet?: string } = {},
): Array<{ compute: number; N: number; D: number }> {
  const law = getLaw(lawId);
  resolveConstantSet(law.id, opts.constantSet); // one law: a set it does not have is an error
  // A plotting helper: every positive finite budget has a finite frontier point, so no range limit here.
  computes.forEach((C, i) => checkPositive(`computes[${i}]`, C));
  const { ctx } = contextFor(law, { compute: 1, ...opts });
  const model = lawModel(law.id, ctx);
  return computes.map((C) => {
    const p = model.optimum(C);
    return { compute: C, N: p.N, D: p.D };
  });
}

