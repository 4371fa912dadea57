/**
 * Small descriptive statistics for bootstrap summaries.
 * `quantileSorted` uses linear interpolation between order statistics (Hyndman & Fan 1996 type 7,
 * the default of numpy.percentile and R's quantile), so our percentile intervals match what users
 * compute from the same resamples in Python.
 */

/** q-quantile (0 ≤ q ≤ 1) of an ascending-sorted array; NaN-free input required. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantile of an empty sample');
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Sample mean. */
export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}

/**
 * Sample standard deviation (n − 1 denominator), the bootstrap standard error of a statistic. Computed on
 * values scaled by the largest magnitude: bootstrap coefficients of a weakly identified fit can reach 1e200,
 * whose squares would overflow to Infinity.
 */
export function sampleStd(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n < 2) return NaN;
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(xs[i]));
  if (scale === 0 || !Number.isFinite(scale)) return scale === 0 ? 0 : NaN;
  let m = 0;
  for (let i = 0; i < n; i++) m += xs[i] / scale;
  m /= n;
  let s = 0;
  for (let i = 0; i < n; i++) s += (xs[i] / scale - m) ** 2;
  return scale * Math.sqrt(s / (n - 1));
}

/** [lo, hi] percentile interval, e.g. level 0.95 → 2.5th and 97.5th percentiles. */
export function percentileInterval(values: ArrayLike<number>, level = 0.95): [number, number] {
  const sorted = Float64Array.from(values).sort();
  const tail = (1 - level) / 2;
  return [quantileSorted(sorted, tail), quantileSorted(sorted, 1 - tail)];
}
