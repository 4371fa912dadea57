/**
 * The grid search's shortcuts (src/core/fit/powerSum.ts, engine.ts) change how fast a grid point is scored,
 * never which points are polished:
 * - a value-only call reuses X^(−α) per exponent (one log per row) and equals the exact log-sum-exp value;
 * - with a bound it may stop early, returning a partial sum that is still above the bound;
 * - BestScores holds the M smallest scores offered, as sorting all of them would;
 * - cartesian lists the grid in the order the engine has always ranked ties by (last parameter fastest).
 */
import * as assert from 'assert';
import fc from 'fast-check';
import { powerSumObjective, cartesian, HOFFMANN_GRID } from '../../src/core/fit/powerSum';
import { BestScores } from '../../src/core/fit/engine';

const HUBER = { kind: 'huber', delta: 1e-3 } as const;
const ASYM = { kind: 'asymmetric', weight: 10 } as const;

/** Random rows: log N, log D over realistic and extreme spans, losses 1–10, optional zero/positive weights. */
const data = fc.record({
  n: fc.integer({ min: 1, max: 40 }),
  nLo: fc.double({ min: -5, max: 40, noNaN: true }),
  dLo: fc.double({ min: -5, max: 40, noNaN: true }),
  seed: fc.integer(),
  weighted: fc.boolean(),
  twoTerms: fc.boolean(),
  asym: fc.boolean(),
});
const theta = fc.tuple(
  fc.double({ min: -50, max: 800, noNaN: true }),
  fc.double({ min: -50, max: 800, noNaN: true }),
  fc.double({ min: -5, max: 5, noNaN: true }),
  fc.double({ min: 0, max: 30, noNaN: true }),
  fc.double({ min: 0, max: 30, noNaN: true }),
);

type Data = typeof data extends fc.Arbitrary<infer T> ? T : never;

function build(g: Data) {
  let s = g.seed >>> 0;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0), s / 2 ** 32);
  const x1 = new Float64Array(g.n), x2 = new Float64Array(g.n), y = new Float64Array(g.n), w = new Float64Array(g.n);
  for (let i = 0; i < g.n; i++) {
    x1[i] = g.nLo + 10 * rnd();
    x2[i] = g.dLo + 10 * rnd();
    y[i] = Math.log(1 + 9 * rnd());
    w[i] = rnd() < 0.2 ? 0 : 3 * rnd();
  }
  const idx = g.twoTerms ? { a: 0, b: 1, e: 2, alpha: 3, beta: 4 } : { a: 0, b: -1, e: 2, alpha: 3, beta: -1 };
  return powerSumObjective(x1, g.twoTerms ? x2 : null, y, g.weighted ? w : null, g.asym ? ASYM : HUBER, idx);
}

describe('grid search shortcuts (fit engine)', () => {
  it('a value-only call equals the exact value from the gradient path (1e-9 relative), overflow included', () => {
    fc.assert(
      fc.property(data, theta, (g, t) => {
        const f = build(g);
        const th = Float64Array.from(t);
        const grid = f(th, null);
        const exact = f(th, new Float64Array(5));
        if (!Number.isFinite(exact)) return; // both paths agree on overflowing values below
        assert.ok(Math.abs(grid - exact) <= 1e-9 * Math.max(1, Math.abs(exact)), `grid ${grid} vs exact ${exact}`);
      }),
      { numRuns: 2000, seed: 11 },
    );
  });

  it('with a bound: the exact value when it is within the bound, else a partial sum above the bound and not above the value', () => {
    fc.assert(
      fc.property(data, theta, fc.double({ min: 0, max: 1, noNaN: true }), (g, t, frac) => {
        const f = build(g);
        const th = Float64Array.from(t);
        const exact = f(th, new Float64Array(5));
        if (!Number.isFinite(exact)) return;
        const bound = frac * exact;
        const v = f(th, null, bound);
        const tol = 1e-9 * Math.max(1, exact);
        if (exact <= bound) assert.ok(Math.abs(v - exact) <= tol);
        else assert.ok(v > bound && v <= exact + tol, `bound ${bound}, partial ${v}, exact ${exact}`);
      }),
      { numRuns: 2000, seed: 12 },
    );
  });

  it('BestScores keeps the M smallest scores: its worst equals the M-th of the sorted scores', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constant(Infinity)), { maxLength: 300 }), fc.integer({ min: 1, max: 40 }), (xs, m) => {
        const best = new BestScores(m);
        for (const x of xs) best.offer(x);
        const sorted = [...xs].sort((a, b) => a - b);
        assert.strictEqual(best.worst, sorted.length >= m && sorted[m - 1] < Infinity ? sorted[m - 1] : Infinity);
      }),
      { numRuns: 500, seed: 13 },
    );
  });

  it('cartesian lists the grid in odometer order (the last parameter fastest), as the former reduce/flatMap did', () => {
    const reference = (lists: number[][]) => lists.reduce<number[][]>((acc, vals) => acc.flatMap((prefix) => vals.map((v) => [...prefix, v])), [[]]);
    assert.deepStrictEqual(cartesian(HOFFMANN_GRID), reference(HOFFMANN_GRID));
    assert.strictEqual(cartesian(HOFFMANN_GRID).length, 4500);
    assert.deepStrictEqual(cartesian([[1, 2], [], [3]]), []);
    assert.deepStrictEqual(cartesian([]), [[]]);
  });
});
