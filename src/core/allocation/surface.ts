/**
 * A law's loss surface L(N, D) in the form the equal-loss solvers need. Quality targets are handled as
 * ln(L − floor) ("log-excess") rather than L: near a floor (large budgets, heavy repetition) L itself is
 * flat in double precision while its excess over the floor is not.
 */
import { chinchillaLoss, dataConstrainedLoss, type ChinchillaParams, type DataConstrainedParams } from '../laws/forms';
import { dataConstrainedSaturation } from './dataConstrained';
import { bisectRoot, logAddExp } from './solve1d';

export interface LossSurface {
  /** Infimum of the loss over all (N, D). */
  floor: number;
  loss(N: number, D: number): number;
  /** ln(L(N, D) − floor). */
  logExcess(N: number, D: number): number;
  /** N with logExcess(N, D) = t (the loss falls with N); Infinity when D tokens cannot reach it. */
  paramsForLogExcess(t: number, D: number): number;
}


/** Chinchilla form: excess = A/N^α + B/D^β; N for a target excess in closed form (Sardana et al.). */
export function chinchillaSurface(p: ChinchillaParams): LossSurface {
  const lnA = Math.log(p.A);
  const lnB = Math.log(p.B);
  return {
    floor: p.E,
    loss: (N, D) => chinchillaLoss(p, N, D),
    logExcess: (N, D) => logAddExp(lnA - p.alpha * Math.log(N), lnB - p.beta * Math.log(D)),
    paramsForLogExcess: (t, D) => {
      const rest = Math.exp(t) - p.B / Math.pow(D, p.beta);
      return rest > 0 ? Math.pow(p.A / rest, 1 / p.alpha) : Infinity;
    },
  };
}

const LN_N_MAX = Math.log(1e20);

/** The data-constrained loss has no closed-form inverse in N; it is monotone in N, so bisect on ln N. */
export function dataConstrainedSurface(p: DataConstrainedParams, U: number): LossSurface {
  const sat = dataConstrainedSaturation(p, U);
  return {
    floor: sat.floor,
    loss: (N, D) => dataConstrainedLoss(p, N, D, U),
    logExcess: sat.logExcess,
    paramsForLogExcess: (t, D) => {
      if (sat.logExcess(Math.exp(LN_N_MAX), D) >= t) return Infinity;
      if (sat.logExcess(1, D) <= t) return 1;
      return Math.exp(bisectRoot((x) => sat.logExcess(Math.exp(x), D) - t, 0, LN_N_MAX, 1e-15));
    },
  };
}
