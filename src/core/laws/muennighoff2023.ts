/**
 * Data-constrained scaling — Muennighoff et al. 2023, "Scaling Data-Constrained Language Models",
 * arXiv 2305.16264 (NeurIPS 2023). Repeated tokens and excess parameters decay exponentially in value
 * (Eq. 5–7, implemented in ./forms.ts). The base law (C4, α = β tied) is stored in log space exactly as
 * in the authors' notebook (a, b, e), so A = e^a, B = e^b, E = e^e reproduce their golden values.
 */
import type { DataConstrainedParams } from './forms';
import type { LawInfo } from './types';

/** Authors' log-space base-law constants (utils/parametric_fit.ipynb). */
export const MUENNIGHOFF_LOG = { a: 6.255414, b: 7.3049974, e: 0.6254804, alpha: 0.3526596, beta: 0.3526596 } as const;

export const MUENNIGHOFF_PARAMS: DataConstrainedParams = {
  A: Math.exp(MUENNIGHOFF_LOG.a),
  B: Math.exp(MUENNIGHOFF_LOG.b),
  E: Math.exp(MUENNIGHOFF_LOG.e),
  alpha: MUENNIGHOFF_LOG.alpha,
  beta: MUENNIGHOFF_LOG.beta,
  RDstar: 15.387756,
  RNstar: 5.309743,
};

const nb = 'authors\' notebook utils/parametric_fit.ipynb';
export const MUENNIGHOFF: LawInfo = {
  id: 'muennighoff2023',
  name: 'Data-constrained (repeated data)',
  citation: {
    authors: 'Muennighoff, Rush, Barak, Le Scao, Piktus, Tazi, Pyysalo, Wolf, Raffel',
    year: 2023,
    title: 'Scaling Data-Constrained Language Models',
    arxiv: '2305.16264',
    url: 'https://arxiv.org/abs/2305.16264',
    source: 'Eq. 5–7 (data-constrained law); base law and R*_D, R*_N from the authors\' notebook',
  },
  form:
    "L = E + A/N'^α + B/D'^β, D' = U + U·R_D*·(1 − e^(−R_D/R_D*)), R_D = D/U − 1; " +
    "N' = U_N + U_N·R_N*·(1 − e^(−R_N/R_N*)), U_N = min(N_opt(U), N)",
  formLatex:
    "L = E + \\frac{A}{N'^{\\alpha}} + \\frac{B}{D'^{\\beta}},\\quad D' = U_D + U_D R_D^{*}\\left(1 - e^{-R_D/R_D^{*}}\\right)",
  constants: {
    A: { value: MUENNIGHOFF_PARAMS.A, source: nb, note: 'e^6.255414 ≈ 520.82 (base law fitted on C4 with α = β).' },
    B: { value: MUENNIGHOFF_PARAMS.B, source: nb, note: 'e^7.3049974 ≈ 1487.72.' },
    E: { value: MUENNIGHOFF_PARAMS.E, source: nb, note: 'e^0.6254804 ≈ 1.8691.' },
    alpha: { value: MUENNIGHOFF_PARAMS.alpha, source: nb },
    beta: { value: MUENNIGHOFF_PARAMS.beta, source: nb, note: 'Tied to α.' },
    RDstar: { value: MUENNIGHOFF_PARAMS.RDstar, source: nb, note: 'Paper rounds to 15.4. Half-life of repeated data, in epochs.' },
    RNstar: { value: MUENNIGHOFF_PARAMS.RNstar, source: nb, note: 'Paper rounds to 5.3.' },
  },
  paramConvention: 'total',
  flopConvention: '6ND (C = 6·N·D, D counts repeated tokens)',
  fitted: { params: [7.1e6, 8.67e9], tokens: [1e8, 9e11] },
  architecture: 'GPT-2-style decoder-only Transformers (Megatron-DeepSpeed), 7M–8.7B parameters',
  data: 'C4 (English), subsets of 100M–178B unique tokens repeated up to 9,000 epochs',
  languages: ['en'],
  caveats: [
    'Without a unique-token count U this is an ordinary Chinchilla-form law fitted on C4.',
    'Repetition beyond ~4 epochs gives rapidly diminishing returns; beyond ~16 epochs (R_D*) extra passes are worth little.',
  ],
  predictsLoss: true,
  lossUnit: 'nats/token on C4 validation (GPT-2 tokenizer)',
};
