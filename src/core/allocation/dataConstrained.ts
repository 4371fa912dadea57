/**
 * Compute-optimal allocation under a data constraint (Muennighoff et al. 2023, arXiv 2305.16264,
 * Sec. 5 / Fig. 3): minimise the data-constrained loss (Eq. 5–7, ../laws/forms.ts) along C = 6ND.
 * The paper has no closed form; the authors grid-search. Here: the shared 1-D minimiser on ln N.
 *
 * Shortcut: the data-constrained loss is never below the base law (N' ≤ N, D' ≤ D) and equals it at
 * the base-law optimum whenever that optimum needs D* ≤ U tokens (then N* ≤ N_opt(U), so neither
 * penalty applies). So when D* ≤ U the closed form (Eq. 4) is also the constrained optimum.
 *
 * Precision: with many epochs the loss sits within 1e-15 of its floor (N' and D' saturate), so the loss
 * itself is flat in double precision and its minimiser would be noise. The search therefore minimises
 * ln(L − L_floor), computed analytically from the saturation gaps, which stays well conditioned.
 */
import {
  chinchillaOptimal,
  dataConstrainedLoss,
  optimalParamsForTokens,
  type DataConstrainedParams,
} from '../laws/forms';
import { logAddExp, minimizeScalar } from './solve1d';

export interface DataConstrainedOptimum {
  N: number;
  D: number;
  loss: number;
  /** D / U. */
  epochs: number;
  /** True when the optimum needed repetition (D* > U) and was found numerically. */
  constrained: boolean;
  /** ln(L − floor), floor = the lowest loss reachable with U unique tokens at any compute. */
  logExcess: number;
}

/** Search ±4 decades of N around the unconstrained optimum: the constrained one is always inside. */
const SPAN = Math.log(1e4);

/**
 * ln(coef·(X^−e − Xsat^−e)) for X = Xsat·(1 − g) given ln g: the part of a power-law term still to gain
 * before X saturates at Xsat. For tiny g the first-order form avoids 1 − (1 − g) cancellation.
 */
function logSaturationGap(logCoef: number, e: number, lnXsat: number, logG: number, lnX?: number): number {
  if (logG < -30) return logCoef - e * lnXsat + Math.log(e) + logG;
  // d = ln Xsat − ln X, computed from g: subtracting two logarithms near 27 would leave ~1e-15
  // absolute error on a d of ~1e-13, i.e. percent-level noise in the objective. Far below saturation
  // (g > 1/2, d > ln 2) the subtraction is accurate, and needed: for X < 1e-16·Xsat, g rounds to 1 and
  // −log1p(−g) to Infinity (a 0.1-parameter model in the target-loss search gave NaN).
  const d = lnX !== undefined && logG > -Math.LN2 ? lnXsat - lnX : -Math.log1p(-Math.exp(logG));
  return logCoef - e * (lnXsat - d) + Math.log(-Math.expm1(-e * d));
}

/** ln g for the effective quantity X' = U + U·R*·(1 − e^(−R/R*)) against its limit U·(1 + R*). */
function logGapRepeated(lnU: number, Rstar: number, R: number, lnSat: number): number {
  return lnU + Math.log(Rstar) - R / Rstar - lnSat;
}


export interface DataConstrainedSaturation {
  floor: number;
  /** ln(L(N, D) − floor), accurate even when L is within 1e-300 of the floor. */
  logExcess(N: number, D: number): number;
}

/**
 * The floor (lowest loss reachable with U unique tokens at unlimited compute: N' and D' saturate at
 * N_opt(U)·(1 + R_N*) and U·(1 + R_D*)) and the log-excess over it.
 */
export function dataConstrainedSaturation(p: DataConstrainedParams, U: number): DataConstrainedSaturation {
  const UN = optimalParamsForTokens(p, U);
  const lnNsat = Math.log(UN * (1 + p.RNstar));
  const lnDsat = Math.log(U * (1 + p.RDstar));
  const lnA = Math.log(p.A);
  const lnB = Math.log(p.B);
  const lnU = Math.log(U);
  const lnUN = Math.log(UN);
  const floor = p.E + Math.exp(lnA - p.alpha * lnNsat) + Math.exp(lnB - p.beta * lnDsat);
  return {
    floor,
    logExcess(N, D) {
      // Below the cap the quantity is used as is: g = 1 − X/Xsat.
      const lnN = N <= UN ? Math.log(N) : undefined;
      const lnD = D <= U ? Math.log(D) : undefined;
      const logGN = lnN !== undefined ? Math.log(-Math.expm1(lnN - lnNsat)) : logGapRepeated(lnUN, p.RNstar, N / UN - 1, lnNsat);
      const logGD = lnD !== undefined ? Math.log(-Math.expm1(lnD - lnDsat)) : logGapRepeated(lnU, p.RDstar, D / U - 1, lnDsat);
      return logAddExp(logSaturationGap(lnA, p.alpha, lnNsat, logGN, lnN), logSaturationGap(lnB, p.beta, lnDsat, logGD, lnD));
    },
  };
}

export function dataConstrainedOptimum(p: DataConstrainedParams, C: number, U: number): DataConstrainedOptimum {
  const sat = dataConstrainedSaturation(p, U);
  const free = chinchillaOptimal(p, C);
  if (free.D <= U) {
    return { N: free.N, D: free.D, loss: free.loss, epochs: free.D / U, constrained: false, logExcess: sat.logExcess(free.N, free.D) };
  }
  const objective = (lnN: number) => {
    const N = Math.exp(lnN);
    return sat.logExcess(N, C / (6 * N));
  };
  const c = Math.log(free.N);
  const { x, fx } = minimizeScalar(objective, c - SPAN, c + SPAN, { gridPoints: 81, tol: 1e-12 });
  const N = Math.exp(x);
  const D = C / (6 * N);
  return { N, D, loss: dataConstrainedLoss(p, N, D, U), epochs: D / U, constrained: true, logExcess: fx };
}

/** Lowest loss reachable with U unique tokens at unlimited compute. */
export function dataConstrainedFloor(p: DataConstrainedParams, U: number): number {
  return dataConstrainedSaturation(p, U).floor;
}
