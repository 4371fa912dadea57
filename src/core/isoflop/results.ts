/**
 * A results CSV's text → the IsoFLOP analysis, as one plain-data value the fit worker can compute off the
 * extension host and post back (src/core/fit/workerCore.ts, request 'isoflop'): parse, parabolas and
 * frontier (Approach 2) and, when asked, the joint Chinchilla fit (Approach 3) — the same code as
 * `scaling-laws isoflop`.
 *
 * What crosses the thread boundary stays small whatever the file: each budget keeps at most
 * MAX_RUNS_SHOWN runs for the plots (evenly spaced in N, every run the parabola used among them when it
 * fits), and the numbers are computed on all of them before the thinning — a 400k-row file posts a few
 * thousand points, not 400k objects the host would spend seconds deserialising.
 */
import { parseRunsCsv, type RunsTable } from '../csv';
import { analyseIsoflop, type IsoflopAnalysis } from './isoflop';
import { jointFit, type JointFit } from './joint';
import { runsFromCsvRows } from './csvRuns';

export interface ResultsOptions {
  window: number | null;
  skipBadBudgets: boolean;
  groupTolerance: number;
  joint: boolean;
}

export interface AnalysedResults {
  analysis: IsoflopAnalysis;
  joint: JointFit | null;
  summary: RunsTable['summary'];
  /** Runs kept per budget for the plots, when some were left out (null when all are kept). */
  thinnedTo: number | null;
  /** Per budget, the runs its parabola used and all its runs, counted before the thinning (what tables report). */
  runCounts: Array<{ used: number; total: number }>;
}

/**
 * Runs of one budget kept for plotting: 1,000 points already make a solid band, about two per pixel column of a
 * plot at 480 px. It was 2,000; halving it halves what a large file posts to the page (215 KB of curves for
 * 5 budgets), and with it the extension host's share of the work of sending it — in code-server the remote
 * protocol deflates every message on the host thread, the longest busy slice there (~50 ms).
 */
export const MAX_RUNS_SHOWN = 1000;

export function analyseResults(text: string, fileName: string, options: ResultsOptions, signal?: { aborted: boolean }): AnalysedResults {
  const table = parseRunsCsv(text, { fileName });
  const analysis = analyseIsoflop(runsFromCsvRows(table.rows, fileName), {
    window: options.window ?? undefined,
    skipBadBudgets: options.skipBadBudgets,
    groupTolerance: options.groupTolerance,
  });
  const joint = options.joint ? jointFit(analysis, { signal }) : null;
  let thinnedTo: number | null = null;
  const runCounts = analysis.budgets.map((b) => ({ used: b.runs.filter((r) => r.used).length, total: b.runs.length }));
  for (const b of analysis.budgets) {
    if (b.runs.length <= MAX_RUNS_SHOWN) continue;
    thinnedTo = MAX_RUNS_SHOWN;
    const sorted = [...b.runs].sort((x, y) => x.N - y.N);
    const step = sorted.length / MAX_RUNS_SHOWN;
    b.runs = Array.from({ length: MAX_RUNS_SHOWN }, (_, i) => sorted[Math.floor(i * step)]);
  }
  return { analysis, joint, summary: table.summary, thinnedTo, runCounts };
}
