/**
 * Parameter count of a decoder-only Transformer, by component.
 *
 * Per layer: attention Q/K/V/O projections (K and V shrink by n_kv/n_heads under grouped-query attention,
 * Ainslie et al. 2023), the MLP (GELU: 2 matrices d×ff; SwiGLU: 3, Shazeer 2020), two norms
 * (LayerNorm weight+bias, RMSNorm weight only); plus token embeddings, learned position embeddings
 * (GPT-2), the final norm and an untied output head. Transformer-XL relative positions (used by
 * Gopher/Chinchilla) add per layer a d×d_attn projection of the relative encodings and two d_attn biases.
 *
 * Reproduces: GPT-2 small 124,439,808 (123,653,376 without position embeddings, as nanoGPT reports);
 * Chinchilla's 73M row 73,825,280 (as in nanoGPT's scaling_laws.ipynb); LLaMA-style
 * N = 2·V·H + L·(4H² + 3·H·D_ff + 2H) + H.
 */
import type { ArchConfig } from './types';

export interface ParamBreakdown {
  /** Token embedding matrix V×d (counted once when tied with the output head). */
  embeddings: number;
  /** Learned absolute position embeddings seq×d (0 for RoPE/ALiBi/relative). */
  positions: number;
  /** All layers' attention (incl. relative-position parameters). */
  attention: number;
  /** All layers' MLPs, every expert counted (MoE: total). */
  mlp: number;
  /** All layers' MLPs counting only the experts a token uses (= mlp for dense models). */
  mlpActive: number;
  /** All norms (per-layer and final). */
  norms: number;
  /** Untied output head V×d (0 when tied). */
  output: number;
  /** Every parameter. */
  total: number;
  /** Parameters used per token (MoE: shared + top-k experts + router; dense: = total). */
  active: number;
  /** Total minus token/position embeddings and output head (Kaplan et al. 2020's N). */
  nonEmbedding: number;
  /** Per-layer attention / MLP (total and active) / norms. */
  perLayer: { attention: number; mlp: number; mlpActive: number; norms: number };
}

/** Parameters of one MLP of width `ff` (one expert). */
function mlpParams(a: ArchConfig, ff: number): number {
  const d = a.hidden_size;
  const b = a.bias ? 1 : 0;
  return a.mlp_type === 'swiglu' ? 3 * d * ff + b * (2 * ff + d) : 2 * d * ff + b * (ff + d);
}

export function countParams(a: ArchConfig): ParamBreakdown {
  const d = a.hidden_size;
  const L = a.num_hidden_layers;
  const b = a.bias ? 1 : 0;
  const qDim = a.num_attention_heads * a.head_dim;
  const kvDim = a.num_key_value_heads * a.head_dim;

  let attention = d * qDim + 2 * d * kvDim + qDim * d + b * (qDim + 2 * kvDim + d);
  if (a.position_embedding === 'relative') attention += d * qDim + 2 * qDim;

  let mlp: number;
  let mlpActive: number;
  if (a.moe) {
    const expert = mlpParams(a, a.moe.expert_intermediate_size);
    const router = d * a.moe.num_experts;
    mlp = (a.moe.num_experts + a.moe.num_shared_experts) * expert + router;
    mlpActive = (a.moe.num_experts_per_tok + a.moe.num_shared_experts) * expert + router;
  } else {
    mlp = mlpActive = mlpParams(a, a.intermediate_size);
  }

  const norm = a.norm_type === 'layernorm' && a.bias ? 2 * d : d;
  const layerNorms = 2 * norm;

  const embeddings = a.vocab_size * d;
  const positions = a.position_embedding === 'learned' ? a.seq_length * d : 0;
  const output = a.tie_word_embeddings ? 0 : a.vocab_size * d;
  const norms = L * layerNorms + norm;
  const total = embeddings + positions + output + norms + L * (attention + mlp);
  const active = total - L * (mlp - mlpActive);
  return {
    embeddings,
    positions,
    attention: L * attention,
    mlp: L * mlp,
    mlpActive: L * mlpActive,
    norms,
    output,
    total,
    active,
    nonEmbedding: total - embeddings - positions - output,
    perLayer: { attention, mlp, mlpActive, norms: layerNorms },
  };
}

/**
 * Non-embedding parameters for a model known only by its total count, inverting Pearce & Song 2024
 * (arXiv 2406.12907, "Reconciling Kaplan and Chinchilla scaling laws"), who fit
 *   N_total = N_nonembed + 47491·N_nonembed^(1/3)
 * across Kaplan's and Chinchilla's model families. Used when a law counts non-embedding parameters
 * (Kaplan et al. 2020) but the config gives only a parameter count. With x = N_nonembed^(1/3) this is
 * the depressed cubic x³ + p·x − N_total = 0 (p = 47491 > 0, one real root); Cardano's root is
 * written as u − p/(3u) to avoid cancelling two nearly equal cube roots.
 */
export const PEARCE_SONG_EMBEDDING_COEF = 47491;

export function nonEmbeddingFromTotal(total: number): number {
  const p = PEARCE_SONG_EMBEDDING_COEF;
  const u = Math.cbrt(total / 2 + Math.sqrt((total * total) / 4 + (p * p * p) / 27));
  const x = u - p / (3 * u);
  return x * x * x;
}
