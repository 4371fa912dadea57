/**
 * One IsoFLOP curve: loss against ln x (x = N or D at a fixed budget) fitted by a second-degree
 * polynomial, whose vertex is that budget's loss-minimising x (Chinchilla Approach 2, Hoffmann et al.
 * 2022 §3.2; Llama 3, arXiv 2407.21783 §3.2.1 fits the same parabola in ln D).
 *
 *   loss ≈ c0 + c1·u + c2·u²,  u = ln x − centre,  vertex u* = −c1/(2c2),  loss* = c0 − c1²/(4c2)
 *
 * The vertex's standard error comes from the delta method, g = gradient of u* in c = (0, −1/(2c2), c1/(2c2²)),
 * Var(u*) = s²·gᵀ(XᵀX)⁻¹g; the residual variance s² is supplied by the caller (pooled over budgets,
 * see isoflop.ts) because a 3-point budget has none of its own.
 */
import { leastSquares, quadraticForm } from '../stats/leastSquares';
import { maxOf, minOf } from '../stats/extent';

export interface LogParabola {
  /** loss ≈ c0 + c1·u + c2·u² with u = ln x − centre. */
  centre: number;
  c0: number;
  c1: number;
  c2: number;
  /** ln of the vertex and the vertex itself (x*), and the fitted loss there. */
  vertexLn: number;
  vertex: number;
  minLoss: number;
  /** ln-range of the x values the parabola was fitted to. */
  lnRange: [number, number];
  rss: number;
  df: number;
  /** (XᵀX)⁻¹ of the fit, for the delta method. */
  xtxInv: number[][];
  /** The vertex is a minimum (c2 > 0) inside the sampled range. */
  interior: boolean;
}

export function fitLogParabola(x: number[], loss: number[]): LogParabola {
  const ln = x.map(Math.log);
  const centre = ln.reduce((s, v) => s + v, 0) / ln.length;
  const rows = ln.map((v) => [1, v - centre, (v - centre) ** 2]);
  const fit = leastSquares(rows, loss);
  const [c0, c1, c2] = fit.coef;
  const u = -c1 / (2 * c2);
  const vertexLn = centre + u;
  const lnRange: [number, number] = [minOf(ln), maxOf(ln)];
  return {
    centre,
    c0,
    c1,
    c2,
    vertexLn,
    vertex: Math.exp(vertexLn),
    minLoss: c0 - (c1 * c1) / (4 * c2),
    lnRange,
    rss: fit.rss,
    df: fit.df,
    xtxInv: fit.xtxInv,
    interior: c2 > 0 && vertexLn >= lnRange[0] && vertexLn <= lnRange[1],
  };
}

/** Evaluate the fitted parabola at x (for drawing the curve). */
export function evalLogParabola(p: LogParabola, x: number): number {
  const u = Math.log(x) - p.centre;
  return p.c0 + p.c1 * u + p.c2 * u * u;
}

/** Standard error of ln(vertex) given a residual variance s². */
export function vertexLnSE(p: LogParabola, residualVariance: number): number {
  const g = [0, -1 / (2 * p.c2), p.c1 / (2 * p.c2 * p.c2)];
  return Math.sqrt(residualVariance * quadraticForm(p.xtxInv, g));
}
