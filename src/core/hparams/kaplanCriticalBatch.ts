/**
 * Kaplan et al. 2020 (arXiv 2001.08361), Eq. 1.4 / Sec. 5.1: the critical batch size, beyond which a
 * larger batch buys little speed-up for a lot more compute (McCandlish et al. 2018's gradient noise
 * scale), depends on the loss only:
 *   B_crit(L) = B* / L^(1/α_B),   B* ≈ 2·10^8 tokens,   α_B ≈ 0.21
 * (Fig. 10's legend prints the same fit as 2.1·10^8 tokens·L^−4.8). It roughly doubles for every 13 %
 * decrease in loss. L is Kaplan's WebText2 loss in nats/token, so we evaluate it with Kaplan's own loss
 * law at the run's (N, D) (Eq. 1.5) — or, given only compute, on Kaplan's frontier L(C_min) (Eq. 1.3).
 * It is an upper bound on a useful batch, not an optimum, and gives no learning rate.
 */
import { kaplanFrontierLoss, kaplanPublishedLoss, KAPLAN_INFO } from '../laws/kaplan2020';
import type { Warning } from '../laws/types';
import { rangeWarning } from './range';
import type { HparamLawInfo } from './types';

export const KAPLAN_BCRIT = {
  /** B* in tokens (Eq. 1.4). */
  bStar: 2e8,
  /** α_B (Eq. 1.4). */
  alphaB: 0.21,
} as const;

export const KAPLAN_BCRIT_INFO: HparamLawInfo = {
  id: 'kaplan2020-bcrit',
  name: 'Kaplan et al. critical batch B_crit(L) — upper bound',
  citation: { ...KAPLAN_INFO.citation, source: 'Eq. 1.4 (and Sec. 5.1, Fig. 10)' },
  form: 'B_crit(L) = B*/L^(1/α_B), B* ≈ 2e8 tokens, α_B ≈ 0.21; L = Kaplan\'s L(N, D) (Eq. 1.5)',
  constants: {
    bStar: { value: KAPLAN_BCRIT.bStar, source: 'Eq. 1.4', note: 'Tokens. Fig. 10 legend: 2.1e8.' },
    alphaB: { value: KAPLAN_BCRIT.alphaB, source: 'Eq. 1.4', note: '1/α_B ≈ 4.8 (Fig. 10 legend).' },
  },
  conventions: {
    params: 'non-embedding parameters (for the loss L(N, D) it is evaluated at)',
    batch: 'tokens per optimizer step',
    compute: 'given only C: the frontier loss L(C_min) = (3.1e8/C_PF-days)^0.050 (Eq. 1.3)',
    optimizer: 'Adam (Kaplan et al. 2020)',
    schedule: 'warmup then cosine decay to zero (Kaplan et al. 2020); B_crit is measured from the gradient noise scale, independent of the schedule',
  },
  fitted: { params: KAPLAN_INFO.fitted.params },
  gives: { learningRate: false, batch: 'critical' },
  caveats: [
    'An upper bound: training above B_crit costs more compute for the same loss; below it, time. Not an optimum.',
    'L is in nats/token on WebText2 with the GPT-2 tokenizer; the loss is predicted with Kaplan\'s own (historical) law.',
  ],
};

/** B_crit at a loss L (nats/token, WebText2). */
export function kaplanCriticalBatch(L: number): number {
  return KAPLAN_BCRIT.bStar / Math.pow(L, 1 / KAPLAN_BCRIT.alphaB);
}

export interface KaplanBcritHparams {
  batchTokens: number;
  loss: number;
  warnings: Warning[];
}

/** B_crit at Kaplan's loss for non-embedding N and D tokens, or at the frontier loss for C FLOPs. */
export function kaplanBcritHparams(at: { nonEmbeddingN: number; D: number } | { C: number }): KaplanBcritHparams {
  const warnings: Warning[] = [];
  let loss: number;
  if ('C' in at) {
    loss = kaplanFrontierLoss(at.C);
    warnings.push({ code: 'hparams-loss', severity: 'info', message: 'kaplan2020-bcrit: L from Kaplan\'s compute frontier L(C_min) (Eq. 1.3); give N and D for L(N, D)' });
  } else {
    loss = kaplanPublishedLoss(at.nonEmbeddingN, at.D);
    const w = rangeWarning('kaplan2020-bcrit', 'N (non-embedding)', at.nonEmbeddingN, KAPLAN_BCRIT_INFO.fitted.params);
    if (w) warnings.push(w);
  }
  return { batchTokens: kaplanCriticalBatch(loss), loss, warnings };
}
