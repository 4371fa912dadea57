/**
 * Chinchilla replication — Besiroglu, Erdil, Barnett & You 2024, "Chinchilla Scaling: A replication
 * attempt", arXiv 2404.10102. Same functional form as Hoffmann Eq. 2, refit on 245 points digitised from
 * Chinchilla Fig. 4 (5 highest-loss points dropped). Implies a = 0.513 and ≈20 tokens per parameter.
 *
 * NB: some older write-ups quote B=328.7, β=0.25 for this paper; that pair is wrong (it gives ~213
 * tokens/param at 1e21 FLOPs). The values below are the authors' (B=2085.43, β=0.3658).
 */
import type { ChinchillaParams } from './forms';
import type { LawInfo } from './types';

export const BESIROGLU_PARAMS: ChinchillaParams = { E: 1.8172, A: 482.01, B: 2085.43, alpha: 0.3478, beta: 0.3658 };

const src = 'Sec. 3 estimates (authors\' repository output)';
export const BESIROGLU: LawInfo = {
  id: 'besiroglu2024',
  name: 'Chinchilla replication (Epoch AI)',
  citation: {
    authors: 'Besiroglu, Erdil, Barnett, You',
    year: 2024,
    title: 'Chinchilla Scaling: A replication attempt',
    arxiv: '2404.10102',
    url: 'https://arxiv.org/abs/2404.10102',
    source: 'Eq. 2 form; fitted parameters (E, A, B, α, β) with standard errors',
  },
  form: 'L(N,D) = E + A/N^α + B/D^β; optimum under C = 6ND by Hoffmann Eq. 4',
  formLatex: 'L(N,D) = E + \\frac{A}{N^{\\alpha}} + \\frac{B}{D^{\\beta}}',
  constants: {
    E: { value: BESIROGLU_PARAMS.E, source: src, note: 'Printed 1.82 (SE 0.03); 1.8172 unrounded. 95 % CI (1.769, 1.871).' },
    A: { value: BESIROGLU_PARAMS.A, source: src, note: 'SE 124.58; 95 % CI (285, 744).' },
    B: { value: BESIROGLU_PARAMS.B, source: src, note: 'SE 1293.23; 95 % CI (1042, 5810). Weakly identified.' },
    alpha: { value: BESIROGLU_PARAMS.alpha, source: src, note: 'SE 0.02; 95 % CI (0.317, 0.373).' },
    beta: { value: BESIROGLU_PARAMS.beta, source: src, note: 'SE 0.02; 95 % CI (0.331, 0.415).' },
  },
  paramConvention: 'total',
  flopConvention: '6ND (C = 6·N·D)',
  fitted: { params: [70e6, 16e9], tokens: [5e9, 500e9] },
  architecture: 'Chinchilla\'s models (dense decoder-only Transformers), as digitised from Hoffmann Fig. 4',
  data: 'MassiveText (via 245 points digitised from Chinchilla Fig. 4; 240 after dropping 5 outliers)',
  languages: ['en'],
  caveats: [
    'Constants are refit on digitised points, not the original runs; B has a wide confidence interval.',
    'Disagrees with Chinchilla Approach 3 as published but agrees with Approaches 1 and 2 (≈20 tokens/param).',
  ],
  predictsLoss: true,
  lossUnit: 'nats/token on MassiveText (Chinchilla tokenizer)',
};
