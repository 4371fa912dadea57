/**
 * Learning rate and batch size at a law's recommendation (N*, D*, C): what `optimal --json` rows and
 * the planner carry. N* is in the allocation law's own convention (LawInfo.paramConvention); laws that
 * count all parameters (and Porian's count, which includes the output head) are converted to
 * non-embedding for Step Law and Kaplan with Pearce & Song 2024, and each result says so.
 */
import { getLaw, isLawId } from '../laws';
import type { Warning } from '../laws/types';
import { evaluateHparams, type HparamInput, type HparamResult } from './index';

/** The fields a plan row needs; conventions and citations are in `scaling-laws hparams` and the registry. */
export interface HparamsAtOptimum {
  law: HparamResult['law'];
  batchKind: HparamResult['batchKind'];
  learningRate: number | null;
  learningRateBand: [number, number] | null;
  batchTokens: number;
  batchTokensBand: [number, number] | null;
  batchSequences: number | null;
  steps: number | null;
  warmupSteps: number | null;
  warnings: Warning[];
}

export interface OptimumRow {
  law: string;
  N: number;
  D: number;
  compute: number;
}

/** Every hyperparameter law at one allocation row; `seqLen` adds batches in sequences. */
export function hparamsAtOptimum(row: OptimumRow, seqLen?: number): HparamsAtOptimum[] {
  const convention = isLawId(row.law) ? getLaw(row.law).paramConvention : 'total';
  const input: HparamInput = {
    N: row.N,
    paramConvention: convention === 'non-embedding' ? 'non-embedding' : 'total',
    D: row.D,
    // The row's budget: exactly M·D for deepseek2024 (its N* is M*/6), 6·N·D for the others.
    C: row.compute,
    seqLen,
  };
  return evaluateHparams(input).results.map((r) => ({
    law: r.law,
    batchKind: r.batchKind,
    learningRate: r.learningRate,
    learningRateBand: r.learningRateBand,
    batchTokens: r.batchTokens,
    batchTokensBand: r.batchTokensBand,
    batchSequences: r.batchSequences,
    steps: r.steps,
    warmupSteps: r.warmupSteps,
    warnings: r.warnings,
  }));
}

/** Allocation rows with an `hparams` field each (the rows are copied, not changed). */
export function withHparams<T extends OptimumRow>(rows: readonly T[], seqLen?: number): Array<T & { hparams: HparamsAtOptimum[] }> {
  return rows.map((r) => ({ ...r, hparams: hparamsAtOptimum(r, seqLen) }));
}
