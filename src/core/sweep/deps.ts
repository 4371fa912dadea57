/**
 * The planner's default wiring to the rest of the core: published laws (src/core/laws), architecture
 * shapes and FLOP counts (src/core/arch) and GPU peaks (src/core/hardware). Kept apart from plan.ts so
 * the planning logic can be tested with any law or shape finder.
 */
import { countParams, flopsPerToken, shapeForParams } from '../arch';
import { evaluateHparams } from '../hparams';
import { peakFlops } from '../hardware';
import { lawModel } from '../allocation';
import { getLaw, lawLoss, type LawId } from '../laws';
import type { PlanDeps, SweepLaw } from './plan';

/**
 * A registry law as the planner sees it: the grid centre N*(C) is the law's compute-optimal point from
 * the allocation module (Eq. 4 for Chinchilla-form laws, the published power law for frontier-only
 * laws such as Llama 3); the loss is null for laws that predict none (mock then refuses).
 */
export function sweepLaw(id: string): SweepLaw {
  const info = getLaw(id); // throws LawInputError (exit 2) naming the valid ids
  const model = lawModel(info.id as LawId, {});
  return {
    id: info.id,
    optimalN: (C) => model.optimum(C).N,
    loss: (N, D) => lawLoss(info.id as LawId, N, D),
  };
}

export const DEFAULT_PLAN_DEPS: PlanDeps = {
  law: sweepLaw,
  shapeForParams: (targetN, o) => shapeForParams(targetN, { base: { vocab_size: o.vocabSize, seq_length: o.seqLen }, tolerance: o.tolerance }),
  flopsPerToken: (arch) => flopsPerToken(arch).exact,
  peakFlops: (gpu, dtype) => peakFlops(gpu, dtype).flops,
  hparams: (law, run) => {
    // Non-embedding N and DeepSeek's M (= the layers' FLOPs per token incl. attention) measured from the shape.
    const r = evaluateHparams(
      { nonEmbeddingN: countParams(run.arch).nonEmbedding, flopsPerTokenM: flopsPerToken(run.arch, run.seqLen).tableA4, D: run.D, seqLen: run.seqLen },
      [law],
    ).results[0];
    if (r.learningRate === null) throw new Error(`internal: ${law} gives no learning rate`);
    return { learningRate: r.learningRate, batchTokens: r.batchTokens, extrapolated: r.warnings.some((w) => w.code === 'hparams-extrapolation') };
  },
};
