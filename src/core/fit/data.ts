/**
 * Column-oriented copy of the rows a fit uses. Objectives loop over Float64Arrays (no per-row objects in the
 * hot loops) and reuse the logarithms computed once here.
 */
import type { RunRow } from '../csv';

export interface FitData {
  n: number;
  N: Float64Array;
  D: Float64Array;
  /** Training compute: the C column where given, else 6·N·D. */
  C: Float64Array;
  /** Unique tokens, when the table has them. */
  U: Float64Array | null;
  loss: Float64Array;
  lnN: Float64Array;
  lnD: Float64Array;
  lnC: Float64Array;
  /** ln(loss): every objective here compares predictions with the loss in log space. */
  y: Float64Array;
  lines: Uint32Array;
  /**
   * Per-row weights of the objective (null = every row 1), e.g. 1/(checkpoints of the run) so each training
   * run counts once however many checkpoints it logged. Every form's objective and gradient scale row i by it.
   */
  weights: Float64Array | null;
}

export function fitDataFromRows(rows: readonly RunRow[], weights?: ArrayLike<number> | null): FitData {
  const n = rows.length;
  const N = new Float64Array(n);
  const D = new Float64Array(n);
  const C = new Float64Array(n);
  const loss = new Float64Array(n);
  const lines = new Uint32Array(n);
  let hasU = n > 0;
  for (let i = 0; i < n && hasU; i++) hasU = rows[i].U !== undefined;
  const U = hasU ? new Float64Array(n) : null;
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    N[i] = r.N;
    D[i] = r.D;
    C[i] = r.C ?? 6 * r.N * r.D;
    loss[i] = r.loss;
    lines[i] = r.line;
    if (U) U[i] = r.U!;
  }
  return withLogs({ n, N, D, C, U, loss, lines, weights: weights ? Float64Array.from(weights) : null });
}

/** Rows at `idx` (used for the grid-search subsample of very large tables). */
export function subsetFitData(d: FitData, idx: ArrayLike<number>): FitData {
  const pick = (a: Float64Array) => Float64Array.from(idx, (i) => a[i]);
  return withLogs({
    n: idx.length,
    N: pick(d.N),
    D: pick(d.D),
    C: pick(d.C),
    U: d.U ? pick(d.U) : null,
    loss: pick(d.loss),
    lines: Uint32Array.from(idx, (i) => d.lines[i]),
    weights: d.weights ? pick(d.weights) : null,
  });
}

function withLogs(d: Omit<FitData, 'lnN' | 'lnD' | 'lnC' | 'y'>): FitData {
  const log = (a: Float64Array) => {
    const out = new Float64Array(a.length);
    for (let i = 0; i < a.length; i++) out[i] = Math.log(a[i]);
    return out;
  };
  return { ...d, lnN: log(d.N), lnD: log(d.D), lnC: log(d.C), y: log(d.loss) };
}

/** Number of distinct values (for the "too few distinct N or D" refusal). */
export function countDistinct(a: Float64Array, stopAt = Infinity): number {
  const seen = new Set<number>();
  for (let i = 0; i < a.length && seen.size < stopAt; i++) seen.add(a[i]);
  return seen.size;
}
