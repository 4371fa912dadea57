/**
 * Nearest-name suggestions ("did you mean H100-SXM?") by Levenshtein edit distance
 * (Levenshtein 1966), computed with the classic two-row dynamic programme.
 */

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    prev = cur;
  }
  return prev[b.length];
}

/**
 * The `k` candidates closest to `query`. Each candidate may have several spellings (`keys`); its
 * distance is the best over them. A key that contains the query (or vice versa) counts as distance 0.5
 * so "H100" ranks the H100 variants first.
 */
export function nearest<T>(query: string, candidates: readonly T[], keys: (c: T) => string[], k = 3): T[] {
  const scored = candidates.map((c) => {
    let best = Infinity;
    for (const key of keys(c)) {
      const d = key.includes(query) || query.includes(key) ? 0.5 : editDistance(query, key);
      best = Math.min(best, d);
    }
    return { c, best };
  });
  scored.sort((x, y) => x.best - y.best);
  return scored.slice(0, k).map((s) => s.c);
}
