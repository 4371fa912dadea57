/**
 * DeepSeek LLM 2024 (arXiv 2401.02954), Sec. 3.1, Eq. 1: the near-optimal peak learning rate and
 * batch size as power laws of the compute budget C = M·D, with M the non-embedding FLOPs per token
 * including attention (72·n_layer·d² + 12·n_layer·d·l_seq for their shapes):
 *   η_opt = 0.3118·C^−0.1250,   B_opt = 0.2920·C^0.3271 tokens.
 * Fitted on DeepSeek's small-scale grid searches (the registry's fitted range, 1e17–3e20 FLOPs, is the
 * range of the paper's scaling experiments); DeepSeek LLM 7B and 67B were trained with 4.2e-4 and
 * 2304 × 4096 tokens, and 3.2e-4 and 4608 × 4096 tokens (the authors' README, "Pre-Training"; the
 * paper's Table 2) — the oracle in test/unit/hparams.test.ts. The constants are the registry's
 * (src/core/laws/deepseek2024.ts), not repeated here.
 */
import { DEEPSEEK, DEEPSEEK_INFO } from '../laws/deepseek2024';
import type { Warning } from '../laws/types';
import { rangeWarning } from './range';
import type { HparamLawInfo } from './types';

export const DEEPSEEK_HPARAMS_INFO: HparamLawInfo = {
  id: 'deepseek2024',
  name: 'DeepSeek LLM Eq. 1 (η, B vs compute)',
  citation: { ...DEEPSEEK_INFO.citation, source: 'Sec. 3.1, Eq. 1' },
  form: 'η_opt = 0.3118·C^−0.1250, B_opt = 0.2920·C^0.3271 tokens, C = M·D',
  constants: {
    lrCoef: DEEPSEEK_INFO.constants.lrCoef,
    lrExp: DEEPSEEK_INFO.constants.lrExp,
    batchCoef: DEEPSEEK_INFO.constants.batchCoef,
    batchExp: DEEPSEEK_INFO.constants.batchExp,
  },
  conventions: {
    params: 'none directly: the scale is the compute C = M·D',
    batch: 'tokens per optimizer step',
    compute: 'C = M·D, M = non-embedding training FLOPs per token incl. attention (72·n_layer·d² + 12·n_layer·d·l_seq); 6·N·D omits the attention term',
    optimizer: 'AdamW (DeepSeek LLM README)',
    schedule: 'multi-step: 2000 warmup steps, then the peak ×0.316 at 80 % and ×0.1 at 90 % of the tokens (DeepSeek LLM README)',
  },
  fitted: { compute: DEEPSEEK_INFO.fitted.compute },
  gives: { learningRate: true, batch: 'optimal' },
  caveats: [
    'Near-optimal, not sharp: the paper\'s grid searches show a wide band of near-optimal (η, B); Eq. 1 fits its centre.',
    'Depends on compute only, not on how it is split between model size and data (Step Law disagrees for over-trained models).',
    'Fitted on DeepSeek\'s own data mix (Chinese + English, 2T tokens) and LLaMA-style models.',
  ],
};

export interface DeepseekHparams {
  learningRate: number;
  batchTokens: number;
  warnings: Warning[];
}

/** Eq. 1 at a compute budget C = M·D (FLOPs). */
export function deepseekHparams(C: number): DeepseekHparams {
  const w = rangeWarning('deepseek2024', 'C', C, DEEPSEEK_HPARAMS_INFO.fitted.compute);
  return {
    learningRate: DEEPSEEK.lrCoef * Math.pow(C, DEEPSEEK.lrExp),
    batchTokens: DEEPSEEK.batchCoef * Math.pow(C, DEEPSEEK.batchExp),
    warnings: w ? [w] : [],
  };
}
