/**
 * Everything shown for a model config — by `scaling-laws forward` and by the editor's code lens and
 * hovers — computed once from the resolved architecture: parameters by component (total and active),
 * FLOPs per token at the training sequence length, training memory per GPU under the given
 * parallelism, inference memory with the KV cache, context-length scaling, and the tokens a
 * compute-optimal run wants for this N under each law.
 */
import {
  countParams, flopsPerToken, inferenceMemory, nanoGptReportedParams, seqLengthScaling, trainingMemory,
  type FlopsPerToken, type InferenceMemory, type MemoryOptions, type ModelRead, type ParamBreakdown, type TrainingMemory,
} from '../arch';
import { tokensForModel, type LawTokens } from './lawTokens';

export interface ModelReportOptions {
  memory?: MemoryOptions;
  inference?: { batch?: number; context?: number };
  /** Skip the per-law token table (cheap callers). */
  laws?: boolean;
}

export interface ModelReport {
  N: number;
  params: ParamBreakdown;
  flops: FlopsPerToken;
  memory: TrainingMemory;
  inference: InferenceMemory;
  seqScaling: ReturnType<typeof seqLengthScaling>;
  lawTokens: { rows: LawTokens[]; skipped: Array<{ law: string; reason: string }> };
  /** nanoGPT's printed count (get_num_params(): total minus the position table). */
  nanoGptReported?: number;
}

export function modelReport(read: ModelRead, opts: ModelReportOptions = {}): ModelReport {
  const a = read.arch;
  const params = countParams(a);
  const s = a.seq_length;
  return {
    N: params.total,
    params,
    flops: flopsPerToken(a),
    memory: trainingMemory(a, opts.memory),
    inference: inferenceMemory(a, opts.inference),
    seqScaling: seqLengthScaling(a, [s / 2, s, 2 * s, 4 * s].filter((x) => Number.isInteger(x) && x >= 1)),
    lawTokens: opts.laws === false ? { rows: [], skipped: [] } : tokensForModel(params),
    ...(read.format === 'nanogpt' ? { nanoGptReported: nanoGptReportedParams(params.total, a) } : {}),
  };
}
