/**
 * Over-training law of Gadre et al. 2024, "Language models scale reliably with over-training and on downstream
 * tasks" (arXiv 2403.08540, Table 2 — the default law; code github.com/mlfoundations/scaling):
 *   L(C, M) = E + (a·M^η + b'·M^(−η))·C^(−η),  C = 6ND,  M = D/N (tokens per parameter).
 * The authors' repository fits it in the equivalent form
 *   L(N, M) = α·N^b + β·6^(b/2)·(M·N)^b + E,
 * which is the one parametrised here (public params alpha, beta, b < 0, E). The mapping: substitute
 * N = (C/(6M))^(1/2) and M·N = D = (C·M/6)^(1/2), so with η = −b/2
 *   α·N^b = α·6^η·M^η·C^(−η),  β·6^(b/2)·D^b = β·M^(−η)·C^(−η)   ⇒   a = α·6^η,  b' = β.
 * Since M·N = D, it is also a Chinchilla law with tied exponents: L = E + α/N^(−b) + β·6^(b/2)/D^(−b).
 *
 * Fit (as the paper's scipy curve_fit): least squares on the loss, Σ_i w_i·(L̂_i − L_i)², from the authors'
 * starting grid α0, β0 ∈ {1e2, 3e2, 1e3, 3e3}, b0 ∈ {−0.1, −0.3}, E0 ∈ {0, 1, 2, 10} (128 points), every
 * start polished (with the repository's L-BFGS, engine.ts) and the best kept. θ = [ln α, ln β, b, E]: the logs
 * keep the coefficients positive and make the α- and β-terms exp(t₁), exp(t₂) with
 *   t₁ = ln α + b·ln N,  t₂ = ln β + b·(½ln 6 + ln D).
 * Gradient (r_i = L̂_i − L_i): ∂/∂ln α = 2Σ w r e^t₁, ∂/∂ln β = 2Σ w r e^t₂,
 *   ∂/∂b = 2Σ w r (e^t₁·ln N + e^t₂·(½ln 6 + ln D)), ∂/∂E = 2Σ w r.
 *
 * Compute-optimal allocation under C = 6ND: minimising a·M^η + b'·M^(−η) over M at fixed C gives
 *   η·a·M^(η−1) = η·b'·M^(−η−1)  ⇒  M* = (b'/a)^(1/(2η)) = (β/α)^(−1/b) / √6,
 * a constant optimal tokens-per-parameter ratio (independent of C), and
 *   N* = (C/(6M*))^(1/2),  D* = M*·N*,  L* = E + 2·(a·b')^(1/2)·C^(−η).
 * LaTeX: M^* = \frac{1}{\sqrt{6}}\left(\frac{\beta}{\alpha}\right)^{-1/b}. With the paper's RedPajama fit
 * (α = 166.2, β = 366.7, b = −0.2729) M* ≈ 7.4. It is computed with chinchillaOptimal on the tied-exponent
 * Chinchilla view above (Hoffmann Eq. 4 gives the same M* = G⁻², G = (A/B)^(1/(2·(−b))) here).
 */
import { chinchillaOptimal } from '../laws/forms';
import type { FitForm } from './model';
import { cartesian, fmtParam, tex } from './powerSum';
import { mean } from '../stats/quantile';

export interface OvertrainingParams {
  alpha: number;
  beta: number;
  /** The (negative) exponent; η = −b/2 in the paper's L(C, M) form. */
  b: number;
  E: number;
}

const HALF_LN6 = Math.log(6) / 2;

/** L(N, D) = α·N^b + β·6^(b/2)·D^b + E (D = M·N). */
export function overtrainingLoss(p: OvertrainingParams, N: number, D: number): number {
  return p.E + p.alpha * Math.pow(N, p.b) + p.beta * Math.pow(6, p.b / 2) * Math.pow(D, p.b);
}

/** The same law as a Chinchilla law with tied exponents α = β = −b. */
export function overtrainingAsChinchilla(p: OvertrainingParams): { E: number; A: number; B: number; alpha: number; beta: number } {
  return { E: p.E, A: p.alpha, B: p.beta * Math.pow(6, p.b / 2), alpha: -p.b, beta: -p.b };
}

/** The paper's L(C, M) coefficients: η = −b/2, a = α·6^η, b' = β. */
export function overtrainingComputeForm(p: OvertrainingParams): { E: number; a: number; bPrime: number; eta: number } {
  const eta = -p.b / 2;
  return { E: p.E, a: p.alpha * Math.pow(6, eta), bPrime: p.beta, eta };
}

/** Compute-optimal tokens per parameter M* = (β/α)^(−1/b)/√6 (constant in C; needs b < 0). */
export function overtrainingOptimalRatio(p: OvertrainingParams): number {
  return Math.pow(p.beta / p.alpha, -1 / p.b) / Math.sqrt(6);
}

/** N*, D*, L* at budget C (FLOP, C = 6ND), or null when b ≥ 0 (no interior optimum). */
export function overtrainingOptimal(p: OvertrainingParams, C: number): { N: number; D: number; loss: number } | null {
  if (!(p.b < 0)) return null;
  const o = chinchillaOptimal(overtrainingAsChinchilla(p), C);
  return { N: o.N, D: o.D, loss: o.loss };
}

/** Gadre et al.'s curve_fit initialisation grid, in θ order [ln α, ln β, b, E]: 4·4·2·4 = 128 points. */
const COEFS = [1e2, 3e2, 1e3, 3e3].map(Math.log);
export const GADRE_GRID: number[][] = [COEFS, COEFS, [-0.1, -0.3], [0, 1, 2, 10]];

const law = (p: Record<string, number>): OvertrainingParams => ({ alpha: p.alpha, beta: p.beta, b: p.b, E: p.E });

export const overtrainingForm: FitForm = {
  id: 'overtraining',
  label: 'Over-training (Gadre et al. 2024)',
  params: ['alpha', 'beta', 'b', 'E'],
  needs: ['N', 'D'],
  // The paper fits its 4 parameters to 5 runs.
  minRows: 5,
  formula: 'L(N, M) = alpha·N^b + beta·6^(b/2)·(M·N)^b + E, M = D/N  (= E + (a·M^η + beta·M^−η)·C^−η, C = 6ND, η = −b/2, a = alpha·6^η)',
  text: (p) => `L(N, M) = ${fmtParam(p.alpha)} · N^${fmtParam(p.b)} + ${fmtParam(p.beta)} · 6^(${fmtParam(p.b)}/2) · (M·N)^${fmtParam(p.b)} + ${fmtParam(p.E)}   (M = D/N)`,
  latex: (p) => `L(N, M) = ${tex(p.alpha)}\\, N^{${tex(p.b)}} + ${tex(p.beta)} \\cdot 6^{${tex(p.b)}/2} (MN)^{${tex(p.b)}} + ${tex(p.E)},\\ M = D/N`,
  // A constant optimal tokens-per-parameter ratio, in closed form.
  allocate: (p, C) => overtrainingOptimal(law(p), C),
  internal: ['lnAlpha', 'lnBeta', 'b', 'E'],
  toPublic: (t) => ({ alpha: Math.exp(t[0]), beta: Math.exp(t[1]), b: t[2], E: t[3] }),
  fixInternal: (name, value) => {
    const index = ({ alpha: 0, beta: 1, b: 2, E: 3 } as Record<string, number>)[name];
    return index === undefined ? null : { index, value: index < 2 ? Math.log(value) : value };
  },
  // Both terms share the exponent b: centre each coefficient on its own mean log covariate (t = ln α + b·x, so
  // the shift is −x̄).
  centers: (d) => {
    const x2 = Float64Array.from(d.lnD, (v) => v + HALF_LN6);
    return [
      { coef: 0, exp: 2, mean: -mean(d.lnN) },
      { coef: 1, exp: 2, mean: -mean(x2) },
    ];
  },
  starts: () => cartesian(GADRE_GRID),
  gridLabel: 'Gadre et al. 2024: α0, β0 ∈ {1e2, 3e2, 1e3, 3e3}, b0 ∈ {−0.1, −0.3}, E0 ∈ {0, 1, 2, 10} (128 points)',
  // Every start is polished and the best kept, as the paper does.
  topK: 128,
  objectiveLabel: 'Σ squared loss residuals (least squares on loss)',
  objective: (d, _loss, w) => {
    const { lnN, lnD, loss, n } = d;
    return (th, grad) => {
      const [la, lb, b, E] = [th[0], th[1], th[2], th[3]];
      let f = 0, g0 = 0, g1 = 0, g2 = 0, g3 = 0;
      for (let i = 0; i < n; i++) {
        const wi = w ? w[i] : 1;
        if (wi === 0) continue;
        const x2 = HALF_LN6 + lnD[i];
        const e1 = Math.exp(la + b * lnN[i]);
        const e2 = Math.exp(lb + b * x2);
        const r = E + e1 + e2 - loss[i];
        f += wi * r * r;
        if (grad) {
          const h = 2 * wi * r;
          g0 += h * e1;
          g1 += h * e2;
          g2 += h * (e1 * lnN[i] + e2 * x2);
          g3 += h;
        }
      }
      grad?.set([g0, g1, g2, g3]);
      return f;
    };
  },
  predict: (p, N, D) => overtrainingLoss(law(p), N, D),
  exponents: [],
  negatedExponents: ['b'],
};
