/**
 * The learning-rate schedule of a run, from its logged learning rate.
 *
 * Why it matters: with a schedule that decays to the end of the run (cosine, linear), an intermediate
 * checkpoint at D tokens sits above the loss a run planned for D tokens would reach — its learning rate has
 * not annealed yet (Hoffmann et al. 2022 §3.1 and Fig. A1: setting the cosine cycle longer than the run
 * overestimates the loss). A constant learning rate, or warmup-stable-decay before its decay phase, has no
 * such bias (Hägele et al. 2024, "Scaling Laws and Compute-Optimal Training Beyond Fixed Training
 * Durations", arXiv 2405.18392: the stable phase's checkpoints plus a short cooldown stand in for separate
 * runs). Choshen, Zhang & Andreas 2025 (A Hitchhiker's Guide to Scaling Law Estimation, arXiv 2410.11840)
 * nevertheless find that fitting on intermediate checkpoints improves estimates, so a decaying run is kept
 * with a warning by default, or restricted to its final checkpoint on request.
 *
 * Classification (peak = largest logged lr; thresholds are this tool's, stated in every note):
 *   constant — the last lr is ≥ 90 % of the peak;
 *   wsd      — the lr stays ≥ 90 % of the peak until more than half of the run's tokens, then falls;
 *   decay    — it falls below 90 % of the peak in the first half (cosine, linear, inverse-sqrt…).
 */

export type Schedule = 'constant' | 'wsd' | 'decay' | 'unknown';

export interface ScheduleInfo {
  schedule: Schedule;
  /** Index (into the run's points) of the peak lr: earlier points are warm-up. −1 without an lr. */
  peakIndex: number;
  /** wsd: index of the first point of the decay phase. */
  decayStart: number;
  /** Human-readable evidence, e.g. "lr 3e-4 → 3e-5 (10 %), below 90 % of peak from 18 % of the run". */
  evidence: string;
}

export const STABLE_FRACTION = 0.9;
export const WSD_MIN_STABLE = 0.5;

export function detectSchedule(points: ReadonlyArray<{ lr: number | null; tokens: number | null; step: number | null }>): ScheduleInfo {
  const idx = points.map((p, i) => (p.lr !== null && p.lr >= 0 ? i : -1)).filter((i) => i >= 0);
  if (idx.length < 3) return { schedule: 'unknown', peakIndex: -1, decayStart: -1, evidence: 'no learning rate logged' };
  let peakIndex = idx[0];
  for (const i of idx) if (points[i].lr! > points[peakIndex].lr!) peakIndex = i;
  const peak = points[peakIndex].lr!;
  const last = idx[idx.length - 1];
  const x = (i: number) => points[i].tokens ?? points[i].step ?? i;
  const span = x(last);
  const fmt = (v: number) => v.toPrecision(2);
  if (points[last].lr! >= STABLE_FRACTION * peak) {
    return { schedule: 'constant', peakIndex, decayStart: -1, evidence: `lr ${fmt(peak)} → ${fmt(points[last].lr!)} (≥ 90 % of peak at the end)` };
  }
  const decayStart = idx.find((i) => i > peakIndex && points[i].lr! < STABLE_FRACTION * peak) ?? last;
  const at = span > 0 ? x(decayStart) / span : 1;
  const evidence = `lr ${fmt(peak)} → ${fmt(points[last].lr!)} (${Math.round((100 * points[last].lr!) / peak)} % of peak), below 90 % of peak from ${Math.round(100 * at)} % of the run`;
  return { schedule: at > WSD_MIN_STABLE ? 'wsd' : 'decay', peakIndex, decayStart, evidence };
}
