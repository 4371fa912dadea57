/**
 * Ordinary least squares (src/core/stats/leastSquares.ts), checked against a published regression and exact
 * algebra: Anscombe's quartet, data set I (F. J. Anscombe, "Graphs in Statistical Analysis", The American
 * Statistician 27(1), 1973, Table 1: fitted y = 3.0 + 0.5x; R's lm() on the same data reports intercept
 * 3.0001 (SE 1.1247), slope 0.5001 (SE 0.1179), residual standard error 1.237 on 9 df).
 */
import * as assert from 'assert';
import fc from 'fast-check';
import { leastSquares } from '../../src/core/stats/leastSquares';

describe('leastSquares (OLS with (XᵀX)⁻¹)', () => {
  it('Anscombe I: the published coefficients, standard errors and residual error', () => {
    const x = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5];
    const y = [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68];
    const f = leastSquares(x.map((v) => [1, v]), y);
    const s2 = f.rss / f.df;
    assert.strictEqual(f.df, 9);
    assert.ok(Math.abs(f.coef[0] - 3.0001) < 1e-4 && Math.abs(f.coef[1] - 0.5001) < 1e-4, f.coef.join());
    assert.ok(Math.abs(Math.sqrt(s2 * f.xtxInv[0][0]) - 1.1247) < 1e-4);
    assert.ok(Math.abs(Math.sqrt(s2 * f.xtxInv[1][1]) - 0.1179) < 1e-4);
    assert.ok(Math.abs(Math.sqrt(s2) - 1.237) < 1e-3);
  });

  it('recovers an exact quadratic, and (XᵀX)⁻¹·XᵀX = I for any well-posed design (pivoting included)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: -20, max: 20 }), { minLength: 3, maxLength: 30 }).map((v) => v.map((i) => i / 4)), fc.tuple(fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true })), (xs, [a, b, c]) => {
        // Three distinct x make the design full rank; x² first, so the largest pivot is not always on the diagonal.
        const rows = xs.map((x) => [x * x, 1, x]);
        const xtx = [0, 1, 2].map((i) => [0, 1, 2].map((j) => rows.reduce((s, r) => s + r[i] * r[j], 0)));
        const f = leastSquares(rows, xs.map((x) => a * x * x + b + c * x));
        for (const [got, want] of [[f.coef[0], a], [f.coef[1], b], [f.coef[2], c]]) assert.ok(Math.abs(got - want) < 1e-6 * (1 + Math.abs(want)), `${got} vs ${want}`);
        for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
          const e = [0, 1, 2].reduce((s, k) => s + f.xtxInv[i][k] * xtx[k][j], 0);
          assert.ok(Math.abs(e - (i === j ? 1 : 0)) < 1e-6, `(${i},${j}) ${e}`);
        }
      }),
      { numRuns: 200, seed: 12 },
    );
  });

  it('refuses collinear regressors and too few rows', () => {
    assert.throws(() => leastSquares([[1, 2], [2, 4], [3, 6]], [1, 2, 3]), /singular/);
    assert.throws(() => leastSquares([[1, 2, 3]], [1]), /need at least 3 rows/);
  });
});
