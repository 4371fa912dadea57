/**
 * Hyperparameter laws: the registry and evaluation (./evaluate.ts), each law in its own file, and the
 * numbers at an allocation's recommendation (./atOptimum.ts).
 */
export * from './evaluate';
export type { BatchKind, HparamConventions, HparamInput, HparamLawId, HparamLawInfo, HparamResult } from './types';
export { WARMUP_RULE, warmupSteps } from './warmup';
export { kaplanCriticalBatch } from './kaplanCriticalBatch';
export { hparamsAtOptimum, withHparams, type HparamsAtOptimum, type OptimumRow } from './atOptimum';
