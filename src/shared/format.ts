/**
 * Fitted-parameter formatting shared by the fit panel and its exports. formatNum (core/format) switches to
 * exponent form when a number has more integer digits than significant digits (1598.8 at 3 digits →
 * "1.60e+3"); coefficients such as A = 1896 or B = 20 740 read better whole, so those get every integer digit.
 */
import { formatNum } from '../core/format';

export function formatParam(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return String(x);
  const intDigits = Math.floor(Math.log10(Math.abs(x) || 1)) + 1;
  return formatNum(x, Math.abs(x) < 1e6 ? Math.max(digits, intDigits) : digits);
}
