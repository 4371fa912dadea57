/**
 * Compute-optimal frontier y*(C) = k·C^e fitted by OLS of ln y* on ln C — the last step of Chinchilla
 * Approach 2 (Hoffmann et al. 2022 §3.2, Table 2) and of Llama 3's D*(C) = A·C^α (arXiv 2407.21783,
 * Fig. 3). Intervals are the classical t intervals of the OLS coefficients with n − 2 degrees of
 * freedom: they reflect the scatter of the per-budget minima about the line (which includes the
 * minima's own estimation noise), so no separate propagation of the vertex errors is added.
 */
import { leastSquares } from '../stats/leastSquares';
import { studentTQuantile } from '../stats/studentT';

export interface PowerLawFit {
  k: number;
  exponent: number;
  /** Two-sided intervals at `confidence`; null with 2 points (no residual degrees of freedom). */
  exponentInterval: [number, number] | null;
  kInterval: [number, number] | null;
  confidence: number;
  /** Coefficient of determination of the log-log regression. */
  r2: number;
  n: number;
}

export function fitPowerLaw(x: number[], y: number[], confidence = 0.95): PowerLawFit {
  const lx = x.map(Math.log);
  const ly = y.map(Math.log);
  const m = lx.reduce((s, v) => s + v, 0) / lx.length;
  const fit = leastSquares(
    lx.map((v) => [1, v - m]),
    ly,
  );
  const [intercept, exponent] = fit.coef;
  const lnK = intercept - exponent * m;
  const meanY = ly.reduce((s, v) => s + v, 0) / ly.length;
  const tss = ly.reduce((s, v) => s + (v - meanY) ** 2, 0);
  let exponentInterval: [number, number] | null = null;
  let kInterval: [number, number] | null = null;
  if (fit.df > 0) {
    const s2 = fit.rss / fit.df;
    const t = studentTQuantile(0.5 + confidence / 2, fit.df);
    const seE = Math.sqrt(s2 * fit.xtxInv[1][1]);
    // Centred regressors make intercept and slope uncorrelated: Var(ln k) = Var(b0) + m²·Var(e).
    const seLnK = Math.sqrt(s2 * (fit.xtxInv[0][0] + m * m * fit.xtxInv[1][1]));
    exponentInterval = [exponent - t * seE, exponent + t * seE];
    kInterval = [Math.exp(lnK - t * seLnK), Math.exp(lnK + t * seLnK)];
  }
  return {
    k: Math.exp(lnK),
    exponent,
    exponentInterval,
    kInterval,
    confidence,
    r2: tss > 0 ? 1 - fit.rss / tss : 1,
    n: x.length,
  };
}

export function evalPowerLaw(f: Pick<PowerLawFit, 'k' | 'exponent'>, x: number): number {
  return f.k * Math.pow(x, f.exponent);
}
