/**
 * Log-axis ticks for the panels' charts: every decade in range gets a labelled tick (Chart.js' own
 * auto-skipping left gaps such as "1e22, –, –, –, 1e26"), labels use the tables' units (1B / 1T for counts,
 * 5.76e23 for FLOPs — the same formatters, src/core/format.ts), and marks such as the user's budget get a
 * tick of their own, labelled on a second row so they never overlap a decade label.
 */
import { formatCount, formatNum, formatSci } from '../core/format';

/** How an axis prints its numbers: parameter/token counts, FLOPs, or plain numbers (ratios, losses). */
export type AxisUnit = 'count' | 'flops' | 'plain';

export interface AxisTick {
  value: number;
  /** One line, or two lines (['', label]) for a mark, so it sits below the decade labels. */
  label: string | string[];
  /** A decade (1, 10, 100 … × 10^k) rather than an intermediate value or a mark. */
  decade: boolean;
}

/** A tick label in the axis' unit (a mark keeps three significant digits; decades print as 1B, 1e23). */
export function axisLabel(x: number, unit: AxisUnit, digits = 3): string {
  if (unit === 'count') return formatCount(x, digits);
  if (unit === 'flops') return formatSci(x, digits);
  return formatNum(x, digits);
}

const near = (a: number, b: number) => Math.abs(a / b - 1) < 1e-9;

/**
 * Ticks for a log axis from `min` to `max`: every decade, plus 2× and 5× decade values when the axis spans
 * fewer than two decades and every multiple under one (a loss axis from 2.4 to 4.7 would otherwise show no
 * number), plus each mark in
 * range. Marks on a horizontal axis get a two-line label; on a vertical one a mark is labelled only when no
 * decade label is within `minGap` decades (labels would overlap).
 */
export function logTicks(min: number, max: number, unit: AxisUnit, opts: { marks?: number[]; vertical?: boolean; minGap?: number } = {}): AxisTick[] {
  if (!(min > 0) || !(max > min) || !Number.isFinite(max)) return [];
  const lo = Math.log10(min);
  const hi = Math.log10(max);
  const ticks: AxisTick[] = [];
  // Under one decade every integer multiple (2.3 … 5 → 3, 4, 5); under two, 1-2-5; else decades only.
  const mantissas = hi - lo < 1 ? [1, 2, 3, 4, 5, 6, 7, 8, 9] : hi - lo < 2 ? [1, 2, 5] : [1];
  for (let e = Math.floor(lo); e <= Math.ceil(hi); e++) {
    for (const m of mantissas) {
      const v = m * 10 ** e;
      // 10 ** e is inexact for negative e (1e-7 → 9.999999999999999e-8): compare with a tolerance.
      if (v < min * (1 - 1e-9) || v > max * (1 + 1e-9)) continue;
      ticks.push({ value: v, label: axisLabel(v, unit), decade: m === 1 });
    }
  }
  if (ticks.length < 2) {
    // Less than a decade and no 1-2-5 value inside (e.g. 2.4 … 4.7): label both ends.
    for (const v of [min, max]) if (!ticks.some((t) => near(t.value, v))) ticks.push({ value: v, label: axisLabel(v, unit), decade: false });
  }
  const gap = opts.minGap ?? 0.3;
  for (const mark of opts.marks ?? []) {
    if (!(mark >= min * (1 - 1e-9) && mark <= max * (1 + 1e-9))) continue;
    const same = ticks.find((t) => near(t.value, mark));
    if (same) continue; // the budget is itself a labelled tick
    const text = axisLabel(mark, unit);
    if (opts.vertical) {
      const crowded = ticks.some((t) => Math.abs(Math.log10(t.value / mark)) < gap);
      ticks.push({ value: mark, label: crowded ? '' : text, decade: false });
    } else {
      ticks.push({ value: mark, label: ['', text], decade: false });
    }
  }
  return ticks.sort((a, b) => a.value - b.value);
}
