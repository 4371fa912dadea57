/**
 * Inference-aware scaling — Sardana, Portes, Doubov & Frankle 2024, "Beyond Chinchilla-Optimal:
 * Accounting for Inference in Language Model Scaling Laws", arXiv 2401.00448 (ICML 2024).
 *
 * Not a law of its own: an objective (lifetime FLOPs or dollars at equal loss) applied to a
 * Chinchilla-form law. Their code uses the constant set below (note α, β are not Eq. 10's 0.34/0.28);
 * it is kept, labelled, so the paper's worked examples can be reproduced exactly.
 */
import type { ChinchillaParams } from './forms';
import type { Citation } from './types';

export const SARDANA_CITATION: Citation = {
  authors: 'Sardana, Portes, Doubov, Frankle',
  year: 2024,
  title: 'Beyond Chinchilla-Optimal: Accounting for Inference in Language Model Scaling Laws',
  arxiv: '2401.00448',
  url: 'https://arxiv.org/abs/2401.00448',
  source: 'Sec. 3 (FLOPs objective), Sec. 4 (cost objective); defaults of the authors\' code',
};

/** Constant set of the authors' code (utils.ChinchillaConstants defaults). */
export const SARDANA_CONSTANTS: ChinchillaParams = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.336, beta: 0.283 };

/** Hardware/price settings of the cost objective. Peak throughputs are DENSE FLOP/s. */
export interface CostSettings {
  trainPeakFlops: number;
  trainDollarsPerHour: number;
  trainMfu: number;
  inferencePeakFlops: number;
  inferenceDollarsPerHour: number;
  prefillMfu: number;
  decodeMfu: number;
  /** Share of inference tokens that are prompt (prefill) tokens; the rest are generated (decode). */
  inputTokenFraction: number;
}

/**
 * The paper's defaults: training on H100 BF16 (9.89e14 FLOP/s) at $2/h and MFU 0.5; inference on H100
 * FP8 (1.978e15) at $2/h, prefill MFU 0.5, decode MFU 0.01; requests of 70 input + 215 output tokens.
 */
export const SARDANA_COST_DEFAULTS: CostSettings = {
  trainPeakFlops: 9.89e14,
  trainDollarsPerHour: 2,
  trainMfu: 0.5,
  inferencePeakFlops: 1.978e15,
  inferenceDollarsPerHour: 2,
  prefillMfu: 0.5,
  decodeMfu: 0.01,
  inputTokenFraction: 70 / (70 + 215),
};
