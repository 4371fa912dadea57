/**
 * The joint parametric fit beside the IsoFLOP frontier — Chinchilla Approach 3 next to Approach 2
 * (Hoffmann et al. 2022, arXiv 2203.15556, §3.2–3.3 and Table 2).
 *
 * Approach 3 fits L(N, D) = E + A/N^α + B/D^β to every run at once (the fitting engine, src/core/fit:
 * Huber loss on log L, L-BFGS from a grid of starts). Minimising it under C = 6ND gives
 *   N_opt ∝ C^a with a = β/(α+β),   D_opt ∝ C^b with b = α/(α+β)   (Hoffmann Eq. 4),
 * so both approaches estimate the same exponent from the same runs. Hoffmann et al. report them close
 * (0.49 vs 0.46); a large gap is informative: either the parabolas are biased (grid too wide or
 * off-centre — Czech et al. 2026, arXiv 2603.22339) or the parametric form misfits the small models
 * (Besiroglu et al. 2024, arXiv 2404.10102). The comparison says which interval the joint exponent
 * falls in, so the user knows whether the difference is within the Approach 2 noise.
 */
import type { RunsTable } from '../csv';
import { FitRefusal, fitRuns } from '../fit';
import { formatNum } from '../format';
import type { IsoflopAnalysis } from './isoflop';

export interface JointFitOk {
  ok: true;
  /** The fitted Chinchilla parameters (L = E + A/N^α + B/D^β). */
  params: { E: number; A: number; B: number; alpha: number; beta: number };
  /** Implied frontier exponents a = β/(α+β) (N_opt) and b = α/(α+β) (D_opt). */
  a: number;
  b: number;
  rowsUsed: number;
  /** Root mean squared error of the fitted loss over the runs. */
  rmse: number;
  /** a_joint − a_isoflop. */
  deltaA: number;
  /** Whether a_joint lies inside the IsoFLOP exponent's interval (null when that has no interval). */
  insideInterval: boolean | null;
  /** One sentence comparing the two estimates, for the CLI report and the panel. */
  comparison: string;
}

export interface JointFitFailed {
  ok: false;
  /** Why the joint fit produced no law (the fitting engine's typed refusal); the IsoFLOP result stands. */
  reason: string;
}

export type JointFit = JointFitOk | JointFitFailed;

export interface JointFitOptions {
  /** Seed of the fitting engine's start grid (default 0). */
  seed?: number;
  signal?: { aborted: boolean };
}

/** Line number from a run's source ("results.csv:12"), so the fit's residuals point back to the file. */
function lineOf(source: string | undefined, index: number): number {
  const m = source ? /:(\d+)$/.exec(source) : null;
  return m ? Number(m[1]) : index + 1;
}

/**
 * Fit the Chinchilla form to every run of the analysed budgets (all of them — the parabola window does
 * not apply: the parametric form is meant to describe the whole surface) and compare its implied
 * exponent with the IsoFLOP one.
 */
export function jointFit(analysis: IsoflopAnalysis, opts: JointFitOptions = {}): JointFit {
  const runs = analysis.budgets.flatMap((b) => b.runs);
  const table: RunsTable = {
    columns: { N: 'N', D: 'D', loss: 'loss', C: 'compute' },
    rows: runs.map((r, i) => ({ N: r.N, D: r.D, loss: r.loss, C: r.compute, line: lineOf(r.source, i), extra: {} })),
    summary: { read: runs.length, used: runs.length, dropped: [], notes: [] },
    headers: ['N', 'D', 'loss', 'compute'],
    meta: { fileName: 'isoflop runs', delimiter: ',', linebreak: '\n' },
  };
  let fit;
  try {
    // No bootstrap or cross-validation: only the point estimate is compared, and it must stay fast.
    fit = fitRuns(table, { form: 'chinchilla', cv: 0, loo: false, bootstrap: 0, seed: opts.seed, signal: opts.signal });
  } catch (e) {
    if (e instanceof FitRefusal && e.code !== 'cancelled') return { ok: false, reason: e.message };
    throw e;
  }
  const j = fit.toJSON();
  const { E, A, B, alpha, beta } = j.params;
  const a = beta / (alpha + beta);
  const aIso = analysis.nFrontier.exponent;
  const iv = analysis.nFrontier.exponentInterval;
  const insideInterval = iv ? a >= iv[0] && a <= iv[1] : null;
  const deltaA = a - aIso;
  const pct = `${Math.round(analysis.confidence * 100)} %`;
  const f3 = (x: number) => formatNum(x, 3);
  const verdict =
    insideInterval === null
      ? `They differ by ${f3(Math.abs(deltaA))} (the IsoFLOP exponent has no interval to judge this against)`
      : insideInterval
        ? `They agree: the joint exponent lies inside the IsoFLOP ${pct} interval [${f3(iv![0])}, ${f3(iv![1])}]`
        : `They disagree by ${f3(Math.abs(deltaA))}, outside the IsoFLOP ${pct} interval [${f3(iv![0])}, ${f3(iv![1])}] — ` +
          'check the grid (too wide or off-centre biases the parabolas) and the joint fit on the smallest models';
  const comparison =
    `Joint fit L = E + A/N^α + B/D^β over the same ${j.rowsUsed} runs gives α = ${f3(alpha)}, β = ${f3(beta)}, ` +
    `so a = β/(α+β) = ${f3(a)}; the IsoFLOP parabolas give a = ${f3(aIso)}. ${verdict}.`;
  return { ok: true, params: { E, A, B, alpha, beta }, a, b: alpha / (alpha + beta), rowsUsed: j.rowsUsed, rmse: j.metrics.rmse, deltaA, insideInterval, comparison };
}
