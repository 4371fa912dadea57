/**
 * Llama 3 — Llama Team, AI @ Meta 2024, "The Llama 3 Herd of Models", arXiv 2407.21783.
 * IsoFLOP experiments (6e18–1e22 FLOPs, 40M–16B params) fitted by Approach 2: D*(C) = A·C^α with
 * α = 0.537, A = 0.299 (Fig. 3 legend). The text's rounded (0.53, 0.29) must not be used to
 * extrapolate: at 3.8e25 FLOPs it gives 605B params instead of the paper's ≈402B.
 */
import type { LawInfo } from './types';

export const LLAMA3 = { dCoef: 0.299, dExp: 0.537 } as const;

export const LLAMA3_INFO: LawInfo = {
  id: 'llama3-2024',
  name: 'Llama 3 (Meta)',
  citation: {
    authors: 'Llama Team, AI @ Meta (Grattafiori, Dubey, Jauhri, et al.)',
    year: 2024,
    title: 'The Llama 3 Herd of Models',
    arxiv: '2407.21783',
    url: 'https://arxiv.org/abs/2407.21783',
    source: 'Sec. 3.2.1, Fig. 3 legend (α = 0.537, A = 0.299)',
  },
  form: 'D* = 0.299·C^0.537, N* = C/(6·D*)',
  formLatex: 'D^{*}(C) = 0.299\\,C^{0.537},\\quad N^{*} = C/(6D^{*})',
  constants: {
    A: { value: LLAMA3.dCoef, source: 'Fig. 3 legend', note: 'The text rounds to 0.29; too coarse to extrapolate.' },
    alpha: { value: LLAMA3.dExp, source: 'Fig. 3 legend', note: 'The text rounds to 0.53.' },
  },
  paramConvention: 'total',
  flopConvention: '6ND',
  fitted: { params: [40e6, 16e9], compute: [6e18, 1e22] },
  architecture: 'Llama-style dense decoder-only Transformers (GQA, SwiGLU), cosine LR, 2,000-step warmup',
  data: 'Llama 3 pre-training mix (multilingual web, code, math); 128K-token vocabulary',
  languages: ['en', 'multilingual'],
  caveats: [
    'Frontier only; Meta predicts downstream accuracy through a separate two-stage fit (not included).',
    'The 405B flagship (3.8e25 FLOPs) is a ~4,000× extrapolation of the IsoFLOP budgets.',
  ],
  predictsLoss: false,
  lossUnit: 'none (frontier only)',
};
