import * as assert from 'assert';
import { minimizeLbfgs } from '../../src/core/fit/lbfgs';

describe('L-BFGS (src/core/fit/lbfgs.ts)', () => {
  it('minimises the 2-D Rosenbrock function from (−1.2, 1) to (1, 1)', () => {
    const r = minimizeLbfgs((x, g) => {
      const a = 1 - x[0];
      const b = x[1] - x[0] * x[0];
      g[0] = -2 * a - 400 * x[0] * b;
      g[1] = 200 * b;
      return a * a + 100 * b * b;
    }, [-1.2, 1]);
    assert.ok(r.converged, r.status);
    assert.ok(Math.abs(r.x[0] - 1) < 1e-6 && Math.abs(r.x[1] - 1) < 1e-6, `x = ${r.x}`);
    assert.ok(r.f < 1e-12);
    assert.ok(r.iterations < 100, `${r.iterations} iterations`);
  });

  it('minimises a 10-D Rosenbrock chain', () => {
    const n = 10;
    const r = minimizeLbfgs((x, g) => {
      let f = 0;
      g.fill(0);
      for (let i = 0; i < n - 1; i++) {
        const a = 1 - x[i];
        const b = x[i + 1] - x[i] * x[i];
        f += a * a + 100 * b * b;
        g[i] += -2 * a - 400 * x[i] * b;
        g[i + 1] += 200 * b;
      }
      return f;
    }, new Array(n).fill(-1).map((v, i) => (i % 2 ? 1 : v)), { maxIterations: 2000 });
    assert.ok(r.converged, r.status);
    for (let i = 0; i < n; i++) assert.ok(Math.abs(r.x[i] - 1) < 1e-5, `x[${i}] = ${r.x[i]}`);
  });

  it('solves an ill-conditioned quadratic (condition number 1e4) to its exact minimiser', () => {
    // f = ½ Σ λ_i (x_i − c_i)², λ from 1 to 1e4: minimiser c, minimum 0.
    const n = 20;
    const lam = Array.from({ length: n }, (_, i) => Math.pow(1e4, i / (n - 1)));
    const c = Array.from({ length: n }, (_, i) => Math.sin(i + 1));
    const r = minimizeLbfgs((x, g) => {
      let f = 0;
      for (let i = 0; i < n; i++) {
        const d = x[i] - c[i];
        f += 0.5 * lam[i] * d * d;
        g[i] = lam[i] * d;
      }
      return f;
    }, new Float64Array(n), { gtol: 1e-10 });
    assert.ok(r.converged, r.status);
    for (let i = 0; i < n; i++) assert.ok(Math.abs(r.x[i] - c[i]) < 1e-9, `x[${i}] = ${r.x[i]} vs ${c[i]}`);
  });

  it('backs off from non-finite regions instead of returning NaN', () => {
    // f = x − log(x) has its minimum at x = 1 and is +∞ (NaN in JS for x < 0) outside x > 0.
    const r = minimizeLbfgs((x, g) => {
      g[0] = 1 - 1 / x[0];
      return x[0] > 0 ? x[0] - Math.log(x[0]) : NaN;
    }, [8]);
    assert.ok(r.converged, r.status);
    assert.ok(Math.abs(r.x[0] - 1) < 1e-6, `x = ${r.x[0]}`);
  });

  it('reports a non-finite start and stops when aborted', () => {
    const bad = minimizeLbfgs((_x, g) => {
      g[0] = 0;
      return NaN;
    }, [0]);
    assert.strictEqual(bad.status, 'non-finite');
    assert.strictEqual(bad.converged, false);
    const signal = { aborted: true };
    const r = minimizeLbfgs((x, g) => {
      g[0] = 2 * x[0];
      return x[0] * x[0];
    }, [3], { signal });
    assert.strictEqual(r.status, 'aborted');
    assert.strictEqual(r.converged, false);
  });
});
