/**
 * Types of the hyperparameter-law registry: published fits of the learning rate and batch size a
 * training run should use, as functions of its size, data and compute. Like src/core/laws, a law is
 * data (constants with their sources, the conventions it was fitted under, fitted ranges, caveats) plus
 * one evaluation function; ./index.ts is the registry.
 */
import type { Citation, Constant, Warning } from '../laws/types';

export type HparamLawId = 'deepseek2024' | 'steplaw2025' | 'kaplan2020-bcrit';

/** Optimal: the batch size that minimises loss (or compute) at this scale. Critical: beyond it, larger batches waste compute. */
export type BatchKind = 'optimal' | 'critical';

export interface HparamConventions {
  /** What N the law counts (and what it needs from the caller). */
  params: string;
  /** Batch unit the law was fitted in and returns. */
  batch: string;
  /** How the law's compute is defined (when it uses compute). */
  compute?: string;
  optimizer: string;
  schedule: string;
}

export interface HparamLawInfo {
  id: HparamLawId;
  name: string;
  citation: Citation;
  /** Plain-text formula. */
  form: string;
  constants: Record<string, Constant>;
  conventions: HparamConventions;
  /** Ranges of the runs the fit was made on (extrapolation beyond them is warned about). */
  fitted: { params?: [number, number]; tokens?: [number, number]; compute?: [number, number] };
  gives: { learningRate: boolean; batch: BatchKind };
  caveats: string[];
}

/**
 * What the caller knows about the run. Give N and D, or only C (then laws that need N and D are
 * skipped with a reason). `nonEmbeddingN`, when known from an architecture, is used by the laws that
 * count non-embedding parameters instead of converting N.
 */
export interface HparamInput {
  /** Parameter count, counting what `paramConvention` says (default: all parameters). */
  N?: number;
  paramConvention?: 'total' | 'non-embedding';
  /** Non-embedding parameters measured from the architecture. */
  nonEmbeddingN?: number;
  /** DeepSeek's M (non-embedding training FLOPs per token incl. attention) measured from the architecture. */
  flopsPerTokenM?: number;
  /** Training tokens. */
  D?: number;
  /** Training compute in FLOPs (default: M·D when M is known, else 6·N·D). */
  C?: number;
  /** Sequence length: batches in sequences and warmup steps need it. */
  seqLen?: number;
}

export interface HparamResult {
  law: HparamLawId;
  name: string;
  /** Optimal or critical batch (critical is an upper bound, not a recommendation). */
  batchKind: BatchKind;
  /** Peak learning rate, or null when the law gives none. */
  learningRate: number | null;
  /** 95 % band of the learning rate from the authors' bootstrap fits, where they publish them. */
  learningRateBand: [number, number] | null;
  batchTokens: number;
  batchTokensBand: [number, number] | null;
  /** batchTokens / seqLen (not rounded), or null without a sequence length. */
  batchSequences: number | null;
  /** Optimizer steps D / batchTokens, or null without D. */
  steps: number | null;
  /** Linear-warmup steps by the rule in ./warmup.ts, or null without N and D. */
  warmupSteps: number | null;
  /** The inputs as this law used them (after conventions were applied). */
  used: { N?: number; D?: number; C?: number; loss?: number };
  conventions: HparamConventions;
  citation: string;
  url: string;
  warnings: Warning[];
}
