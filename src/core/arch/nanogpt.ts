/**
 * nanoGPT config files (karpathy/nanoGPT `config/*.py`): plain Python assignments that train.py
 * `exec`s over its own globals. They are READ, never run: only top-level `name = literal` lines are
 * understood (numbers, strings, True/False/None, and products/sums of numbers such as `5 * 8`);
 * anything else on a line that sets a model key is reported, not evaluated.
 *
 * The model is what train.py builds (karpathy/nanoGPT@3adf61e, train.py and model.py):
 *   - train.py defaults: n_layer 12, n_head 12, n_embd 768, block_size 1024, bias False, dropout 0,
 *     init_from 'scratch'; vocab_size = data/<dataset>/meta.pkl's when it exists, else 50304
 *     ("GPT-2's 50257 rounded up for efficiency"); GPTConfig's own default bias True applies only when
 *     GPTConfig is built directly.
 *   - init_from 'gpt2*': GPT.from_pretrained forces vocab 50257, block_size 1024, bias True, then
 *     crops the position table to a smaller block_size.
 *   - GPT: wte V×d tied with lm_head, wpe block_size×d, per block ln_1, c_attn d×3d, c_proj d×d, ln_2,
 *     c_fc d×4d, c_proj 4d×d (biases and LayerNorm biases iff `bias`), ln_f.
 * nanoGPT prints `get_num_params()`, which subtracts the position table (non_embedding=True).
 */
import { ArchError, type ArchConfig } from './types';
import type { ModelRead, ModelWarning, ReadOptions } from './modelWarning';

type Value = number | string | boolean | null;

/** train.py's model-relevant defaults (nanoGPT@3adf61e). */
const TRAIN_DEFAULTS = { n_layer: 12, n_head: 12, n_embd: 768, block_size: 1024, bias: false, init_from: 'scratch', dataset: 'openwebtext' } as const;

/** from_pretrained's config_args (model.py). */
const GPT2_PRESETS: Record<string, { n_layer: number; n_head: number; n_embd: number }> = {
  gpt2: { n_layer: 12, n_head: 12, n_embd: 768 },
  'gpt2-medium': { n_layer: 24, n_head: 16, n_embd: 1024 },
  'gpt2-large': { n_layer: 36, n_head: 20, n_embd: 1280 },
  'gpt2-xl': { n_layer: 48, n_head: 25, n_embd: 1600 },
};

/** Every global train.py defines (a config may set any of them); other names are probably typos. */
const TRAIN_KEYS = new Set([
  'out_dir', 'eval_interval', 'log_interval', 'eval_iters', 'eval_only', 'always_save_checkpoint', 'init_from', 'wandb_log',
  'wandb_project', 'wandb_run_name', 'dataset', 'gradient_accumulation_steps', 'batch_size', 'block_size', 'n_layer', 'n_head',
  'n_embd', 'dropout', 'bias', 'learning_rate', 'max_iters', 'weight_decay', 'beta1', 'beta2', 'grad_clip', 'decay_lr',
  'warmup_iters', 'lr_decay_iters', 'min_lr', 'backend', 'device', 'dtype', 'compile',
  // sample.py / bench.py globals that their configs set
  'start', 'num_samples', 'max_new_tokens', 'temperature', 'top_k', 'seed', 'real_data', 'profile',
]);
const MODEL_KEYS = ['n_layer', 'n_head', 'n_embd', 'block_size', 'bias', 'init_from', 'dataset', 'vocab_size'];

export interface PyAssignment {
  name: string;
  /** undefined when the right-hand side is not a literal this reader evaluates. */
  value: Value | undefined;
  source: string;
  offset: number;
  length: number;
}

/** Top-level `name = value` lines of a Python file (later assignments win, as when train.py execs it). */
export function readPythonAssignments(text: string): Map<string, PyAssignment> {
  const out = new Map<string, PyAssignment>();
  const re = /^([A-Za-z_][A-Za-z0-9_]*)[ \t]*=(?!=)[ \t]*(.*)$/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const rhs = stripComment(m[2]).trim();
    out.set(m[1], { name: m[1], value: literal(rhs), source: rhs, offset: m.index, length: m[1].length });
  }
  return out;
}

/** Drops a trailing `# comment` that is not inside a string. */
function stripComment(s: string): string {
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') return s.slice(0, i);
  }
  return s;
}

/** A Python literal, or a product/sum of numbers ("5 * 8"); undefined for anything else. */
function literal(s: string): Value | undefined {
  if (s === 'True') return true;
  if (s === 'False') return false;
  if (s === 'None') return null;
  const str = /^(['"])((?:\\.|(?!\1).)*)\1$/.exec(s);
  if (str) return str[2];
  if (!/^[\d._eE+\-*/() \t]+$/.test(s)) return undefined;
  const terms = s.split(/\s*\+\s*/);
  let sum = 0;
  for (const t of terms) {
    let prod = 1;
    for (const f of t.split(/\s*\*\s*/)) {
      const n = Number(f.replace(/_/g, '').trim());
      if (f.trim() === '' || !Number.isFinite(n)) return undefined;
      prod *= n;
    }
    sum += prod;
  }
  return sum;
}

/** True when a Python file looks like a nanoGPT config (sets a model or training key of train.py). */
export function isNanoGptConfig(text: string): boolean {
  const a = readPythonAssignments(text);
  return ['n_layer', 'n_embd', 'n_head', 'block_size', 'init_from'].some((k) => a.has(k)) && !/^\s*(class|def)\s/m.test(text);
}

export function readNanoGptConfig(text: string, opts: ReadOptions = {}): ModelRead {
  const a = readPythonAssignments(text);
  const warnings: ModelWarning[] = [];
  const spans: Record<string, { offset: number; length: number }> = {};
  for (const [k, v] of a) spans[k] = { offset: v.offset, length: v.length };

  const get = (key: string): Value | undefined => {
    const as = a.get(key);
    if (!as) return undefined;
    if (as.value === undefined && MODEL_KEYS.includes(key)) {
      throw new ArchError(`${key} = ${as.source}: not a literal — this reader does not run Python; write the value (e.g. ${key} = 12)`, [key]);
    }
    return as.value;
  };
  const int = (key: string, dflt: number): number => {
    const v = get(key) ?? dflt;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new ArchError(`${key}: expected a whole number ≥ 1, got ${JSON.stringify(v)}`, [key]);
    return v;
  };

  const initFrom = String(get('init_from') ?? TRAIN_DEFAULTS.init_from);
  const notes: string[] = [];
  let L = int('n_layer', TRAIN_DEFAULTS.n_layer);
  let h = int('n_head', TRAIN_DEFAULTS.n_head);
  let d = int('n_embd', TRAIN_DEFAULTS.n_embd);
  const blockSize = int('block_size', TRAIN_DEFAULTS.block_size);
  let bias = get('bias') ?? TRAIN_DEFAULTS.bias;
  if (typeof bias !== 'boolean') throw new ArchError(`bias: expected True or False, got ${JSON.stringify(bias)}`, ['bias']);
  let vocab: number;
  let positionRows = blockSize;

  const preset = GPT2_PRESETS[initFrom];
  if (preset) {
    // GPT.from_pretrained: the checkpoint's shape wins over n_layer/n_head/n_embd; vocab 50257, bias True.
    for (const k of ['n_layer', 'n_head', 'n_embd', 'bias'] as const) {
      if (a.has(k)) warnings.push({ path: [k], message: `${k} is ignored: init_from '${initFrom}' loads GPT-2's own shape (model.py from_pretrained)` });
    }
    ({ n_layer: L, n_head: h, n_embd: d } = preset);
    bias = true;
    vocab = 50257;
    if (blockSize > 1024) throw new ArchError(`block_size ${blockSize} exceeds GPT-2's 1024 positions (init_from '${initFrom}')`, ['block_size']);
    positionRows = blockSize; // crop_block_size keeps the first block_size rows
    notes.push(`init_from '${initFrom}': GPT-2 weights (vocab 50257, bias True)${blockSize < 1024 ? `, position table cropped to block_size ${blockSize}` : ''}`);
  } else {
    if (initFrom === 'resume') {
      warnings.push({ path: ['init_from'], message: "init_from 'resume': the model arguments come from the checkpoint in out_dir; counted from this file's n_layer/n_head/n_embd/block_size/bias instead" });
    } else if (initFrom !== 'scratch') {
      warnings.push({ path: ['init_from'], message: `init_from '${initFrom}' is not one train.py knows (scratch, resume, gpt2, gpt2-medium, gpt2-large, gpt2-xl); counted as 'scratch'` });
    }
    if (opts.vocabSize !== undefined) {
      vocab = opts.vocabSize;
    } else {
      vocab = 50304;
      const dataset = String(get('dataset') ?? TRAIN_DEFAULTS.dataset);
      if (dataset !== 'openwebtext' && dataset !== 'shakespeare') {
        warnings.push({
          path: a.has('dataset') ? ['dataset'] : [],
          message: `vocab_size: train.py takes it from data/${dataset}/meta.pkl when that file exists (character-level data sets have one) and uses 50304 otherwise — assumed 50304; pass --vocab-size if the data set has its own vocabulary`,
        });
      }
    }
  }
  if (d % h !== 0) throw new ArchError(`n_head ${h} does not divide n_embd ${d} (model.py asserts it)`, ['n_head']);

  for (const k of a.keys()) {
    if (TRAIN_KEYS.has(k)) continue;
    const near = [...TRAIN_KEYS].find((t) => t.replace(/_/g, '') === k.replace(/s$/, '').replace(/_/g, '') || (k.startsWith(t) && k.length - t.length <= 1));
    warnings.push({ path: [k], message: `'${k}' is not a train.py setting, so nanoGPT ignores it${near ? ` (did you mean '${near}'?)` : ''}` });
  }

  const seq = opts.seqLength ?? blockSize;
  if (seq > positionRows) throw new ArchError(`sequence length ${seq} exceeds block_size ${positionRows}`, ['block_size']);
  const arch: ArchConfig = {
    hidden_size: d,
    num_hidden_layers: L,
    num_attention_heads: h,
    num_key_value_heads: h,
    head_dim: d / h,
    intermediate_size: 4 * d,
    vocab_size: vocab,
    seq_length: seq,
    tie_word_embeddings: true,
    mlp_type: 'gelu',
    position_embedding: 'learned',
    norm_type: 'layernorm',
    bias,
    detail: { bias: { qkv: bias, o: bias, mlp: bias, lmHead: false }, normsPerLayer: 2, finalNorm: true, normWeight: true, normBias: bias, positionRows },
  };
  return { format: 'nanogpt', family: 'nanogpt', arch, warnings, notes, seqLengthFrom: opts.seqLength !== undefined ? 'option' : 'config', spans };
}

/** nanoGPT's printed "number of parameters" (model.py get_num_params(non_embedding=True): total − wpe). */
export function nanoGptReportedParams(total: number, arch: ArchConfig): number {
  return total - (arch.detail?.positionRows ?? arch.seq_length) * arch.hidden_size;
}
