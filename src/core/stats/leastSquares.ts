/**
 * Ordinary least squares y = X·β with the classical covariance estimate
 *   β̂ = (XᵀX)⁻¹Xᵀy,  s² = RSS/(n − p),  Cov(β̂) = s²·(XᵀX)⁻¹
 * (any regression text, e.g. Seber & Lee, "Linear Regression Analysis", §3). Both the per-budget
 * parabolas and the log-log frontier fits of the IsoFLOP method are linear in their coefficients, so
 * this one routine serves both. Callers centre their regressors so XᵀX is well conditioned.
 * XᵀX is p × p with p ≤ 3 here, inverted by Gauss–Jordan elimination with partial pivoting (Golub & Van Loan,
 * "Matrix Computations", 4th ed., §3.2 and §3.4): a few lines, where a matrix library would add ~50 KB to the
 * extension bundle (issue 9).
 */

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
  const xtx = Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => {
    let s = 0;
    for (let k = 0; k < n; k++) s += rows[k][i] * rows[k][j];
    return s;
  }));
  const xtxInv = invert(xtx);
  // β̂ = ((XᵀX)⁻¹Xᵀ)·y
  const coef = xtxInv.map((inv) => {
    let b = 0;
    for (let k = 0; k < n; k++) {
      let h = 0;
      for (let j = 0; j < p; j++) h += inv[j] * rows[k][j];
      b += h * y[k];
    }
    return b;
  });
  let rss = 0;
  for (let i = 0; i < n; i++) {
    let fit = 0;
    for (let j = 0; j < p; j++) fit += rows[i][j] * coef[j];
    rss += (y[i] - fit) ** 2;
  }
  return { coef, xtxInv, rss, df: n - p };
}

/** A⁻¹ by Gauss–Jordan elimination on [A | I], choosing the largest pivot in each column. */
function invert(a: number[][]): number[][] {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) piv = r;
    if (m[piv][c] === 0 || !Number.isFinite(m[piv][c])) throw new RangeError('leastSquares: XᵀX is singular (the regressors are collinear)');
    [m[c], m[piv]] = [m[piv], m[c]];
    const d = m[c][c];
    for (let j = 0; j < 2 * n; j++) m[c][j] /= d;
    for (let r = 0; r < n; r++) {
      const f = m[r][c];
      if (r !== c && f !== 0) for (let j = 0; j < 2 * n; j++) m[r][j] -= f * m[c][j];
    }
  }
  return m.map((row) => row.slice(n));
}

/** Quadratic form gᵀ·M·g (delta-method variance of a smooth function of the coefficients). */
export function quadraticForm(M: number[][], g: number[]): number {
  let s = 0;
  for (let i = 0; i < g.length; i++) for (let j = 0; j < g.length; j++) s += g[i] * M[i][j] * g[j];
  return s;
}
