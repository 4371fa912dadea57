/** Extrapolation warnings shared by the hyperparameter laws: how far an input lies outside the fitted range. */
import { formatNum, formatSci } from '../format';
import type { Warning } from '../laws/types';

/**
 * A warning when x lies outside [lo, hi], saying by what factor: the fits are power laws in log space,
 * so a factor (not a difference) is what measures how far the extrapolation goes.
 */
export function rangeWarning(law: string, what: string, x: number, range: [number, number] | undefined): Warning | null {
  if (!range) return null;
  const [lo, hi] = range;
  if (x >= lo && x <= hi) return null;
  const factor = x > hi ? x / hi : lo / x;
  const side = x > hi ? 'above' : 'below';
  return {
    code: 'hparams-extrapolation',
    severity: 'warning',
    message: `${law}: ${what} = ${formatSci(x)} is ${formatNum(factor, 3)}× ${side} the fitted range ${formatSci(lo)}–${formatSci(hi)}; the power law is extrapolated`,
  };
}
