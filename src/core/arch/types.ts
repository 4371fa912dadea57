/**
 * A decoder-only Transformer described the way configs (and Hugging Face `config.json`) describe it,
 * and its normalisation: aliases (n_layer, d_model, ffw_size, max_position_embeddings…), style presets
 * (GPT-2 / LLaMA / Chinchilla) and defaults, with errors that name the offending field.
 */

import { InputError } from '../errors';

/** Two-matrix MLP ('gelu', any non-gated activation) or gated three-matrix MLP (SwiGLU, or GeGLU as in Gemma). */
export type MlpType = 'gelu' | 'swiglu' | 'geglu';

/** Gated MLPs (SwiGLU, GeGLU) have three matrices: gate, up, down (Shazeer 2020). */
export const isGated = (t: MlpType): boolean => t !== 'gelu';
export type PositionType = 'learned' | 'rope' | 'relative' | 'alibi' | 'none';
export type NormType = 'layernorm' | 'rmsnorm';
export type ArchStyle = 'llama' | 'gpt2' | 'chinchilla';

export interface MoeConfig {
  /** Routed experts per MoE layer. */
  num_experts: number;
  /** Routed experts active per token (top-k). */
  num_experts_per_tok: number;
  /** Hidden size of each expert's MLP (default: intermediate_size). */
  expert_intermediate_size: number;
  /** Always-on shared experts (DeepSeekMoE), default 0. */
  num_shared_experts: number;
  /** Layers that are MoE layers (the others are dense MLPs of intermediate_size); default all. */
  moe_layers?: number;
  /** Width of the one shared-expert MLP when it is not num_shared_experts × expert width (Qwen2-MoE). */
  shared_intermediate_size?: number;
  /** A d→1 sigmoid gate on the shared expert (Qwen2-MoE `shared_expert_gate`). */
  shared_expert_gate?: boolean;
}

/**
 * Multi-head latent attention (DeepSeek-V2, arXiv 2405.04434, §2.1): queries optionally through a
 * low-rank q_a/q_b pair, keys and values through one compressed latent of width kv_lora_rank plus a
 * shared RoPE key of width qk_rope_head_dim.
 */
export interface MlaConfig {
  /** Rank of the query compression; null → a full q_proj. */
  q_lora_rank: number | null;
  kv_lora_rank: number;
  qk_nope_head_dim: number;
  qk_rope_head_dim: number;
  v_head_dim: number;
}

/**
 * What a framework's config pins down beyond the common shape — so the count equals the parameters the
 * framework instantiates (Hugging Face modelling code, nanoGPT model.py, Megatron-LM GPTModel). Absent for
 * hand-written architectures, which keep the simpler `bias` / `norm_type` rules.
 */
export interface ArchDetail {
  /** Which linear layers carry a bias: fused/separate Q,K,V; attention output; both MLP matrices; the LM head. */
  bias: { qkv: boolean; o: boolean; mlp: boolean; lmHead: boolean };
  /** Norm modules per layer (2 pre-norm; 1 with one shared norm for parallel attention; 4 for Gemma 2/3). */
  normsPerLayer: number;
  /** A final norm after the last layer. */
  finalNorm: boolean;
  /** Norms have a learnable weight (false: OLMo's non-parametric LayerNorm). */
  normWeight: boolean;
  /** Norms have a bias (LayerNorm with bias; RMSNorm never). */
  normBias: boolean;
  /**
   * Query/key norms: 'head' — one norm of width head_dim each for Q and K (Qwen3, Gemma 3, Phi
   * qk_layernorm); 'full' — over all heads, h·head_dim and n_kv·head_dim (OLMo 2).
   */
  qkNorm?: 'head' | 'full';
  /** Rows of the learned position table (GPT-2 n_positions; OPT adds an offset of 2); else seq_length. */
  positionRows?: number;
  /** Token-embedding width when it differs from hidden_size (OPT-350m word_embed_proj_dim): adds project_in/out. */
  embedDim?: number;
  mla?: MlaConfig;
}

/** A fully resolved architecture: every field set. */
export interface ArchConfig {
  hidden_size: number;
  num_hidden_layers: number;
  num_attention_heads: number;
  num_key_value_heads: number;
  head_dim: number;
  intermediate_size: number;
  vocab_size: number;
  seq_length: number;
  tie_word_embeddings: boolean;
  mlp_type: MlpType;
  position_embedding: PositionType;
  norm_type: NormType;
  /** Biases on the linear layers (and LayerNorm bias). GPT-2: true; LLaMA: false. */
  bias: boolean;
  moe?: MoeConfig;
  /** Exact per-framework detail (see ArchDetail); absent for hand-written architectures. */
  detail?: ArchDetail;
}

/** Error in an architecture description, with the JSON path of the field to blame. */
export class ArchError extends InputError {
  constructor(message: string, readonly path: (string | number)[]) {
    super(message);
    this.name = 'ArchError';
  }
}

const STYLES: Record<ArchStyle, Pick<ArchConfig, 'mlp_type' | 'position_embedding' | 'norm_type' | 'bias' | 'tie_word_embeddings'>> = {
  // Touvron et al. 2023 (LLaMA): SwiGLU, RoPE, RMSNorm, no biases, untied embeddings.
  llama: { mlp_type: 'swiglu', position_embedding: 'rope', norm_type: 'rmsnorm', bias: false, tie_word_embeddings: false },
  // Radford et al. 2019 (GPT-2): GELU MLP, learned positions, LayerNorm, biases, tied embeddings.
  gpt2: { mlp_type: 'gelu', position_embedding: 'learned', norm_type: 'layernorm', bias: true, tie_word_embeddings: true },
  // Hoffmann et al. 2022 (Chinchilla/Gopher): Transformer-XL relative positions, LayerNorm, biases, one V×d matrix.
  chinchilla: { mlp_type: 'gelu', position_embedding: 'relative', norm_type: 'layernorm', bias: true, tie_word_embeddings: true },
};

export const ARCH_STYLES = Object.keys(STYLES) as ArchStyle[];

/** Alternative spellings → canonical field (nanoGPT, Chinchilla tables, Hugging Face configs). */
export const ARCH_ALIASES: Readonly<Record<string, keyof ArchConfig>> = {
  d_model: 'hidden_size', n_embd: 'hidden_size', dim: 'hidden_size',
  n_layer: 'num_hidden_layers', n_layers: 'num_hidden_layers', num_layers: 'num_hidden_layers',
  n_head: 'num_attention_heads', n_heads: 'num_attention_heads', num_heads: 'num_attention_heads',
  n_kv_heads: 'num_key_value_heads', num_kv_heads: 'num_key_value_heads',
  ffw_size: 'intermediate_size', d_ff: 'intermediate_size', ffn_dim: 'intermediate_size', n_inner: 'intermediate_size',
  max_position_embeddings: 'seq_length', n_positions: 'seq_length', n_ctx: 'seq_length', block_size: 'seq_length', seq_len: 'seq_length',
  tie_embeddings: 'tie_word_embeddings',
};

/** Canonical field names, for completion and "unknown field" messages. */
export const ARCH_FIELDS: readonly string[] = [
  'style', 'hidden_size', 'num_hidden_layers', 'num_attention_heads', 'num_key_value_heads', 'head_dim',
  'intermediate_size', 'vocab_size', 'seq_length', 'tie_word_embeddings', 'mlp_type', 'position_embedding',
  'norm_type', 'bias', 'moe', 'hidden_act', 'name', 'description', '$schema',
];

/**
 * MoE fields: the canonical name first, then the spellings of Hugging Face configs (Mixtral
 * `num_local_experts`, DeepSeek `n_routed_experts` / `moe_intermediate_size` / `n_shared_experts`,
 * Qwen-MoE and OLMoE `num_experts`). Read from a `moe` object, or from the top level of a config that
 * names its experts there with any of the `num_experts` spellings.
 */
export const MOE_FIELDS: Readonly<Record<'num_experts' | 'num_experts_per_tok' | 'expert_intermediate_size' | 'num_shared_experts', readonly string[]>> = {
  num_experts: ['num_experts', 'num_local_experts', 'n_routed_experts'],
  num_experts_per_tok: ['num_experts_per_tok', 'top_k', 'active_experts'],
  expert_intermediate_size: ['expert_intermediate_size', 'moe_intermediate_size'],
  num_shared_experts: ['num_shared_experts', 'n_shared_experts'],
};

type Json = unknown;

function isObject(x: Json): x is Record<string, Json> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Read a field under its canonical name or any alias; returns [value, key actually used]. */
function pick(obj: Record<string, Json>, field: keyof ArchConfig): [Json, string] {
  if (obj[field] !== undefined) return [obj[field], field];
  for (const [alias, f] of Object.entries(ARCH_ALIASES)) if (f === field && obj[alias] !== undefined) return [obj[alias], alias];
  return [undefined, field];
}

function int(obj: Record<string, Json>, field: keyof ArchConfig, base: (string | number)[], required: boolean, min = 1): number | undefined {
  const [v, key] = pick(obj, field);
  if (v === undefined) {
    if (required) throw new ArchError(`architecture: missing required field '${field}'`, base);
    return undefined;
  }
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw new ArchError(`architecture.${key}: expected a whole number ≥ ${min}, got ${JSON.stringify(v)}`, [...base, key]);
  }
  return v;
}

function bool(obj: Record<string, Json>, field: keyof ArchConfig, base: (string | number)[]): boolean | undefined {
  const [v, key] = pick(obj, field);
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') throw new ArchError(`architecture.${key}: expected true or false, got ${JSON.stringify(v)}`, [...base, key]);
  return v;
}

function oneOf<T extends string>(obj: Record<string, Json>, key: string, allowed: readonly T[], base: (string | number)[]): T | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw new ArchError(`architecture.${key}: expected one of ${allowed.join(', ')}, got ${JSON.stringify(v)}`, [...base, key]);
  }
  return v as T;
}

/**
 * LLaMA's SwiGLU width rule (Touvron et al. 2023; Shazeer 2020): 2/3 of 4d, rounded up to a multiple of 256,
 * so the MLP has about the parameter count of a 4d GELU MLP.
 */
export function swigluIntermediate(d: number, multipleOf = 256): number {
  return multipleOf * Math.ceil(Math.round((8 * d) / 3) / multipleOf);
}

/**
 * Resolve a user architecture object. `base` is the JSON path of the object inside its file, so errors
 * point at the right place. Unknown style values and malformed numbers throw ArchError.
 */
export function normaliseArch(input: Json, base: (string | number)[] = []): ArchConfig {
  if (!isObject(input)) throw new ArchError('architecture: expected an object', base);
  const style = oneOf(input, 'style', ARCH_STYLES, base) ?? 'llama';
  const preset = STYLES[style];
  const d = int(input, 'hidden_size', base, true)!;
  const L = int(input, 'num_hidden_layers', base, true)!;
  const h = int(input, 'num_attention_heads', base, true)!;
  const V = int(input, 'vocab_size', base, true)!;
  const kv = int(input, 'num_key_value_heads', base, false) ?? h;
  if (h % kv !== 0) {
    throw new ArchError(`architecture.num_key_value_heads: ${kv} must divide num_attention_heads (${h})`, [...base, pick(input, 'num_key_value_heads')[1]]);
  }
  const explicitHeadDim = int(input, 'head_dim', base, false);
  if (explicitHeadDim === undefined && d % h !== 0) {
    throw new ArchError(`architecture.num_attention_heads: ${h} does not divide hidden_size (${d}); set head_dim explicitly`, [...base, pick(input, 'num_attention_heads')[1]]);
  }
  const headDim = explicitHeadDim ?? d / h;

  // Hugging Face configs name the MLP by its activation.
  let mlp = oneOf(input, 'mlp_type', ['gelu', 'swiglu'] as const, base);
  const act = input.hidden_act;
  if (mlp === undefined && typeof act === 'string') mlp = /silu|swish|swiglu/i.test(act) ? 'swiglu' : /gelu|relu/i.test(act) ? 'gelu' : undefined;
  const mlpType = mlp ?? preset.mlp_type;
  const ff = int(input, 'intermediate_size', base, false) ?? (mlpType === 'swiglu' ? swigluIntermediate(d) : 4 * d);
  const seq = int(input, 'seq_length', base, false) ?? 2048;

  const arch: ArchConfig = {
    hidden_size: d,
    num_hidden_layers: L,
    num_attention_heads: h,
    num_key_value_heads: kv,
    head_dim: headDim,
    intermediate_size: ff,
    vocab_size: V,
    seq_length: seq,
    tie_word_embeddings: bool(input, 'tie_word_embeddings', base) ?? preset.tie_word_embeddings,
    mlp_type: mlpType,
    position_embedding: oneOf(input, 'position_embedding', ['learned', 'rope', 'relative', 'alibi', 'none'] as const, base) ?? preset.position_embedding,
    norm_type: oneOf(input, 'norm_type', ['layernorm', 'rmsnorm'] as const, base) ?? preset.norm_type,
    bias: bool(input, 'bias', base) ?? preset.bias,
  };

  // MoE: a `moe` object, or Mixtral/DeepSeek-style top-level fields.
  const moeIn = isObject(input.moe) ? input.moe : undefined;
  if (input.moe !== undefined && !moeIn) throw new ArchError('architecture.moe: expected an object', [...base, 'moe']);
  const moeSrc = moeIn ?? (MOE_FIELDS.num_experts.some((k) => input[k] !== undefined) ? input : undefined);
  if (moeSrc) {
    const mb = moeIn ? [...base, 'moe'] : base;
    const get = (keys: readonly string[], required: boolean, min: number): number | undefined => {
      for (const k of keys) {
        const v = moeSrc[k];
        if (v === undefined) continue;
        if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new ArchError(`architecture.${moeIn ? 'moe.' : ''}${k}: expected a whole number ≥ ${min}, got ${JSON.stringify(v)}`, [...mb, k]);
        return v;
      }
      if (required) throw new ArchError(`architecture.moe: missing '${keys[0]}'`, mb);
      return undefined;
    };
    const E = get(MOE_FIELDS.num_experts, true, 1)!;
    const k = get(MOE_FIELDS.num_experts_per_tok, true, 1)!;
    if (k > E) throw new ArchError(`architecture.moe: num_experts_per_tok (${k}) exceeds num_experts (${E})`, mb);
    arch.moe = {
      num_experts: E,
      num_experts_per_tok: k,
      expert_intermediate_size: get(MOE_FIELDS.expert_intermediate_size, false, 1) ?? ff,
      num_shared_experts: get(MOE_FIELDS.num_shared_experts, false, 0) ?? 0,
    };
  }
  return arch;
}
