/**
 * One recommendation from many laws: the range and a middle of N*, D* and tokens/param across the laws
 * that apply to the user's setup, and the single law most relevant to this budget, data cap and language,
 * with the reason. The planner's consensus row, the CLI's `optimal` footer and its JSON `consensus` all
 * come from here.
 *
 * The rule (stated to the user as CONSENSUS_RULE):
 * - A law counts if it predicts a loss L(N, D) — the modern parametric laws (Chinchilla Approach 3 and its
 *   Besiroglu et al. 2024 replication, Muennighoff et al. 2023), whose surface also models a data cap and
 *   inference demand — and is neither historical (Kaplan et al. 2020: non-embedding counts and untuned
 *   schedules, superseded per Porian et al. 2024) nor provisional. A law that assumes fresh data does not
 *   count when its D* exceeds the unique tokens given (it cannot plan past the cap). For a language other
 *   than English the consensus is ATLAS alone: it is the only law fitted on that language.
 * - If none of the rows qualifies (e.g. only frontier-only laws were picked), every non-historical row counts.
 * - The middle is the median (for an even count, the geometric mean of the two middle values): with every
 *   row on C = 6ND the middle N and middle D then come from the same allocation, so 6·N·D = C still holds.
 * - Most relevant: for a non-English language, ATLAS; when the data cap binds (D* > unique tokens), the
 *   repetition-aware law (Muennighoff); otherwise the counted law that extrapolates least beyond the range
 *   its paper fitted, ties going to the more recent paper.
 */
import { getLaw, LANGUAGE_NAMES, modelsRepetition, type Language, type LawInfo } from '../laws';
import { formatCount, formatRatio, formatSci } from '../format';
import { maxOf, minOf } from '../stats/extent';

export interface ConsensusRange {
  low: number;
  mid: number;
  high: number;
}

export interface Consensus {
  N: ConsensusRange;
  D: ConsensusRange;
  tokensPerParam: ConsensusRange;
  /** Law ids the range is taken over. */
  laws: string[];
  /** The rule, in one sentence for people. */
  rule: string;
  /** The law most relevant to this budget, data cap and language. */
  relevant: { law: string; reason: string };
}

/** The few fields of an allocation row the consensus needs (AllocationResult and PlannerRow both fit). */
export interface ConsensusRow {
  law: string;
  N: number;
  D: number;
  compute: number;
}

export interface ConsensusContext {
  uniqueTokens?: number;
  language?: Language;
}

export const CONSENSUS_RULE =
  'median and range over the modern laws that predict a loss (not historical, not provisional), leaving out laws that ignore a binding data cap';

/**
 * How far outside the range its paper fitted this allocation lies: the largest factor by which the budget,
 * N or D exceeds the fitted range (1 = inside everything the paper fitted).
 */
export function extrapolationFactor(law: LawInfo, C: number, N: number, D: number): number {
  let f = 1;
  const check = (x: number, r: [number, number] | undefined) => {
    if (!r) return;
    if (x > r[1]) f = Math.max(f, x / r[1]);
    if (x < r[0]) f = Math.max(f, r[0] / x);
  };
  check(C, law.fitted.compute);
  check(N, law.fitted.params);
  check(D, law.fitted.tokens);
  return f;
}

/** Median in log space: the geometric mean of the two middle values for an even count. */
function logMedian(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : Math.sqrt(s[m - 1] * s[m]);
}

const range = (xs: number[]): ConsensusRange => ({ low: minOf(xs), mid: logMedian(xs), high: maxOf(xs) });

/** The counted laws of the default rule (see the file comment). */
function counts(law: LawInfo, row: ConsensusRow, U: number | undefined): boolean {
  if (!law.predictsLoss || law.historical || law.provisional) return false;
  // A law that assumes fresh data cannot plan past a binding data cap.
  return !(U !== undefined && row.D > U && !modelsRepetition(law.id));
}

/** The consensus of the rows, or null when there is no row to take it over. */
export function consensus(rows: ConsensusRow[], ctx: ConsensusContext = {}): Consensus | null {
  const usable = rows.filter((r) => Number.isFinite(r.N) && Number.isFinite(r.D) && r.N > 0 && r.D > 0);
  const lang = ctx.language !== undefined && ctx.language !== 'en' ? ctx.language : undefined;
  let chosen: ConsensusRow[];
  let rule = CONSENSUS_RULE;
  if (lang && usable.some((r) => r.law === 'atlas2025')) {
    chosen = usable.filter((r) => r.law === 'atlas2025');
    rule = `ATLAS alone (the only law fitted on ${LANGUAGE_NAMES[lang]})`;
  } else {
    chosen = usable.filter((r) => counts(getLaw(r.law), r, ctx.uniqueTokens));
  }
  if (!chosen.length) {
    chosen = usable.filter((r) => !getLaw(r.law).historical);
    rule = 'median and range over the selected laws (none of them is a modern law with a loss that fits this setup; historical laws left out)';
  }
  if (!chosen.length) return null;
  return {
    N: range(chosen.map((r) => r.N)),
    D: range(chosen.map((r) => r.D)),
    tokensPerParam: range(chosen.map((r) => r.D / r.N)),
    laws: chosen.map((r) => r.law),
    rule,
    relevant: mostRelevant(chosen, ctx),
  };
}

function mostRelevant(rows: ConsensusRow[], ctx: ConsensusContext): { law: string; reason: string } {
  const lang = ctx.language;
  const atlas = rows.find((r) => r.law === 'atlas2025');
  if (atlas && lang && lang !== 'en') {
    return { law: atlas.law, reason: `the only law fitted on ${LANGUAGE_NAMES[lang]} data; the others were fitted on English` };
  }
  const U = ctx.uniqueTokens;
  const capped = rows.find((r) => modelsRepetition(getLaw(r.law).id));
  if (U !== undefined && capped && rows.some((r) => r.D > U)) {
    return { law: capped.law, reason: `the data cap binds (D* > ${formatCount(U)} unique tokens) and this law models repeated data` };
  }
  const scored = rows.map((r) => {
    const law = getLaw(r.law);
    return { r, law, f: extrapolationFactor(law, r.compute, r.N, r.D) };
  });
  // Least extrapolation first; within 1 % of each other, the more recent paper.
  scored.sort((a, b) => (Math.abs(a.f / b.f - 1) < 0.01 ? b.law.citation.year - a.law.citation.year : a.f - b.f));
  const best = scored[0];
  const c = best.law.fitted.compute;
  const fitted = c ? ` (fitted ${formatSci(c[0], 2)}–${formatSci(c[1], 2)} FLOPs)` : '';
  return {
    law: best.r.law,
    reason: best.f === 1
      ? `this budget is inside the range its paper fitted${fitted}`
      : `it extrapolates least beyond the range its paper fitted: ${formatRatio(best.f)}×${fitted}`,
  };
}
