/**
 * Step Law — Li, Zheng, Hu, Wang, Zhang, Wang, Xu, Zhou, Zhang & Jiang 2025, "Predictable Scale:
 * Part I — Optimal Hyperparameter Scaling Law in Large Language Model Pretraining", arXiv 2503.04715:
 *   η(N, D) = 1.79·N^−0.713·D^0.307,   B(D) = 0.58·D^0.571 tokens,
 * N = non-embedding parameters, D = training tokens.
 *
 * The authors released 1,000 bootstrap fits (github.com/step-law/steplaw,
 * data/1004_fitted_lr_bs_scaling_model_parameters.csv: lr = exp(lr_intercept)·N^lr_coefN·D^lr_coefD,
 * bs = exp(bs_intercept)·D^bs_coefD) and a tool (code/fit_tool.py, `pred-opt-lr-bs N D seq_len`) that
 * predicts with the MEAN of each bootstrap column. We use those means (unrounded, so our values are the
 * tool's; the paper prints them rounded) and, for a 95 % band, the columns' covariance: in log space
 * the prediction is linear in the coefficients, so its variance is xᵀΣx with x = (1, ln N, ln D). The
 * normal band matches the bootstrap's 2.5–97.5 percentiles within 1–2 % (checked against the 1,000 rows
 * at the README's example and four other points; see test/unit/hparams.test.ts). The repository has
 * no licence file, so the 1,000 rows are not redistributed — only these summary statistics.
 *
 * Conventions (fit_tool.py, query_optimal_lr_bs_data): batch sizes were swept in sequences of 2048 tokens
 * and converted to tokens before fitting; N counts attention and MLP weights of all layers
 * (the released data's N = n_layer·(4h² + 3·h·ffn_h), e.g. 214,663,680 for h = 960, ffn 9368, 7 layers).
 * The released dense grid spans N = 2.1e8–1.07e9 and D = 4e9–1e11 tokens; the runs decay the learning
 * rate to a minimum of 1e-5 (the run names, mlr1.00e-05).
 */
import type { Warning } from '../laws/types';
import { rangeWarning } from './range';
import type { HparamLawInfo } from './types';

const REPO = 'github.com/step-law/steplaw, data/1004_fitted_lr_bs_scaling_model_parameters.csv (mean of 1,000 bootstrap fits, as code/fit_tool.py uses)';

/** Means of the authors' 1,000 bootstrap fits (log-space intercepts and exponents). */
export const STEP_LAW = {
  lrIntercept: 0.5863077907399264, // exp → 1.7973 (paper: 1.79)
  lrExpN: -0.7129222911869909, // paper: −0.713
  lrExpD: 0.30749095041206964, // paper: 0.307
  bsIntercept: -0.543542173610334, // exp → 0.58069 (paper: 0.58)
  bsExpD: 0.5709443646895052, // paper: 0.571
} as const;

/** Sample covariance of (lr_intercept, lr_coefN, lr_coefD) and of (bs_intercept, bs_coefD) over the 1,000 fits. */
export const STEP_LAW_COV = {
  lr: [
    [0.389062111487745, -0.013558938970776155, -0.005132493532093748],
    [-0.013558938970776155, 0.0008914857372464492, -0.00017433178852566716],
    [-0.005132493532093748, -0.00017433178852566716, 0.00036631184290429863],
  ],
  bs: [
    [0.1911796358740655, -0.008151572248019929],
    [-0.008151572248019929, 0.00034851793949566254],
  ],
} as const;

export const STEP_LAW_INFO: HparamLawInfo = {
  id: 'steplaw2025',
  name: 'Step Law (η vs N, D; B vs D)',
  citation: {
    authors: 'Li, Zheng, Hu, Wang, Zhang, Wang, Xu, Zhou, Zhang, Jiang (StepFun)',
    year: 2025,
    title: 'Predictable Scale: Part I — Optimal Hyperparameter Scaling Law in Large Language Model Pretraining',
    arxiv: '2503.04715',
    url: 'https://arxiv.org/abs/2503.04715',
    source: 'Step Law (η = 1.79·N^−0.713·D^0.307, B = 0.58·D^0.571); unrounded means and bootstrap band from the authors\' released fits',
  },
  form: 'η = 1.79·N^−0.713·D^0.307, B = 0.58·D^0.571 tokens (N non-embedding)',
  constants: {
    lrCoef: { value: Math.exp(STEP_LAW.lrIntercept), source: REPO, note: 'exp(mean lr_intercept); the paper prints 1.79.' },
    lrExpN: { value: STEP_LAW.lrExpN, source: REPO, note: 'Paper: −0.713.' },
    lrExpD: { value: STEP_LAW.lrExpD, source: REPO, note: 'Paper: 0.307.' },
    batchCoef: { value: Math.exp(STEP_LAW.bsIntercept), source: REPO, note: 'exp(mean bs_intercept), tokens; the paper prints 0.58.' },
    batchExpD: { value: STEP_LAW.bsExpD, source: REPO, note: 'Paper: 0.571.' },
  },
  conventions: {
    params: 'non-embedding parameters (attention + MLP weights of all layers)',
    batch: 'tokens per optimizer step (swept in sequences of 2048 tokens)',
    optimizer: 'AdamW',
    schedule: 'warmup then decay to a minimum learning rate of 1e-5 (the released runs)',
  },
  fitted: { params: [2.1e8, 1.07e9], tokens: [4e9, 1e11] },
  gives: { learningRate: true, batch: 'optimal' },
  caveats: [
    'The optimum is a plateau: the paper reports its predicted (η, B) within 0.094 % of the best loss found by exhaustive search on its test set (abstract, v7).',
    'Batch size depends on D only; the learning rate falls with N and rises with D.',
  ],
};

export interface StepLawHparams {
  learningRate: number;
  learningRateBand: [number, number];
  batchTokens: number;
  batchTokensBand: [number, number];
  warnings: Warning[];
}

/** z for a two-sided 95 % normal band. */
const Z95 = 1.959963984540054;

function quadForm(m: readonly (readonly number[])[], x: number[]): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) for (let j = 0; j < x.length; j++) s += x[i] * m[i][j] * x[j];
  return s;
}

/** Step Law at N non-embedding parameters and D tokens, with the bootstrap's 95 % band. */
export function stepLawHparams(nonEmbeddingN: number, D: number): StepLawHparams {
  const lnN = Math.log(nonEmbeddingN);
  const lnD = Math.log(D);
  const lnLr = STEP_LAW.lrIntercept + STEP_LAW.lrExpN * lnN + STEP_LAW.lrExpD * lnD;
  const lnB = STEP_LAW.bsIntercept + STEP_LAW.bsExpD * lnD;
  const sLr = Math.sqrt(quadForm(STEP_LAW_COV.lr, [1, lnN, lnD]));
  const sB = Math.sqrt(quadForm(STEP_LAW_COV.bs, [1, lnD]));
  const warnings = [
    rangeWarning('steplaw2025', 'N (non-embedding)', nonEmbeddingN, STEP_LAW_INFO.fitted.params),
    rangeWarning('steplaw2025', 'D', D, STEP_LAW_INFO.fitted.tokens),
  ].filter((w): w is Warning => w !== null);
  return {
    learningRate: Math.exp(lnLr),
    learningRateBand: [Math.exp(lnLr - Z95 * sLr), Math.exp(lnLr + Z95 * sLr)],
    batchTokens: Math.exp(lnB),
    batchTokensBand: [Math.exp(lnB - Z95 * sB), Math.exp(lnB + Z95 * sB)],
    warnings,
  };
}
