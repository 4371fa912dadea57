/**
 * Warnings about a fit that the numbers alone do not show: rows whose values contradict their meaning,
 * runs that cannot separate the two exponents, fits that explain little, and allocations nobody should act on.
 * Each returns plain sentences (the CLI prints them on stderr/JSON, the panel as notes). Thresholds are stated
 * in the sentences; they are sanity bounds, not statistics from a paper.
 */
import { formatCount, formatNum, formatSci } from '../format';
import type { FitData } from './data';

/** Median of a copy (no spread of large arrays). */
function median(a: ArrayLike<number>): number {
  const s = Float64Array.from(a).sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const list = (lines: number[], max = 5) => lines.slice(0, max).join(', ') + (lines.length > max ? ` and ${lines.length - max} more` : '');

/**
 * Row-level checks for forms with N and D: implausible values (N < 1e4; D < N on most rows), a row far off the others'
 * scale (its N or D more than 100× from the median and beyond 4 median absolute deviations in log space — the
 * "parameter count written in millions" slip), and a tokens-per-parameter span under 4×, which leaves α and β
 * confounded (every run then moves N and D together).
 */
export function dataWarnings(d: FitData, usesND: boolean): string[] {
  if (!usesND || d.n === 0) return [];
  const out: string[] = [];
  const smallN: number[] = [], fewTokens: number[] = [];
  for (let i = 0; i < d.n; i++) {
    if (d.N[i] < 1e4) smallN.push(d.lines[i]);
    else if (d.D[i] < d.N[i]) fewTokens.push(d.lines[i]);
  }
  if (smallN.length) out.push(`implausible model size N < 10,000 parameters on line${smallN.length > 1 ? 's' : ''} ${list(smallN)}: a count written in millions or thousands (e.g. 350 for 350M)? Fix the value or drop the row`);
  // A few small-data runs are legitimate (datablations trains 1.1B parameters on 100M tokens); most rows is a unit slip.
  if (fewTokens.length >= 0.5 * d.n) out.push(`most runs have fewer training tokens than parameters (D < N on ${fewTokens.length} of ${d.n} rows, e.g. line${fewTokens.length > 1 ? 's' : ''} ${list(fewTokens)}): check the units of D`);
  for (const [name, col] of [['N', d.lnN], ['D', d.lnD]] as const) {
    const med = median(col);
    const dev = Float64Array.from(col, (v) => Math.abs(v - med));
    const mad = median(dev);
    const far: number[] = [];
    for (let i = 0; i < d.n; i++) if (dev[i] > Math.log(100) && dev[i] > 4 * Math.max(mad, 1e-12)) far.push(d.lines[i]);
    if (far.length && far.length <= Math.max(1, 0.05 * d.n)) {
      out.push(`high-leverage row${far.length > 1 ? 's' : ''}: ${name} on line${far.length > 1 ? 's' : ''} ${list(far)} is more than 100× from the median ${name} (${formatCount(Math.exp(med))}) — one mis-scaled row can move the whole fit`);
    }
  }
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < d.n; i++) {
    const r = d.lnD[i] - d.lnN[i];
    lo = Math.min(lo, r);
    hi = Math.max(hi, r);
  }
  const span = Math.exp(hi - lo);
  if (span < 4) out.push(`tokens per parameter only span ${formatNum(span, 3)}× (${formatNum(Math.exp(lo), 3)}–${formatNum(Math.exp(hi), 3)}): with N and D moving together the data cannot separate α from β; add runs off that ratio`);
  return out;
}

/** An allocation outside N* ≤ 1e15 parameters and 0.1–1e4 tokens per parameter is not a recommendation. */
export function allocationWarnings(o: { compute: number; N: number; D: number } | null): string[] {
  if (!o) return [];
  const tpp = o.D / o.N;
  if (o.N > 1e15 || tpp < 0.1 || tpp > 1e4) {
    return [`the compute-optimal allocation at ${formatSci(o.compute)} FLOP is absurd (N* = ${formatCount(o.N)}, ${formatNum(tpp, 3)} tokens/param; sane: N* ≤ 1e15, 0.1–1e4 tokens/param): the fitted law does not support an allocation — do not act on it`];
  }
  return [];
}

/** Low R² of the loss: the law explains little of the variation. */
export function qualityWarnings(r2: number, form: string): string[] {
  return r2 < 0.9 ? [`R² = ${formatNum(r2, 3)}: the ${form} form explains little of the variation in loss; check for divergent or mis-scaled runs, or try another form`] : [];
}
