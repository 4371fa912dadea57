/**
 * Accelerator look-up and available training compute.
 *
 *   C = GPUs × dense peak(gpu, dtype) × MFU × uptime × hours × 3600
 *
 * MFU (model FLOPs utilisation) is the fraction of the DENSE peak that the model's FLOPs achieve
 * (PaLM, Chowdhery et al. 2022, arXiv 2204.02311, App. B); uptime is the fraction of wall-clock the job
 * is actually training (restarts, evaluation, checkpointing).
 */
import { InputError } from '../errors';
import { own } from '../text';
import { DTYPES, GPUS, type Dtype, type GpuSpec } from './gpus';
import { nearest } from './nearest';

export { DTYPES, GPUS, GPU_TABLE_SOURCE, type Dtype, type GpuSpec } from './gpus';
export { editDistance, nearest } from './nearest';

/** Lower-case, drop everything but letters and digits: "H100 SXM5" ≡ "h100-sxm5" ≡ "h100sxm5". */
export function normaliseName(s: string): string {
  return s.toLowerCase().replace(/^nvidia|^amd|^google/, '').replace(/[^a-z0-9]/g, '');
}

const BY_NAME = new Map<string, GpuSpec>();
for (const g of GPUS) for (const n of [g.id, ...g.aliases]) BY_NAME.set(normaliseName(n), g);

/** The GPU for a name or alias, or undefined. "H100" means the SXM part (the common training GPU). */
export function findGpu(name: string): GpuSpec | undefined {
  return BY_NAME.get(normaliseName(name));
}

/** Up to `k` known GPU ids closest to an unknown name. */
export function suggestGpus(name: string, k = 3): string[] {
  const q = normaliseName(name);
  return nearest(q, GPUS, (g) => [g.id, ...g.aliases].map(normaliseName), k).map((g) => g.id);
}

const DTYPE_ALIASES: Record<string, Dtype> = {
  bf16: 'bf16', bfloat16: 'bf16', fp16: 'fp16', float16: 'fp16', half: 'fp16',
  fp8: 'fp8', float8: 'fp8', e4m3: 'fp8', tf32: 'tf32', fp32: 'fp32', float32: 'fp32', float: 'fp32', int8: 'int8',
};

/** Accepts the spellings configs use (bf16, bfloat16, float16, fp32, …); undefined if unknown. */
export function parseDtype(s: string): Dtype | undefined {
  return own(DTYPE_ALIASES, s.toLowerCase().replace(/[^a-z0-9]/g, '')); // "constructor" is not a dtype
}

export const DTYPE_SPELLINGS = Object.keys(DTYPE_ALIASES);

/** Bad hardware input (unknown GPU or dtype, out-of-range value), with a code the planner shows. */
export class HardwareError extends InputError {
  constructor(message: string, readonly code: 'unknown-gpu' | 'unknown-dtype' | 'no-peak' | 'bad-value') {
    super(message);
    this.name = 'HardwareError';
  }
}

export interface PeakFlops {
  /** Dense peak, FLOP/s per GPU. */
  flops: number;
  gpu: GpuSpec;
  dtype: Dtype;
  source: string;
}

/** Dense peak for a GPU name and dtype; throws HardwareError naming the nearest GPUs / the dtypes it has. */
export function peakFlops(gpuName: string, dtype: string): PeakFlops {
  const gpu = findGpu(gpuName);
  if (!gpu) {
    throw new HardwareError(
      `unknown GPU '${gpuName}' (did you mean ${suggestGpus(gpuName).join(', ')}? or set peak_flops_per_gpu)`,
      'unknown-gpu',
    );
  }
  const dt = parseDtype(dtype);
  if (!dt) throw new HardwareError(`unknown dtype '${dtype}' (expected one of: ${DTYPES.join(', ')})`, 'unknown-dtype');
  const flops = gpu.dense[dt];
  if (flops === undefined) {
    const has = DTYPES.filter((d) => gpu.dense[d] !== undefined).join(', ');
    throw new HardwareError(`${gpu.id} has no ${dt} peak in the table (it has: ${has})`, 'no-peak');
  }
  return { flops, gpu, dtype: dt, source: `${gpu.source}${gpu.secondary ? ' (secondary source — confirm)' : ''}` };
}

/**
 * If `flops` equals (within 1 %) a vendor's WITH-SPARSITY headline for some GPU/dtype, return that match:
 * such a peak double-counts throughput for dense training.
 */
export function matchesSparseHeadline(flops: number, preferGpu?: string): { gpu: GpuSpec; dtype: Dtype; dense: number } | undefined {
  // The configured GPU first: H100 (1,978.9) and H200 (1,979) headlines are within 1 % of each other.
  const preferred = preferGpu ? findGpu(preferGpu) : undefined;
  for (const gpu of preferred ? [preferred, ...GPUS] : GPUS) {
    for (const dt of DTYPES) {
      const s = gpu.sparse[dt];
      const d = gpu.dense[dt];
      if (s !== undefined && d !== undefined && Math.abs(flops - s) <= 0.01 * s) return { gpu, dtype: dt, dense: d };
    }
  }
  return undefined;
}

export interface TrainingComputeInput {
  numGpus: number;
  gpuType: string;
  dtype: string;
  /** Model FLOPs utilisation, (0, 1]. */
  mfu: number;
  /** Wall-clock hours available. */
  hours: number;
  /** Fraction of wall-clock spent training, (0, 1]; default 1. */
  uptime?: number;
  /** Override the table's dense peak (FLOP/s per GPU), e.g. for an unlisted accelerator. */
  peakFlopsPerGpu?: number;
}

export interface TrainingCompute {
  /** Total training FLOPs. */
  compute: number;
  peakFlopsPerGpu: number;
  /** Where the peak figure comes from. */
  source: string;
  /** GPU-hours of wall-clock (numGpus × hours). */
  gpuHours: number;
}

function checkPositive(name: string, x: number, max?: number): void {
  if (!(Number.isFinite(x) && x > 0) || (max !== undefined && x > max)) {
    throw new HardwareError(`${name} must be a number in (0, ${max ?? '∞'}], got ${x}`, 'bad-value');
  }
}

/** C = GPUs × dense peak × MFU × uptime × hours × 3600. */
export function trainingCompute(input: TrainingComputeInput): TrainingCompute {
  const uptime = input.uptime ?? 1;
  checkPositive('numGpus', input.numGpus);
  checkPositive('mfu', input.mfu, 1);
  checkPositive('uptime', uptime, 1);
  checkPositive('hours', input.hours);
  let peak: number;
  let source: string;
  if (input.peakFlopsPerGpu !== undefined) {
    checkPositive('peakFlopsPerGpu', input.peakFlopsPerGpu);
    peak = input.peakFlopsPerGpu;
    source = 'peak_flops_per_gpu from the config';
  } else {
    const p = peakFlops(input.gpuType, input.dtype);
    peak = p.flops;
    source = p.source;
  }
  const compute = input.numGpus * peak * input.mfu * uptime * input.hours * 3600;
  return { compute, peakFlopsPerGpu: peak, source, gpuHours: input.numGpus * input.hours };
}
