/**
 * Loss against compute, L = E + A·C^(−α) (the single-term case of the power-law sums of Hoffmann et al. 2022,
 * App. D.2, fitted the same way: powerSum.ts), θ = [a, e, α]. No N or D, so no allocation.
 */
import { mean } from '../stats/quantile';
import type { FitForm } from './model';
import { cartesian, logCoefficientFix, fmtParam, powerSumObjective, range, tex } from './powerSum';

export const lossVsComputeForm: FitForm = {
  id: 'loss-vs-compute',
  label: 'Loss against compute',
  params: ['E', 'A', 'alpha'],
  needs: ['C'],
  minRows: 5,
  formula: 'L(C) = E + A·C^(−alpha)',
  text: (p) => `L(C) = ${fmtParam(p.E)} + ${fmtParam(p.A)} · C^(−${fmtParam(p.alpha)})`,
  latex: (p) => `L(C) = ${tex(p.E)} + ${tex(p.A)}\\, C^{-${tex(p.alpha)}}`,
  internal: ['a', 'e', 'alpha'],
  toPublic: (t) => ({ E: Math.exp(t[1]), A: Math.exp(t[0]), alpha: t[2] }),
  fixInternal: logCoefficientFix({ A: 0, E: 1, alpha: 2 }, ['A', 'E']),
  centers: (d) => [{ coef: 0, exp: 2, mean: mean(d.lnC) }],
  // ln C of LM runs is 35–60, so A·C^−α ≈ 1 needs a up to ~α·60: a wider a-range than Hoffmann's.
  starts: () => cartesian([range(0, 30, 2.5), range(-1, 1, 0.5), [0.025, 0.05, 0.1, 0.2, 0.35, 0.5, 1]]),
  gridLabel: 'a ∈ {0, 2.5, …, 30}, e ∈ {−1, −0.5, …, 1}, α ∈ {0.025, 0.05, 0.1, 0.2, 0.35, 0.5, 1} (455 points)',
  objective: (d, loss, w) => powerSumObjective(d.lnC, null, d.y, w, loss, { a: 0, b: -1, e: 1, alpha: 2, beta: -1 }),
  predict: (p, N, D, _U, C) => p.E + p.A * Math.pow(C ?? 6 * N * D, -p.alpha),
  exponents: ['alpha'],
};
