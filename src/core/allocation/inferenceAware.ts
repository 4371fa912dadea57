/**
 * Inference-aware allocation — Sardana, Portes, Doubov & Frankle 2024, "Beyond Chinchilla-Optimal",
 * arXiv 2401.00448. At a fixed quality (loss ℓ) choose (N, D_train) to minimise lifetime cost
 *     w_train·N·D_train + w_inf·N     subject to L(N, D_train) = ℓ
 * FLOPs objective (Sec. 3): w_train = 6, w_inf = 2·D_inference.
 * Cost objective (Sec. 4): w_train = 6·$/FLOP_train / MFU_train,
 *     w_inf = 2·$/FLOP_inf·(T_prefill/MFU_prefill + T_decode/MFU_decode), $/FLOP = ($/h) / (3600·peak).
 * The authors solve the first-order condition with Newton's method; here the 1-D problem in ln D (with
 * N(D) from the loss constraint) is minimised by the shared golden-section solver, which needs no
 * derivative and cannot diverge.
 */
import type { ChinchillaParams } from '../laws/forms';
import { SARDANA_COST_DEFAULTS, type CostSettings } from '../laws/sardana2024';
import { minimizeScalar } from './solve1d';
import { chinchillaSurface, type LossSurface } from './surface';

export { SARDANA_CONSTANTS, SARDANA_COST_DEFAULTS, type CostSettings } from '../laws/sardana2024';

export interface LifetimeWeights {
  /** Cost per parameter per training token (6 for FLOPs). */
  perParamTrainToken: number;
  /** Cost per parameter for the whole inference demand (2·T for FLOPs). */
  perParam: number;
}

export interface LawAllocation {
  N: number;
  D: number;
}

const LN_D_LO = Math.log(1e3);
const LN_D_HI = Math.log(1e21);

function asSurface(law: ChinchillaParams | LossSurface): LossSurface {
  return 'paramsForLogExcess' in law ? law : chinchillaSurface(law);
}

/** The quality to hold fixed, as ln(L − floor): from a target loss, or the baseline model's own loss. */
function targetOf(s: LossSurface, opts: { targetLoss?: number; baseline?: LawAllocation }): number {
  if (opts.targetLoss !== undefined) {
    if (!(opts.targetLoss > s.floor)) {
      throw new RangeError(`target loss ${opts.targetLoss} is not above the law's lowest reachable loss ${s.floor}`);
    }
    return Math.log(opts.targetLoss - s.floor);
  }
  if (opts.baseline) return s.logExcess(opts.baseline.N, opts.baseline.D);
  throw new RangeError('give a target loss or a baseline model');
}

/**
 * The (N, D) of quality ln(L − floor) = t at minimum w_train·N·D + w_inf·N. With w_inf = 0: the
 * training-compute-optimal model of that quality.
 */
export function lifetimeOptimum(
  law: ChinchillaParams | LossSurface,
  t: number,
  w: LifetimeWeights,
  /** A token count the optimum is known not to be far below (the training-only optimum): narrows the scan. */
  hintD?: number,
): LawAllocation {
  const s = asSurface(law);
  const cost = (lnD: number) => {
    const D = Math.exp(lnD);
    const N = s.paramsForLogExcess(t, D);
    return Number.isFinite(N) ? Math.log(N) + Math.log(w.perParamTrainToken * D + w.perParam) : Infinity;
  };
  const opts = { gridPoints: 73, tol: 1e-13 };
  let x: number | undefined;
  if (hintD !== undefined) {
    // Serving inference only lengthens training at equal loss, so scan from just below the hint up to
    // 1e5× it; fall back to the full range if the minimum lands on that window's upper edge.
    const lo = Math.log(hintD) - 0.5;
    const hi = Math.log(hintD) + Math.log(1e5);
    const r = minimizeScalar(cost, lo, hi, { gridPoints: 25, tol: opts.tol });
    if (r.x < hi - 1e-6) x = r.x;
  }
  x ??= minimizeScalar(cost, LN_D_LO, LN_D_HI, opts).x;
  const D = Math.exp(x);
  return { N: s.paramsForLogExcess(t, D), D };
}

export interface InferenceAwareResult extends LawAllocation {
  trainFlops: number;
  inferenceFlops: number;
  totalFlops: number;
  baseline: LawAllocation & { trainFlops: number; totalFlops: number };
  /** Lifetime FLOPs saved against the baseline, and as a fraction of the baseline's lifetime FLOPs. */
  savedFlops: number;
  savedFraction: number;
}

/**
 * FLOPs objective. Quality is `targetLoss`, or the baseline model's loss when only `baseline` is given.
 * `baseline` defaults to the training-compute-optimal model of that loss (Sardana's "Chinchilla-style"
 * model); pass the model you would otherwise train to compare with it.
 */
export function inferenceAware(
  law: ChinchillaParams | LossSurface,
  opts: { targetLoss?: number; inferenceTokens: number; baseline?: LawAllocation },
): InferenceAwareResult {
  const T = opts.inferenceTokens;
  const t = targetOf(asSurface(law), opts);
  const base = opts.baseline ?? lifetimeOptimum(law, t, { perParamTrainToken: 6, perParam: 0 });
  const best = lifetimeOptimum(law, t, { perParamTrainToken: 6, perParam: 2 * T }, base.D);
  const flops = (a: LawAllocation) => ({ train: 6 * a.N * a.D, total: 6 * a.N * a.D + 2 * a.N * T });
  const fb = flops(base);
  const fo = flops(best);
  return {
    ...best,
    trainFlops: fo.train,
    inferenceFlops: fo.total - fo.train,
    totalFlops: fo.total,
    baseline: { N: base.N, D: base.D, trainFlops: fb.train, totalFlops: fb.total },
    savedFlops: fb.total - fo.total,
    savedFraction: (fb.total - fo.total) / fb.total,
  };
}

export interface CostAwareResult extends LawAllocation {
  trainCost: number;
  inferenceCost: number;
  totalCost: number;
  baseline: LawAllocation & { totalCost: number };
  savedFraction: number;
  settings: CostSettings;
}

/** Dollar weights of the cost objective for a settings object and an inference demand of T tokens. */
export function costWeights(st: CostSettings, T: number): LifetimeWeights {
  const perFlopTrain = st.trainDollarsPerHour / (3600 * st.trainPeakFlops);
  const perFlopInf = st.inferenceDollarsPerHour / (3600 * st.inferencePeakFlops);
  const Tin = T * st.inputTokenFraction;
  const Tout = T - Tin;
  return {
    perParamTrainToken: (6 * perFlopTrain) / st.trainMfu,
    perParam: 2 * perFlopInf * (Tin / st.prefillMfu + Tout / st.decodeMfu),
  };
}

/** Cost objective (dollars), with Sardana et al.'s hardware defaults for anything not given. */
export function costAware(
  law: ChinchillaParams | LossSurface,
  opts: { targetLoss?: number; inferenceTokens: number; settings?: Partial<CostSettings>; baseline?: LawAllocation },
): CostAwareResult {
  const settings: CostSettings = { ...SARDANA_COST_DEFAULTS, ...opts.settings };
  const w = costWeights(settings, opts.inferenceTokens);
  const t = targetOf(asSurface(law), opts);
  const base = opts.baseline ?? lifetimeOptimum(law, t, { perParamTrainToken: 6, perParam: 0 });
  const best = lifetimeOptimum(law, t, w, base.D);
  const cost = (a: LawAllocation) => ({ train: w.perParamTrainToken * a.N * a.D, inf: w.perParam * a.N });
  const cb = cost(base);
  const co = cost(best);
  return {
    ...best,
    trainCost: co.train,
    inferenceCost: co.inf,
    totalCost: co.train + co.inf,
    baseline: { N: base.N, D: base.D, totalCost: cb.train + cb.inf },
    savedFraction: (cb.train + cb.inf - co.train - co.inf) / (cb.train + cb.inf),
    settings,
  };
}
