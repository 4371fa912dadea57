/**
 * Learning rate and batch size at a law's recommendation (N*, D*, C): what `optimal --json` rows and
 * the planner carry. N* is in the allocation law's own convention (LawInfo.paramConvention); laws that
 * count all parameters (and Porian's count, which includes the output head) are converted to
 * non-embedding for Step Law and Kaplan with Pearce & Song 2024, and each result says so.
 */
import { getLaw, isLawId } from '../laws';
import { evaluateHparams } from './evaluate';
import type { HparamInput, HparamResult } from './types';

/** The fields a plan row needs; conventions and citations are in `scaling-laws hparams` and the registry. */
const ROW_FIELDS = ['law', 'batchKind', 'learningRate', 'learningRateBand', 'batchTokens', 'batchTokensBand', 'batchSequences', 'steps', 'warmupSteps', 'warnings'] as const;
export type HparamsAtOptimum = Pick<HparamResult, (typeof ROW_FIELDS)[number]>;

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
  return evaluateHparams(input).results.map((r) => Object.fromEntries(ROW_FIELDS.map((k) => [k, r[k]])) as HparamsAtOptimum);
}

/** Allocation rows with an `hparams` field each (the rows are copied, not changed). */
export function withHparams<T extends OptimumRow>(rows: readonly T[], seqLen?: number): Array<T & { hparams: HparamsAtOptimum[] }> {
  return rows.map((r) => ({ ...r, hparams: hparamsAtOptimum(r, seqLen) }));
}
