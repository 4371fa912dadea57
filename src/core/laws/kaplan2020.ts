/**
 * Kaplan et al. 2020, "Scaling Laws for Neural Language Models", arXiv 2001.08361 — shown as HISTORICAL.
 *
 * Compute-efficient frontier with C_min in PF-days (1 PF-day = 8.64e19 FLOPs) and N the NON-EMBEDDING
 * parameter count: N_opt = 1.3e9·C^0.73 (Eq. 6.1 exponent, coefficient from the Fig. 14 fit),
 * L(C_min) = (3.1e8/C_min)^0.050 (Eq. 1.3; 1.4 is B_crit(L)).
 * Joint law L(N,D) = [(N_c/N)^(α_N/α_D) + D_c/D]^α_D (Eq. 1.5, Table 2 fit). The allocation reports this
 * joint law at (N*, D*), so a row's loss equals lawLoss('kaplan2020', N*, D*); L(C_min) is kept as an
 * extra field (it is a separate fit and sits above L(N*, D*), e.g. 2.33 vs 2.12 at 1.23e21 FLOPs).
 * The 0.73 exponent is an artefact of non-embedding counting at small scale and untuned learning-rate
 * schedules (Pearce & Song 2024; Porian et al. 2024).
 */
import type { LawInfo } from './types';

export const PF_DAY_FLOPS = 8.64e19;

export const KAPLAN = {
  /** Frontier N_opt = nCoef·C_pfd^nExp (non-embedding). */
  nCoef: 1.3e9,
  nExp: 0.73,
  /** L(C_min) = (cC/C_pfd)^alphaC. */
  cC: 3.1e8,
  alphaC: 0.05,
  /** Eq. 1.5, Table 2. */
  alphaN: 0.076,
  alphaD: 0.103,
  Nc: 6.4e13,
  Dc: 1.8e13,
} as const;

/** Kaplan Eq. 1.5: L(N, D) = [(N_c/N)^(α_N/α_D) + D_c/D]^α_D. N is NON-EMBEDDING parameters. */
export function kaplanPublishedLoss(N: number, D: number): number {
  const k = KAPLAN;
  return Math.pow(Math.pow(k.Nc / N, k.alphaN / k.alphaD) + k.Dc / D, k.alphaD);
}

/** Kaplan Eq. 1.3: loss on the compute-efficient frontier, C in FLOPs (converted to PF-days). */
export function kaplanFrontierLoss(C: number): number {
  return Math.pow(KAPLAN.cC / (C / PF_DAY_FLOPS), KAPLAN.alphaC);
}

/** Kaplan frontier N_opt = 1.3e9·C_PF-day^0.73 (Eq. 6.1, Fig. 14): non-embedding N for C FLOPs. */
export function kaplanOptimalParams(C: number): number {
  return KAPLAN.nCoef * Math.pow(C / PF_DAY_FLOPS, KAPLAN.nExp);
}

const src = 'Eq. 1.3 (L(C_min)), Eq. 1.5 + Table 2 (L(N, D)), Eq. 6.1 + Fig. 14 (N_opt)';
export const KAPLAN_INFO: LawInfo = {
  id: 'kaplan2020',
  name: 'Kaplan et al. (OpenAI) — historical',
  citation: {
    authors: 'Kaplan, McCandlish, Henighan, Brown, Chess, Child, Gray, Radford, Wu, Amodei',
    year: 2020,
    title: 'Scaling Laws for Neural Language Models',
    arxiv: '2001.08361',
    url: 'https://arxiv.org/abs/2001.08361',
    source: src,
  },
  form: 'N_opt = 1.3e9·C^0.73 (C in PF-days, N non-embedding), D = C/(6N); loss L(N,D) = [(N_c/N)^(α_N/α_D) + D_c/D]^α_D (frontier fit L(C) = (3.1e8/C)^0.050 also reported)',
  formLatex:
    'N_{opt} = 1.3\\times10^{9}\\,C_{\\text{PF-day}}^{0.73},\\quad L(N,D) = \\left[\\left(\\frac{N_c}{N}\\right)^{\\alpha_N/\\alpha_D} + \\frac{D_c}{D}\\right]^{\\alpha_D}',
  constants: {
    nCoef: { value: KAPLAN.nCoef, source: 'Fig. 14 (fit of N(C_min))', note: 'C in PF-days (8.64e19 FLOPs); Eq. 6.1 prints only N ∝ C^0.73.' },
    nExp: { value: KAPLAN.nExp, source: 'Eq. 6.1 (and Sec. 1.2 after Eq. 1.8)' },
    C_c: { value: KAPLAN.cC, source: 'Eq. 1.3 (L(C_min), PF-days)' },
    alpha_C: { value: KAPLAN.alphaC, source: 'Eq. 1.3' },
    alpha_N: { value: KAPLAN.alphaN, source: 'Table 2 (L(N,D) fit)' },
    alpha_D: { value: KAPLAN.alphaD, source: 'Table 2 (L(N,D) fit)' },
    N_c: { value: KAPLAN.Nc, source: 'Table 2 (L(N,D) fit)', note: 'Non-embedding parameters.' },
    D_c: { value: KAPLAN.Dc, source: 'Table 2 (L(N,D) fit)' },
  },
  paramConvention: 'non-embedding',
  flopConvention: 'C ≈ 6·N·B·S with N non-embedding; compute in PF-days (1 PF-day = 8.64e19 FLOPs)',
  fitted: { params: [768, 1.5e9] },
  architecture: 'GPT-2-style decoder-only Transformers, context 1024',
  data: 'WebText2',
  languages: ['en'],
  caveats: [
    'Historical: N ∝ C^0.73 comes from counting non-embedding parameters at small scale and from untuned ' +
      'learning-rate schedules; Porian et al. (2024) recover a ≈ 0.5 once these are fixed.',
    'Parameters are non-embedding: lawLoss(\'kaplan2020\', N, D) expects a NON-embedding N (pass ' +
      '{ paramConvention: \'total\' } to convert a total count with Pearce & Song 2024); compare N with other laws only after adding embeddings.',
    'D = C/(6N) ≈ 1.1e10·C^0.27 tokens (C in PF-days). The exponent 0.27 is the paper\'s (D = B·S with ' +
      'B ∝ C^0.24, S ∝ C^0.03, Eq. 1.7); only the coefficient 2e10 quoted by secondary summaries is not in the ' +
      'paper, and the registry\'s coefficient is 0.55× that figure. (Eq. 6.7 gives 2C_min/(6N) ≈ 4e10·C^0.26 ' +
      'when training at the critical batch size, C = 2C_min.)',
    'The row\'s loss is the joint fit L(N*, D*) (Eq. 1.5); the separate frontier fit L(C_min) (Eq. 1.3) is ' +
      'reported as frontierLoss and is higher (2.33 vs 2.12 at 1.23e21 FLOPs): the two fits are not mutually consistent.',
  ],
  historical: true,
  predictsLoss: true,
  lossUnit: 'nats/token on WebText2 (GPT-2 tokenizer)',
};
