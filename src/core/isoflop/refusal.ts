/**
 * Typed refusals of the IsoFLOP analysis (Chinchilla Approach 2, Hoffmann et al. 2022 §3.2).
 * The method needs several budgets, each with a bracketed minimum; when the data cannot support it we
 * say exactly why instead of returning a number that looks fine and is not. A RefusalError: the CLI
 * prints the one-line message and exits 1 ("a computation failed"), never a stack trace.
 */
import { RefusalError } from '../errors';

export type IsoflopRefusalCode =
  | 'too-few-budgets' // fewer than 3 budgets: a power law through 2 points has no residual, no interval
  | 'too-few-points' // fewer than 3 runs in a budget: a parabola needs 3 points
  | 'no-interior-minimum' // the parabola opens downward or its vertex lies outside the sampled sizes
  | 'ungroupable'; // compute values do not cluster into discrete budgets

export class IsoflopRefusal extends RefusalError {
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
