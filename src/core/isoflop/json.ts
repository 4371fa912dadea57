/**
 * The CLI's `--json` shape of an IsoFLOP analysis and its optional joint fit (also what the panel plots).
 * Kept apart from isoflop.ts and joint.ts so neither of those imports the other.
 */
import type { IsoflopAnalysis } from './isoflop';
import type { JointFit } from './joint';

/** The CLI's `--json` shape (also what the panel plots). */
export interface IsoflopJson {
  a: number;
  k: number;
  b: number;
  kD: number;
  aInterval: [number, number] | null;
  bInterval: [number, number] | null;
  confidence: number;
  minima: Array<{ compute: number; N: number; D: number; loss: number; NInterval: [number, number] | null; DInterval: [number, number] | null }>;
  excluded: IsoflopAnalysis['excluded'];
  /** k·N·D / C on the rows giving all three, k·N*·D* / C at the minima (median, range, how many off). */
  computeConvention: IsoflopAnalysis['computeConvention'];
  warnings: string[];
  /** The joint Chinchilla-form fit over the same runs and its implied a (null when not requested). */
  joint: JointFit | null;
}

export function isoflopJson(a: IsoflopAnalysis, joint: JointFit | null = null): IsoflopJson {
  return {
    a: a.nFrontier.exponent,
    k: a.nFrontier.k,
    b: a.dFrontier.exponent,
    kD: a.dFrontier.k,
    aInterval: a.nFrontier.exponentInterval,
    bInterval: a.dFrontier.exponentInterval,
    confidence: a.confidence,
    minima: a.budgets.map((b) => ({ compute: b.compute, N: b.N, D: b.D, loss: b.loss, NInterval: b.NInterval, DInterval: b.DInterval })),
    excluded: a.excluded,
    computeConvention: a.computeConvention,
    warnings: a.warnings,
    joint,
  };
}
