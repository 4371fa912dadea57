/**
 * Robust one-dimensional solvers shared by every numeric allocation (data-constrained optimum,
 * inference-aware optimum, minimum compute for a target loss). Allocation problems here are solved in
 * log space (ln N, ln D, ln C), where the objectives are smooth and well scaled.
 */

export interface MinimizeOptions {
  /** Points of the coarse scan that brackets the minimum (guards against a poor bracket). */
  gridPoints?: number;
  /** Absolute tolerance on x. */
  tol?: number;
}

const INV_PHI = (Math.sqrt(5) - 1) / 2;

/** ln(e^a + e^b) without overflow or loss of the smaller term. */
export const logAddExp = (a: number, b: number): number =>
  a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
/** Step of the central difference used to locate a minimum as a root of f′ (x is a logarithm). */
const H = 1e-5;

/**
 * Minimise f on [lo, hi]. A coarse scan picks the best grid cell; inside the two neighbouring cells the
 * minimum is then located as the root of a central-difference f′ by bisection. Near a minimum f is flat
 * to second order, so comparing values (golden section) only locates x to ~√ε; the sign of f′ locates it
 * to ~ε/f″. Golden section is the fallback when f′ has no sign change in the bracket (minimum on an
 * edge, infeasible +Infinity points). Both tolerate kinks (the data-constrained loss has one).
 */
export function minimizeScalar(
  f: (x: number) => number,
  lo: number,
  hi: number,
  opts: MinimizeOptions = {},
): { x: number; fx: number } {
  const n = Math.max(3, opts.gridPoints ?? 41);
  const tol = opts.tol ?? 1e-10;
  const h = (hi - lo) / (n - 1);
  let best = 0;
  let bestF = Infinity;
  for (let i = 0; i < n; i++) {
    const fx = f(lo + i * h);
    if (fx < bestF) {
      bestF = fx;
      best = i;
    }
  }
  if (!Number.isFinite(bestF)) throw new Error('minimizeScalar: the objective is infinite or NaN over the whole bracket');
  const a = lo + Math.max(best - 1, 0) * h;
  const b = lo + Math.min(best + 1, n - 1) * h;
  const slope = (x: number) => (f(x + H) - f(x - H)) / (2 * H);
  const sa = slope(a + H);
  const sb = slope(b - H);
  if (sa < 0 && sb > 0) {
    const x = bisectRoot(slope, a + H, b - H, tol);
    return { x, fx: f(x) };
  }
  const g = goldenSection(f, a, b, tol);
  // The grid point itself can beat the refined point when the minimum sits on a bracket edge.
  return g.fx <= bestF ? g : { x: lo + best * h, fx: bestF };
}

function goldenSection(f: (x: number) => number, lo: number, hi: number, tol: number): { x: number; fx: number } {
  let a = lo;
  let b = hi;
  let c = b - INV_PHI * (b - a);
  let d = a + INV_PHI * (b - a);
  let fc = f(c);
  let fd = f(d);
  while (b - a > tol) {
    if (fc <= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - INV_PHI * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + INV_PHI * (b - a);
      fd = f(d);
    }
  }
  const x = (a + b) / 2;
  return { x, fx: f(x) };
}

/**
 * Root of g on [lo, hi], where g(lo) and g(hi) differ in sign. Illinois variant of regula falsi: each
 * step stays inside the bracket (so it cannot diverge like Newton) but converges superlinearly; a
 * bisection step is forced whenever the bracket fails to halve, which bounds the worst case.
 */
export function bisectRoot(g: (x: number) => number, lo: number, hi: number, tol = 1e-13): number {
  let a = lo;
  let b = hi;
  let ga = g(a);
  let gb = g(b);
  if (ga === 0) return a;
  if (gb === 0) return b;
  if (!(Math.sign(ga) * Math.sign(gb) < 0)) throw new Error('bisectRoot: the root is not bracketed');
  let side = 0;
  for (let i = 0; i < 300; i++) {
    const width = b - a;
    if (width <= tol * Math.max(1, Math.abs(a), Math.abs(b))) break;
    let x = (a * gb - b * ga) / (gb - ga);
    if (!(x > a && x < b)) x = (a + b) / 2;
    const gx = g(x);
    if (gx === 0) return x;
    if (Math.sign(gx) === Math.sign(ga)) {
      a = x;
      ga = gx;
      if (side === -1) gb /= 2; // Illinois: halve the stale end so the next secant moves it
      side = -1;
    } else {
      b = x;
      gb = gx;
      if (side === 1) ga /= 2;
      side = 1;
    }
    if (b - a > width / 2) {
      // Too slow a shrink: one bisection step.
      const m = (a + b) / 2;
      const gm = g(m);
      if (gm === 0) return m;
      if (Math.sign(gm) === Math.sign(ga)) {
        a = m;
        ga = gm;
      } else {
        b = m;
        gb = gm;
      }
      side = 0;
    }
  }
  return (a + b) / 2;
}
