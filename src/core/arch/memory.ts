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
  /** Shard model states across this many GPUs (ZeRO-3 / FSDP); 1 = unsharded. */
  shardAcross?: number;
}

export interface TrainingMemory {
  weights: number;
  gradients: number;
  optimizer: number;
  activations: number;
  /** Bytes on one GPU: states / shardAcross + activations of one micro-batch. */
  perGpu: number;
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
  };
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
  const actScale = mixed ? 1 : 2; // the constants assume 16-bit activations
  const sbh = s * b * h;
  const full = sbh * (34 + (o.flashAttention ? 0 : (5 * a.num_attention_heads * s) / h));
  const perLayer = o.checkpointing === 'full' ? 2 * sbh : o.checkpointing === 'selective' ? 34 * sbh : full;
  const rematerialised = o.checkpointing === 'full' ? full : 0;
  const logits = 4 * s * b * a.vocab_size;
  const activations = actScale * (a.num_hidden_layers * perLayer + rematerialised) + logits;

  const weights = w * N;
  const gradients = g * N;
  const optimizer = opt * N;
  const states = weights + gradients + optimizer;
  return {
    weights,
    gradients,
    optimizer,
    activations,
    perGpu: states / o.shardAcross + activations,
    total: states + activations,
    bytesPerParam,
    options: o,
  };
}
