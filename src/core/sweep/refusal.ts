/**
 * Typed refusals of the IsoFLOP analysis (Chinchilla Approach 2, Hoffmann et al. 2022 §3.2).
 * The method needs several budgets, each with a bracketed minimum; when the data cannot support it we
 * say exactly why instead of returning a number that looks fine and is not. `exitCode = 1` makes the
 * CLI print the one-line message ("a computation failed"), never a stack trace.
 */

export type IsoflopRefusalCode =
  | 'too-few-budgets' // fewer than 3 budgets: a power law through 2 points has no residual, no interval
  | 'too-few-points' // fewer than 3 runs in a budget: a parabola needs 3 points
  | 'no-interior-minimum' // the parabola opens downward or its vertex lies outside the sampled sizes
  | 'ungroupable'; // compute values do not cluster into discrete budgets

export class IsoflopRefusal extends Error {
  readonly exitCode = 1;
  constructor(
    readonly code: IsoflopRefusalCode,
    message: string,
    /** The budgets (FLOPs) the refusal is about, when it is about specific ones. */
    readonly budgets: number[] = [],
  ) {
    super(message);
    this.name = 'IsoflopRefusal';
  }
}

/** Bad input (a results row without enough columns, a sweep config value out of range): exit code 2. */
export class SweepInputError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'SweepInputError';
  }
}
