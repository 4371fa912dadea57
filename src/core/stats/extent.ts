/**
 * Smallest and largest of a list by a loop. `Math.min(...xs)` passes every element as an argument and
 * overflows the call stack past ~125k elements (a large table of runs); these never do. Empty → ±Infinity,
 * as Math.min()/Math.max() with no arguments.
 */
export function minOf(xs: Iterable<number>): number {
  let m = Infinity;
  for (const x of xs) if (x < m || Number.isNaN(x)) m = x;
  return m;
}

export function maxOf(xs: Iterable<number>): number {
  let m = -Infinity;
  for (const x of xs) if (x > m || Number.isNaN(x)) m = x;
  return m;
}
