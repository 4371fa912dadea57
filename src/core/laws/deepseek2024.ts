/**
 * DeepSeek LLM 2024, "DeepSeek LLM: Scaling Open-Source Language Models with Longtermism",
 * arXiv 2401.02954. The model scale is M = non-embedding FLOPs per token
 * (72·n_layer·d² + 12·n_layer·d·l_seq), so compute is C = M·D rather than 6ND.
 *   M_opt = 0.1715·C^0.5243, D_opt = 5.8316·C^0.4757 (Eq. 4); η_opt = 0.3118·C^−0.1250, B_opt = 0.2920·C^0.3271 (Eq. 1).
 */
import type { LawInfo } from './types';

export const DEEPSEEK = {
  mCoef: 0.1715,
  mExp: 0.5243,
  dCoef: 5.8316,
  dExp: 0.4757,
  lrCoef: 0.3118,
  lrExp: -0.125,
  batchCoef: 0.292,
  batchExp: 0.3271,
} as const;

const src = 'Eq. 4 (M_opt, D_opt), Eq. 1 (η_opt, B_opt)';
export const DEEPSEEK_INFO: LawInfo = {
  id: 'deepseek2024',
  name: 'DeepSeek LLM (M = FLOPs/token)',
  citation: {
    authors: 'DeepSeek-AI (Bi, Chen, Chen, et al.)',
    year: 2024,
    title: 'DeepSeek LLM: Scaling Open-Source Language Models with Longtermism',
    arxiv: '2401.02954',
    url: 'https://arxiv.org/abs/2401.02954',
    source: src,
  },
  form: 'M_opt = 0.1715·C^0.5243, D_opt = 5.8316·C^0.4757, C = M·D; N ≈ M/6',
  formLatex: 'M_{opt} = 0.1715\\,C^{0.5243},\\quad D_{opt} = 5.8316\\,C^{0.4757}',
  constants: {
    mCoef: { value: DEEPSEEK.mCoef, source: 'Eq. 4', note: 'M = non-embedding FLOPs per token.' },
    mExp: { value: DEEPSEEK.mExp, source: 'Eq. 4' },
    dCoef: { value: DEEPSEEK.dCoef, source: 'Eq. 4' },
    dExp: { value: DEEPSEEK.dExp, source: 'Eq. 4' },
    lrCoef: { value: DEEPSEEK.lrCoef, source: 'Eq. 1', note: 'η_opt = 0.3118·C^−0.1250.' },
    lrExp: { value: DEEPSEEK.lrExp, source: 'Eq. 1' },
    batchCoef: { value: DEEPSEEK.batchCoef, source: 'Eq. 1', note: 'B_opt = 0.2920·C^0.3271, in tokens.' },
    batchExp: { value: DEEPSEEK.batchExp, source: 'Eq. 1' },
  },
  paramConvention: 'non-embedding',
  flopConvention: 'M·D (DeepSeek non-embedding FLOPs/token, includes attention: M = 72·n_layer·d² + 12·n_layer·d·l_seq)',
  fitted: { compute: [1e17, 3e20] },
  architecture: 'LLaMA-style dense decoder-only Transformers',
  data: 'DeepSeek pre-training corpus (2T tokens, Chinese + English)',
  languages: ['zh', 'en'],
  caveats: [
    'Scale is M (FLOPs/token), not parameters; N ≈ M/6 ignores the attention term and embeddings.',
    'Also predicts the optimal batch size and learning rate (reported as extra fields).',
  ],
  predictsLoss: false,
  lossUnit: 'none (frontier only)',
};
