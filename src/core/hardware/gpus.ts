/**
 * Peak DENSE tensor throughput per accelerator, by data type, in FLOP/s.
 *
 * Model FLOPs Utilisation (MFU; Chowdhery et al. 2022, PaLM, arXiv 2204.02311, App. B) is defined
 * against the dense peak. NVIDIA's headline figures for Ampere and later (TF32/BF16/FP16/FP8) are WITH
 * 2:4 structured sparsity, i.e. twice the dense figure — using them halves every compute estimate's
 * meaning. The `sparse` column keeps those headlines only so a config that pastes one can be flagged.
 *
 * Figures transcribed from the vendors' datasheets (see `source`); `secondary: true` marks figures the
 * project took from a secondary source and asks users to confirm before relying on them.
 */

export type Dtype = 'bf16' | 'fp16' | 'fp8' | 'tf32' | 'fp32' | 'int8';

export const DTYPES: readonly Dtype[] = ['bf16', 'fp16', 'fp8', 'tf32', 'fp32', 'int8'];

export interface GpuSpec {
  /** Canonical name used in configs ("H100-SXM"). */
  id: string;
  /** Human label. */
  label: string;
  /** Dense peak throughput per dtype, FLOP/s (INT8: OP/s). */
  dense: Partial<Record<Dtype, number>>;
  /** Vendor headline WITH 2:4 sparsity, FLOP/s — never used for compute, only to detect pasted headlines. */
  sparse: Partial<Record<Dtype, number>>;
  /** Device memory in GB (undefined when the source gives none). */
  memoryGB?: number;
  /** Where the figures come from. */
  source: string;
  /** Figures from a secondary source (⚠ in the reference table). */
  secondary?: boolean;
  /** Other names people write in configs (normalised matching ignores case and punctuation). */
  aliases: string[];
}

const T = 1e12;
const both = (x: number) => ({ bf16: x * T, fp16: x * T });

export const GPUS: readonly GpuSpec[] = [
  {
    id: 'B200', label: 'NVIDIA B200 (HGX, per GPU)', memoryGB: 180, source: 'NVIDIA HGX B200 table',
    dense: { ...both(2250), fp8: 4500 * T, tf32: 1100 * T, fp32: 75 * T },
    sparse: { ...both(4500), fp8: 9000 * T }, aliases: ['B200-HGX'],
  },
  {
    id: 'GB200', label: 'NVIDIA GB200 (per GPU)', source: 'NVIDIA GB200 NVL72 table',
    dense: { ...both(2500), fp8: 5000 * T, tf32: 1250 * T }, sparse: { ...both(5000) }, aliases: ['GB200-NVL72'],
  },
  {
    id: 'H200-SXM', label: 'NVIDIA H200 SXM', memoryGB: 141, source: 'NVIDIA H200 datasheet',
    dense: { ...both(989.5), fp8: 1979 * T, tf32: 494.5 * T, fp32: 67 * T },
    sparse: { ...both(1979), fp8: 3958 * T }, aliases: ['H200', 'H200-SXM5', 'H200-141GB'],
  },
  {
    id: 'H200-NVL', label: 'NVIDIA H200 NVL', memoryGB: 141, source: 'NVIDIA H200 datasheet', secondary: true,
    dense: { ...both(835) }, sparse: { ...both(1671) }, aliases: [],
  },
  {
    id: 'H100-SXM', label: 'NVIDIA H100 SXM', memoryGB: 80, source: 'NVIDIA H100 datasheet',
    dense: { ...both(989.4), fp8: 1978.9 * T, tf32: 494.7 * T, fp32: 66.9 * T },
    sparse: { ...both(1978.9), fp8: 3957.8 * T }, aliases: ['H100', 'H100-SXM5', 'H100-80GB', 'H100-SXM5-80GB'],
  },
  {
    id: 'H100-PCIe', label: 'NVIDIA H100 PCIe', memoryGB: 80, source: 'NVIDIA H100 datasheet', secondary: true,
    dense: { ...both(756), fp8: 1513 * T, tf32: 378 * T, fp32: 51 * T }, sparse: { ...both(1513) },
    aliases: ['H100-PCIE-80GB'],
  },
  {
    id: 'A100', label: 'NVIDIA A100 (SXM/PCIe)', memoryGB: 80, source: 'NVIDIA A100 datasheet',
    dense: { ...both(312), tf32: 156 * T, fp32: 19.5 * T }, sparse: { ...both(624) },
    aliases: ['A100-SXM', 'A100-PCIe', 'A100-80GB', 'A100-40GB', 'A100-SXM4', 'A100-SXM4-80GB', 'A100-SXM4-40GB'],
  },
  {
    id: 'L40S', label: 'NVIDIA L40S', memoryGB: 48, source: 'NVIDIA L40S datasheet',
    dense: { ...both(362), fp8: 733 * T, tf32: 183 * T, fp32: 91.6 * T }, sparse: { ...both(733) }, aliases: [],
  },
  {
    id: 'V100', label: 'NVIDIA V100 SXM2', memoryGB: 32, source: 'NVIDIA V100 datasheet',
    // Volta has FP16 tensor cores only: no BF16, no sparsity.
    dense: { fp16: 125 * T, fp32: 15.7 * T }, sparse: {}, aliases: ['V100-SXM2', 'V100-32GB', 'V100-16GB'],
  },
  {
    id: 'RTX-4090', label: 'NVIDIA GeForce RTX 4090', memoryGB: 24, source: 'NVIDIA Ada whitepaper', secondary: true,
    // BF16/FP16 with FP32 accumulate; the FP16-accumulate figure is twice this and not used for training.
    dense: { ...both(165.2), fp8: 330.3 * T, tf32: 82.6 * T, fp32: 82.6 * T }, sparse: {}, aliases: ['RTX4090', '4090'],
  },
  {
    id: 'MI300X', label: 'AMD Instinct MI300X', memoryGB: 192, source: 'AMD MI300X datasheet',
    dense: { ...both(1307.4), fp8: 2614.9 * T, tf32: 653.7 * T, fp32: 163.4 * T }, sparse: { ...both(2614.9) }, aliases: [],
  },
  {
    id: 'TPU-v5e', label: 'Google TPU v5e (per chip)', memoryGB: 16, source: 'Google Cloud TPU documentation',
    dense: { bf16: 197 * T, int8: 393 * T }, sparse: {}, aliases: ['v5e', 'TPUv5e', 'TPU-v5-lite'],
  },
  {
    id: 'TPU-v5p', label: 'Google TPU v5p (per chip)', memoryGB: 95, source: 'Google Cloud TPU documentation',
    dense: { bf16: 459 * T, int8: 918 * T }, sparse: {}, aliases: ['v5p', 'TPUv5p'],
  },
];

/** Where the whole table comes from, for hovers and CLI output. */
export const GPU_TABLE_SOURCE =
  'vendor datasheets (dense figures; NVIDIA Ampere+ headlines include 2:4 sparsity and are halved)';
