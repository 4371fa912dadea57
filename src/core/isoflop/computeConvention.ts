/**
 * Does the table's compute follow C ≈ 6·N·D? Kaplan et al. 2020 (§2.1, C ≈ 6NBS) and Hoffmann et al. 2022
 * (Eq. 4 and every frontier: "C = 6ND", N counting all parameters) tie the three quantities together; the
 * IsoFLOP frontier (Approach 2) is fitted against C exactly as the table gives it, so when a table carries
 * all three and they disagree, N*(C) and D*(C) mix two conventions and the user should know before reading
 * the exponents. Chinchilla App. F's exact count (embeddings, attention, logits) is ≈ 1.025 × 6ND at 73M
 * parameters (published-laws.md), so a few per cent is a convention, not an error; a factor is something
 * else — forward-only FLOPs (2·N·D, ratio 3), N without embeddings (Kaplan's count) or C with attention
 * FLOPs (PaLM App. B: + 12·L·d·seq per token, large at small scale), D in sequences or steps.
 *
 * Two checks, one warning each:
 *   - per row, where C (or, lacking it, the nominal budget) and N and D are all given: k·N·D / C;
 *   - at each fitted minimum: k·N*·D* / C of its budget (the two parabolas are fitted independently, so a
 *     product far from C also flags budgets whose runs do not lie on one IsoFLOP curve).
 * Nothing is changed: the analysis uses C as given, and the warning says so.
 */

/** What the check reads of a run (structurally an IsoflopRun: isoflop.ts imports this file, not the reverse). */
export interface ConventionRun {
  compute?: number;
  budget?: number;
  N?: number;
  D?: number;
}

/** k·N·D/C outside [1/RATIO_TOLERANCE, RATIO_TOLERANCE] is reported: 25 % is beyond App. F's 2.5 % and the
 * 10 % budget-grouping tolerance, and within the factor a different convention produces (×3 forward-only,
 * ×0.4–0.8 for attention FLOPs or non-embedding N at small scale). */
export const RATIO_TOLERANCE = 1.25;

export interface RatioSummary {
  /** How many values were compared, and how many fell outside the tolerance. */
  checked: number;
  off: number;
  median: number;
  min: number;
  max: number;
}

export interface ComputeConventionCheck {
  /** FLOPs per parameter per token assumed (6). */
  k: number;
  /** k·N·D / C over rows that give all three (null when none does). */
  rows: (RatioSummary & { against: 'compute' | 'budget' }) | null;
  /** k·N*·D* / C over the fitted minima (null when none was fitted). */
  optimum: RatioSummary | null;
}

const outside = (r: number) => r > RATIO_TOLERANCE || r < 1 / RATIO_TOLERANCE;

function summarise(ratios: number[]): RatioSummary | null {
  if (ratios.length === 0) return null;
  const s = [...ratios].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return {
    checked: s.length,
    off: s.filter(outside).length,
    median: s.length % 2 ? s[mid] : Math.sqrt(s[mid - 1] * s[mid]),
    min: s[0],
    max: s[s.length - 1],
  };
}

/** Compare k·N·D with C on the rows that give all three, and k·N*·D* with C at each fitted minimum. */
export function checkComputeConvention(
  runs: ConventionRun[],
  minima: Array<{ compute: number; N: number; D: number }>,
  k = 6,
): ComputeConventionCheck {
  const full = runs.filter((r) => r.N !== undefined && r.D !== undefined && (r.compute !== undefined || r.budget !== undefined));
  // Compute as given is the quantity; a nominal budget stands in only for rows that have no compute.
  const against = full.some((r) => r.compute !== undefined) ? 'compute' : 'budget';
  const rowRatios = full
    .filter((r) => (against === 'compute' ? r.compute !== undefined : true))
    .map((r) => (k * r.N! * r.D!) / (against === 'compute' ? r.compute! : r.budget!));
  const rows = summarise(rowRatios);
  return {
    k,
    rows: rows && { ...rows, against },
    optimum: summarise(minima.map((m) => (k * m.N * m.D) / m.compute)),
  };
}

const times = (x: number) => `${x.toPrecision(x >= 10 ? 3 : 2)}×`;
const narrow = (s: RatioSummary) => s.max / s.min < 1.05;
/** "3.5× C" or "2.4×–4.8× C (median 4.4×)". */
const span = (s: RatioSummary, of: string) =>
  narrow(s) ? `${times(s.median)} ${of}` : `${times(s.min)}–${times(s.max)} ${of} (median ${times(s.median)})`;

/** What a ratio away from 1 most often means (a hint, never an assumption). */
function likelyCause(median: number, k: number): string {
  if (Math.abs(median / (k / 2) - 1) < 0.15) return `C may count the forward pass only (2·N·D)`;
  return median > 1
    ? `C may count fewer FLOPs per token than ${k}·N (e.g. forward only), or N include parameters that cost no FLOPs (input embeddings)`
    : `C may count more than ${k}·N·D (attention or embedding FLOPs, a different FLOPs convention), N exclude embeddings (Kaplan's count), or D be in sequences or steps rather than tokens`;
}

/** The warnings for a check (none when every ratio is within the tolerance). */
export function computeConventionWarnings(c: ComputeConventionCheck): string[] {
  const out: string[] = [];
  const C = (against: 'compute' | 'budget') => (against === 'compute' ? 'C' : 'the nominal budget');
  if (c.rows && c.rows.off > 0) {
    const r = c.rows;
    out.push(
      `${c.k}·N·D is ${span(r, C(r.against))} on ${r.off} of ${r.checked} rows that give ${r.against === 'compute' ? 'C' : 'a budget'}, N and D ` +
        `(Kaplan et al. 2020 and Hoffmann et al. 2022 assume C ≈ ${c.k}·N·D): ${likelyCause(r.median, c.k)}; ` +
        `the frontier uses ${C(r.against)} as given`,
    );
  }
  if (c.optimum && c.optimum.off > 0) {
    const o = c.optimum;
    out.push(
      `at the fitted minima ${c.k}·N*·D* is ${span(o, "the budget's C")} (${o.off} of ${o.checked} budgets outside ${times(1 / RATIO_TOLERANCE)}–${times(RATIO_TOLERANCE)}): ` +
        `N* and D* come from separate parabolas and together do not spend the budget under C = ${c.k}·N·D` +
        (c.rows && c.rows.off > 0 ? ' (the rows above already disagree with it)' : ', so the runs of a budget may not lie on one IsoFLOP curve') +
        `; compare N* and D* with C/(${c.k}·D*) and C/(${c.k}·N*)`,
    );
  }
  return out;
}

/** One line for reports: "6·N·D is 1.0× C on 121 rows; 6·N*·D* is 1.0× C at 12 minima". */
export function describeComputeConvention(c: ComputeConventionCheck): string | null {
  const parts: string[] = [];
  if (c.rows) parts.push(`${c.k}·N·D is ${span(c.rows, c.rows.against === 'compute' ? 'C' : 'the budget')} on ${c.rows.checked} rows`);
  if (c.optimum) parts.push(`${c.k}·N*·D* is ${span(c.optimum, 'C')} at ${c.optimum.checked} minima`);
  return parts.length ? parts.join('; ') : null;
}
