/**
 * Power-law sums L = E + Σ_k A_k·X_k^(−α_k) fitted in the log-sum-exp form of Hoffmann et al. 2022 (App. D.2,
 * Eq. 10 fit): log L̂ = LSE(a_k − α_k·log X_k, e) with A_k = e^(a_k), E = e^e, minimising
 *   Σ_i Huber_δ(LSE(…) − log L_i).
 * Two forms share this code:
 *   - `chinchilla`: L = E + A/N^α + B/D^β (X = N, D), started from Hoffmann's 4,500-point grid
 *     α, β ∈ {0, 0.5, …, 2}, e ∈ {−1, −0.5, …, 1}, a, b ∈ {0, 5, …, 25};
 *   - `loss-vs-compute`: L = E + A·C^(−α) (X = C).
 * The gradient is analytic: ∂LSE/∂a_k = softmax weight w_k, ∂/∂α_k = −w_k·log X_k, ∂/∂e = w_E.
 */
import { chinchillaLoss } from '../laws/forms';
import { huber, huberGrad } from './huber';
import type { Model, InternalObjective } from './model';
import { mean } from '../stats/quantile';

const range = (from: number, to: number, step: number): number[] => {
  const out: number[] = [];
  for (let v = from; v <= to + 1e-9; v += step) out.push(Math.round(v * 1e9) / 1e9);
  return out;
};

/** Cartesian product of per-parameter value lists. */
export function cartesian(lists: number[][]): number[][] {
  return lists.reduce<number[][]>((acc, vals) => acc.flatMap((prefix) => vals.map((v) => [...prefix, v])), [[]]);
}

/** Hoffmann et al. 2022 initialisation grid, in θ order [a, b, e, α, β]: 6·6·5·5·5 = 4,500 points. */
export const HOFFMANN_GRID: number[][] = [range(0, 25, 5), range(0, 25, 5), range(-1, 1, 0.5), range(0, 2, 0.5), range(0, 2, 0.5)];

/**
 * Σ_i w_i·Huber(LSE(a − α·x1_i, [b − β·x2_i,] e) − y_i). θ indices: coefficients `ci`, exponents `xi`, `ei`.
 * One or two power terms (x2 = null for one); the loop is written once for both and kept allocation-free.
 */
function powerSumObjective(
  x1: Float64Array,
  x2: Float64Array | null,
  y: Float64Array,
  w: Float64Array | null,
  delta: number,
  idx: { a: number; alpha: number; b: number; beta: number; e: number },
): InternalObjective {
  const n = y.length;
  // Branch-free inner loop: a missing second term is b = −∞ (e^(−∞) = 0) on a zero covariate; missing
  // weights are ones.
  const twoTerms = x2 !== null;
  const z2 = x2 ?? new Float64Array(n);
  const wt = w ?? new Float64Array(n).fill(1);
  return (th, grad) => {
    const a = th[idx.a];
    const al = th[idx.alpha];
    const b = twoTerms ? th[idx.b] : -Infinity;
    const be = twoTerms ? th[idx.beta] : 0;
    const e = th[idx.e];
    const expE = Math.exp(e);
    let f = 0;
    let ga = 0, gal = 0, gb = 0, gbe = 0, ge = 0;
    for (let i = 0; i < n; i++) {
      const wi = wt[i];
      if (wi === 0) continue;
      const t1 = a - al * x1[i];
      const t2 = b - be * z2[i];
      let lse: number, e1: number, e2: number, eE: number, s: number;
      if (t1 < 700 && t2 < 700) {
        // Fast path: no overflow possible, so skip the max-shift (2 exp + 1 log per row).
        e1 = Math.exp(t1);
        e2 = Math.exp(t2);
        eE = expE;
        s = e1 + e2 + eE;
        lse = Math.log(s);
      } else {
        const m = Math.max(t1, t2, e);
        e1 = Math.exp(t1 - m);
        e2 = Math.exp(t2 - m);
        eE = Math.exp(e - m);
        s = e1 + e2 + eE;
        lse = m + Math.log(s);
      }
      const r = lse - y[i];
      f += wi * huber(r, delta);
      if (grad) {
        // Softmax weights e_k/s times the Huber derivative: one division per row.
        const hs = (wi * huberGrad(r, delta)) / s;
        ga += hs * e1;
        gal -= hs * e1 * x1[i];
        gb += hs * e2;
        gbe -= hs * e2 * z2[i];
        ge += hs * eE;
      }
    }
    if (grad) {
      grad.fill(0);
      grad[idx.a] += ga;
      grad[idx.alpha] += gal;
      grad[idx.e] += ge;
      if (twoTerms) {
        grad[idx.b] += gb;
        grad[idx.beta] += gbe;
      }
    }
    return f;
  };
}

/** Shared public↔internal mapping: coefficients and E are fitted as logs, exponents as is. */
function logCoefficientFix(layout: Record<string, number>, logged: string[]) {
  return (name: string, value: number) => {
    const index = layout[name];
    if (index === undefined) return null;
    return { index, value: logged.includes(name) ? Math.log(value) : value };
  };
}

/** Chinchilla: θ = [a, b, e, α, β]. */
export const chinchillaModel: Model = {
  form: 'chinchilla',
  internal: ['a', 'b', 'e', 'alpha', 'beta'],
  publicNames: ['E', 'A', 'B', 'alpha', 'beta'],
  toPublic: (t) => ({ E: Math.exp(t[2]), A: Math.exp(t[0]), B: Math.exp(t[1]), alpha: t[3], beta: t[4] }),
  fixInternal: logCoefficientFix({ A: 0, B: 1, E: 2, alpha: 3, beta: 4 }, ['A', 'B', 'E']),
  tie: [3, 4],
  centers: (d) => [
    { coef: 0, exp: 3, mean: mean(d.lnN) },
    { coef: 1, exp: 4, mean: mean(d.lnD) },
  ],
  starts: () => cartesian(HOFFMANN_GRID),
  gridLabel: 'Hoffmann et al. 2022: α, β ∈ {0, 0.5, …, 2}, e ∈ {−1, −0.5, …, 1}, a, b ∈ {0, 5, …, 25} (4,500 points)',
  objective: (d, delta, w) => powerSumObjective(d.lnN, d.lnD, d.y, w, delta, { a: 0, b: 1, e: 2, alpha: 3, beta: 4 }),
  predict: (p, N, D) => chinchillaLoss({ E: p.E, A: p.A, B: p.B, alpha: p.alpha, beta: p.beta }, N, D),
  exponents: ['alpha', 'beta'],
};

/** Loss against compute, L = E + A·C^(−α): θ = [a, e, α]. */
export const lossVsComputeModel: Model = {
  form: 'loss-vs-compute',
  internal: ['a', 'e', 'alpha'],
  publicNames: ['E', 'A', 'alpha'],
  toPublic: (t) => ({ E: Math.exp(t[1]), A: Math.exp(t[0]), alpha: t[2] }),
  fixInternal: logCoefficientFix({ A: 0, E: 1, alpha: 2 }, ['A', 'E']),
  centers: (d) => [{ coef: 0, exp: 2, mean: mean(d.lnC) }],
  // ln C of LM runs is 35–60, so A·C^−α ≈ 1 needs a up to ~α·60: a wider a-range than Hoffmann's.
  starts: () => cartesian([range(0, 30, 2.5), range(-1, 1, 0.5), [0.025, 0.05, 0.1, 0.2, 0.35, 0.5, 1]]),
  gridLabel: 'a ∈ {0, 2.5, …, 30}, e ∈ {−1, −0.5, …, 1}, α ∈ {0.025, 0.05, 0.1, 0.2, 0.35, 0.5, 1} (455 points)',
  objective: (d, delta, w) => powerSumObjective(d.lnC, null, d.y, w, delta, { a: 0, b: -1, e: 1, alpha: 2, beta: -1 }),
  predict: (p, N, D, _U, C) => p.E + p.A * Math.pow(C ?? 6 * N * D, -p.alpha),
  exponents: ['alpha'],
};
