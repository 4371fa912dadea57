/**
 * "Given this model, how many tokens should it train on?" — for each published law, the budget C whose
 * compute-optimal model size N*(C) equals this model's N (in the law's own parameter convention), and
 * the D*, C and loss the law gives there. N*(C) grows monotonically with C for every law in the
 * registry, so the budget is found by bisection in ln C on the law's own frontier (optimalLine), and
 * the row is then evaluated by allocateCompute() exactly as the planner would for that budget.
 */
import { allocateCompute, bisectRoot, optimalLine } from '../allocation';
import { LAWS } from '../laws';
import type { ParamBreakdown } from '../arch';

export interface LawTokens {
  law: string;
  name: string;
  /** The model's N in the law's parameter convention (MoE: active parameters). */
  N: number;
  convention: string;
  D: number;
  compute: number;
  loss: number | null;
  lossUnit?: string;
  tokensPerParam: number;
}

/** N as the law counts it: all (active) parameters, or without the embeddings (and the head). */
function nFor(convention: string, p: ParamBreakdown): number {
  if (convention === 'non-embedding') return p.active - p.embeddings - p.positions - p.output;
  if (convention === 'non-embedding incl. head') return p.active - p.embeddings - p.positions;
  return p.active;
}

export function tokensForModel(p: ParamBreakdown): { rows: LawTokens[]; skipped: Array<{ law: string; reason: string }> } {
  const rows: LawTokens[] = [];
  const skipped: Array<{ law: string; reason: string }> = [];
  for (const law of LAWS) {
    if (law.id === 'atlas2025') continue; // needs a language; the planner asks for it
    try {
      const N = nFor(law.paramConvention, p);
      const gap = (lnC: number) => Math.log(optimalLine(law.id, [Math.exp(lnC)])[0].N) - Math.log(N);
      const lo = Math.log(1e12);
      const hi = Math.log(1e32);
      if (gap(lo) > 0 || gap(hi) < 0) throw new Error(`N = ${N} is outside the law's frontier between 1e12 and 1e32 FLOPs`);
      const C = Math.exp(bisectRoot(gap, lo, hi, 1e-12));
      const r = allocateCompute({ compute: C, laws: [law.id] })[0];
      rows.push({ law: law.id, name: law.name, N, convention: law.paramConvention, D: r.D, compute: C, loss: r.loss, lossUnit: r.lossUnit as string | undefined, tokensPerParam: r.D / r.N });
    } catch (e) {
      skipped.push({ law: law.id, reason: e instanceof Error ? e.message : String(e) });
    }
  }
  return { rows, skipped };
}
