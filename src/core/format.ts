/**
 * Number formatting shared by the CLI, code lenses, hovers and the webview, so the same quantity reads
 * the same everywhere ("1.29B", "5.76e23", "20.3").
 */
import { maxOf } from './stats/extent';

/** Compact count with an SI-like suffix used in ML papers: 1.29B params, 84.7B tokens, 1.5T. */
export function formatCount(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  const units: Array<[number, string]> = [[1e15, 'Q'], [1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'K']];
  for (const [v, s] of units) {
    if (a >= v) {
      if (a >= v * 1e3 && s === 'Q') return formatSci(x, digits);
      // Through Number: toPrecision(2) of 100 is "1.0e+2" (100B must not print as "1.0e+2B").
      return `${Number((x / v).toPrecision(digits))}${s}`;
    }
  }
  return a < 1e-3 && a !== 0 ? formatSci(x, digits) : String(Number(x.toPrecision(digits)));
}

/** Scientific notation as papers print FLOPs: 5.76e23. */
export function formatSci(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const [m, e] = x.toExponential(digits - 1).split('e');
  return `${trimZeros(m)}e${Number(e)}`;
}

/** Plain number with a fixed count of significant digits, no exponent for "ordinary" magnitudes. */
export function formatNum(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return formatSci(x, digits);
  // toPrecision switches to an exponent when the integer part has more digits than `digits`
  // (1480 → "1.48e+3"); round through Number so ordinary magnitudes always print positionally.
  return String(Number(x.toPrecision(digits)));
}

/** Percentage from a fraction: 0.134 → "13.4 %". */
export function formatPercent(frac: number, digits = 3): string {
  // Through Number, as formatNum: 22.6 → "2260 %", not toPrecision's "2.26e+3 %".
  return `${formatNum(frac * 100, digits)} %`;
}

function trimZeros(s: string): string {
  return s.includes('.') && !s.includes('e') ? s.replace(/\.?0+$/, '') : s;
}

/** A ratio as people read it: 4.24, 57.6, 192, 1,920 (formatNum would switch to e-notation at 1e6). */
export function formatRatio(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : formatNum(x, 3);
}

/** Passes over a dataset: "0.252 epochs", "1 epoch", "4,053 epochs" (never "2.26e+3 %"). */
export function formatEpochs(epochs: number): string {
  const s = formatRatio(epochs);
  return `${s} ${s === '1' ? 'epoch' : 'epochs'}`;
}

/** A relative difference with its sign: "+12 %", "−99.9 %" (a compute against the budget). */
export function formatDelta(delta: number): string {
  return `${delta >= 0 ? '+' : '−'}${formatPercent(Math.abs(delta))}`;
}

/** A power law in compute as people read it: "N* = 0.162·C^0.487" (not "1.624e-1 · C^0.4869"). */
export function formatPowerLaw(name: string, k: number, exponent: number, digits = 3): string {
  return `${name} = ${formatNum(k, digits)}·C^${formatNum(exponent, digits)}`;
}

/**
 * Rows of cells as aligned text lines: the first column left-aligned, the others right-aligned (numbers), two
 * spaces apart; `columns` (default: the first row's) sets how many columns are measured. Widths come from a
 * loop (maxOf), not a spread into Math.max, which overflows the stack on a table of ~125k rows.
 */
export function alignedLines(rows: string[][], columns = rows[0]?.length ?? 0): { lines: string[]; widths: number[] } {
  const widths = Array.from({ length: columns }, (_, i) => maxOf(rows.map((r) => (r[i] ?? '').length)));
  const lines = rows.map((cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
  return { lines, widths };
}
