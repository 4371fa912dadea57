/**
 * Chinchilla form (Hoffmann et al. 2022, arXiv 2203.15556, Eq. 2 / App. D.2): L = E + A/N^α + B/D^β, fitted as
 * log L̂ = LSE(a − α·ln N, b − β·ln D, e) (powerSum.ts), θ = [a, b, e, α, β], started from Hoffmann's
 * 4,500-point grid α, β ∈ {0, 0.5, …, 2}, e ∈ {−1, −0.5, …, 1}, a, b ∈ {0, 5, …, 25}.
 * Allocation: the closed form of Eq. 4 (chinchillaOptimal).
 */
import { chinchillaLoss, chinchillaOptimal } from '../laws/forms';
import { mean } from '../stats/quantile';
import type { FitForm } from './model';
import { HOFFMANN_GRID, cartesian, logCoefficientFix, fmtParam, powerSumObjective, tex } from './powerSum';

const law = (p: Record<string, number>) => ({ E: p.E, A: p.A, B: p.B, alpha: p.alpha, beta: p.beta });

export const chinchillaForm: FitForm = {
  id: 'chinchilla',
  label: 'Chinchilla (Hoffmann et al. 2022, Approach 3)',
  params: ['E', 'A', 'B', 'alpha', 'beta'],
  needs: ['N', 'D'],
  minRows: 10,
  formula: 'L(N, D) = E + A/N^alpha + B/D^beta',
  text: (p) => `L(N, D) = ${fmtParam(p.E)} + ${fmtParam(p.A)} / N^${fmtParam(p.alpha)} + ${fmtParam(p.B)} / D^${fmtParam(p.beta)}`,
  latex: (p) => `L(N, D) = ${tex(p.E)} + \\frac{${tex(p.A)}}{N^{${tex(p.alpha)}}} + \\frac{${tex(p.B)}}{D^{${tex(p.beta)}}}`,
  allocate: (p, C) => {
    const o = chinchillaOptimal(law(p), C);
    return { N: o.N, D: o.D, loss: o.loss };
  },
  // Straight from θ: log(E) would be −Infinity when e ≈ −800 underflows E to 0.
  extras: (t) => ({ logSpace: { e: t[2], a: t[0], b: t[1], alpha: -t[3], beta: -t[4] } }),
  internal: ['a', 'b', 'e', 'alpha', 'beta'],
  toPublic: (t) => ({ E: Math.exp(t[2]), A: Math.exp(t[0]), B: Math.exp(t[1]), alpha: t[3], beta: t[4] }),
  fixInternal: logCoefficientFix({ A: 0, B: 1, E: 2, alpha: 3, beta: 4 }, ['A', 'B', 'E']),
  tie: [3, 4],
  centers: (d) => [
    { coef: 0, exp: 3, mean: mean(d.lnN) },
    { coef: 1, exp: 4, mean: mean(d.lnD) },
  ],
  starts: () => cartesian(HOFFMANN_GRID),
  gridLabel: 'Hoffmann et al. 2022: α, β ∈ {0, 0.5, …, 2}, e ∈ {−1, −0.5, …, 1}, a, b ∈ {0, 5, …, 25} (4,500 points)',
  objective: (d, loss, w) => powerSumObjective(d.lnN, d.lnD, d.y, w, loss, { a: 0, b: 1, e: 2, alpha: 3, beta: 4 }),
  predict: (p, N, D) => chinchillaLoss(law(p), N, D),
  exponents: ['alpha', 'beta'],
};
