/**
 * What the fitting engine needs from a functional form, and the map between the optimiser's free variables
 * and a form's full internal parameter vector (fixed parameters, tied exponents, and a linear
 * preconditioning that decorrelates a coefficient from its exponent).
 */
import type { FitData } from './data';

export type FormId = 'chinchilla' | 'kaplan' | 'data-constrained' | 'loss-vs-compute' | 'overtraining';

/** Sum of Huber losses over rows (optionally weighted); fills `grad` (length = internal dim) when given. */
export type InternalObjective = (theta: Float64Array, grad: Float64Array | null) => number;

export interface Model {
  form: FormId;
  /** Names of the internal parameters θ the optimiser works on (e.g. a = ln A). */
  internal: string[];
  /** Names of the reported parameters, in display order. */
  publicNames: string[];
  toPublic(theta: ArrayLike<number>): Record<string, number>;
  /** Internal index and value for fixing a public parameter, or null if the name is unknown. */
  fixInternal(name: string, value: number): { index: number; value: number } | null;
  /** Internal indices (exponent of N, exponent of D) tied by `tieAlphaBeta`, if the form has them. */
  tie?: [number, number];
  /**
   * Pairs (coefficient, exponent, mean log covariate): the term a − α·x is re-expressed as
   * (a − α·x̄) − α·(x − x̄) for the optimiser, which removes the strong a–α correlation (x̄ ≈ 20 for ln N).
   */
  centers(data: FitData): Array<{ coef: number; exp: number; mean: number }>;
  /** Candidate starting points (full internal vectors); `fixed` maps internal index → fixed value. */
  starts(data: FitData, fixed: Map<number, number>): number[][];
  /** Describes the starting grid for provenance. */
  gridLabel: string;
  /**
   * `active` marks internal indices whose gradient is needed (fixed ones are not): forms that differentiate
   * numerically skip the others.
   */
  objective(data: FitData, delta: number, weights: Float64Array | null, active?: boolean[]): InternalObjective;
  /** Predicted loss for one run. */
  predict(p: Record<string, number>, N: number, D: number, U?: number, C?: number): number;
  /** Grid points polished by L-BFGS (default 8). */
  topK?: number;
  /** Public parameters that are exponents (degenerate if ≤ 0 or absurdly large). */
  exponents: string[];
  /** Exponents reported with their sign (Gadre et al.'s b < 0): degenerate if ≥ 0 or absurdly negative. */
  negatedExponents?: string[];
  /** What `objective` sums, when it is not the default Huber on log loss (the Huber δ is then unused). */
  objectiveLabel?: string;
}

/** Free-variable map. θ = expand(z): fixed values, ties (β := α) and the centring shifts of Model.centers. */
export class Reparam {
  readonly free: number[];
  private readonly slot: Int32Array;
  private readonly fixedValues: Float64Array;
  private readonly tieSrc: Int32Array;
  private readonly shifts: Array<{ coef: number; exp: number; mean: number }>;

  constructor(
    readonly dim: number,
    fixed: Map<number, number>,
    ties: Map<number, number>,
    centers: Array<{ coef: number; exp: number; mean: number }>,
  ) {
    this.fixedValues = new Float64Array(dim);
    this.tieSrc = new Int32Array(dim).fill(-1);
    this.slot = new Int32Array(dim).fill(-1);
    this.free = [];
    for (let i = 0; i < dim; i++) {
      if (fixed.has(i)) this.fixedValues[i] = fixed.get(i)!;
      else if (ties.has(i)) this.tieSrc[i] = ties.get(i)!;
      else {
        this.slot[i] = this.free.length;
        this.free.push(i);
      }
    }
    // Centring applies only to free coefficients (a fixed or tied coefficient is not an optimiser variable).
    this.shifts = centers.filter((c) => this.slot[c.coef] >= 0);
  }

  isFixed(i: number): boolean {
    return this.slot[i] < 0 && this.tieSrc[i] < 0;
  }

  get size(): number {
    return this.free.length;
  }

  expand(z: ArrayLike<number>, theta: Float64Array): Float64Array {
    theta.set(this.fixedValues);
    for (let j = 0; j < this.free.length; j++) theta[this.free[j]] = z[j];
    for (let i = 0; i < this.dim; i++) if (this.tieSrc[i] >= 0) theta[i] = theta[this.tieSrc[i]];
    for (const s of this.shifts) theta[s.coef] += s.mean * theta[s.exp];
    return theta;
  }

  compress(theta: ArrayLike<number>): Float64Array {
    const t = Float64Array.from(theta);
    for (let i = 0; i < this.dim; i++) if (this.tieSrc[i] >= 0) t[i] = t[this.tieSrc[i]];
    for (const s of this.shifts) t[s.coef] -= s.mean * t[s.exp];
    return Float64Array.from(this.free, (i) => t[i]);
  }

  /** Chain rule: gradient in θ → gradient in z. */
  pullback(gTheta: Float64Array, gz: Float64Array): void {
    gz.fill(0);
    const root = (i: number) => (this.tieSrc[i] >= 0 ? this.tieSrc[i] : i);
    for (let i = 0; i < this.dim; i++) {
      const s = this.slot[root(i)];
      if (s >= 0) gz[s] += gTheta[i];
    }
    for (const sh of this.shifts) {
      const s = this.slot[root(sh.exp)];
      if (s >= 0) gz[s] += sh.mean * gTheta[sh.coef];
    }
  }
}
