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

/**
 * The per-row loss a fit minimises, on the residual r = log L̂ − log L (y = log L observed):
 *  - 'huber': Huber_δ(r), Hoffmann et al. 2022 (the default);
 *  - 'asymmetric': the asymmetric absolute error on the loss itself of kyo-takano/chinchilla
 *    (chinchilla/_metrics.py `asymmetric_mae`, its default loss, w = 1e1): e = L − L̂; cost e when the
 *    prediction is below the observed loss, w·|e| when it is above — so the law is fitted to the LOWER edge of
 *    noisy runs (the best loss a setup reaches) rather than their middle.
 */
export type RowLoss = { kind: 'huber'; delta: number } | { kind: 'asymmetric'; weight: number };

/** kyo-takano/chinchilla's default weight of over-predictions. */
export const ASYMMETRIC_WEIGHT = 10;

/** Row loss value (see RowLoss). */
export function rowLoss(loss: RowLoss, r: number, y: number): number {
  if (loss.kind === 'huber') return huber(r, loss.delta);
  const obs = Math.exp(y);
  const e = obs - obs * Math.exp(r);
  return e > 0 ? e : -loss.weight * e;
}

/** d(row loss)/d(log L̂). */
export function rowLossGrad(loss: RowLoss, r: number, y: number): number {
  if (loss.kind === 'huber') return huberGrad(r, loss.delta);
  const pred = Math.exp(y + r);
  return Math.exp(y) - pred > 0 ? -pred : loss.weight * pred;
}
