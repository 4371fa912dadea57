/**
 * Training memory: model states and activations.
 *
 * Model states (Rajbhandari et al. 2020, ZeRO, arXiv 1910.02054, §3.1): mixed-precision Adam keeps
 * 16-bit weights (2 B/param) and gradients (2 B/param) plus FP32 master weights, momentum and variance
 * (12 B/param) — 16 B/param in all. Pure FP32 training: 4 + 4 + 8. SGD with momentum keeps one FP32
 * buffer (+ the FP32 master copy under mixed precision). ZeRO-3/FSDP shards all states across GPUs.
 *
 * Activations (Korthikanti et al. 2022, arXiv 2205.05198, Eq. 2, no tensor/sequence parallelism),
 * bytes per layer for micro-batch b, sequence s, width h, a heads, 16-bit activations:
 *   s·b·h·(34 + 5·a·s/h)      — stored attention matrices (softmax, dropout mask) give the 5·a·s/h term
 *   s·b·h·34                  — with FlashAttention (Dao et al. 2022) or selective recomputation
 *   2·s·b·h                   — full activation checkpointing (the layer input only; one layer's
 *                               activations are rematerialised at a time and added once)
 * The 34 is derived for a GELU MLP of width 4h; other shapes are approximated with the same constant.
 * The output logits (FP32 for the cross-entropy, 4·s·b·V bytes) are added once.
 *
 * Parallelism, per GPU:
 *   - ZeRO (Rajbhandari et al. 2020, §5, Fig. 1) over the data-parallel degree N_d: stage 1 shards the
 *     optimizer states (K·Ψ/N_d), stage 2 also the gradients, stage 3 also the 16-bit weights.
 *   - Tensor (t) and pipeline (p) parallelism divide the parameters by t·p (Megatron-LM splits every
 *     layer's matrices, the embedding and the output layer t ways, and the layers p ways; the
 *     embedding-holding stages carry a little more — not modelled).
 *   - Activations per layer (Korthikanti et al. 2022, Table 2): with tensor parallelism
 *     s·b·h·(10 + 24/t + 5·a·s/(h·t)); with sequence parallelism as well s·b·h/t·(34 + 5·a·s/h);
 *     selective recomputation drops the 5·a·s/h term; full recomputation keeps 2·s·b·h (÷t with
 *     sequence parallelism). Under the 1F1B pipeline schedule the first stage holds p micro-batches
 *     of L/p layers, i.e. L layers' worth whatever p (§4.2.3) — so p does not divide activations.
 *
 * Inference (KV cache): 2 (K and V) · L · n_kv · d_head bytes-per-element per token for multi-head and
 * grouped-query attention; MLA caches the compressed latent and the shared RoPE key,
 * (kv_lora_rank + qk_rope_head_dim) · L elements per token (DeepSeek-V2, arXiv 2405.04434, §2.1.4, Table 1).
 */
import type { ArchConfig } from './types';
import { countParams } from './params';

export type TrainingPrecision = 'mixed' | 'fp32';
export type Optimizer = 'adamw' | 'sgd';
export type Checkpointing = 'none' | 'selective' | 'full';

export interface MemoryOptions {
  precision?: TrainingPrecision;
  optimizer?: Optimizer;
  microBatchSize?: number;
  seqLength?: number;
  flashAttention?: boolean;
  checkpointing?: Checkpointing;
  /** Shard model states across this many GPUs (ZeRO-3 / FSDP); 1 = unsharded. Shorthand for zeroStage 3 over dataParallel. */
  shardAcross?: number;
  /** Data-parallel degree the ZeRO stage shards over (default shardAcross, else 1). */
  dataParallel?: number;
  /** ZeRO stage 0–3 (default 3 when shardAcross > 1, else 0). */
  zeroStage?: 0 | 1 | 2 | 3;
  tensorParallel?: number;
  pipelineParallel?: number;
  /** Megatron sequence parallelism (with tensor parallelism). */
  sequenceParallel?: boolean;
}

export interface TrainingMemory {
  weights: number;
  gradients: number;
  optimizer: number;
  activations: number;
  /** Bytes on one GPU: its share of the states (TP·PP split, ZeRO sharding) + activations of one micro-batch. */
  perGpu: number;
  /** The states part of perGpu. */
  statesPerGpu: number;
  /** Unsharded total of states + activations. */
  total: number;
  bytesPerParam: { weights: number; gradients: number; optimizer: number };
  options: Required<MemoryOptions>;
}

export function trainingMemory(a: ArchConfig, opts: MemoryOptions = {}): TrainingMemory {
  const o: Required<MemoryOptions> = {
    precision: opts.precision ?? 'mixed',
    optimizer: opts.optimizer ?? 'adamw',
    microBatchSize: opts.microBatchSize ?? 1,
    seqLength: opts.seqLength ?? a.seq_length,
    flashAttention: opts.flashAttention ?? true,
    checkpointing: opts.checkpointing ?? 'none',
    shardAcross: opts.shardAcross ?? 1,
    dataParallel: opts.dataParallel ?? opts.shardAcross ?? 1,
    zeroStage: opts.zeroStage ?? ((opts.shardAcross ?? 1) > 1 ? 3 : 0),
    tensorParallel: opts.tensorParallel ?? 1,
    pipelineParallel: opts.pipelineParallel ?? 1,
    sequenceParallel: opts.sequenceParallel ?? false,
  };
  for (const k of ['microBatchSize', 'seqLength', 'shardAcross', 'dataParallel', 'tensorParallel', 'pipelineParallel'] as const) {
    if (!(Number.isInteger(o[k]) && o[k] >= 1)) throw new RangeError(`trainingMemory: ${k} must be a whole number ≥ 1, got ${o[k]}`);
  }
  const N = countParams(a).total;
  const mixed = o.precision === 'mixed';
  const w = mixed ? 2 : 4;
  const g = mixed ? 2 : 4;
  const moments = o.optimizer === 'adamw' ? 8 : 4;
  const opt = moments + (mixed ? 4 : 0); // FP32 master copy under mixed precision
  const bytesPerParam = { weights: w, gradients: g, optimizer: opt };

  const s = o.seqLength;
  const b = o.microBatchSize;
  const h = a.hidden_size;
  const t = o.tensorParallel;
  const sp = o.sequenceParallel && t > 1;
  const actScale = mixed ? 1 : 2; // the constants assume 16-bit activations
  const sbh = s * b * h;
  const attn = o.flashAttention ? 0 : (5 * a.num_attention_heads * s) / h;
  // Korthikanti et al. 2022, Table 2 (t = 1 reduces every row to Eq. 2).
  const full = sp ? (sbh / t) * (34 + attn) : sbh * (10 + 24 / t + attn / t);
  const selective = sp ? (sbh / t) * 34 : sbh * (10 + 24 / t);
  const perLayer = o.checkpointing === 'full' ? (sp ? (2 * sbh) / t : 2 * sbh) : o.checkpointing === 'selective' ? selective : full;
  const rematerialised = o.checkpointing === 'full' ? full : 0;
  const logits = (4 * s * b * a.vocab_size) / t;
  const activations = actScale * (a.num_hidden_layers * perLayer + rematerialised) + logits;

  const weights = w * N;
  const gradients = g * N;
  const optimizer = opt * N;
  const states = weights + gradients + optimizer;
  const mp = t * o.pipelineParallel;
  const dp = o.dataParallel;
  const z = o.zeroStage;
  const statesPerGpu = (weights / (z >= 3 ? dp : 1) + gradients / (z >= 2 ? dp : 1) + optimizer / (z >= 1 ? dp : 1)) / mp;
  return {
    weights,
    gradients,
    optimizer,
    activations,
    statesPerGpu,
    perGpu: statesPerGpu + activations,
    total: states + activations,
    bytesPerParam,
    options: o,
  };
}

export interface InferenceMemory {
  /** Weights at `weightBytes` per parameter (all experts resident). */
  weights: number;
  /** KV-cache bytes per token of context (one sequence). */
  kvPerToken: number;
  /** KV cache for `batch` sequences of `context` tokens. */
  kvCache: number;
  total: number;
  batch: number;
  context: number;
}

/** Serving memory: weights plus the KV cache at a batch and context (GQA- and MLA-aware; see the header). */
export function inferenceMemory(a: ArchConfig, opts: { batch?: number; context?: number; weightBytes?: number; kvBytes?: number } = {}): InferenceMemory {
  const batch = opts.batch ?? 1;
  const context = opts.context ?? a.seq_length;
  const kvBytes = opts.kvBytes ?? 2;
  const mla = a.detail?.mla;
  const perLayer = mla ? mla.kv_lora_rank + mla.qk_rope_head_dim : 2 * a.num_key_value_heads * a.head_dim;
  const kvPerToken = a.num_hidden_layers * perLayer * kvBytes;
  const weights = countParams(a).total * (opts.weightBytes ?? 2);
  const kvCache = kvPerToken * context * batch;
  return { weights, kvPerToken, kvCache, total: weights + kvCache, batch, context };
}
