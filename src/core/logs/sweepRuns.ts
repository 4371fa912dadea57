/**
 * Closing the sweep loop (plan → train → analyse): the runs of a planned IsoFLOP sweep matched to their
 * training logs by name. A planned run's id is "b<budget>-m<size>" (sweep/plan.ts) and the exported command
 * passes it to the trainer (e.g. --run-name {name}-{run_id} → "small-isoflop-b2-m3"), so a log whose run or
 * file name contains that id as a whole token is that run's log. Its final checkpoint's loss is the run's
 * result; N, D and compute are the plan's (what the run was told to train). Logs that match no planned run,
 * and planned runs without a log, are reported, never guessed.
 */
import type { SweepPlan } from '../sweep/plan';
import type { IsoflopRun } from '../isoflop/isoflop';
import type { RunCurve } from './types';
import { baseName } from './csvLog';

const ID = /(?:^|[^a-z0-9])(b\d+-m\d+)(?=$|[^a-z0-9])/i;

export interface SweepLogMatch {
  runs: IsoflopRun[];
  /** Planned run ids without a log. */
  missing: string[];
  /** Logs whose name holds no planned run id. */
  unmatched: string[];
  notes: string[];
}

export function runsFromLogs(plan: SweepPlan, curves: readonly RunCurve[]): SweepLogMatch {
  const byId = new Map(plan.runs.map((r) => [r.id.toLowerCase(), r]));
  const seen = new Map<string, RunCurve>();
  const unmatched: string[] = [];
  const notes: string[] = [];
  for (const c of curves) {
    const m = ID.exec(c.run) ?? ID.exec(baseName(c.file));
    const planned = m ? byId.get(m[1].toLowerCase()) : undefined;
    if (!planned) {
      unmatched.push(c.run);
      continue;
    }
    const prev = seen.get(planned.id);
    if (prev) notes.push(`run ${planned.id}: two logs (${prev.run}, ${c.run}); the later file in name order is used`);
    seen.set(planned.id, c);
  }
  const runs: IsoflopRun[] = [];
  for (const r of plan.runs) {
    const c = seen.get(r.id);
    if (!c) continue;
    const last = c.points[c.points.length - 1];
    if (last.tokens !== null && Math.abs(last.tokens - r.D) / r.D > 0.05) {
      notes.push(`run ${r.id}: its log ends at ${last.tokens.toPrecision(3)} tokens, the plan says ${r.D.toPrecision(3)}: unfinished? its last loss is used`);
    }
    runs.push({ compute: r.compute, budget: r.budget, N: r.N, D: r.D, loss: last.loss, source: `${c.file}:${last.line}` });
  }
  const missing = plan.runs.filter((r) => !seen.has(r.id)).map((r) => r.id);
  notes.unshift(`${runs.length} of ${plan.runs.length} planned runs matched to logs by run id (final checkpoint's loss; N, D, compute from the plan)`);
  if (missing.length) notes.push(`no log for ${missing.length} planned run${missing.length === 1 ? '' : 's'}: ${missing.slice(0, 8).join(', ')}${missing.length > 8 ? ', …' : ''}`);
  if (unmatched.length) notes.push(`${unmatched.length} log${unmatched.length === 1 ? '' : 's'} name no planned run id (b<i>-m<j>): ${unmatched.slice(0, 5).join(', ')}${unmatched.length > 5 ? ', …' : ''}`);
  return { runs, missing, unmatched, notes };
}
