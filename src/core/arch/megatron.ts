/**
 * Megatron-LM launch scripts (`pretrain_gpt.py` invocations in .sh files), READ, never run: the text is
 * split into words the way a shell would quote them, `NAME=value` assignments are remembered and
 * `$NAME` / `${NAME}` / `${NAME:-default}` expanded from them — no command substitution, no execution.
 * Flags may sit on the command line or inside variables (GPT_ARGS="--num-layers 24 …").
 *
 * The model is Megatron-LM's GPTModel (megatron/training/arguments.py defaults, megatron/core
 * TransformerLayer): word embeddings padded_vocab×d; learned absolute positions
 * max_position_embeddings×d unless --position-embedding-type rope/none; per layer input_layernorm,
 * linear_qkv d×(h + 2·g)·kv_channels, linear_proj, pre_mlp_layernorm, linear_fc1 d×ffn (×2 with
 * --swiglu), linear_fc2; final_layernorm; an output layer when --untie-embeddings-and-output-weights.
 * Biases on every linear unless --disable-bias-linear (--add-qkv-bias keeps the QKV one); LayerNorm
 * has weight and bias, RMSNorm a weight. ffn_hidden_size defaults to 4d, or int(4d·2/3 / 64)·64 with
 * --swiglu. The vocabulary is padded to a multiple of make-vocab-size-divisible-by × tensor-parallel size
 * (arguments.py _vocab_size_with_padding).
 */
import { ArchError, type ArchConfig, type MoeConfig } from './types';
import type { ModelRead, ModelWarning, ReadOptions } from './modelWarning';

export interface ShellFlag {
  /** The value after the flag, expanded; undefined for a switch. */
  value?: string;
  offset: number;
  length: number;
}

/** Words of a shell script with their offsets; quotes and parentheses delimit, `#` starts a comment. */
function words(text: string): Array<{ w: string; offset: number }> {
  const out: Array<{ w: string; offset: number }> = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\' && text[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (/[\s"'()`;|&]/.test(c)) {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    const start = i;
    while (i < text.length && !/[\s"'()`;|&]/.test(text[i]) && !(text[i] === '\\' && text[i + 1] === '\n')) i++;
    out.push({ w: text.slice(start, i), offset: start });
  }
  return out;
}

/** The flags of a launch script (last occurrence wins, as argparse does), variables expanded. */
export function readShellFlags(text: string): { flags: Map<string, ShellFlag>; unresolved: string[] } {
  const vars = new Map<string, string>();
  // NAME=value or NAME="value" assignments (quoted values keep their spaces; command substitutions are not run).
  for (const m of text.matchAll(/^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)=(?:"([^"$`]*)"|'([^']*)'|([^\s"'`$()]*))[ \t]*(?:#.*)?$/gm)) {
    vars.set(m[1], m[2] ?? m[3] ?? m[4] ?? '');
  }
  const unresolved: string[] = [];
  const expand = (w: string): string =>
    w.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (all, a: string | undefined, dflt: string | undefined, b: string | undefined) => {
      const name = (a ?? b)!;
      const v = vars.get(name) ?? dflt;
      if (v === undefined) unresolved.push(all);
      return v ?? all;
    });
  const ws = words(text);
  const flags = new Map<string, ShellFlag>();
  for (let i = 0; i < ws.length; i++) {
    const { w, offset } = ws[i];
    if (!/^--[a-z0-9][a-z0-9-]*(=.*)?$/.test(w)) continue;
    const eq = w.indexOf('=');
    const name = eq > 0 ? w.slice(2, eq) : w.slice(2);
    let value: string | undefined;
    if (eq > 0) value = expand(w.slice(eq + 1));
    else if (i + 1 < ws.length && !ws[i + 1].w.startsWith('--') && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(ws[i + 1].w)) value = expand(ws[i + 1].w);
    flags.set(name, { value, offset, length: eq > 0 ? eq : w.length });
  }
  return { flags, unresolved };
}

/** True when a shell script launches Megatron-LM training with a model shape. */
export function isMegatronScript(text: string): boolean {
  return /--num-layers\b/.test(text) && /--hidden-size\b/.test(text);
}

/** Flags that change the count but this reader does not model: named in a warning, never dropped silently. */
const UNMODELLED = ['multi-latent-attention', 'q-lora-rank', 'kv-lora-rank', 'moe-layer-freq', 'mtp-num-layers', 'num-experts-per-layer', 'moe-shared-expert-overlap', 'heterogeneous-layers-config-path', 'yaml-cfg'];

export function readMegatronScript(text: string, opts: ReadOptions = {}): ModelRead {
  const { flags } = readShellFlags(text);
  const warnings: ModelWarning[] = [];
  const spans: Record<string, { offset: number; length: number }> = {};
  for (const [k, f] of flags) spans[k] = { offset: f.offset, length: f.length };
  const has = (k: string) => flags.has(k);
  const int = (k: string, dflt?: number, min = 1): number | undefined => {
    const f = flags.get(k);
    if (!f) return dflt;
    const n = f.value !== undefined && /^\d+$/.test(f.value) ? Number(f.value) : NaN;
    if (!Number.isInteger(n) || n < min) {
      throw new ArchError(`--${k}: expected a whole number ≥ ${min}, got ${f.value === undefined ? 'nothing' : `'${f.value}'`}${f.value?.includes('$') ? ' (a variable this reader cannot resolve without running the script)' : ''}`, [k]);
    }
    return n;
  };
  const need = (k: string): number => {
    const v = int(k);
    if (v === undefined) throw new ArchError(`missing --${k} (Megatron-LM requires it)`, []);
    return v;
  };

  const L = need('num-layers');
  const d = need('hidden-size');
  const h = need('num-attention-heads');
  const kvChannels = int('kv-channels', Math.floor(d / h))!;
  if (!has('kv-channels') && d % h !== 0) throw new ArchError(`--num-attention-heads ${h} does not divide --hidden-size ${d}; set --kv-channels`, ['num-attention-heads']);
  const groups = has('group-query-attention') ? int('num-query-groups', 1)! : h;
  if (has('num-query-groups') && !has('group-query-attention')) warnings.push({ path: ['num-query-groups'], message: '--num-query-groups has no effect without --group-query-attention (Megatron uses one KV head per query head); counted without GQA' });
  if (h % groups !== 0) throw new ArchError(`--num-query-groups ${groups} must divide --num-attention-heads ${h}`, ['num-query-groups']);
  const swiglu = has('swiglu');
  const ffn = int('ffn-hidden-size', swiglu ? Math.floor((4 * d * 2) / 3 / 64) * 64 : 4 * d)!;
  const biasLinear = !has('disable-bias-linear');
  const qkvBias = biasLinear || has('add-qkv-bias');
  const normalization = flags.get('normalization')?.value ?? 'LayerNorm';
  if (normalization !== 'LayerNorm' && normalization !== 'RMSNorm') throw new ArchError(`--normalization: expected LayerNorm or RMSNorm, got '${normalization}'`, ['normalization']);
  let posType = flags.get('position-embedding-type')?.value ?? (has('use-rotary-position-embeddings') ? 'rope' : has('no-position-embedding') ? 'none' : 'learned_absolute');
  if (!['learned_absolute', 'rope', 'none', 'relative', 'mrope'].includes(posType)) throw new ArchError(`--position-embedding-type: expected learned_absolute, rope or none, got '${posType}'`, ['position-embedding-type']);
  if (posType === 'mrope') posType = 'rope';

  const seqFlag = int('seq-length');
  const maxPos = int('max-position-embeddings', seqFlag);
  let seq: number;
  let seqLengthFrom: ModelRead['seqLengthFrom'] = 'config';
  if (opts.seqLength !== undefined) {
    seq = opts.seqLength;
    seqLengthFrom = 'option';
  } else if (seqFlag !== undefined) {
    seq = seqFlag;
  } else {
    seq = Math.min(maxPos ?? 2048, 2048);
    seqLengthFrom = 'assumed';
    warnings.push({ path: has('max-position-embeddings') ? ['max-position-embeddings'] : [], message: `no --seq-length: FLOPs/token and activation memory assume ${seq}; add --seq-length (Megatron-LM requires it to train)` });
  }
  if (posType === 'learned_absolute' && maxPos === undefined) throw new ArchError('learned absolute positions need --max-position-embeddings or --seq-length (the table size)', []);

  // Vocabulary: --vocab-size (or the CLI's), padded as Megatron pads it; a tokenizer alone does not say.
  const tp = int('tensor-model-parallel-size', 1)!;
  const divisible = int('make-vocab-size-divisible-by', 128)!;
  const rawVocab = opts.vocabSize ?? int('vocab-size');
  if (rawVocab === undefined) {
    const tok = flags.get('tokenizer-type')?.value;
    const file = flags.get('vocab-file')?.value ?? flags.get('tokenizer-model')?.value;
    const where = has('tokenizer-type') ? ['tokenizer-type'] : has('vocab-file') ? ['vocab-file'] : [];
    throw new ArchError(`vocabulary size unknown: the script names ${tok ? `tokenizer ${tok}` : 'no vocabulary size'}${file ? ` (${file})` : ''} but not how many tokens it has — add --vocab-size N to the script or pass --vocab-size N (it is padded to a multiple of ${divisible} × TP ${tp} = ${divisible * tp}, as Megatron pads it)`, where);
  }
  const multiple = divisible * tp;
  const vocab = Math.ceil(rawVocab / multiple) * multiple;

  let moe: MoeConfig | undefined;
  const E = int('num-experts');
  if (E !== undefined) {
    const k = int('moe-router-topk', 2)!;
    const shared = int('moe-shared-expert-intermediate-size', 0, 0)!;
    moe = { num_experts: E, num_experts_per_tok: k, expert_intermediate_size: int('moe-ffn-hidden-size', ffn)!, num_shared_experts: 0, ...(shared ? { shared_intermediate_size: shared } : {}) };
  }
  for (const f of UNMODELLED) if (has(f)) warnings.push({ path: [f], message: `--${f} changes the parameter count but is not modelled here; the count ignores it` });

  const arch: ArchConfig = {
    hidden_size: d,
    num_hidden_layers: L,
    num_attention_heads: h,
    num_key_value_heads: groups,
    head_dim: kvChannels,
    intermediate_size: ffn,
    vocab_size: vocab,
    seq_length: seq,
    tie_word_embeddings: !has('untie-embeddings-and-output-weights'),
    mlp_type: swiglu ? 'swiglu' : 'gelu',
    position_embedding: posType === 'learned_absolute' ? 'learned' : posType === 'none' ? 'none' : 'rope',
    norm_type: normalization === 'RMSNorm' ? 'rmsnorm' : 'layernorm',
    bias: biasLinear,
    detail: {
      bias: { qkv: qkvBias, o: biasLinear, mlp: biasLinear, lmHead: false },
      normsPerLayer: 2,
      finalNorm: true,
      normWeight: true,
      normBias: normalization === 'LayerNorm',
      ...(has('qk-layernorm') ? { qkNorm: 'head' as const } : {}),
      ...(maxPos !== undefined ? { positionRows: maxPos } : {}),
    },
    ...(moe ? { moe } : {}),
  };
  const notes = vocab !== rawVocab ? [`vocabulary ${rawVocab} padded to ${vocab} (multiple of ${divisible} × TP ${tp})`] : [];
  return { format: 'megatron', family: 'megatron', arch, warnings, notes, seqLengthFrom, spans };
}
