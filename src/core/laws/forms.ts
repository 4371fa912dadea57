/**
 * The functional forms shared by the published-law registry, the fitting engine and the sweep tools.
 * One implementation per idea: everything that evaluates a Chinchilla-form or data-constrained loss,
 * or the Chinchilla closed-form optimum, calls these.
 */

/**
 * Chinchilla parametric loss (Hoffmann et al. 2022, arXiv 2203.15556, Eq. 2 / Eq. 10):
 *   L(N, D) = E + A / N^α + B / D^β
 * N counts all parameters (incl. embeddings), D training tokens.
 */
export interface ChinchillaParams {
  E: number;
  A: number;
  B: number;
  alpha: number;
  beta: number;
}

export function chinchillaLoss(p: ChinchillaParams, N: number, D: number): number {
  return p.E + p.A / Math.pow(N, p.alpha) + p.B / Math.pow(D, p.beta);
}

/**
 * Closed-form compute-optimal allocation under C = k·N·D (k = 6 FLOPs per parameter per token),
 * Hoffmann et al. 2022 Eq. 4:
 *   N_opt = G·(C/k)^a,  D_opt = G⁻¹·(C/k)^b,  G = (αA / (βB))^(1/(α+β)),  a = β/(α+β),  b = α/(α+β).
 */
export function chinchillaOptimal(
  p: ChinchillaParams,
  C: number,
  flopsPerParamToken = 6,
): { N: number; D: number; loss: number; a: number; b: number; G: number } {
  const s = p.alpha + p.beta;
  const G = Math.pow((p.alpha * p.A) / (p.beta * p.B), 1 / s);
  const a = p.beta / s;
  const b = p.alpha / s;
  const x = C / flopsPerParamToken;
  const N = G * Math.pow(x, a);
  const D = Math.pow(x, b) / G;
  return { N, D, loss: chinchillaLoss(p, N, D), a, b, G };
}

/**
 * Data-constrained extension (Muennighoff et al. 2023, arXiv 2305.16264, Eq. 5–7): repeated tokens and
 * excess parameters are worth exponentially less.
 *   R_D = max(D/U_D − 1, 0),  D' = U_D + U_D·R_D*·(1 − e^(−R_D/R_D*))
 *   U_N = min(N_opt(U_D), N), R_N = max(N/U_N − 1, 0),  N' = U_N + U_N·R_N*·(1 − e^(−R_N/R_N*))
 *   L = E + A/N'^α + B/D'^β
 * N_opt(U_D) is the model size for which U_D tokens are compute-optimal under the base law (Eq. 4):
 * D_opt = G⁻¹·x^b  ⇒  x = (U_D·G)^(1/b),  N_opt = G·x^a.
 */
export interface DataConstrainedParams extends ChinchillaParams {
  RDstar: number;
  RNstar: number;
}

/**
 * The saturating repetition term R*·(1 − e^(−R/R*)) of Eq. 5–6 (Muennighoff et al. 2023): ≈ R while R ≪ R*,
 * → R* as R grows. Computed as R·(1 − e^(−x))/x with x = R/R*, so a repetition constant a fit drove to the
 * largest double (R* → ∞: the runs show no decay) gives R instead of ∞·0 = NaN, and −expm1 keeps the small-x
 * case exact (1 − e^(−1e-16) is 0 or 2.2e-16 in floating point).
 */
export function saturatingRepeats(R: number, Rstar: number): number {
  if (R === 0) return 0;
  const x = R / Rstar;
  // Series of (1 − e^(−x))/x below 1e-6: 1 − x/2 + x²/6, exact to ~1e-19 there (and x may underflow to 0).
  return x < 1e-6 ? R * (1 - x / 2 + (x * x) / 6) : (R * -Math.expm1(-x)) / x;
}

/** Effective data D' for D tokens drawn from U unique tokens. D ≤ U gives D' = D exactly. */
export function effectiveData(D: number, U: number, RDstar: number): number {
  const RD = Math.max(D / U - 1, 0);
  const UD = Math.min(D, U);
  return UD + UD * saturatingRepeats(RD, RDstar);
}

/** The base law's compute-optimal N for which `tokens` is the optimal token count (Eq. 4 inverted). */
export function optimalParamsForTokens(p: ChinchillaParams, tokens: number): number {
  const s = p.alpha + p.beta;
  const G = Math.pow((p.alpha * p.A) / (p.beta * p.B), 1 / s);
  const a = p.beta / s;
  const b = p.alpha / s;
  const x = Math.pow(tokens * G, 1 / b);
  return G * Math.pow(x, a);
}

/** Effective parameters N' given unique data U (excess parameters beyond N_opt(U) decay, Eq. 6). */
export function effectiveParams(p: DataConstrainedParams, N: number, U: number): number {
  const UN = Math.min(optimalParamsForTokens(p, U), N);
  const RN = Math.max(N / UN - 1, 0);
  return UN + UN * saturatingRepeats(RN, p.RNstar);
}

export function dataConstrainedLoss(p: DataConstrainedParams, N: number, D: number, U: number): number {
  const Dp = effectiveData(D, U, p.RDstar);
  const Np = effectiveParams(p, N, U);
  return p.E + p.A / Math.pow(Np, p.alpha) + p.B / Math.pow(Dp, p.beta);
}
