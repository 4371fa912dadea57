/**
 * IsoFLOP analysis (Chinchilla Approach 2, Hoffmann et al. 2022 §3.2): results runs → per-budget parabola
 * minima → power-law frontiers, and the joint Chinchilla-form fit over the same runs. Sweep planning,
 * which proposes the runs, lives in src/core/sweep and uses this folder; this folder never uses it.
 */
export * from './isoflop';
export * from './joint';
export * from './json';
export * from './csvRuns';
export * from './grouping';
export * from './parabola';
export * from './powerLaw';
export * from './refusal';
export * from './computeConvention';
