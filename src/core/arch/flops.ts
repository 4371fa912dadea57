/**
 * Training FLOPs per token, in two conventions, and their ratio.
 *
 * 1. "6N" (Kaplan et al. 2020; Hoffmann et al. 2022): C ≈ 6·N·D — 2 FLOPs per parameter per token
 *    forward, twice that backward. The scaling laws in the registry are fitted under this convention,
 *    with N = all parameters (for MoE we use the ACTIVE parameters).
 * 2. "exact" — Chinchilla App. F (Hoffmann et al. 2022, arXiv 2203.15556) per forward pass:
 *      Q/K/V projections 2·d·(h·d_k + 2·n_kv·d_k); K·Q logits 2·s·h·d_k; softmax 3·h·s;
 *      softmax·V 2·s·h·d_k; output projection 2·h·d_k·d; dense block 2·2·d·ff (SwiGLU: 2·3·d·ff,
 *      MoE: × active experts, + router 2·d·E); final logits 2·d·V; (embedding lookups 2·d·V as printed)
 *    and training = 3 × forward (backward = 2 × forward, Kaplan et al. 2020).
 *
 * App. F lists embedding and logit FLOPs, but the paper's Table A4 comparison with 6ND leaves them out
 * (per the authors' correspondence reported in nanoGPT's scaling_laws.ipynb); `tableA4` follows the
 * table, so the 73M row reproduces its ≈1.025 ratio. `exact` adds the output logits — FLOPs the GPU
 * really performs — and is what backward analysis uses when asked for exact FLOPs. Embedding lookups
 * are memory reads, not matmuls, and are reported separately only.
 */
import type { ArchConfig } from './types';
import { countParams, matmulWeights } from './params';

export interface FlopsPerToken {
  /** 6·N (N = active parameters incl. embeddings). */
  sixN: number;
  /** Chinchilla App. F: layers (attention + MLP) + output logits, × 3 for training. */
  exact: number;
  /** Chinchilla App. F as in Table A4: layers only, × 3. */
  tableA4: number;
  /** exact / sixN. */
  ratio: number;
  /** tableA4 / sixN (Chinchilla Table A4's "ratio" column). */
  tableA4Ratio: number;
  /** Sequence length the attention terms were evaluated at. */
  seqLength: number;
  /** Training FLOPs per token by component (× 3 applied). */
  components: {
    attentionProjections: number;
    attentionScores: number;
    mlp: number;
    logits: number;
    /** Embedding lookups as App. F prints them (2·d·V ×3); not included in `exact`. */
    embeddings: number;
  };
}

/** Training FLOPs per token; `seqLength` overrides the architecture's (attention cost grows with it). */
export function flopsPerToken(a: ArchConfig, seqLength = a.seq_length): FlopsPerToken {
  const L = a.num_hidden_layers;
  const s = seqLength;
  const h = a.num_attention_heads;
  // Attention dimensions: Q·K over the query/key head width, softmax·V over the value head width
  // (equal except under MLA, where keys carry qk_nope + qk_rope and values v_head_dim).
  const mla = a.detail?.mla;
  const qkDim = mla ? h * (mla.qk_nope_head_dim + mla.qk_rope_head_dim) : h * a.head_dim;
  const vDim = mla ? h * mla.v_head_dim : h * a.head_dim;
  // Projections, MLP and logits are 2 FLOPs per weight a token multiplies through (App. F's
  // 2·d·(h·d_k + 2·n_kv·d_k) + 2·h·d_k·d, 2·2·d·ff / 2·3·d·ff, MoE × active experts + router 2·d·E, 2·d·V).
  const w = matmulWeights(a);
  const proj = 2 * w.attentionPerLayer;
  const scores = 2 * s * qkDim + 3 * h * s + 2 * s * vDim;
  const logits = 2 * w.logits;

  const c = {
    attentionProjections: 3 * L * proj,
    attentionScores: 3 * L * scores,
    mlp: 3 * 2 * w.mlpActive,
    logits: 3 * logits,
    embeddings: 3 * logits,
  };
  const tableA4 = c.attentionProjections + c.attentionScores + c.mlp;
  const exact = tableA4 + c.logits;
  const sixN = 6 * countParams(a).active;
  return { sixN, exact, tableA4, ratio: exact / sixN, tableA4Ratio: tableA4 / sixN, seqLength: s, components: c };
}

/** How exact FLOPs/token and the attention share grow with context length (attention is O(s) per token). */
export function seqLengthScaling(a: ArchConfig, seqLengths: number[]): Array<{ seqLength: number; exact: number; ratio: number; attentionScoresShare: number }> {
  return seqLengths.map((s) => {
    const f = flopsPerToken(a, s);
    return { seqLength: s, exact: f.exact, ratio: f.ratio, attentionScoresShare: f.components.attentionScores / f.exact };
  });
}
