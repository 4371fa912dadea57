/**
 * Grouping runs into IsoFLOP budgets. Real sweeps rarely hit a budget exactly: model sizes are
 * rounded to real shapes and steps to whole batches, so C = 6·N·D differs by a few percent between
 * runs meant for the same budget.
 *
 * How: sort runs by compute and cut wherever two neighbours differ by more than a factor (1 + tol)
 * (single-linkage clustering in ln C with threshold ln(1 + tol); tol = 10 % by default, far below the
 * ≥ 1.5× spacing of published budget grids — Chinchilla, Porian ×2, Llama 3 ×1.7–3). Each budget is
 * labelled with the geometric mean of its runs' compute. If a cluster spans more than (1 + tol)²
 * the runs were chained together by many small steps — compute varies continuously instead of
 * sitting at discrete budgets — and we refuse rather than invent budgets.
 */
import { formatSci } from '../format';
import { IsoflopRefusal } from './refusal';

export const DEFAULT_GROUP_TOLERANCE = 0.1;

export interface BudgetGroup<T> {
  /** Geometric mean of the members' compute. */
  compute: number;
  min: number;
  max: number;
  members: T[];
}

export function groupByCompute<T>(items: T[], computeOf: (t: T) => number, tolerance = DEFAULT_GROUP_TOLERANCE): Array<BudgetGroup<T>> {
  if (!(tolerance >= 0)) throw new RangeError(`group tolerance must be ≥ 0, got ${tolerance}`);
  const sorted = [...items].sort((a, b) => computeOf(a) - computeOf(b));
  const clusters: T[][] = [];
  for (const item of sorted) {
    const last = clusters[clusters.length - 1];
    if (last && computeOf(item) <= computeOf(last[last.length - 1]) * (1 + tolerance)) last.push(item);
    else clusters.push([item]);
  }
  const groups = clusters.map((members) => {
    const cs = members.map(computeOf);
    const lnMean = cs.reduce((s, c) => s + Math.log(c), 0) / cs.length;
    // Identical values keep their exact label (exp∘mean∘ln would turn 6e18 into 6.000000000000074e18).
    const compute = cs[0] === cs[cs.length - 1] ? cs[0] : Math.exp(lnMean);
    return { compute, min: cs[0], max: cs[cs.length - 1], members };
  });
  const chained = groups.filter((g) => g.max > g.min * (1 + tolerance) ** 2);
  if (chained.length > 0) {
    const g = chained[0];
    throw new IsoflopRefusal(
      'ungroupable',
      `runs cannot be grouped into IsoFLOP budgets: ${g.members.length} runs with compute from ${formatSci(g.min)} to ` +
        `${formatSci(g.max)} FLOPs chain together in steps under ${Math.round(tolerance * 100)} % — ` +
        `compute varies continuously instead of sitting at a few budgets (add a 'budget' column, or change the grouping tolerance)`,
      chained.map((c) => c.compute),
    );
  }
  return groups;
}
