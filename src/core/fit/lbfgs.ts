/**
 * Limited-memory BFGS (Nocedal 1980; Liu & Nocedal 1989) with a line search satisfying the strong Wolfe
 * conditions (Nocedal & Wright, "Numerical Optimization", 2nd ed., Algorithms 7.4, 3.5 and 3.6).
 *
 * Why hand-written: the Chinchilla fit (Hoffmann et al. 2022, App. D.2) is defined as "L-BFGS from a grid",
 * no maintained JavaScript L-BFGS exists, and the objective (a sum of Huber losses) is cheap enough that the
 * optimiser's own overhead matters. Everything works on Float64Arrays and allocates only at start-up.
 *
 * The objective fills `grad` and returns f. Non-finite f at a trial point is treated as "too large", so the
 * line search backs off instead of propagating NaN.
 */

export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  /** Number of correction pairs kept (m). */
  memory?: number;
  maxIterations?: number;
  /** Stop when max |g_i| ≤ gtol. */
  gtol?: number;
  /** Stop when (f_prev − f) ≤ ftol · max(|f_prev|, |f|): relative decrease at the precision floor. */
  ftol?: number;
  /** Sufficient decrease (Armijo) and curvature constants of the strong Wolfe conditions. */
  c1?: number;
  c2?: number;
  maxLineSearch?: number;
  /**
   * Initial inverse-Hessian scale γ (first step −γ·g). Warm starts pass the γ of a previous run on similar
   * data (scaled by the ratio of row counts), so the first line search does not have to find the scale.
   */
  initialGamma?: number;
  /** Polled once per iteration; a set flag stops with status 'aborted'. */
  signal?: { aborted: boolean };
}

export type LbfgsStatus = 'gtol' | 'ftol' | 'max-iterations' | 'line-search' | 'aborted' | 'non-finite';

export interface LbfgsResult {
  x: Float64Array;
  f: number;
  grad: Float64Array;
  iterations: number;
  evaluations: number;
  status: LbfgsStatus;
  /** gtol/ftol reached, or the line search could not decrease f further at machine precision. */
  converged: boolean;
  /** The last inverse-Hessian scale sᵀy/yᵀy, for warm-starting a related problem (NaN if none). */
  gamma: number;
}

const dot = (a: Float64Array, b: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};
const maxAbs = (a: Float64Array): number => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
};

/** Minimise `fn` from `x0`. */
export function minimizeLbfgs(fn: Objective, x0: ArrayLike<number>, opts: LbfgsOptions = {}): LbfgsResult {
  const n = x0.length;
  const m = opts.memory ?? 10;
  const maxIter = opts.maxIterations ?? 1000;
  const gtol = opts.gtol ?? 1e-8;
  const ftol = opts.ftol ?? 1e-13;
  const c1 = opts.c1 ?? 1e-4;
  const c2 = opts.c2 ?? 0.9;
  const maxLs = opts.maxLineSearch ?? 40;

  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  const d = new Float64Array(n);
  const xt = new Float64Array(n);
  const gt = new Float64Array(n);
  const S = Array.from({ length: m }, () => new Float64Array(n));
  const Y = Array.from({ length: m }, () => new Float64Array(n));
  const rho = new Float64Array(m);
  const alphaBuf = new Float64Array(m);
  let stored = 0;
  let head = 0; // index of the next slot to overwrite
  let evaluations = 0;

  const evalAt = (alpha: number): number => {
    for (let i = 0; i < n; i++) xt[i] = x[i] + alpha * d[i];
    evaluations++;
    const v = fn(xt, gt);
    return Number.isFinite(v) ? v : Infinity;
  };

  let f = fn(x, g);
  evaluations++;
  let gamma = opts.initialGamma ?? NaN;
  if (!Number.isFinite(f)) {
    return { x, f, grad: g, iterations: 0, evaluations, status: 'non-finite', converged: false, gamma };
  }
  let status: LbfgsStatus = 'max-iterations';
  let iter = 0;
  let retriedSteepest = false;

  for (; iter < maxIter; iter++) {
    if (opts.signal?.aborted) {
      status = 'aborted';
      break;
    }
    if (maxAbs(g) <= gtol) {
      status = 'gtol';
      break;
    }
    // Two-loop recursion: d = −H·g.
    for (let i = 0; i < n; i++) d[i] = -g[i];
    let k = (head - 1 + m) % m;
    for (let j = 0; j < stored; j++) {
      const a = rho[k] * dot(S[k], d);
      alphaBuf[k] = a;
      const y = Y[k];
      for (let i = 0; i < n; i++) d[i] -= a * y[i];
      k = (k - 1 + m) % m;
    }
    if (stored > 0) {
      const last = (head - 1 + m) % m;
      gamma = dot(S[last], Y[last]) / dot(Y[last], Y[last]);
    }
    let scaled = gamma > 0 && (stored > 0 || !retriedSteepest);
    if (scaled) for (let i = 0; i < n; i++) d[i] *= gamma;
    k = (head - stored + m) % m;
    for (let j = 0; j < stored; j++) {
      const b = rho[k] * dot(Y[k], d);
      const s = S[k];
      const a = alphaBuf[k];
      for (let i = 0; i < n; i++) d[i] += (a - b) * s[i];
      k = (k + 1) % m;
    }
    let dphi0 = dot(g, d);
    if (!(dphi0 < 0)) {
      // Not a descent direction (numerical trouble): fall back to steepest descent.
      for (let i = 0; i < n; i++) d[i] = -g[i];
      stored = 0;
      scaled = false;
      dphi0 = dot(g, d);
    }
    const alpha0 = scaled ? 1 : Math.min(1, 1 / Math.max(maxAbs(g), 1e-300));
    const ls = strongWolfe(evalAt, f, dphi0, alpha0, c1, c2, maxLs, () => dot(gt, d));
    if (ls === null) {
      if ((stored > 0 || scaled) && !retriedSteepest) {
        // Drop the curvature memory (and any initial scale) and retry once along −g before giving up.
        stored = 0;
        retriedSteepest = true;
        continue;
      }
      status = 'line-search';
      break;
    }
    retriedSteepest = false;
    // ls left xt/gt at the accepted point unless the best point was an earlier trial.
    const fNew = ls.atLast ? ls.f : evalAt(ls.alpha);
    const s = S[head];
    const y = Y[head];
    for (let i = 0; i < n; i++) {
      s[i] = xt[i] - x[i];
      y[i] = gt[i] - g[i];
    }
    const sy = dot(s, y);
    if (sy > 1e-12 * dot(y, y)) {
      rho[head] = 1 / sy;
      head = (head + 1) % m;
      stored = Math.min(stored + 1, m);
    }
    const fPrev = f;
    x.set(xt);
    g.set(gt);
    f = fNew;
    if (fPrev - f <= ftol * Math.max(Math.abs(fPrev), Math.abs(f))) {
      iter++;
      status = 'ftol';
      break;
    }
  }
  const converged = status === 'gtol' || status === 'ftol' || status === 'line-search';
  return { x, f, grad: g, iterations: iter, evaluations, status, converged, gamma };
}

interface LineSearchResult {
  alpha: number;
  f: number;
  /** True iff the trial buffers (xt, gt) still hold the accepted point. */
  atLast: boolean;
}

/**
 * Strong Wolfe line search (Nocedal & Wright Alg. 3.5) with the zoom of Alg. 3.6, using safeguarded cubic
 * interpolation. Returns null if no point with sufficient decrease was found.
 */
function strongWolfe(
  phi: (a: number) => number,
  f0: number,
  dphi0: number,
  alpha1: number,
  c1: number,
  c2: number,
  maxEval: number,
  dphiAtLast: () => number,
): LineSearchResult | null {
  let aPrev = 0;
  let fPrev = f0;
  let dPrev = dphi0;
  let a = alpha1;
  let evals = 0;
  let lastA = NaN;
  // Best point satisfying sufficient decrease seen so far: a fallback if the curvature condition never holds.
  let bestA = 0;
  let bestF = f0;
  const accept = (alpha: number, fa: number): LineSearchResult => ({ alpha, f: fa, atLast: alpha === lastA });

  const zoom = (lo: number, flo: number, dlo: number, hi: number, fhi: number, dhi: number): LineSearchResult | null => {
    while (evals < maxEval) {
      let aj: number;
      const width = hi - lo;
      if (Number.isFinite(fhi) && Number.isFinite(dhi)) aj = cubicMin(lo, flo, dlo, hi, fhi, dhi);
      else aj = NaN;
      const lower = Math.min(lo, hi) + 0.1 * Math.abs(width);
      const upper = Math.max(lo, hi) - 0.1 * Math.abs(width);
      if (!Number.isFinite(aj) || aj < lower || aj > upper) aj = lo + 0.5 * width;
      const fj = phi(aj);
      evals++;
      lastA = aj;
      const dj = Number.isFinite(fj) ? dphiAtLast() : NaN;
      if (fj > f0 + c1 * aj * dphi0 || fj >= flo) {
        hi = aj;
        fhi = fj;
        dhi = dj;
      } else {
        if (fj < bestF) {
          bestF = fj;
          bestA = aj;
        }
        if (Math.abs(dj) <= -c2 * dphi0) return accept(aj, fj);
        if (dj * (hi - lo) >= 0) {
          hi = lo;
          fhi = flo;
          dhi = dlo;
        }
        lo = aj;
        flo = fj;
        dlo = dj;
      }
      if (Math.abs(hi - lo) <= 1e-16 * Math.max(1, Math.abs(lo))) break;
    }
    return bestA > 0 ? accept(bestA, bestF) : null;
  };

  for (let i = 0; i < maxEval; i++) {
    const fa = phi(a);
    evals++;
    lastA = a;
    if (fa > f0 + c1 * a * dphi0 || (i > 0 && fa >= fPrev)) {
      const da = Number.isFinite(fa) ? dphiAtLast() : NaN;
      return zoom(aPrev, fPrev, dPrev, a, fa, da);
    }
    const da = dphiAtLast();
    if (fa < bestF) {
      bestF = fa;
      bestA = a;
    }
    if (Math.abs(da) <= -c2 * dphi0) return accept(a, fa);
    if (da >= 0) return zoom(a, fa, da, aPrev, fPrev, dPrev);
    aPrev = a;
    fPrev = fa;
    dPrev = da;
    a *= 4;
  }
  return bestA > 0 ? accept(bestA, bestF) : null;
}

/** Minimiser of the cubic interpolating f and f' at a and b (Nocedal & Wright Eq. 3.59). */
function cubicMin(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const d1 = da + db - (3 * (fa - fb)) / (a - b);
  const disc = d1 * d1 - da * db;
  if (!(disc >= 0)) return NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  return b - ((b - a) * (db + d2 - d1)) / (db - da + 2 * d2);
}
