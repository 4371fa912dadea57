/**
 * Propose a real architecture shape (layers, width, heads, MLP width) whose parameter count hits a
 * target N within a tolerance — used by sweep planning, where every point of an IsoFLOP grid must be a
 * model someone can actually train.
 *
 * Search: for each depth L, bisect the width d over multiples of `widthMultiple` (tensor-core friendly)
 * for the two widths bracketing the target (N grows monotonically with d), and keep the candidates within
 * tolerance. Among them prefer the aspect ratio d/L closest (in log) to `aspectRatio`: Kaplan et al.
 * 2020 (Fig. 5) find loss nearly flat over a wide range of shapes, and published families sit around
 * d/L ≈ 64–128 (Chinchilla 640/10, LLaMA-7B 4096/32).
 */
import { normaliseArch, type ArchConfig } from './types';
import { countParams } from './params';

export interface ShapeOptions {
  /** Architecture fields kept fixed (vocab_size, seq_length, style, mlp_type, tie_word_embeddings, …). */
  base?: Record<string, unknown>;
  /** Accepted |N − target| / target; default 0.02. */
  tolerance?: number;
  /** Head dimension; default 64 (128 for widths ≥ 2048). */
  headDim?: number;
  /** Width multiple; default 64. */
  widthMultiple?: number;
  /** Preferred d/L; default 100. */
  aspectRatio?: number;
  /** Count total or active (MoE) parameters; default total. */
  count?: 'total' | 'active';
}

export interface ShapeResult {
  arch: ArchConfig;
  N: number;
  relError: number;
  /** True when no shape met the tolerance and the closest one is returned. */
  outsideTolerance: boolean;
}

export function shapeForParams(targetN: number, opts: ShapeOptions = {}): ShapeResult {
  if (!(Number.isFinite(targetN) && targetN > 0)) throw new RangeError(`shapeForParams: target N must be > 0, got ${targetN}`);
  const tol = opts.tolerance ?? 0.02;
  const mult = opts.widthMultiple ?? 64;
  const aspect = opts.aspectRatio ?? 100;
  const base = { vocab_size: 32000, seq_length: 2048, ...(opts.base ?? {}) };
  // Explicit MLP widths in `base` would pin every candidate; the style rule scales it with d instead.
  delete (base as Record<string, unknown>).intermediate_size;

  const build = (L: number, d: number): ArchConfig => {
    const headDim = opts.headDim ?? (d >= 2048 ? 128 : 64);
    const heads = Math.max(1, Math.round(d / headDim));
    const dd = heads * headDim;
    const kvBase = (base as Record<string, unknown>).num_key_value_heads;
    const groups = typeof kvBase === 'number' && kvBase > 0 ? Math.max(1, Math.round(heads / kvBase)) : 1;
    const kv = heads % groups === 0 ? heads / groups : heads;
    return normaliseArch({ ...base, hidden_size: dd, num_hidden_layers: L, num_attention_heads: heads, num_key_value_heads: kv });
  };
  const count = (a: ArchConfig) => (opts.count === 'active' ? countParams(a).active : countParams(a).total);

  let best: { arch: ArchConfig; N: number; rel: number; score: number } | undefined;
  let closest: { arch: ArchConfig; N: number; rel: number } | undefined;
  for (let L = 1; L <= 160; L++) {
    // N grows monotonically with the width: bisect over multiples of `mult` for the first k·mult with N ≥ target.
    let lo = 1;
    let hi = 2;
    while (count(build(L, hi * mult)) < targetN) {
      lo = hi;
      hi *= 2;
      if (hi > 1 << 12) break;
    }
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (count(build(L, mid * mult)) < targetN) lo = mid;
      else hi = mid;
    }
    for (const d of [lo * mult, hi * mult]) {
      if (d < mult) continue;
      const arch = build(L, d);
      const N = count(arch);
      const rel = Math.abs(N - targetN) / targetN;
      if (!closest || rel < closest.rel) closest = { arch, N, rel };
      if (rel <= tol) {
        const score = Math.abs(Math.log(arch.hidden_size / L / aspect));
        if (!best || score < best.score) best = { arch, N, rel, score };
      }
    }
    // Deeper only gets narrower: stop once the width is a quarter of the preferred aspect ratio.
    if ((hi * mult) / L < aspect / 4 && (best || closest!.rel < tol)) break;
  }
  const pick = best ?? closest;
  if (!pick) throw new RangeError(`shapeForParams: no shape found for N = ${targetN}`);
  return { arch: pick.arch, N: pick.N, relError: (pick.N - targetN) / targetN, outsideTolerance: !best };
}
