/**
 * The result of a fit as plain, JSON-serialisable data (FitResultJSON) and a thin class around it with the
 * mljs-style methods predict / score / toJSON / toString / toLaTeX. The webview and the worker exchange the
 * JSON; FitResult.fromJSON restores the methods on the other side.
 */
import { alignedLines, formatCount, formatNum, formatSci } from '../format';
import type { RunsTable } from '../csv';
import { FORMS, MODELS, type FormId } from './forms';

export interface Allocation {
  compute: number;
  N: number;
  D: number;
  loss: number;
  /** 95 % bootstrap percentile intervals (present when the fit was bootstrapped). */
  intervals?: { N: [number, number]; D: [number, number]; loss: [number, number] };
}

export interface FitMetrics {
  /** R² of the loss. */
  r2: number;
  /** R² of log loss (the scale the objective works on). */
  r2Log: number;
  /** Root mean squared error of the loss. */
  rmse: number;
  /** k-fold cross-validated RMSE of the loss on held-out rows (null when not run). */
  cv: number | null;
  /** Leave-one-out RMSE of the loss (null when not run). */
  loo: number | null;
}

export interface FitProvenance {
  method: string;
  form: FormId;
  delta: number;
  grid: string;
  gridSize: number;
  polished: number;
  /** Rows used for the grid search when the table was subsampled (null = all rows). */
  gridSubsample: number | null;
  seed: number;
  iterations: number;
  evaluations: number;
  status: string;
  converged: boolean;
  rowsRead: number;
  rowsUsed: number;
  rowsDropped: Array<{ line: number; reason: string }>;
  notes: string[];
  fixed: Record<string, number>;
  tieAlphaBeta: boolean;
  /** Per-row loss: 'huber' or 'asymmetric (w = 10)'. */
  loss: string;
  /** 'joint' or the form's named estimator (e.g. 'paper'). */
  estimator: string;
  /** 'converged' or 'stalled' (line search stopped with a non-negligible gradient). */
  optimiser: 'converged' | 'stalled' | 'failed';
  bootstrap: { requested: number; succeeded: number };
  cvFolds: number;
  /** Leave-one-out ran (requested, or the default up to 500 rows). */
  leaveOneOut: boolean;
  timeMs: number;
}

export interface FitResultJSON {
  form: FormId;
  params: Record<string, number>;
  stderr: Record<string, number | null>;
  intervals: Record<string, [number, number] | null>;
  objective: number;
  metrics: FitMetrics;
  rowsUsed: number;
  residuals: Array<{ line: number; N: number; D: number; loss: number; predicted: number }>;
  optimal: Allocation | null;
  ladder: Allocation[];
  /** Loss-vs-compute fits: the fitted curve at the ladder budgets. */
  curve?: Array<{ compute: number; loss: number }>;
  /** The seeds' parametrisation L = e^E + e^A·N^alpha + e^B·D^beta (negative exponents) of the same fit. */
  logSpace?: { e: number; a: number; b: number; alpha: number; beta: number };
  warnings: string[];
  /** Parameters the data do not pin down, with the reason (no s.e. or interval is given for one at a bound). */
  weak: Record<string, string>;
  provenance: FitProvenance;
  formula: string;
  latex: string;
}

/** R², R² on log loss and RMSE of predictions against observed losses. */
export function scorePredictions(pred: ArrayLike<number>, obs: ArrayLike<number>): { r2: number; r2Log: number; rmse: number } {
  const n = obs.length;
  let m = 0, ml = 0;
  for (let i = 0; i < n; i++) {
    m += obs[i];
    ml += Math.log(obs[i]);
  }
  m /= n;
  ml /= n;
  let ssr = 0, sst = 0, ssrl = 0, sstl = 0;
  for (let i = 0; i < n; i++) {
    ssr += (obs[i] - pred[i]) ** 2;
    sst += (obs[i] - m) ** 2;
    ssrl += (Math.log(obs[i]) - Math.log(pred[i])) ** 2;
    sstl += (Math.log(obs[i]) - ml) ** 2;
  }
  // A table whose losses are all equal has no variance to explain: R² is 0 by convention rather than NaN.
  return { r2: sst > 0 ? 1 - ssr / sst : 0, r2Log: sstl > 0 ? 1 - ssrl / sstl : 0, rmse: Math.sqrt(ssr / n) };
}

/**
 * Compute-optimal allocation under C = 6ND implied by fitted parameters: the form's own `allocate` (closed
 * forms for Chinchilla, Hoffmann Eq. 4, and Gadre et al.; golden-section search for the others). `unique` is U
 * for the data-constrained form. Null for forms without N and D (loss against compute).
 */
export function allocate(form: FormId, p: Record<string, number>, C: number, unique?: number): { N: number; D: number; loss: number } | null {
  return FORMS[form].allocate?.(p, C, unique) ?? null;
}

/**
 * formatNum with at least every integer digit significant: a fitted B of 2143.4 prints "2143" at 3 digits where
 * formatNum alone gives "2140", so the table never shows a rounded-off coefficient as if it were exact. From 1e6
 * up formatNum prints an exponent anyway, so at most 6 digits are forced (N_c = 1e150 must not ask for 151).
 */
const sig = (x: number, digits: number) => formatNum(x, Math.max(digits, Math.min(6, Math.floor(Math.log10(Math.abs(x) || 1)) + 1)));

const GREEK: Record<string, string> = { alpha: 'α', beta: 'β', alphaN: 'α_N', alphaD: 'α_D', RDstar: 'R_D*', RNstar: 'R_N*', Nc: 'N_c', Dc: 'D_c' };
/** LaTeX of the fitted law with its numbers substituted. */
export function latexOf(form: FormId, p: Record<string, number>): string {
  return FORMS[form].latex(p);
}

export class FitResult {
  constructor(readonly json: FitResultJSON) {}

  static fromJSON(json: FitResultJSON): FitResult {
    return new FitResult(json);
  }

  get params(): Record<string, number> {
    return this.json.params;
  }

  /** Predicted loss; U is used by the data-constrained form (defaults to D: no repetition), C by loss-vs-compute. */
  predict(N: number, D: number, U?: number, C?: number): number {
    return MODELS[this.json.form].predict(this.json.params, N, D, U, C);
  }

  /** R², R² on log loss and RMSE of this fit on another table (e.g. held-out runs). */
  score(table: RunsTable): { r2: number; r2Log: number; rmse: number; n: number } {
    // No rows, no score (the means below would be 0/0).
    if (table.rows.length === 0) throw new RangeError('FitResult.score: the table has no rows');
    const pred = table.rows.map((r) => this.predict(r.N, r.D, r.U, r.C));
    return { ...scorePredictions(pred, table.rows.map((r) => r.loss)), n: table.rows.length };
  }

  toJSON(): FitResultJSON {
    return this.json;
  }

  toLaTeX(): string {
    return this.json.latex;
  }

  toString(): string {
    const j = this.json;
    const pv = j.provenance;
    const out: string[] = [];
    out.push(`${FORMS[j.form].label}: ${j.formula}`);
    out.push(`rows: ${pv.rowsRead} read, ${j.rowsUsed} used, ${pv.rowsDropped.length} dropped`);
    for (const note of pv.notes) out.push(`note: ${note}`);
    const rows = FORMS[j.form].params.map((k) => {
      const iv = j.intervals[k];
      const se = j.stderr[k];
      const fixed = k in pv.fixed ? ' (fixed)' : '';
      const weak = !fixed && j.weak?.[k] ? ' (weakly identified)' : '';
      return [GREEK[k] ?? k, sig(j.params[k], 5) + fixed + weak, se == null ? '–' : sig(se, 3), iv ? `[${sig(iv[0], 4)}, ${sig(iv[1], 4)}]` : '–'];
    });
    const head = ['param', 'value', 's.e.', '95 % interval'];
    out.push(...alignedLines([head, ...rows]).lines);
    const m = j.metrics;
    out.push(
      `objective (${MODELS[j.form].objectiveLabel ?? (pv.loss?.startsWith('asymmetric') ? `Σ ${pv.loss} absolute error of the loss` : `Σ Huber, δ = ${formatSci(pv.delta)}`)}): ${j.objective.toExponential(7)}; R² ${formatNum(m.r2, 4)} (log ${formatNum(m.r2Log, 4)}); RMSE ${formatNum(m.rmse, 3)}` +
        (m.cv != null ? `; ${pv.cvFolds}-fold CV RMSE ${formatNum(m.cv, 3)}` : '') +
        (m.loo != null ? `; LOO RMSE ${formatNum(m.loo, 3)}` : ''),
    );
    if (j.optimal) {
      const o = j.optimal;
      const iv = (x?: [number, number], f = formatCount) => (x ? ` [${f(x[0])}, ${f(x[1])}]` : '');
      out.push(
        `compute-optimal at C = ${formatSci(o.compute)} FLOP: N* = ${formatCount(o.N)}${iv(o.intervals?.N)}, D* = ${formatCount(o.D)}${iv(o.intervals?.D)} tokens (${formatNum(o.D / o.N, 3)} tokens/param), L̂ = ${formatNum(o.loss, 4)}${iv(o.intervals?.loss, (x) => formatNum(x, 4))}`,
      );
    }
    for (const w2 of j.warnings) out.push(`warning: ${w2}`);
    out.push(`method: ${pv.method}; ${pv.gridSize} starts, ${pv.polished} polished, ${pv.iterations} iterations, ${pv.optimiser ?? (pv.converged ? 'converged' : 'NOT converged')} (${pv.status})${pv.estimator && pv.estimator !== 'joint' ? `; estimator ${pv.estimator}` : '; estimator joint (all free parameters at once)'}, ${pv.timeMs.toFixed(0)} ms`);
    return out.join('\n');
  }
}
