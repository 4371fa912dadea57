/**
 * Porian, Wortsman, Jitsev, Schmidt & Carmon 2024, "Resolving Discrepancies in Compute-Optimal Scaling
 * of Language Models", arXiv 2406.19146 (NeurIPS 2024). Once last-layer FLOPs, warmup, cosine decay and
 * tuned AdamW hyper-parameters are fixed, Kaplan's a = 0.835 falls to 0.497 (RefinedWeb) / 0.518 (OWT2).
 * The paper's Table 1 gives a; the coefficient comes from the authors' released fits
 * (compute_optimal_fits of github.com/formll/resolving-scaling-law-discrepancies, MIT licence).
 */
import type { LawInfo } from './types';

/** Final configuration "Optimizer tuning (no decay)", standard parameter count (FLOPs/token = 6N). */
export const PORIAN = {
  refinedweb: { nCoef: 0.118926, a: 0.496895 },
  owt2: { nCoef: 0.0469353, a: 0.518454 },
} as const;

const repo = 'authors\' repository, compute_optimal_fits (config rw|tuned|short|const|standard|val)';
export const PORIAN_INFO: LawInfo = {
  id: 'porian2024',
  name: 'Porian et al. (Kaplan–Chinchilla reconciled)',
  citation: {
    authors: 'Porian, Wortsman, Jitsev, Schmidt, Carmon',
    year: 2024,
    title: 'Resolving Discrepancies in Compute-Optimal Scaling of Language Models',
    arxiv: '2406.19146',
    url: 'https://arxiv.org/abs/2406.19146',
    source: 'Table 1 (a = 0.497, RefinedWeb, tuned, no decay); coefficient from the authors\' released fits',
  },
  form: 'N* = 0.1189·C^0.4969, D* = C/(6·N*)',
  formLatex: 'N^{*} = 0.1189\\,C^{0.4969},\\quad D^{*} = C/(6N^{*})',
  constants: {
    nCoef: { value: PORIAN.refinedweb.nCoef, source: repo, note: 'Weighted fit on bootstrap medians, C in FLOPs.' },
    a: { value: PORIAN.refinedweb.a, source: 'Table 1 (0.497; 95 % CI 0.491–0.505)' },
    nCoef_owt2: { value: PORIAN.owt2.nCoef, source: 'authors\' repository (OpenWebText2 config)', note: 'Alternative dataset; not used by default.' },
    a_owt2: { value: PORIAN.owt2.a, source: 'Table 1 (0.518; 95 % CI 0.493–0.541)', note: 'Alternative dataset; not used by default.' },
  },
  // The paper's "standard" count (config param_count = standard): no input embedding, head included.
  paramConvention: 'non-embedding incl. head',
  flopConvention: '6ND with N counting all linear layers incl. the output head (last-layer FLOPs counted), without the input embedding',
  fitted: { params: [5e6, 901e6], compute: [1.25e16, 2.56e19] },
  architecture: 'open_lm decoder-only Transformers, 5M–901M params, seq 2048, vocab 50432',
  data: 'RefinedWeb (default) or OpenWebText2',
  languages: ['en'],
  caveats: [
    'Fitted at small scale (≤2.56e19 FLOPs, ≤901M params); frontier budgets are large extrapolations.',
    'The coefficient is from the authors\' released fit, not printed in the paper.',
    'N counts every linear layer incl. the output head but NOT the input embedding (V×d): add it before ' +
      'comparing with total-parameter laws (for untied embeddings; with tied ones the head already is the embedding).',
  ],
  predictsLoss: false,
  lossUnit: 'none (frontier only)',
};
