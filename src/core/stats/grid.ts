/** Sample grids for curves drawn over a log axis (planner, fit and IsoFLOP charts). */

/** n log-spaced samples from lo to hi inclusive (lo, hi > 0; n ≥ 2). */
export function logspace(lo: number, hi: number, n: number): number[] {
  const a = Math.log(lo);
  const b = Math.log(hi);
  return Array.from({ length: n }, (_, i) => Math.exp(a + ((b - a) * i) / (n - 1)));
}
