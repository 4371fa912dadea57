/**
 * Backward analysis: from a cluster and a time budget to tokens and predicted loss.
 *
 *   C = GPUs × dense peak(gpu, dtype) × MFU × uptime × hours × 3600          (src/core/hardware)
 *   D = C / FLOPs-per-token        (6N by default — the convention the laws were fitted under —
 *                                   or Chinchilla App. F exact FLOPs, src/core/arch/flops.ts)
 *   L̂ = L(N, D) under the chosen law (src/core/laws), and the law's own compute-optimal (N*, D*) for
 *   the same C (src/core/allocation), to say how over- or under-trained the configured model is.
 * Plus the dataset check (epochs, fraction used), optimizer steps at the batch size, GPU-hours and the
 * training memory per GPU.
 */
import { countParams, flopsPerToken, nonEmbeddingFromTotal, trainingMemory, type ArchConfig, type FlopsPerToken, type ParamBreakdown, type TrainingMemory } from '../arch';
import { findGpu, HardwareError, matchesSparseHeadline, suggestGpus, trainingCompute } from '../hardware';
import { getLaw, lawLoss, LANGUAGE_NAMES, resolveLawContext, type LawContext } from '../laws';
import { chinchillaLoss, chinchillaOptimal } from '../laws/forms';
import { allocateCompute } from '../allocation';
import { FieldError, type BackwardConfig, type LawChoice } from './config';
import type { JSONPath } from 'jsonc-parser';
import type { Diagnostic } from '../diagnostic';
import { formatCount, formatNum, formatPercent } from '../format';
import { evaluateHparams, type HparamResult } from '../hparams';

export interface Finding extends Diagnostic<'mfu-high' | 'mfu-low' | 'sparse-peak' | 'dataset-exceeded' | 'many-epochs' | 'memory' | 'law'> {
  path: JSONPath;
  fixes: Array<{ title: string; value: unknown }>;
}

export interface LawOptimum {
  N: number;
  D: number;
  loss: number | null;
  tokensPerParam: number;
  method: string;
}

/**
 * How the law counts model size. The configured model is measured the same way before its loss is
 * predicted or it is compared with the law's N*: Kaplan et al. 2020 use non-embedding parameters,
 * DeepSeek 2024 the non-embedding FLOPs per token M (its N* is M* / 6); the others all parameters.
 */
export interface LawSize {
  convention: 'total' | 'non-embedding' | 'M/6';
  /** The configured model's size in that convention (= N for 'total'). */
  N: number;
  /** How it was obtained, for messages. */
  how: string;
}

export interface BackwardResult {
  N: number;
  arch?: ArchConfig;
  params?: ParamBreakdown;
  compute: number;
  peakFlopsPerGpu: number;
  peakSource: string;
  gpuHours: number;
  wallClockHours: number;
  flopsConvention: '6N' | 'exact';
  flopsPerToken: number;
  /** Both conventions when an architecture is known. */
  flops?: FlopsPerToken;
  D: number;
  tokensPerParam: number;
  law: LawChoice;
  /** The model's size as the law counts it (used for L̂ and for N / N*). */
  lawSize: LawSize;
  loss: number | null;
  lossUnit: string;
  optimum: LawOptimum | null;
  /** N / N* in the law's convention (> 1: bigger than the law's optimum for this compute, i.e. trained on fewer tokens). */
  sizeVsOptimum: number | null;
  /**
   * The unique-token count the law was evaluated with: dataset.unique_tokens, else the dataset size;
   * without either, the registry's default (resolveLawContext: MADLAD-400's count for ATLAS).
   */
  lawUniqueTokens?: number;
  dataset: { totalTokens?: number; uniqueTokens?: number; fraction?: number; epochs?: number };
  batchSizeTokens?: number;
  steps?: number;
  /** Peak learning rate and batch size for this model and D under each hyperparameter law (src/core/hparams). */
  hparams: HparamResult[];
  memory?: TrainingMemory;
  gpuMemoryGB?: number;
  findings: Finding[];
}

/** Typical MFU ranges, quoted by hovers and messages (shared/reference/gpus.md; Llama 3 paper). */
export const MFU_GUIDANCE =
  'Typical measured MFU: 35–45 % for well-optimised dense training (Llama 3 405B: 38–43 % BF16 on H100), ' +
  '25–35 % for a standard setup, under 25 % poorly optimised; above 70 % is not achieved in practice.';

/** The model's size in the law's own convention (see LawSize). */
export function lawSizeOf(law: LawChoice, N: number, params?: ParamBreakdown, flops?: FlopsPerToken): LawSize {
  if (law.id === 'kaplan2020') {
    if (params) return { convention: 'non-embedding', N: params.active - params.embeddings - params.positions - params.output, how: 'from the architecture' };
    return { convention: 'non-embedding', N: nonEmbeddingFromTotal(N), how: 'estimated from the total count (Pearce & Song 2024: N = N_ne + 47491·N_ne^(1/3))' };
  }
  if (law.id === 'deepseek2024') {
    // M = non-embedding FLOPs/token incl. attention = the layers' part of Chinchilla App. F (× 3 for training).
    if (flops) return { convention: 'M/6', N: flops.tableA4 / 6, how: 'M/6, M = non-embedding FLOPs/token incl. attention, from the architecture' };
    return { convention: 'M/6', N: nonEmbeddingFromTotal(N), how: 'M/6 ≈ non-embedding parameters, estimated from the total count (Pearce & Song 2024; attention FLOPs ignored)' };
  }
  return { convention: 'total', N, how: 'all parameters' };
}

/**
 * The context the law is evaluated in, for L̂ and the optimum alike: the dataset's unique tokens (else
 * its size) and language, the config's constant set, and the registry's own defaults on top
 * (resolveLawContext: e.g. ATLAS's MADLAD-400 cap when no dataset size is given).
 */
function lawContext(law: LawChoice, cfg: BackwardConfig): { ctx: LawContext; defaulted: { uniqueTokens?: number } } {
  const given: LawContext = { language: cfg.dataset.language, uniqueTokens: cfg.dataset.uniqueTokens ?? cfg.dataset.totalTokens, constantSet: law.constantSet };
  return law.id === 'custom' ? { ctx: given, defaulted: {} } : resolveLawContext(law.id, given);
}

function lawPrediction(law: LawChoice, size: LawSize, D: number, ctx: LawContext): number | null {
  if (law.id === 'custom') return chinchillaLoss(law.constants!, size.N, D);
  return lawLoss(law.id, size.N, D, ctx);
}

function lawOptimum(law: LawChoice, C: number, ctx: LawContext): LawOptimum | null {
  if (law.id === 'custom') {
    const o = chinchillaOptimal(law.constants!, C);
    return { N: o.N, D: o.D, loss: o.loss, tokensPerParam: o.D / o.N, method: 'closed form (Hoffmann et al. 2022, Eq. 4)' };
  }
  const rows = allocateCompute({ compute: C, laws: [law.id], language: ctx.language, uniqueTokens: ctx.uniqueTokens, constantSet: ctx.constantSet });
  const row = rows.find((r) => r.law === law.id);
  return row ? { N: row.N, D: row.D, loss: row.loss, tokensPerParam: row.tokensPerParam, method: row.method } : null;
}

export function analyseBackward(cfg: BackwardConfig): BackwardResult {
  const findings: Finding[] = [];
  const params = cfg.arch ? countParams(cfg.arch) : undefined;
  const N = params ? params.active : cfg.parameters!;

  const gpu = findGpu(cfg.gear.gpuType);
  if (!gpu && cfg.gear.peakFlopsPerGpu === undefined) {
    const near = suggestGpus(cfg.gear.gpuType);
    throw new FieldError({
      path: ['training_gear', 'gpu_type'],
      kind: 'unknown-gpu',
      severity: 'error',
      message: `training_gear.gpu_type: unknown GPU '${cfg.gear.gpuType}' — did you mean ${near.join(', ')}? (or set peak_flops_per_gpu to its dense peak in FLOP/s)`,
      fixes: near.map((n) => ({ title: `Change to '${n}'`, value: n })),
    });
  }
  let tc;
  try {
    tc = trainingCompute({ ...cfg.gear, mfu: cfg.efficiency.mfu, uptime: cfg.efficiency.uptime });
  } catch (e) {
    if (e instanceof HardwareError) {
      const path = e.code === 'no-peak' ? ['training_gear', 'dtype'] : ['training_gear'];
      throw new FieldError({ path, kind: 'invalid', severity: 'error', message: `training_gear: ${e.message}` });
    }
    throw e;
  }

  if (cfg.gear.peakFlopsPerGpu !== undefined) {
    const hit = matchesSparseHeadline(cfg.gear.peakFlopsPerGpu, cfg.gear.gpuType);
    if (hit) {
      findings.push({
        code: 'sparse-peak', severity: 'warning', path: ['training_gear', 'peak_flops_per_gpu'],
        message: `peak_flops_per_gpu ${formatNum(cfg.gear.peakFlopsPerGpu / 1e12)} TFLOP/s is the ${hit.gpu.id} ${hit.dtype.toUpperCase()} headline WITH 2:4 sparsity; MFU is defined against the dense peak, ${formatNum(hit.dense / 1e12)} TFLOP/s (${hit.gpu.source}). Compute is overstated 2×.`,
        fixes: [{ title: `Use the dense peak ${formatNum(hit.dense / 1e12)} TFLOP/s`, value: hit.dense }],
      });
    }
  }
  if (cfg.efficiency.mfu > 0.7) {
    findings.push({
      code: 'mfu-high', severity: 'warning', path: ['training_efficiency', 'expected_mfu'],
      message: `expected_mfu ${cfg.efficiency.mfu} is above 0.7, which large-scale training does not reach. ${MFU_GUIDANCE}`,
      fixes: [{ title: 'Set expected_mfu to 0.4 (well-optimised dense training)', value: 0.4 }],
    });
  } else if (cfg.efficiency.mfu < 0.1) {
    findings.push({ code: 'mfu-low', severity: 'info', path: ['training_efficiency', 'expected_mfu'], message: `expected_mfu ${cfg.efficiency.mfu} is very low for training (decode-style inference is ~1 %). ${MFU_GUIDANCE}`, fixes: [] });
  }

  const flops = cfg.arch ? flopsPerToken(cfg.arch, cfg.seqLength) : undefined;
  const fpt = cfg.flopsPerToken === 'exact' && flops ? flops.exact : 6 * N;
  const convention = cfg.flopsPerToken === 'exact' && flops ? 'exact' : '6N';
  const C = tc.compute;
  const D = C / fpt;

  const lawSize = lawSizeOf(cfg.law, N, params, flops);
  const { ctx, defaulted } = lawContext(cfg.law, cfg);
  const U = ctx.uniqueTokens;
  const loss = lawPrediction(cfg.law, lawSize, D, ctx);
  const lossUnit = cfg.law.id === 'custom' ? 'nats/token' : getLaw(cfg.law.id).lossUnit;
  if (loss === null) {
    findings.push({ code: 'law', severity: 'info', path: ['scaling_law'], message: `${cfg.law.label} predicts the compute-optimal allocation only, not a loss; pick a parametric law (e.g. hoffmann2022-a3, besiroglu2024) for L̂.`, fixes: [] });
  }
  if (lawSize.convention !== 'total') {
    findings.push({
      code: 'law', severity: 'info', path: ['scaling_law'],
      message: `${cfg.law.id} counts ${lawSize.convention === 'M/6' ? 'model size as M/6 (M = non-embedding FLOPs per token)' : 'non-embedding parameters'}: the model counts as ${formatCount(lawSize.N)} (${lawSize.how}) for L̂ and the comparison with N*.`,
      fixes: [],
    });
  }
  if (defaulted.uniqueTokens !== undefined) {
    const lang = ctx.language ?? 'en';
    findings.push({
      code: 'law', severity: 'info', path: ['scaling_law'],
      message: `${cfg.law.id}: no dataset size given, so the data is capped at ${formatCount(defaulted.uniqueTokens)} unique ${LANGUAGE_NAMES[lang]} tokens (MADLAD-400, as reported by ATLAS) with Muennighoff et al.'s repetition penalty.`,
      fixes: [],
    });
  }
  const optimum = lawOptimum(cfg.law, C, ctx);

  const total = cfg.dataset.totalTokens;
  const unique = cfg.dataset.uniqueTokens ?? total;
  const dataset: BackwardResult['dataset'] = { totalTokens: total, uniqueTokens: cfg.dataset.uniqueTokens };
  if (total !== undefined) dataset.fraction = D / total;
  if (unique !== undefined) dataset.epochs = D / unique;
  const dataPath = cfg.dataset.totalTokens !== undefined ? ['dataset', 'total_tokens'] : ['dataset_constraints', 'dataset_size'];
  if (total !== undefined && D > total && (cfg.dataset.maxEpochs === undefined || D / total > cfg.dataset.maxEpochs)) {
    const hoursForOnePass = cfg.gear.hours * (total / D);
    findings.push({
      code: 'dataset-exceeded', severity: 'warning', path: dataPath,
      message: `D = ${formatCount(D)} tokens exceeds the dataset (${formatCount(total)} tokens): ${formatNum(D / total, 3)} epochs${cfg.dataset.maxEpochs !== undefined ? ` (max_epochs ${cfg.dataset.maxEpochs})` : ''}. Repeated tokens are worth less (Muennighoff et al. 2023): use more data, a bigger model, or fewer hours.`,
      fixes: [{ title: `Set available_hours to ${formatNum(hoursForOnePass, 3)} (one pass over the dataset)`, value: Number(hoursForOnePass.toPrecision(3)) }],
    });
  }
  if (dataset.epochs !== undefined && dataset.epochs > 4) {
    findings.push({
      code: 'many-epochs', severity: 'info', path: cfg.dataset.uniqueTokens !== undefined ? ['dataset', 'unique_tokens'] : dataPath,
      message: `${formatNum(dataset.epochs, 3)} epochs over the unique tokens: Muennighoff et al. 2023 find up to ~4 epochs nearly as good as fresh data, with fast-diminishing returns beyond (use scaling_law "muennighoff2023" to model it).`,
      fixes: [],
    });
  }

  let memory: TrainingMemory | undefined;
  if (cfg.arch) {
    memory = trainingMemory(cfg.arch, {
      precision: cfg.gear.dtype === 'fp32' ? 'fp32' : 'mixed',
      optimizer: cfg.memory.optimizer,
      microBatchSize: cfg.memory.microBatchSize,
      seqLength: cfg.seqLength,
      flashAttention: cfg.memory.flashAttention,
      checkpointing: cfg.memory.checkpointing,
      shardAcross: cfg.gear.numGpus,
    });
    if (gpu?.memoryGB !== undefined && memory.perGpu > gpu.memoryGB * 1e9) {
      findings.push({
        code: 'memory', severity: 'warning', path: ['training_gear', 'gpu_type'],
        message: `training needs ≈${formatNum(memory.perGpu / 1e9, 3)} GB per GPU (states sharded over ${cfg.gear.numGpus} GPUs, ZeRO-3/FSDP, + activations at micro-batch ${cfg.memory.microBatchSize}) but ${gpu.id} has ${gpu.memoryGB} GB: use activation checkpointing, a smaller micro-batch, or more GPUs.`,
        fixes: [],
      });
    }
  }

  const steps = cfg.batchSizeTokens ? D / cfg.batchSizeTokens : undefined;
  // Learning rate and batch for the configured model and D: non-embedding N and DeepSeek's M measured
  // from the architecture when there is one (else converted from the count, and each result says so).
  const hparams = evaluateHparams({ N, nonEmbeddingN: params?.nonEmbedding, flopsPerTokenM: flops?.tableA4, D, seqLen: cfg.seqLength }).results;
  const step = hparams.find((h) => h.law === 'steplaw2025');
  if (cfg.batchSizeTokens && step) {
    const ratio = cfg.batchSizeTokens / step.batchTokens;
    if (ratio > 2 || ratio < 0.5) {
      findings.push({
        code: 'law', severity: 'info', path: ['batch_size_tokens'],
        message: `batch_size_tokens ${formatCount(cfg.batchSizeTokens)} is ${formatNum(ratio, 3)}× the Step Law optimum for this N and D (${formatCount(step.batchTokens)} tokens, 95 % band ${formatCount(step.batchTokensBand![0])}–${formatCount(step.batchTokensBand![1])}; Li et al. 2025)${step.warnings.some((w) => w.code === 'hparams-extrapolation') ? ', extrapolated beyond its fitted range' : ''}.`,
        fixes: [{ title: `Set batch_size_tokens to ${formatCount(step.batchTokens)} (Step Law)`, value: Math.round(step.batchTokens) }],
      });
    }
  }
  const sizeVsOptimum = optimum ? lawSize.N / optimum.N : null;
  if (optimum && sizeVsOptimum !== null && (sizeVsOptimum > 3 || sizeVsOptimum < 1 / 3)) {
    findings.push({
      code: 'law', severity: 'info', path: cfg.arch ? ['architecture'] : ['parameters'],
      message: `the model is ${formatNum(sizeVsOptimum, 3)}× the ${cfg.law.id === 'custom' ? 'law' : cfg.law.id} optimum for this compute (N* ${formatCount(optimum.N)}${lawSize.convention === 'total' ? '' : `, ${lawSize.convention}`}, D* ${formatCount(optimum.D)}): ${sizeVsOptimum > 1 ? 'under-trained' : 'over-trained'} at ${formatNum(D / lawSize.N, 3)} tokens/param vs ${formatNum(optimum.tokensPerParam, 3)} — ${formatPercent(sizeVsOptimum)} of the optimal size.`,
      fixes: [],
    });
  }

  return {
    N, arch: cfg.arch, params, compute: C, peakFlopsPerGpu: tc.peakFlopsPerGpu, peakSource: tc.source,
    gpuHours: tc.gpuHours, wallClockHours: cfg.gear.hours, flopsConvention: convention, flopsPerToken: fpt, flops,
    D, tokensPerParam: D / N, law: cfg.law, lawSize, loss, lossUnit, optimum, sizeVsOptimum, lawUniqueTokens: U, dataset,
    batchSizeTokens: cfg.batchSizeTokens, steps, hparams, memory, gpuMemoryGB: gpu?.memoryGB, findings,
  };
}
