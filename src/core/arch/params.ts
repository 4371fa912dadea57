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
import { isGated, type ArchConfig } from './types';

export interface ParamBreakdown {
  /** Token embedding matrix V×d (counted once when tied with the output head). */
  embeddings: number;
  /** Learned absolute position embeddings (rows × d; 0 for RoPE/ALiBi/relative). */
  positions: number;
  /** All layers' attention (incl. relative-position parameters, Q/K norms and MLA's latent norms). */
  attention: number;
  /** All layers' MLPs, every expert counted (MoE: total). */
  mlp: number;
  /** All layers' MLPs counting only the experts a token uses (= mlp for dense models). */
  mlpActive: number;
  /** All norms (per-layer and final). */
  norms: number;
  /** Untied output head V×d, plus its bias where it has one (0 when tied). */
  output: number;
  /** Embedding projections (OPT-350m project_in/out when word_embed_proj_dim ≠ hidden_size); usually 0. */
  projections: number;
  /** Every parameter. */
  total: number;
  /** Parameters used per token (MoE: shared + top-k experts + router; dense: = total). */
  active: number;
  /** Total minus token/position embeddings and output head (Kaplan et al. 2020's N). */
  nonEmbedding: number;
  /** Per-layer attention / MLP of a MoE layer where there are any (total and active) / norms. */
  perLayer: { attention: number; mlp: number; mlpActive: number; norms: number };
}

/** Weights and biases of one MLP of width `ff` (one expert): gated MLPs have gate, up and down matrices. */
function mlpParts(a: ArchConfig, ff: number): { weights: number; total: number } {
  const d = a.hidden_size;
  const gated = isGated(a.mlp_type);
  const hasBias = a.detail ? a.detail.bias.mlp : a.bias;
  const weights = (gated ? 3 : 2) * d * ff;
  return { weights, total: weights + (hasBias ? (gated ? 2 * ff : ff) + d : 0) };
}

/** Parameters of one norm of width w: weight (and bias for LayerNorm with bias); 0 when non-parametric. */
function normParams(a: ArchConfig, w: number): number {
  if (a.detail) return a.detail.normWeight ? w * (a.detail.normBias ? 2 : 1) : 0;
  return a.norm_type === 'layernorm' && a.bias ? 2 * w : w;
}

/**
 * One layer's attention: `weights` are the matrices a token multiplies through (for FLOPs), `total` adds
 * biases, relative-position parameters and the norms inside the attention block.
 * MLA (DeepSeek-V2 §2.1; Hugging Face DeepseekV3Attention): q_proj d×h·(nope+rope), or q_a_proj d×r_q,
 * q_a_layernorm r_q, q_b_proj r_q×h·(nope+rope); kv_a_proj_with_mqa d×(r_kv+rope), kv_a_layernorm r_kv,
 * kv_b_proj r_kv×h·(nope+v); o_proj h·v×d; `attention_bias` on q_a, kv_a and o.
 */
function attentionParts(a: ArchConfig): { weights: number; total: number } {
  const d = a.hidden_size;
  const h = a.num_attention_heads;
  const det = a.detail;
  const qkvBias = det ? det.bias.qkv : a.bias;
  const oBias = det ? det.bias.o : a.bias;
  const mla = det?.mla;
  if (mla) {
    const qk = mla.qk_nope_head_dim + mla.qk_rope_head_dim;
    const r = mla.q_lora_rank;
    const q = r === null ? d * h * qk : d * r + r * h * qk;
    const kv = d * (mla.kv_lora_rank + mla.qk_rope_head_dim) + mla.kv_lora_rank * h * (mla.qk_nope_head_dim + mla.v_head_dim);
    const o = h * mla.v_head_dim * d;
    const weights = q + kv + o;
    const norms = (r === null ? 0 : normParams(a, r)) + normParams(a, mla.kv_lora_rank);
    const biases = (qkvBias ? (r ?? 0) + mla.kv_lora_rank + mla.qk_rope_head_dim : 0) + (oBias ? d : 0);
    return { weights, total: weights + norms + biases };
  }
  const qDim = h * a.head_dim;
  const kvDim = a.num_key_value_heads * a.head_dim;
  const weights = d * qDim + 2 * d * kvDim + qDim * d;
  let total = weights + (qkvBias ? qDim + 2 * kvDim : 0) + (oBias ? d : 0);
  if (det?.qkNorm === 'head') total += 2 * normParams(a, a.head_dim);
  if (det?.qkNorm === 'full') total += normParams(a, qDim) + normParams(a, kvDim);
  if (a.position_embedding === 'relative') total += d * qDim + 2 * qDim;
  return { weights, total };
}

/** MoE layer parts: routed experts, shared expert(s) with their gate, router. */
function moeParts(a: ArchConfig): { weights: number; weightsActive: number; total: number; active: number } {
  const m = a.moe!;
  const d = a.hidden_size;
  const expert = mlpParts(a, m.expert_intermediate_size);
  const shared = m.shared_intermediate_size !== undefined
    ? (m.shared_intermediate_size > 0 ? mlpParts(a, m.shared_intermediate_size) : { weights: 0, total: 0 })
    : { weights: m.num_shared_experts * expert.weights, total: m.num_shared_experts * expert.total };
  const gates = d * m.num_experts + (m.shared_expert_gate ? d : 0);
  return {
    weights: m.num_experts * expert.weights + shared.weights + gates,
    weightsActive: m.num_experts_per_tok * expert.weights + shared.weights + gates,
    total: m.num_experts * expert.total + shared.total + gates,
    active: m.num_experts_per_tok * expert.total + shared.total + gates,
  };
}

/**
 * Matrices a token passes through in the forward pass, summed over layers — the 2·(weights) FLOPs of
 * Chinchilla App. F's projection, MLP and logit terms: per-layer attention, all layers' active MLP
 * (MoE: top-k + shared + routers), and the output logits (with OPT-style embedding projections).
 */
export function matmulWeights(a: ArchConfig): { attentionPerLayer: number; mlpActive: number; logits: number } {
  const L = a.num_hidden_layers;
  const E = a.detail?.embedDim ?? a.hidden_size;
  let mlpActive = L * mlpParts(a, a.intermediate_size).weights;
  if (a.moe) {
    const M = a.moe.moe_layers ?? L;
    mlpActive = M * moeParts(a).weightsActive + (L - M) * mlpParts(a, a.intermediate_size).weights;
  }
  return { attentionPerLayer: attentionParts(a).weights, mlpActive, logits: a.vocab_size * E + (E !== a.hidden_size ? a.hidden_size * E : 0) };
}

export function countParams(a: ArchConfig): ParamBreakdown {
  const d = a.hidden_size;
  const L = a.num_hidden_layers;
  const det = a.detail;
  const attention = attentionParts(a).total;

  const dense = mlpParts(a, a.intermediate_size).total;
  let mlp = dense;
  let mlpActive = dense;
  let mlpAll = L * dense;
  let mlpActiveAll = L * dense;
  if (a.moe) {
    const moe = moeParts(a);
    const M = a.moe.moe_layers ?? L;
    mlp = moe.total;
    mlpActive = moe.active;
    mlpAll = M * moe.total + (L - M) * dense;
    mlpActiveAll = M * moe.active + (L - M) * dense;
  }

  const layerNorms = (det?.normsPerLayer ?? 2) * normParams(a, d);
  const finalNorm = det?.finalNorm === false ? 0 : normParams(a, d);

  const E = det?.embedDim ?? d;
  const embeddings = a.vocab_size * E;
  const projections = E !== d ? 2 * d * E : 0;
  const positions = a.position_embedding === 'learned' ? (det?.positionRows ?? a.seq_length) * d : 0;
  const output = (a.tie_word_embeddings ? 0 : a.vocab_size * E) + (det?.bias.lmHead ? a.vocab_size : 0);
  const norms = L * layerNorms + finalNorm;
  const total = embeddings + positions + output + projections + norms + L * attention + mlpAll;
  const active = total - (mlpAll - mlpActiveAll);
  return {
    embeddings,
    positions,
    attention: L * attention,
    mlp: mlpAll,
    mlpActive: mlpActiveAll,
    norms,
    output,
    projections,
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
