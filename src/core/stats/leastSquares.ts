/**
 * Ordinary least squares y = X·β with the classical covariance estimate
 *   β̂ = (XᵀX)⁻¹Xᵀy,  s² = RSS/(n − p),  Cov(β̂) = s²·(XᵀX)⁻¹
 * (any regression text, e.g. Seber & Lee, "Linear Regression Analysis", §3). Both the per-budget
 * parabolas and the log-log frontier fits of the IsoFLOP method are linear in their coefficients, so
 * this one routine serves both. Callers centre their regressors so XᵀX is well conditioned.
 * Linear algebra from ml-matrix (already installed with ml-levenberg-marquardt).
 */
import { Matrix, inverse } from 'ml-matrix';

export interface LeastSquaresFit {
  coef: number[];
  /** Unscaled covariance (XᵀX)⁻¹: multiply by a residual variance to get Cov(β̂). */
  xtxInv: number[][];
  rss: number;
  /** Residual degrees of freedom n − p (0 when the fit interpolates). */
  df: number;
}

export function leastSquares(rows: number[][], y: number[]): LeastSquaresFit {
  const n = rows.length;
  const p = rows[0]?.length ?? 0;
  if (n < p || p === 0) throw new RangeError(`leastSquares: need at least ${p} rows, got ${n}`);
  const X = new Matrix(rows);
  const Xt = X.transpose();
  const xtxInv = inverse(Xt.mmul(X));
  const beta = xtxInv.mmul(Xt).mmul(Matrix.columnVector(y));
  const coef = beta.getColumn(0);
  let rss = 0;
  for (let i = 0; i < n; i++) {
    let fit = 0;
    for (let j = 0; j < p; j++) fit += rows[i][j] * coef[j];
    rss += (y[i] - fit) ** 2;
  }
  return { coef, xtxInv: xtxInv.to2DArray(), rss, df: n - p };
}

/** Quadratic form gᵀ·M·g (delta-method variance of a smooth function of the coefficients). */
export function quadraticForm(M: number[][], g: number[]): number {
  let s = 0;
  for (let i = 0; i < g.length; i++) for (let j = 0; j < g.length; j++) s += g[i] * M[i][j] * g[j];
  return s;
}
