/**
 * IsoFLOP analysis — Chinchilla Approach 2 (Hoffmann et al. 2022, arXiv 2203.15556, §3.2):
 *   1. group runs into compute budgets (grouping.ts);
 *   2. at each budget fit loss against ln N and against ln D by a parabola (parabola.ts); the vertices
 *      are that budget's N*(C), D*(C) and minimum loss;
 *   3. fit N*(C) = k·C^a and D*(C) = k'·C^b by OLS in log-log space (powerLaw.ts).
 * Intervals: each vertex gets a delta-method t interval using the residual variance pooled over
 * budgets (a 3-point budget has no residual of its own; the noise of the loss is one process);
 * the exponents get the OLS t intervals.
 *
 * Known biases of the parabola step (Czech et al. 2026, arXiv 2603.22339): a grid too wide for the
 * second-order Taylor approximation, a grid not centred on the optimum, and α ≠ β all shift the vertex
 * systematically even without noise. `window` restricts each fit to the lowest-loss run and its
 * neighbours (Porian et al. 2024 fit the minimum and ±3 neighbours), which limits the first one.
 */
import { formatSci } from '../format';
import { DEFAULT_GROUP_TOLERANCE, groupByCompute } from './grouping';
import { fitLogParabola, vertexLnSE, type LogParabola } from './parabola';
import { fitPowerLaw, type PowerLawFit } from './powerLaw';
import { InputError } from '../errors';
import { IsoflopRefusal, type IsoflopRefusalCode } from './refusal';
import { studentTQuantile } from '../stats/studentT';
import { maxOf, minOf } from '../stats/extent';
import { checkComputeConvention, computeConventionWarnings, type ComputeConventionCheck } from './computeConvention';

/** One finished run. Give at least two of compute, N, D (the third follows from C = k·N·D). */
export interface IsoflopRun {
  /** Training compute C in FLOPs. */
  compute?: number;
  /** The nominal budget the run was planned for; when given it is used for grouping instead of compute. */
  budget?: number;
  N?: number;
  D?: number;
  loss: number;
  /** Where the run came from (CSV line…), for error messages. */
  source?: string;
}

export interface ResolvedRun {
  compute: number;
  budget?: number;
  N: number;
  D: number;
  loss: number;
  source?: string;
}

export interface IsoflopOptions {
  /** Relative compute gap that separates two budgets (default 0.1 = 10 %). */
  groupTolerance?: number;
  /** Fit each parabola to the lowest-loss run and this many neighbours on each side (default: all runs). */
  window?: number;
  /** Confidence level of every interval (default 0.95). */
  confidence?: number;
  /** Exclude budgets with < 3 runs or no interior minimum (with a warning) instead of refusing. */
  skipBadBudgets?: boolean;
  /** FLOPs per parameter per token used to derive a missing one of C, N, D (default 6, C = 6ND). */
  flopsPerParamToken?: number;
}

export interface IsoflopBudget {
  compute: number;
  computeRange: [number, number];
  N: number;
  D: number;
  loss: number;
  /** Intervals at `confidence`; null when no residual degrees of freedom are left anywhere. */
  NInterval: [number, number] | null;
  DInterval: [number, number] | null;
  runs: Array<ResolvedRun & { used: boolean }>;
  parabolaN: LogParabola;
  parabolaD: LogParabola;
}

export interface IsoflopAnalysis {
  budgets: IsoflopBudget[];
  /** N*(C) = k·C^a. */
  nFrontier: PowerLawFit;
  /** D*(C) = k'·C^b. */
  dFrontier: PowerLawFit;
  confidence: number;
  groupTolerance: number;
  window: number | null;
  excluded: Array<{ compute: number; code: IsoflopRefusalCode; reason: string }>;
  /** k·N·D against C on the rows that give all three, and k·N*·D* against C at the minima (computeConvention.ts). */
  computeConvention: ComputeConventionCheck;
  warnings: string[];
}

export const MIN_BUDGETS = 3;
export const MIN_POINTS_PER_BUDGET = 3;

/** Fill in the missing one of compute, N, D from C = k·N·D; reject rows that cannot be completed. */
export function resolveRun(r: IsoflopRun, flopsPerParamToken = 6): ResolvedRun {
  const where = r.source ? ` (${r.source})` : '';
  const bad = (v: number | undefined) => v !== undefined && !(Number.isFinite(v) && v > 0);
  for (const [name, v] of [['compute', r.compute], ['N', r.N], ['D', r.D], ['budget', r.budget]] as const) {
    if (bad(v)) throw new InputError(`${name} must be a positive number${where}, got ${v}`);
  }
  if (!Number.isFinite(r.loss)) throw new InputError(`loss must be a number${where}, got ${r.loss}`);
  const k = flopsPerParamToken;
  let { compute, N, D } = r;
  if (compute === undefined && N !== undefined && D !== undefined) compute = k * N * D;
  else if (compute === undefined && r.budget !== undefined && (N !== undefined || D !== undefined)) compute = r.budget;
  if (compute === undefined) throw new InputError(`a run needs two of compute, N, D${where}`);
  if (N === undefined && D !== undefined) N = compute / (k * D);
  if (D === undefined && N !== undefined) D = compute / (k * N);
  if (N === undefined || D === undefined) throw new InputError(`a run needs N or D besides compute${where}`);
  return { compute, budget: r.budget, N, D, loss: r.loss, source: r.source };
}

/** Exact duplicate rows (same compute, budget, N, D and loss — a file concatenated twice, a run logged twice) are
 * one run: counted twice they would double the residual degrees of freedom and shrink every interval. */
function dropDuplicates(runs: ResolvedRun[]): { runs: ResolvedRun[]; warning: string | null } {
  const seen = new Map<string, ResolvedRun>();
  const dups: string[] = [];
  for (const r of runs) {
    const key = [r.compute, r.budget, r.N, r.D, r.loss].join('|');
    const first = seen.get(key);
    if (first) dups.push(r.source ? `${r.source}${first.source ? ` (= ${first.source})` : ''}` : `N = ${formatSci(r.N)}, loss ${r.loss}`);
    else seen.set(key, r);
  }
  if (dups.length === 0) return { runs, warning: null };
  const shown = dups.slice(0, 3).join(', ') + (dups.length > 3 ? `, … (${dups.length - 3} more)` : '');
  return { runs: [...seen.values()], warning: `ignored ${dups.length} duplicate row${dups.length === 1 ? '' : 's'} (identical compute, N, D and loss): ${shown}` };
}

/** How many different values (a parabola needs 3 distinct sizes, not 3 rows: replicate seeds share one size). */
const distinct = (xs: number[]) => new Set(xs).size;

/**
 * Where the lowest observed loss sits among runs sorted by x: at either end the data do not bracket the
 * minimum, whatever the fitted parabola says (a convex but monotone curve puts the vertex inside the range
 * and below every observed loss — an extrapolation, not a measured minimum).
 */
function edgeOfMinimum(xs: number[], losses: number[]): 'smallest' | 'largest' | null {
  let best = 0;
  for (let i = 1; i < losses.length; i++) if (losses[i] < losses[best]) best = i;
  const lo = minOf(xs);
  const hi = maxOf(xs);
  return xs[best] === lo ? 'smallest' : xs[best] === hi ? 'largest' : null;
}

/** Indices (into runs sorted by N) of the lowest-loss run and `window` neighbours on each side. */
function windowAroundMinimum(losses: number[], window: number | undefined): [number, number] {
  if (window === undefined) return [0, losses.length];
  let best = 0;
  for (let i = 1; i < losses.length; i++) if (losses[i] < losses[best]) best = i;
  return [Math.max(0, best - window), Math.min(losses.length, best + window + 1)];
}

export function analyseIsoflop(runs: IsoflopRun[], opts: IsoflopOptions = {}): IsoflopAnalysis {
  try {
    return analyse(runs, opts);
  } catch (e) {
    // A refusal on a table whose C disagrees with 6·N·D says so too: the mismatch is often why the
    // budgets do not come out as planned (and the user will meet it again once the refusal is fixed).
    if (!(e instanceof IsoflopRefusal)) throw e;
    const [convention] = computeConventionWarnings(checkComputeConvention(runs, [], opts.flopsPerParamToken));
    if (!convention) throw e;
    throw new IsoflopRefusal(e.code, `${e.message}. Also: ${convention}`, e.budgets);
  }
}

function analyse(runs: IsoflopRun[], opts: IsoflopOptions): IsoflopAnalysis {
  const confidence = opts.confidence ?? 0.95;
  const groupTolerance = opts.groupTolerance ?? DEFAULT_GROUP_TOLERANCE;
  const window = opts.window;
  if (!(confidence > 0 && confidence < 1)) throw new InputError(`confidence must be in (0, 1), got ${confidence}`);
  if (window !== undefined && !(Number.isInteger(window) && window >= 1)) {
    throw new InputError(`window must be a whole number ≥ 1 (neighbours on each side of the minimum), got ${window}`);
  }
  const deduped = dropDuplicates(runs.map((r) => resolveRun(r, opts.flopsPerParamToken)));
  const resolved = deduped.runs;
  const groups = groupByCompute(resolved, (r) => r.budget ?? r.compute, groupTolerance);
  const warnings: string[] = deduped.warning ? [deduped.warning] : [];
  for (const g of groups) {
    // Nominal budgets (a 'budget' column) closer than the tolerance are analysed as one budget: say so.
    const nominal = [...new Set(g.members.map((r) => r.budget).filter((b): b is number => b !== undefined))].sort((x, y) => x - y);
    if (nominal.length > 1) {
      warnings.push(
        `budgets ${nominal.map((b) => formatSci(b)).join(', ')} are within ${Math.round(groupTolerance * 100)} % of each other and were analysed as one budget ` +
          `(${formatSci(g.compute)} FLOPs): budgets this close add no information about the frontier (lower --group-tolerance to keep them apart)`,
      );
    }
  }

  const problems: IsoflopAnalysis['excluded'] = [];
  const fitted: Array<Omit<IsoflopBudget, 'NInterval' | 'DInterval'>> = [];
  for (const g of groups) {
    const sorted = [...g.members].sort((a, b) => a.N - b.N);
    const label = `budget ${formatSci(g.compute)} FLOPs`;
    if (sorted.length < MIN_POINTS_PER_BUDGET) {
      problems.push({
        compute: g.compute,
        code: 'too-few-points',
        reason: `${label} has ${sorted.length} run${sorted.length === 1 ? '' : 's'}; a parabola needs at least ${MIN_POINTS_PER_BUDGET}`,
      });
      continue;
    }
    const [from, to] = windowAroundMinimum(sorted.map((r) => r.loss), window);
    const used = sorted.slice(from, to);
    if (used.length < MIN_POINTS_PER_BUDGET) {
      problems.push({ compute: g.compute, code: 'too-few-points', reason: `${label}: only ${used.length} runs inside the window` });
      continue;
    }
    const sizes = Math.min(distinct(used.map((r) => r.N)), distinct(used.map((r) => r.D)));
    if (sizes < MIN_POINTS_PER_BUDGET) {
      problems.push({
        compute: g.compute,
        code: 'too-few-points',
        reason: `${label} has ${used.length} runs but only ${sizes} distinct model size${sizes === 1 ? '' : 's'}${window !== undefined ? ' inside the window' : ''}; a parabola needs at least ${MIN_POINTS_PER_BUDGET}`,
      });
      continue;
    }
    const parabolaN = fitLogParabola(used.map((r) => r.N), used.map((r) => r.loss));
    const parabolaD = fitLogParabola(used.map((r) => r.D), used.map((r) => r.loss));
    const edgeN = edgeOfMinimum(used.map((r) => r.N), used.map((r) => r.loss));
    const edgeD = edgeOfMinimum(used.map((r) => r.D), used.map((r) => r.loss));
    if (!parabolaN.interior || !parabolaD.interior || edgeN || edgeD) {
      const p = !parabolaN.interior || (parabolaD.interior && edgeN) ? parabolaN : parabolaD;
      const what = p === parabolaN ? 'N' : 'D';
      const edge = p === parabolaN ? edgeN : edgeD;
      const why =
        p.c2 <= 0
          ? 'the fitted parabola opens downward (no minimum)'
          : !p.interior
            ? `the vertex (${what} = ${formatSci(p.vertex)}) lies outside the sampled ${what} range ${formatSci(Math.exp(p.lnRange[0]))}–${formatSci(Math.exp(p.lnRange[1]))}`
            : `the lowest loss is at the ${edge} ${what} sampled (${formatSci(Math.exp(p.lnRange[edge === 'smallest' ? 0 : 1]))}), so the runs do not bracket the minimum (the parabola's vertex would be an extrapolation)`;
      problems.push({
        compute: g.compute,
        code: 'no-interior-minimum',
        reason: `${label}: no interior minimum — ${why}; add runs on the side where the loss is still falling`,
      });
      continue;
    }
    fitted.push({
      compute: g.compute,
      computeRange: [g.min, g.max],
      N: parabolaN.vertex,
      D: parabolaD.vertex,
      loss: parabolaN.minLoss,
      runs: sorted.map((r, i) => ({ ...r, used: i >= from && i < to })),
      parabolaN,
      parabolaD,
    });
  }

  if (problems.length > 0) {
    if (!opts.skipBadBudgets) {
      throw new IsoflopRefusal(
        problems[0].code,
        problems.map((p) => p.reason).join('; ') + (groups.length - problems.length >= MIN_BUDGETS ? ' (or skip such budgets)' : ''),
        problems.map((p) => p.compute),
      );
    }
    for (const p of problems) warnings.push(`excluded ${p.reason}`);
  }
  if (fitted.length < MIN_BUDGETS) {
    throw new IsoflopRefusal(
      'too-few-budgets',
      `${fitted.length} usable budget${fitted.length === 1 ? '' : 's'} (${fitted.map((b) => formatSci(b.compute)).join(', ') || 'none'}); ` +
        `the frontier fit needs at least ${MIN_BUDGETS} (two points always lie on a line, leaving no way to judge the fit)`,
      fitted.map((b) => b.compute),
    );
  }

  // Pooled residual variance of the parabolas (separately for the ln N and ln D fits).
  const pooled = (pick: (b: (typeof fitted)[number]) => LogParabola) => {
    const df = fitted.reduce((s, b) => s + pick(b).df, 0);
    return { df, s2: df > 0 ? fitted.reduce((s, b) => s + pick(b).rss, 0) / df : NaN };
  };
  const poolN = pooled((b) => b.parabolaN);
  const poolD = pooled((b) => b.parabolaD);
  if (poolN.df === 0) warnings.push('every budget has exactly 3 runs, so no residual is left to estimate the noise: the minima have no intervals');
  const interval = (p: LogParabola, pool: { df: number; s2: number }): [number, number] | null => {
    if (pool.df === 0) return null;
    const half = studentTQuantile(0.5 + confidence / 2, pool.df) * vertexLnSE(p, pool.s2);
    return [Math.exp(p.vertexLn - half), Math.exp(p.vertexLn + half)];
  };
  const budgets: IsoflopBudget[] = fitted.map((b) => ({
    ...b,
    NInterval: interval(b.parabolaN, poolN),
    DInterval: interval(b.parabolaD, poolD),
  }));

  const cs = budgets.map((b) => b.compute);
  const spanC = maxOf(cs) / minOf(cs);
  if (spanC < 10) warnings.push(`the budgets span only ${spanC.toPrecision(2)}× in compute; exponents from less than a decade are poorly constrained`);
  const thin = budgets.filter((b) => b.runs.filter((r) => r.used).length < 5);
  if (thin.length > 0) {
    warnings.push(`${thin.length} budget${thin.length === 1 ? '' : 's'} fitted with fewer than 5 runs; the vertex of a 3–4 point parabola is very sensitive to noise`);
  }
  const computeConvention = checkComputeConvention(runs, budgets, opts.flopsPerParamToken);
  warnings.push(...computeConventionWarnings(computeConvention));
  return {
    budgets,
    nFrontier: fitPowerLaw(cs, budgets.map((b) => b.N), confidence),
    dFrontier: fitPowerLaw(cs, budgets.map((b) => b.D), confidence),
    confidence,
    groupTolerance,
    window: window ?? null,
    excluded: opts.skipBadBudgets ? problems : [],
    computeConvention,
    warnings,
  };
}
