/**
 * Warmup length for a planned run. Porian et al. 2024 (arXiv 2406.19146, Sec. 3.3, "correcting
 * warmup") show that a warmup much longer than the model size in tokens biases small-budget runs and,
 * with it, the compute-optimal exponent; they set the warmup to N tokens (the "short" warmup of their
 * configurations). We use the same rule: warmup tokens = N, i.e. ⌈N / batch tokens⌉ steps, never more
 * than the run has. It is a rule for planning sweeps, not a law the other papers fitted (DeepSeek LLM
 * used a fixed 2000 steps): the result says which rule produced it.
 */
export const WARMUP_RULE = 'warmup tokens = N (Porian et al. 2024, Sec. 3.3): ⌈N / batch tokens⌉ steps, at most the run\'s steps';

export function warmupSteps(N: number, batchTokens: number, steps: number): number {
  return Math.max(1, Math.min(Math.ceil(N / batchTokens), Math.max(1, Math.floor(steps))));
}
