/**
 * Power-law sums L = E + Σ_k A_k·X_k^(−α_k) fitted in the log-sum-exp form of Hoffmann et al. 2022 (App. D.2,
 * Eq. 10 fit): log L̂ = LSE(a_k − α_k·log X_k, e) with A_k = e^(a_k), E = e^e, minimising
 *   Σ_i Huber_δ(LSE(…) − log L_i).
 * Shared by chinchillaForm.ts (X = N, D) and lossVsComputeForm.ts (X = C), with the grid helpers.
 * The gradient is analytic: ∂LSE/∂a_k = softmax weight w_k, ∂/∂α_k = −w_k·log X_k, ∂/∂e = w_E.
 */
import { huber, huberGrad, rowLoss, rowLossGrad, type RowLoss } from './huber';
import type { InternalObjective } from './model';
import { formatNum } from '../format';

export const range = (from: number, to: number, step: number): number[] => {
  const out: number[] = [];
  for (let v = from; v <= to + 1e-9; v += step) out.push(Math.round(v * 1e9) / 1e9);
  return out;
};

/** Cartesian product of per-parameter value lists. */
export function cartesian(lists: number[][]): number[][] {
  // Odometer order (last list fastest), one array per point and no intermediate prefixes: grids have thousands.
  let total = 1;
  for (const l of lists) total *= l.length;
  const out: number[][] = new Array(total);
  for (let k = 0; k < total; k++) {
    const point: number[] = new Array(lists.length);
    let rest = k;
    for (let j = lists.length - 1; j >= 0; j--) {
      const len = lists[j].length;
      point[j] = lists[j][rest % len];
      rest = Math.floor(rest / len);
    }
    out[k] = point;
  }
  return out;
}

/** Hoffmann et al. 2022 initialisation grid, in θ order [a, b, e, α, β]: 6·6·5·5·5 = 4,500 points. */
export const HOFFMANN_GRID: number[][] = [range(0, 25, 5), range(0, 25, 5), range(-1, 1, 0.5), range(0, 2, 0.5), range(0, 2, 0.5)];

/**
 * Σ_i w_i·Huber(LSE(a − α·x1_i, [b − β·x2_i,] e) − y_i). θ indices: coefficients `ci`, exponents `xi`, `ei`.
 * One or two power terms (x2 = null for one); the loop is written once for both and kept allocation-free.
 */
export function powerSumObjective(
  x1: Float64Array,
  x2: Float64Array | null,
  y: Float64Array,
  w: Float64Array | null,
  loss: RowLoss,
  idx: { a: number; alpha: number; b: number; beta: number; e: number },
): InternalObjective {
  const n = y.length;
  // Branch-free inner loop: a missing second term is b = −∞ (e^(−∞) = 0) on a zero covariate; missing
  // weights are ones.
  const twoTerms = x2 !== null;
  const z2 = x2 ?? new Float64Array(n);
  const wt = w ?? new Float64Array(n).fill(1);
  // Huber is inlined in the hot loop; other row losses go through rowLoss/rowLossGrad.
  const isHuber = loss.kind === 'huber';
  const delta = loss.kind === 'huber' ? loss.delta : 0;
  // Value-only calls score the initialisation grid: thousands of points that share a few exponent values. Cache
  // X^(−α) per row for each exponent seen, so a grid point costs one log per row instead of two exp and a log.
  const powers1 = new PowerCache(x1);
  const powers2 = new PowerCache(z2);
  const gridValue = (th: Float64Array, bound: number): number => {
    const A = Math.exp(th[idx.a]);
    const B = twoTerms ? Math.exp(th[idx.b]) : 0;
    const expE = Math.exp(th[idx.e]);
    const p1 = powers1.get(th[idx.alpha]);
    const p2 = powers2.get(twoTerms ? th[idx.beta] : 0);
    if (!(A > 0 && A < Infinity && B < Infinity && expE < Infinity) || !p1 || !p2) return NaN;
    let f = 0;
    for (let i = 0; i < n; i++) {
      const wi = wt[i];
      if (wi === 0) continue;
      const s = A * p1[i] + B * p2[i] + expE;
      // Over- or underflow of a product: leave the point to the exact log-sum-exp path.
      if (!(s > 0 && s < Infinity)) return NaN;
      const r = Math.log(s) - y[i];
      f += wi * (isHuber ? huber(r, delta) : rowLoss(loss, r, y[i]));
      // Every row term is ≥ 0 (weights and row losses are), so the sum only grows: stop once past the bound.
      if (f > bound) return f;
    }
    return f;
  };
  return (th, grad, bound = Infinity) => {
    if (!grad) {
      const v = gridValue(th, bound);
      if (!Number.isNaN(v)) return v;
    }
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
      f += wi * (isHuber ? huber(r, delta) : rowLoss(loss, r, y[i]));
      if (grad) {
        // Softmax weights e_k/s times the row loss' derivative: one division per row.
        const hs = (wi * (isHuber ? huberGrad(r, delta) : rowLossGrad(loss, r, y[i]))) / s;
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

/**
 * X_i^(−α) for every row, per exponent value, for the value-only grid path of powerSumObjective. A set of
 * powers with an overflowed or underflowed entry is not cached (null): those points take the exact path. The
 * cache holds a bounded number of exponents (a grid has a handful; a line search would never repeat one).
 */
class PowerCache {
  private readonly byExponent = new Map<number, Float64Array | null>();
  constructor(private readonly x: Float64Array) {}
  get(alpha: number): Float64Array | null {
    let p = this.byExponent.get(alpha);
    if (p !== undefined) return p;
    if (this.byExponent.size >= 64) this.byExponent.clear();
    const out = new Float64Array(this.x.length);
    let ok = true;
    for (let i = 0; i < out.length; i++) {
      out[i] = Math.exp(-alpha * this.x[i]);
      if (!(out[i] > 0 && out[i] < Infinity)) ok = false;
    }
    p = ok ? out : null;
    this.byExponent.set(alpha, p);
    return p;
  }
}

/** Shared public↔internal mapping: coefficients and E are fitted as logs, exponents as is. */
export function logCoefficientFix(layout: Record<string, number>, logged: string[]) {
  return (name: string, value: number): { index: number; value: number } | null => {
    const index = layout[name];
    if (index === undefined) return null;
    return { index, value: logged.includes(name) ? Math.log(value) : value };
  };
}

/** A fitted number for formulas: 4 significant digits, exponent as × 10^{k} in LaTeX. */
export const fmtParam = (x: number): string => formatNum(x, 4);
export const tex = (x: number): string => {
  const s = formatNum(x, 4);
  return s.includes('e') ? s.replace(/e([+-]?\d+)/, ' \\times 10^{$1}') : s;
};

/**
 * Compute-optimal allocation along C = 6ND by golden-section search over log N, for forms without a closed
 * form (L along the budget line is unimodal in log N for them). Bracket: from 10 parameters to the whole
 * budget on 10 tokens; null below 600 FLOP.
 */
export function allocateBySearch(lossAt: (N: number, D: number) => number, C: number): { N: number; D: number; loss: number } | null {
  const f = (lnN: number) => {
    const N = Math.exp(lnN);
    return lossAt(N, C / (6 * N));
  };
  let lo = Math.log(10), hi = Math.log(C / 60);
  if (!(hi > lo)) return null;
  const g = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo);
  let f1 = f(x1), f2 = f(x2);
  for (let i = 0; i < 200 && hi - lo > 1e-10; i++) {
    if (f1 <= f2) {
      hi = x2; x2 = x1; f2 = f1; x1 = hi - g * (hi - lo); f1 = f(x1);
    } else {
      lo = x1; x1 = x2; f1 = f2; x2 = lo + g * (hi - lo); f2 = f(x2);
    }
  }
  const N = Math.exp((lo + hi) / 2);
  return { N, D: C / (6 * N), loss: f(Math.log(N)) };
}
