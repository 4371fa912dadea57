/**
 * Hugging Face model families, one entry per `model_type`: the defaults of its `configuration_*.py` and
 * what its `modeling_*.py` instantiates — MLP form, which linears carry biases, norms per layer, tying,
 * learned positions, MoE and MLA layout. Read from huggingface/transformers
 * (src/transformers/models/<type>/configuration_<type>.py and modeling_<type>.py); each entry names the
 * classes it follows. The count is what `model.num_parameters()` reports for the *ForCausalLM model
 * (tied weights once; buffers such as DeepSeek-V3's `e_score_correction_bias` are not parameters).
 */
import type { ArchConfig, ArchDetail, MlpType, MoeConfig } from './types';
import { KNOWN_ACTIVATIONS, type Defaults, type HfKeys } from './hfKeys';

/** A family's reading of the config: the architecture without the training sequence length. */
export interface FamilyBuild {
  arch: Omit<ArchConfig, 'seq_length'>;
  /** The key giving the model's positional limit (n_positions / max_position_embeddings), if any. */
  maxPositionsKey?: string;
  maxPositions?: number;
}

export interface Family {
  /** What the counting follows, for messages and the docs. */
  label: string;
  defaults: Defaults;
  build(k: HfKeys): FamilyBuild;
}

const ALL_BIAS = { qkv: true, o: true, mlp: true, lmHead: false };
const RMS = { normWeight: true, normBias: false, finalNorm: true } as const;
const LN = { normWeight: true, normBias: true, finalNorm: true } as const;

/** Reads the activation key(s) and warns on a name ACT2FN does not know (the MLP form is fixed by the family). */
function activation(k: HfKeys, names: readonly string[]): string | undefined {
  const act = k.str(names);
  for (const n of names) k.used.add(n); // Gemma 2 configs carry both hidden_act and hidden_activation
  if (act !== undefined && !KNOWN_ACTIVATIONS.has(act)) {
    k.warn(k.keyOf(names), `${k.keyOf(names)}: unknown activation '${act}' (not in transformers' ACT2FN); the count assumes ${k.modelType}'s MLP layout regardless of the activation`);
  }
  return act;
}

/** Shape keys shared by Llama-style configs. */
function shape(k: HfKeys) {
  const d = k.int(['hidden_size']);
  const h = k.int(['num_attention_heads']);
  const kv = k.int(['num_key_value_heads'], h);
  const headDim = k.int(['head_dim'], Math.floor(d / h));
  return {
    hidden_size: d,
    num_hidden_layers: k.int(['num_hidden_layers']),
    num_attention_heads: h,
    num_key_value_heads: kv,
    head_dim: headDim,
    intermediate_size: k.int(['intermediate_size']),
    vocab_size: k.int(['vocab_size']),
    tie_word_embeddings: k.bool(['tie_word_embeddings'], false),
  };
}

interface DecoderOptions {
  defaults: Defaults;
  label: string;
  /** Q/K/V biases: fixed, or read from a key (`attention_bias`). */
  qkvBias: boolean | string;
  oBias: boolean | string;
  mlpBias?: boolean | string;
  mlp?: MlpType;
  normsPerLayer?: number;
  qkNorm?: ArchDetail['qkNorm'];
  /** OLMo's LayerNorm has neither weight nor bias (OlmoLayerNorm). */
  nonParametricNorms?: boolean;
  moe?: (k: HfKeys, L: number, ff: number) => MoeConfig | undefined;
  activationKeys?: readonly string[];
  /** Keys the configuration carries but the modelling code does not use. */
  ignored?: readonly string[];
}

/** Llama-style decoders: embed_tokens, L × (attention q/k/v/o, gated MLP, RMSNorms), norm, lm_head. */
function decoder(o: DecoderOptions): Family {
  return {
    label: o.label,
    defaults: o.defaults,
    build(k) {
      const s = shape(k);
      activation(k, o.activationKeys ?? ['hidden_act']);
      for (const key of o.ignored ?? []) k.used.add(key);
      const flag = (f: boolean | string | undefined) => (typeof f === 'string' ? k.bool([f], false) : f ?? false);
      const detail: ArchDetail = {
        bias: { qkv: flag(o.qkvBias), o: flag(o.oBias), mlp: flag(o.mlpBias), lmHead: false },
        normsPerLayer: o.normsPerLayer ?? 2,
        ...(o.nonParametricNorms ? { normWeight: false, normBias: false, finalNorm: true } : RMS),
        ...(o.qkNorm ? { qkNorm: o.qkNorm } : {}),
      };
      const arch: Omit<ArchConfig, 'seq_length'> = {
        ...s,
        mlp_type: o.mlp ?? 'swiglu',
        position_embedding: 'rope',
        norm_type: o.nonParametricNorms ? 'layernorm' : 'rmsnorm',
        bias: false,
        detail,
      };
      const moe = o.moe?.(k, s.num_hidden_layers, s.intermediate_size);
      if (moe) arch.moe = moe;
      return { arch, maxPositionsKey: 'max_position_embeddings', maxPositions: k.int(['max_position_embeddings']) };
    },
  };
}

/** Layers that are sparse in Qwen2-MoE / Qwen3-MoE: not in mlp_only_layers and (i+1) % decoder_sparse_step == 0. */
function qwenMoeLayers(k: HfKeys, L: number, E: number): number {
  const step = k.int(['decoder_sparse_step']);
  const only = k.raw(['mlp_only_layers']);
  const skip = new Set(Array.isArray(only) ? only.filter((x): x is number => typeof x === 'number') : []);
  let n = 0;
  for (let i = 0; i < L; i++) if (!skip.has(i) && E > 0 && (i + 1) % step === 0) n++;
  return n;
}

const LLAMA_DEFAULTS: Defaults = {
  vocab_size: 32000, hidden_size: 4096, intermediate_size: 11008, num_hidden_layers: 32, num_attention_heads: 32,
  num_key_value_heads: null, hidden_act: 'silu', max_position_embeddings: 2048, tie_word_embeddings: false,
  attention_bias: false, mlp_bias: false, head_dim: null,
};
const MISTRAL_DEFAULTS: Defaults = {
  ...LLAMA_DEFAULTS, intermediate_size: 14336, num_key_value_heads: 8, max_position_embeddings: 4096 * 32,
};

const GEMMA2: DecoderOptions = {
  label: 'Gemma2ForCausalLM',
  defaults: { ...LLAMA_DEFAULTS, vocab_size: 256000, hidden_size: 2304, intermediate_size: 9216, num_hidden_layers: 26, num_attention_heads: 8, num_key_value_heads: 4, head_dim: 256, hidden_activation: 'gelu_pytorch_tanh', max_position_embeddings: 8192, tie_word_embeddings: true },
  qkvBias: 'attention_bias',
  oBias: 'attention_bias',
  mlp: 'geglu',
  normsPerLayer: 4,
  activationKeys: ['hidden_activation', 'hidden_act'],
};

/** DeepSeek-V2/V3 (MLA + DeepSeekMoE). */
function deepseek(label: string, defaults: Defaults, v3: boolean): Family {
  return {
    label,
    defaults,
    build(k) {
      const d = k.int(['hidden_size']);
      const h = k.int(['num_attention_heads']);
      const L = k.int(['num_hidden_layers']);
      const ff = k.int(['intermediate_size']);
      activation(k, ['hidden_act']);
      const attnBias = k.bool(['attention_bias'], false);
      const mla = {
        q_lora_rank: k.intOrNull(['q_lora_rank']),
        kv_lora_rank: k.int(['kv_lora_rank']),
        qk_nope_head_dim: k.int(['qk_nope_head_dim']),
        qk_rope_head_dim: k.int(['qk_rope_head_dim']),
        v_head_dim: k.int(['v_head_dim']),
      };
      const arch: Omit<ArchConfig, 'seq_length'> = {
        hidden_size: d,
        num_hidden_layers: L,
        num_attention_heads: h,
        num_key_value_heads: k.int(['num_key_value_heads'], h),
        head_dim: mla.qk_nope_head_dim + mla.qk_rope_head_dim,
        intermediate_size: ff,
        vocab_size: k.int(['vocab_size']),
        tie_word_embeddings: k.bool(['tie_word_embeddings'], false),
        mlp_type: 'swiglu',
        position_embedding: 'rope',
        norm_type: 'rmsnorm',
        bias: false,
        detail: { bias: { qkv: attnBias, o: attnBias, mlp: false, lmHead: false }, normsPerLayer: 2, ...RMS, mla },
      };
      const E = k.raw(['n_routed_experts']);
      if (typeof E === 'number' && E > 0) {
        // DeepseekV2DecoderLayer: MoE where layer_idx >= first_k_dense_replace and layer_idx % moe_layer_freq == 0
        // (V3's modelling code drops the frequency test; every published V3 config has moe_layer_freq 1).
        const first = k.int(['first_k_dense_replace'], 0, 0);
        const freq = k.int(['moe_layer_freq'], 1);
        if (v3 && freq !== 1) k.warn('moe_layer_freq', `moe_layer_freq ${freq}: transformers' DeepseekV3DecoderLayer ignores it (every layer from first_k_dense_replace on is MoE); counted that way`);
        let M = 0;
        for (let i = 0; i < L; i++) if (i >= first && (v3 || i % freq === 0)) M++;
        arch.moe = {
          num_experts: E,
          num_experts_per_tok: k.int(['num_experts_per_tok']),
          expert_intermediate_size: k.int(['moe_intermediate_size']),
          num_shared_experts: k.int(['n_shared_experts'], 0, 0),
          moe_layers: M,
        };
      }
      return { arch, maxPositionsKey: 'max_position_embeddings', maxPositions: k.int(['max_position_embeddings']) };
    },
  };
}

export const FAMILIES: Readonly<Record<string, Family>> = {
  // GPT2LMHeadModel: wte V×d, wpe n_positions×d, h.i {ln_1, attn.c_attn d×3d+3d, attn.c_proj d×d+d, ln_2,
  // mlp.c_fc d×n_inner+n_inner, mlp.c_proj}, ln_f; lm_head tied to wte (PretrainedConfig default).
  gpt2: {
    label: 'GPT2LMHeadModel',
    defaults: { vocab_size: 50257, n_positions: 1024, n_embd: 768, n_layer: 12, n_head: 12, n_inner: null, activation_function: 'gelu_new', tie_word_embeddings: true },
    build(k) {
      const d = k.int(['n_embd', 'hidden_size']);
      const h = k.int(['n_head', 'num_attention_heads']);
      activation(k, ['activation_function']);
      const rows = k.int(['n_positions', 'max_position_embeddings']);
      k.used.add('n_ctx'); // legacy duplicate of n_positions, unused by the modelling code
      return {
        arch: {
          hidden_size: d, num_hidden_layers: k.int(['n_layer', 'num_hidden_layers']), num_attention_heads: h, num_key_value_heads: h,
          head_dim: d / h, intermediate_size: k.int(['n_inner'], 4 * d), vocab_size: k.int(['vocab_size']),
          tie_word_embeddings: k.bool(['tie_word_embeddings'], true), mlp_type: 'gelu', position_embedding: 'learned',
          norm_type: 'layernorm', bias: true, detail: { bias: ALL_BIAS, normsPerLayer: 2, ...LN, positionRows: rows },
        },
        maxPositionsKey: k.keyOf(['n_positions', 'max_position_embeddings']),
        maxPositions: rows,
      };
    },
  },
  // GPTNeoXForCausalLM: embed_in, layers {input_layernorm, post_attention_layernorm, attention.query_key_value
  // d×3d (+bias: attention_bias), attention.dense, mlp.dense_h_to_4h / dense_4h_to_h with biases},
  // final_layer_norm, embed_out (untied by default).
  gpt_neox: {
    label: 'GPTNeoXForCausalLM',
    defaults: { vocab_size: 50432, hidden_size: 6144, num_hidden_layers: 44, num_attention_heads: 64, intermediate_size: 24576, hidden_act: 'gelu', max_position_embeddings: 2048, tie_word_embeddings: false, attention_bias: true },
    build(k) {
      const d = k.int(['hidden_size']);
      const h = k.int(['num_attention_heads']);
      activation(k, ['hidden_act']);
      const attnBias = k.bool(['attention_bias'], true);
      return {
        arch: {
          hidden_size: d, num_hidden_layers: k.int(['num_hidden_layers']), num_attention_heads: h, num_key_value_heads: h, head_dim: d / h,
          intermediate_size: k.int(['intermediate_size']), vocab_size: k.int(['vocab_size']), tie_word_embeddings: k.bool(['tie_word_embeddings'], false),
          mlp_type: 'gelu', position_embedding: 'rope', norm_type: 'layernorm', bias: true,
          detail: { bias: { qkv: attnBias, o: attnBias, mlp: true, lmHead: false }, normsPerLayer: 2, ...LN },
        },
        maxPositionsKey: 'max_position_embeddings',
        maxPositions: k.int(['max_position_embeddings']),
      };
    },
  },
  // OPTForCausalLM: embed_tokens V×word_embed_proj_dim, embed_positions (max_position_embeddings + 2)×d
  // (OPTLearnedPositionalEmbedding's offset of 2), project_in/out without bias when word_embed_proj_dim ≠ d,
  // final_layer_norm only if do_layer_norm_before and not _remove_final_layer_norm; layers
  // {q,k,v,out_proj (+bias: enable_bias), self_attn_layer_norm, fc1, fc2, final_layer_norm}; lm_head tied.
  opt: {
    label: 'OPTForCausalLM',
    defaults: { vocab_size: 50272, hidden_size: 768, num_hidden_layers: 12, ffn_dim: 3072, max_position_embeddings: 2048, do_layer_norm_before: true, _remove_final_layer_norm: false, word_embed_proj_dim: null, num_attention_heads: 12, activation_function: 'relu', enable_bias: true, layer_norm_elementwise_affine: true, tie_word_embeddings: true },
    build(k) {
      const d = k.int(['hidden_size']);
      const h = k.int(['num_attention_heads']);
      activation(k, ['activation_function']);
      const bias = k.bool(['enable_bias'], true);
      const affine = k.bool(['layer_norm_elementwise_affine'], true);
      const finalNorm = k.bool(['do_layer_norm_before'], true) && !k.bool(['_remove_final_layer_norm'], false);
      const maxPos = k.int(['max_position_embeddings']);
      return {
        arch: {
          hidden_size: d, num_hidden_layers: k.int(['num_hidden_layers']), num_attention_heads: h, num_key_value_heads: h, head_dim: d / h,
          intermediate_size: k.int(['ffn_dim']), vocab_size: k.int(['vocab_size']), tie_word_embeddings: k.bool(['tie_word_embeddings'], true),
          mlp_type: 'gelu', position_embedding: 'learned', norm_type: 'layernorm', bias,
          detail: {
            bias: { qkv: bias, o: bias, mlp: bias, lmHead: false }, normsPerLayer: 2, normWeight: affine, normBias: affine, finalNorm,
            positionRows: maxPos + 2, embedDim: k.int(['word_embed_proj_dim'], d),
          },
        },
        maxPositionsKey: 'max_position_embeddings',
        maxPositions: maxPos,
      };
    },
  },
  llama: decoder({ label: 'LlamaForCausalLM', defaults: LLAMA_DEFAULTS, qkvBias: 'attention_bias', oBias: 'attention_bias', mlpBias: 'mlp_bias' }),
  // MistralAttention: q/k/v/o without bias.
  mistral: decoder({ label: 'MistralForCausalLM', defaults: MISTRAL_DEFAULTS, qkvBias: false, oBias: false }),
  // MixtralSparseMoeBlock: gate d×E (no bias), E experts w1/w2/w3.
  mixtral: decoder({
    label: 'MixtralForCausalLM',
    defaults: { ...MISTRAL_DEFAULTS, num_experts_per_tok: 2, num_local_experts: 8 },
    qkvBias: false,
    oBias: false,
    moe: (k, _L, ff) => ({ num_experts: k.int(['num_local_experts']), num_experts_per_tok: k.int(['num_experts_per_tok']), expert_intermediate_size: ff, num_shared_experts: 0 }),
  }),
  // Qwen2Attention: q/k/v with bias, o_proj without.
  qwen2: decoder({
    label: 'Qwen2ForCausalLM',
    defaults: { ...LLAMA_DEFAULTS, vocab_size: 151936, intermediate_size: 22016, num_key_value_heads: 32, max_position_embeddings: 32768 },
    qkvBias: true,
    oBias: false,
  }),
  // Qwen2MoeSparseMoeBlock: gate d×E, experts (moe_intermediate_size), shared_expert
  // (shared_expert_intermediate_size) and shared_expert_gate d×1; dense Qwen2MoeMLP elsewhere.
  qwen2_moe: decoder({
    label: 'Qwen2MoeForCausalLM',
    defaults: { ...LLAMA_DEFAULTS, vocab_size: 151936, hidden_size: 2048, intermediate_size: 5632, num_hidden_layers: 24, num_attention_heads: 16, num_key_value_heads: 16, max_position_embeddings: 32768, decoder_sparse_step: 1, moe_intermediate_size: 1408, shared_expert_intermediate_size: 5632, num_experts_per_tok: 4, num_experts: 60, mlp_only_layers: null, qkv_bias: true },
    qkvBias: 'qkv_bias',
    oBias: false,
    moe: (k, L) => {
      const E = k.int(['num_experts'], 0, 0);
      return { num_experts: E, num_experts_per_tok: k.int(['num_experts_per_tok']), expert_intermediate_size: k.int(['moe_intermediate_size']), num_shared_experts: 0, shared_intermediate_size: k.int(['shared_expert_intermediate_size'], 0, 0), shared_expert_gate: true, moe_layers: qwenMoeLayers(k, L, E) };
    },
  }),
  // Qwen3Attention: q_norm / k_norm RMSNorm(head_dim); biases from attention_bias.
  qwen3: decoder({
    label: 'Qwen3ForCausalLM',
    defaults: { ...LLAMA_DEFAULTS, vocab_size: 151936, intermediate_size: 22016, num_key_value_heads: 32, head_dim: 128, max_position_embeddings: 32768 },
    qkvBias: 'attention_bias',
    oBias: 'attention_bias',
    qkNorm: 'head',
  }),
  // Qwen3MoeSparseMoeBlock: gate d×E and experts, no shared expert.
  qwen3_moe: decoder({
    label: 'Qwen3MoeForCausalLM',
    defaults: { ...LLAMA_DEFAULTS, vocab_size: 151936, hidden_size: 2048, intermediate_size: 6144, num_hidden_layers: 24, num_attention_heads: 32, num_key_value_heads: 4, head_dim: null, max_position_embeddings: 32768, decoder_sparse_step: 1, moe_intermediate_size: 768, num_experts_per_tok: 8, num_experts: 128, mlp_only_layers: null },
    qkvBias: 'attention_bias',
    oBias: 'attention_bias',
    qkNorm: 'head',
    moe: (k, L) => {
      const E = k.int(['num_experts'], 0, 0);
      return { num_experts: E, num_experts_per_tok: k.int(['num_experts_per_tok']), expert_intermediate_size: k.int(['moe_intermediate_size']), num_shared_experts: 0, moe_layers: qwenMoeLayers(k, L, E) };
    },
  }),
  // GemmaMLP: gate/up/down with GELU — a gated (GeGLU) MLP, three matrices; GemmaRMSNorm weight only; tied.
  gemma: decoder({
    label: 'GemmaForCausalLM',
    defaults: { ...LLAMA_DEFAULTS, vocab_size: 256000, hidden_size: 3072, intermediate_size: 24576, num_hidden_layers: 28, num_attention_heads: 16, num_key_value_heads: 16, head_dim: 256, hidden_act: 'gelu_pytorch_tanh', max_position_embeddings: 8192, tie_word_embeddings: true },
    qkvBias: 'attention_bias',
    oBias: 'attention_bias',
    mlp: 'geglu',
    activationKeys: ['hidden_activation', 'hidden_act'],
  }),
  // Gemma2DecoderLayer: input, post_attention, pre_feedforward and post_feedforward norms.
  gemma2: decoder(GEMMA2),
  // Gemma3Attention adds q_norm / k_norm RMSNorm(head_dim) to Gemma 2's layout.
  gemma3_text: decoder({
    ...GEMMA2,
    label: 'Gemma3ForCausalLM',
    defaults: { ...GEMMA2.defaults, vocab_size: 262208, max_position_embeddings: 131072 },
    qkNorm: 'head',
  }),
  // PhiForCausalLM: one LayerNorm per layer (parallel attention and MLP), q/k/v/dense and fc1/fc2 with
  // biases, optional q/k LayerNorm(head_dim), final_layernorm, lm_head WITH bias, untied.
  phi: {
    label: 'PhiForCausalLM',
    defaults: { vocab_size: 51200, hidden_size: 2048, intermediate_size: 8192, num_hidden_layers: 24, num_attention_heads: 32, num_key_value_heads: null, hidden_act: 'gelu_new', max_position_embeddings: 2048, tie_word_embeddings: false, qk_layernorm: false },
    build(k) {
      const s = shape(k);
      activation(k, ['hidden_act']);
      const qk = k.bool(['qk_layernorm'], false);
      return {
        arch: {
          ...s, mlp_type: 'gelu', position_embedding: 'rope', norm_type: 'layernorm', bias: true,
          detail: { bias: { qkv: true, o: true, mlp: true, lmHead: true }, normsPerLayer: 1, ...LN, ...(qk ? { qkNorm: 'head' as const } : {}) },
        },
        maxPositionsKey: 'max_position_embeddings',
        maxPositions: k.int(['max_position_embeddings']),
      };
    },
  },
  // Phi3: fused qkv_proj d×(h+2·kv)·head_dim and gate_up_proj d×2ff, no biases, RMSNorms, untied.
  phi3: decoder({
    label: 'Phi3ForCausalLM',
    defaults: { ...LLAMA_DEFAULTS, vocab_size: 32064, hidden_size: 3072, intermediate_size: 8192, max_position_embeddings: 4096 },
    qkvBias: false,
    oBias: false,
    // Phi-3 hub configs carry attention_bias, but Phi3Attention builds qkv_proj/o_proj with bias=False.
    ignored: ['attention_bias'],
  }),
  // OlmoLayerNorm has no parameters (F.layer_norm without weight or bias).
  olmo: decoder({
    label: 'OlmoForCausalLM',
    defaults: { ...LLAMA_DEFAULTS, vocab_size: 50304 },
    qkvBias: 'attention_bias',
    oBias: 'attention_bias',
    nonParametricNorms: true,
  }),
  // Olmo2: post_attention and post_feedforward RMSNorms, q_norm RMSNorm(h·head_dim), k_norm RMSNorm(kv·head_dim).
  olmo2: decoder({
    label: 'Olmo2ForCausalLM',
    defaults: { ...LLAMA_DEFAULTS, vocab_size: 50304 },
    qkvBias: 'attention_bias',
    oBias: 'attention_bias',
    qkNorm: 'full',
  }),
  // FalconForCausalLM: query_key_value d×(h + 2·kv)·head_dim with kv = num_kv_heads (new_decoder_architecture),
  // 1 (multi_query) or h; dense, dense_h_to_4h, dense_4h_to_h; biases all or none (`bias`); norms: ln_attn +
  // ln_mlp (new architecture, num_ln_in_parallel_attn 2), input_layernorm (parallel_attn) or
  // input + post_attention; ln_f; lm_head tied by default.
  falcon: {
    label: 'FalconForCausalLM',
    defaults: { vocab_size: 65024, hidden_size: 4544, num_hidden_layers: 32, num_attention_heads: 71, num_kv_heads: null, multi_query: true, parallel_attn: true, bias: false, new_decoder_architecture: false, max_position_embeddings: 2048, ffn_hidden_size: null, activation: 'gelu', num_ln_in_parallel_attn: null, tie_word_embeddings: true },
    build(k) {
      const d = k.int(['hidden_size', 'n_embed']);
      const h = k.int(['num_attention_heads', 'n_head']);
      const legacyNew = k.modelType === 'RefinedWeb';
      const newArch = k.bool(['new_decoder_architecture'], legacyNew) || (legacyNew && !k.has('new_decoder_architecture'));
      const mq = k.bool(['multi_query'], true);
      const kv = newArch ? k.int(['num_kv_heads', 'n_head_kv'], h) : mq ? 1 : h;
      if (!newArch) k.used.add('num_kv_heads').add('n_head_kv');
      const parallel = k.bool(['parallel_attn'], true);
      const lnRaw = k.raw(['num_ln_in_parallel_attn']);
      const lnParallel = typeof lnRaw === 'number' ? lnRaw : newArch ? 2 : 1;
      const norms = !parallel ? 2 : lnParallel === 2 ? 2 : 1;
      const bias = k.bool(['bias'], false);
      const act = activation(k, ['activation']);
      if (act && !/gelu|relu/.test(act)) k.warn('activation', `activation '${act}': FalconMLP is dense_h_to_4h → activation → dense_4h_to_h, two matrices whatever the activation`);
      return {
        arch: {
          hidden_size: d, num_hidden_layers: k.int(['num_hidden_layers', 'n_layer']), num_attention_heads: h, num_key_value_heads: kv,
          head_dim: d / h, intermediate_size: k.int(['ffn_hidden_size'], 4 * d), vocab_size: k.int(['vocab_size']),
          tie_word_embeddings: k.bool(['tie_word_embeddings'], true), mlp_type: 'gelu',
          position_embedding: k.bool(['alibi'], false) ? 'alibi' : 'rope', norm_type: 'layernorm', bias,
          detail: { bias: { qkv: bias, o: bias, mlp: bias, lmHead: false }, normsPerLayer: norms, ...LN },
        },
        maxPositionsKey: 'max_position_embeddings',
        maxPositions: k.int(['max_position_embeddings']),
      };
    },
  },
  deepseek_v2: deepseek('DeepseekV2ForCausalLM', {
    vocab_size: 102400, hidden_size: 5120, intermediate_size: 12288, moe_intermediate_size: 1536, num_hidden_layers: 60, num_attention_heads: 128, num_key_value_heads: 128,
    n_shared_experts: null, n_routed_experts: null, first_k_dense_replace: 0, moe_layer_freq: 1, num_experts_per_tok: null, q_lora_rank: 1536, kv_lora_rank: 512,
    qk_nope_head_dim: 128, qk_rope_head_dim: 64, v_head_dim: 128, hidden_act: 'silu', max_position_embeddings: 2048, tie_word_embeddings: false, attention_bias: false,
  }, false),
  deepseek_v3: deepseek('DeepseekV3ForCausalLM', {
    vocab_size: 129280, hidden_size: 7168, intermediate_size: 18432, moe_intermediate_size: 2048, num_hidden_layers: 61, num_attention_heads: 128, num_key_value_heads: 128,
    n_shared_experts: 1, n_routed_experts: 256, first_k_dense_replace: 3, moe_layer_freq: 1, num_experts_per_tok: 8, q_lora_rank: 1536, kv_lora_rank: 512,
    qk_nope_head_dim: 128, qk_rope_head_dim: 64, v_head_dim: 128, hidden_act: 'silu', max_position_embeddings: 4096, tie_word_embeddings: false, attention_bias: false,
  }, true),
};

/** Older hub spellings of model_type → the family that reads them. */
export const FAMILY_ALIASES: Readonly<Record<string, string>> = {
  RefinedWebModel: 'falcon', // tiiuae/falcon-7b before the port to transformers
  RefinedWeb: 'falcon', // tiiuae/falcon-40b (new decoder architecture)
  gemma3: 'gemma3_text', // multimodal wrapper: its text_config is read
};
