/**
 * Reading a Hugging Face `config.json` the way `PretrainedConfig` does: a key missing from the file takes
 * the default of the family's `configuration_*.py`; hub files may spell a key the legacy way
 * (GPT-2 `n_embd`, Falcon `n_head`) — both are accepted. Every key the count reads is remembered, so
 * whatever is left over can be sorted into "known not to change the count" (silent) and "unknown"
 * (a warning naming it).
 */
import { ArchError } from './types';
import type { ModelWarning } from './modelWarning';

type Obj = Record<string, unknown>;
export type Defaults = Readonly<Record<string, number | boolean | string | null>>;

export class HfKeys {
  readonly used = new Set<string>();
  readonly warnings: ModelWarning[] = [];

  constructor(readonly obj: Obj, readonly base: (string | number)[], readonly modelType: string, readonly defaults: Defaults) {}

  /** The first of `names` present in the file (current name first, then legacy ones). */
  private find(names: readonly string[]): [unknown, string] {
    for (const n of names) {
      if (this.obj[n] !== undefined) {
        this.used.add(n);
        return [this.obj[n], n];
      }
    }
    for (const n of names) this.used.add(n);
    return [undefined, names[0]];
  }

  path(key: string): (string | number)[] {
    return [...this.base, key];
  }

  has(name: string): boolean {
    return this.obj[name] !== undefined && this.obj[name] !== null;
  }

  /** The value as the modelling code sees it: the file's, else the configuration default (may be null). */
  raw(names: readonly string[]): unknown {
    const [v] = this.find(names);
    if (v !== undefined) return v;
    return this.defaults[names[0]];
  }

  /** A whole number; `null`/absent → the family default; `orElse` when the default is null too. */
  int(names: readonly string[], orElse?: number, min = 1): number {
    const [v, key] = this.find(names);
    const value = v ?? this.defaults[names[0]] ?? orElse;
    if (value === undefined || value === null) throw new ArchError(`${this.modelType}: missing required key '${names[0]}'`, this.base);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
      throw new ArchError(`${key}: expected a whole number ≥ ${min}, got ${JSON.stringify(value)}`, this.path(key));
    }
    return value;
  }

  /** A whole number or null (DeepSeek `q_lora_rank: null` means "no query compression"). */
  intOrNull(names: readonly string[]): number | null {
    const [v, key] = this.find(names);
    const value = v === undefined ? this.defaults[names[0]] ?? null : v;
    if (value === null) return null;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new ArchError(`${key}: expected a whole number ≥ 1 or null, got ${JSON.stringify(value)}`, this.path(key));
    return value;
  }

  bool(names: readonly string[], orElse: boolean): boolean {
    const [v, key] = this.find(names);
    const value = v ?? this.defaults[names[0]] ?? orElse;
    if (typeof value !== 'boolean') throw new ArchError(`${key}: expected true or false, got ${JSON.stringify(value)}`, this.path(key));
    return value;
  }

  str(names: readonly string[], orElse?: string): string | undefined {
    const [v, key] = this.find(names);
    const value = v ?? this.defaults[names[0]] ?? orElse;
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw new ArchError(`${key}: expected a string, got ${JSON.stringify(value)}`, this.path(key));
    return value;
  }

  /** The key actually present among `names` (for pointing a warning at it), else the first name. */
  keyOf(names: readonly string[]): string {
    return names.find((n) => this.obj[n] !== undefined) ?? names[0];
  }

  warn(key: string, message: string, fixes?: ModelWarning['fixes']): void {
    this.warnings.push({ path: this.obj[key] !== undefined ? this.path(key) : this.base, message, ...(fixes ? { fixes } : {}) });
  }
}

/**
 * Keys of Hugging Face configs that do not change the parameter count: token ids, dropout, init,
 * numerics, RoPE/ALiBi settings, attention implementation and windows, generation and bookkeeping.
 * Left-over keys not in this list are reported, never silently ignored.
 */
export const SILENT_KEYS: ReadonlySet<string> = new Set([
  // bookkeeping
  '_name_or_path', 'architectures', 'auto_map', 'transformers_version', 'torch_dtype', 'dtype', 'model_type', 'use_cache',
  'is_decoder', 'is_encoder_decoder', 'return_dict', 'output_attentions', 'output_hidden_states', 'tokenizer_class',
  'prefix', 'task_specific_params', 'id2label', 'label2id', 'problem_type', 'finetuning_task', '_attn_implementation',
  'attn_implementation', 'license', 'model_name', 'pretraining_tp', 'torchscript', 'use_return_dict', 'summary_type',
  'summary_use_proj', 'summary_activation', 'summary_proj_to_labels', 'summary_first_dropout', 'transformers.js_config',
  // token ids
  'bos_token_id', 'eos_token_id', 'pad_token_id', 'sep_token_id', 'decoder_start_token_id', 'unk_token_id',
  'image_token_index', 'image_token_id', 'boi_token_index', 'eoi_token_index',
  // dropout and init
  'attention_dropout', 'attn_pdrop', 'resid_pdrop', 'embd_pdrop', 'hidden_dropout', 'hidden_dropout_prob', 'dropout',
  'activation_dropout', 'layerdrop', 'attention_probs_dropout_prob', 'initializer_range', 'init_std', 'classifier_dropout',
  'embedding_dropout', 'summary_dropout', 'resid_dropout', 'emb_pdrop', 'initializer_factor', 'init_range',
  // numerics and norms' epsilons
  'rms_norm_eps', 'layer_norm_eps', 'layer_norm_epsilon', 'norm_eps', 'scale_attn_weights', 'scale_attn_by_inverse_layer_idx',
  'reorder_and_upcast_attn', 'clip_qkv', 'attn_logit_softcapping', 'final_logit_softcapping', 'query_pre_attn_scalar',
  'routed_scaling_factor', 'norm_topk_prob', 'router_aux_loss_coef', 'output_router_logits', 'aux_loss_alpha', 'seq_aux',
  'router_jitter_noise', 'scoring_func', 'topk_method', 'n_group', 'topk_group', 'ep_size', 'moe_layer_freq_offset',
  'use_parallel_residual', 'parallel_attn', 'apply_residual_connection_post_layernorm', 'alibi', 'rotary_pct', 'rotary_emb_base', 'rotary_dim', 'partial_rotary_factor',
  'embedding_multiplier', 'logits_scaling', 'use_qk_norm_scaling',
  // positions (RoPE has no parameters; the table size of learned positions is read where it exists)
  'rope_theta', 'rope_scaling', 'rope_parameters', 'rope_interleave', 'rope_local_base_freq', 'original_max_position_embeddings',
  'use_sliding_window', 'sliding_window', 'sliding_window_pattern', 'max_window_layers', 'layer_types', 'cache_implementation',
  'attention_window_size', 'use_bidirectional_attention', 'max_seq_len', 'num_nextn_predict_layers',
  'use_mrope', 'bos_token', 'eos_token',
  // fine-tuning and generation
  'do_sample', 'temperature', 'top_p', 'top_k', 'max_length', 'min_length', 'num_beams', 'repetition_penalty',
  'no_repeat_ngram_size', 'length_penalty', 'bad_words_ids', 'forced_eos_token_id', 'forced_bos_token_id',
  'tie_encoder_decoder', 'chunk_size_feed_forward', 'add_cross_attention', 'cross_attention_hidden_size', 'pruned_heads',
  'early_stopping', 'num_return_sequences', 'diversity_penalty', 'num_beam_groups', 'typical_p', 'epsilon_cutoff', 'eta_cutoff',
  'remove_invalid_values', 'exponential_decay_length_penalty', 'suppress_tokens', 'begin_suppress_tokens', 'tf_legacy_loss',
  'use_bfloat16', 'keys_to_ignore_at_inference', 'encoder_no_repeat_ngram_size', 'output_scores', 'return_dict_in_generate',
]);

/** Activation names Hugging Face's ACT2FN (src/transformers/activations.py) knows. */
export const KNOWN_ACTIVATIONS: ReadonlySet<string> = new Set([
  'gelu', 'gelu_new', 'gelu_fast', 'gelu_pytorch_tanh', 'gelu_python', 'gelu_10', 'gelu_accurate', 'quick_gelu', 'laplace',
  'leaky_relu', 'linear', 'mish', 'relu', 'relu2', 'relu6', 'sigmoid', 'silu', 'swish', 'tanh', 'prelu', 'xielu',
]);
