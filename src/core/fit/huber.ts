/**
 * Huber loss (Huber 1964), the robust objective of the Chinchilla fit (Hoffmann et al. 2022, App. D.2,
 * δ = 10⁻³ on log-loss residuals): quadratic for |r| ≤ δ, linear beyond, so outlying runs pull less.
 * Matches scipy.special.huber(δ, r).
 */
export function huber(r: number, delta: number): number {
  const a = Math.abs(r);
  return a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
}

/** dHuber/dr = r clipped to [−δ, δ]. */
export function huberGrad(r: number, delta: number): number {
  return r > delta ? delta : r < -delta ? -delta : r;
}
