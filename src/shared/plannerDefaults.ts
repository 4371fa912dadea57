/**
 * The planner's starting input, shared by the planner (first open, unreadable saved state) and the
 * config features' hand-over to it (which validates a patch on top of it).
 */
import type { PlannerInput } from './protocol';

/** Defaults: Chinchilla's own 70B-class budget (Table 3: 67B params ↔ 5.76e23 FLOPs) on mainstream laws. */
export const DEFAULT_PLANNER_INPUT: PlannerInput = {
  mode: 'flops',
  compute: 5.76e23,
  gpus: { count: 1024, gpu: 'H100-SXM', dtype: 'bf16', hours: 720, mfu: 0.4 },
  targetLoss: 2.0,
  inferenceTokens: 0,
  // Sardana et al. 2024's decode MFU default (Sec. 4; prefill runs near 50 %): it only prices serving in
  // GPU-hours in the guidance, never changes a row; the planner form says so beside the field.
  inferenceMfu: 0.01,
  uniqueTokens: 0,
  language: 'en',
  laws: ['hoffmann2022-a3', 'besiroglu2024', 'hoffmann2022-a1', 'muennighoff2023', 'llama3-2024', 'deepseek2024'],
  contourLaw: '',
};
