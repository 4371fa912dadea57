/**
 * The hand-over from a backward config to the compute-optimal planner, kept free of `vscode` so it is
 * unit-tested. The planner is another feature with its own input protocol (src/shared/protocol).
 */
import type { PlannerPatch } from '../../core/config';
import { checkPlannerInput } from '../../shared/protocol';
import { DEFAULT_PLANNER_INPUT } from '../../shared/plannerDefaults';

/**
 * The most of a config's budget the planner's input protocol accepts: the whole patch, else the compute
 * alone, else nothing. Checked with the planner's own validator (src/shared/protocol), so a protocol
 * change degrades the hand-over instead of raising an error box.
 */
export function acceptedPlannerPatch(patch: PlannerPatch): Partial<PlannerPatch> | undefined {
  for (const candidate of [patch, { mode: patch.mode, compute: patch.compute }]) {
    try {
      checkPlannerInput({ ...DEFAULT_PLANNER_INPUT, ...candidate }, 'input');
      return candidate;
    } catch {
      // try the smaller hand-over
    }
  }
  return undefined;
}

