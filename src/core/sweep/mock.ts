/**
 * Synthetic results for a planned sweep, so plan → run → analyse can be tried without a cluster:
 * each run's loss is the chosen law's prediction L(N, D) plus Gaussian noise of standard deviation
 * σ (nats), drawn from a seeded generator (mulberry32 + Box–Muller), so the same seed gives the same
 * file. σ ≈ 0.005–0.02 nats is the seed-to-seed spread commonly reported for small LMs.
 */
import { mulberry32, type Rng } from '../stats/rng';
import type { PlannedRun, SweepLaw } from './plan';
import { InputError } from '../errors';

export interface MockRow {
  id: string;
  budget: number;
  compute: number;
  N: number;
  D: number;
  loss: number;
}

/** Standard normal draws by the Box–Muller transform (Box & Muller 1958). */
export function normalSampler(rng: Rng): () => number {
  return () => {
    const u = 1 - rng(); // (0, 1]: log(0) never happens
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
  };
}

export function mockResults(runs: readonly PlannedRun[], law: SweepLaw, opts: { noise: number; seed: number }): MockRow[] {
  if (!(opts.noise >= 0)) throw new InputError(`noise must be a standard deviation ≥ 0, got ${opts.noise}`);
  const z = normalSampler(mulberry32(opts.seed));
  return runs.map((r) => {
    const loss = law.loss(r.N, r.D);
    if (loss === null) throw new InputError(`law '${law.id}' predicts no loss (it only gives a frontier); choose a law with a loss form for mock results`);
    return { id: r.id, budget: r.budget, compute: r.compute, N: r.N, D: r.D, loss: loss + opts.noise * z() };
  });
}
