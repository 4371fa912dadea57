/**
 * What the fitting engine needs from a functional form, and the map between the optimiser's free variables
 * and a form's full internal parameter vector (fixed parameters, tied exponents, and a linear
 * preconditioning that decorrelates a coefficient from its exponent).
 */
import type { FitData } from './data';
import type { RowLoss } from './huber';


/**
 * Sum of (weighted) per-row losses; fills `grad` (length = internal dim) when given. A value-only call may pass
 * `bound`: an objective that sums non-negative row terms may then stop summing once the partial sum exceeds it
 * and return that partial sum (still > bound) — the grid search only needs exact values for the points that
 * could be polished.
 */
export type InternalObjective = (theta: Float64Array, grad: Float64Array | null, bound?: number) => number;

/**
 * Everything one functional form knows, in one file src/core/fit/<name>Form.ts (registered in ./forms.ts): what the
 * user sees (label, parameters, formula, LaTeX, the allocation it implies, the warnings it adds) and what the
 * engine needs (internal parametrisation, starting grid, objective with its gradient, prediction).
 *
 * Row weights: `objective(data, delta, weights)` receives ONE combined weight per row — the caller multiplies
 * the table's own per-row weights (FitData.weights, e.g. 1/checkpoints-per-run so every run counts once;
 * default 1) by the resampling weights of the bootstrap and cross-validation (0 = row left out). Every form
 * must scale both its objective and its gradient by w_i (rows with w_i = 0 are skipped).
 */
export interface FitForm {
  id: string;
  label: string;
  /** Public parameters, in display order. */
  params: string[];
  needs: Array<'N' | 'D' | 'U' | 'C'>;
  minRows: number;
  /** The law as text with symbols. */
  formula: string;
  /** The law with the fitted numbers in it, as plain text and as LaTeX. */
  text(p: Record<string, number>): string;
  latex(p: Record<string, number>): string;
  /**
   * Compute-optimal N*, D* at budget C (FLOP, C = 6ND) implied by fitted parameters; `unique` is U where the
   * form uses it. Absent when the form has no N and D (loss against compute).
   */
  allocate?(p: Record<string, number>, C: number, unique?: number): { N: number; D: number; loss: number } | null;
  /** Extra form-specific warnings about a fitted result (e.g. a repetition constant that ran away). */
  warnings?(p: Record<string, number>): string[];
  /** Extra fields of the result JSON computed from the internal optimum (e.g. Chinchilla's log-space θ). */
  extras?(theta: Float64Array): Record<string, unknown>;

  /** Names of the internal parameters θ the optimiser works on (e.g. a = ln A). */
  internal: string[];
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
  starts(data: FitData, fixed: Map<number, number>, tie: boolean): number[][];
  /** Describes the starting grid for provenance. */
  gridLabel: string;
  /**
   * `loss` is the per-row loss (Huber δ by default; forms with their own objectiveLabel ignore it).
   * `weights` are the combined per-row weights described above (null = all 1). `active` marks internal
   * indices whose gradient is needed (fixed ones are not).
   */
  objective(data: FitData, loss: RowLoss, weights: Float64Array | null, active?: boolean[]): InternalObjective;
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
  /** How the gradient is computed (for provenance). Default: analytic. */
  gradientLabel?: string;
  /** Alternative estimators offered beside the default joint fit (FitOptions.estimator), e.g. a paper's own procedure. */
  estimators?: Record<string, Estimator>;
}

/** A published procedure that differs from the default fit: some parameters fixed, its own optimiser settings. */
export interface Estimator {
  /** What the output says ran, and what the user should know about it. */
  note: string;
  /** Public parameters it fixes. */
  fixed: Record<string, number>;
  /** The form as that procedure parametrises it (same public parameters and law). */
  form: FitForm;
  /** Polish every start (as the procedure does) rather than the best few. */
  polishAll?: boolean;
  /** L-BFGS stopping rules of the procedure's own optimiser. */
  tolerances?: { maxIterations: number; gtol: number; ftol: number };
}

/** The engine's name for a form. */
export type Model = FitForm;

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
    for (let k = 0; k < this.shifts.length; k++) theta[this.shifts[k].coef] += this.shifts[k].mean * theta[this.shifts[k].exp];
    return theta;
  }

  /** θ → z (the inverse of expand on free coordinates). Allocation-light: a grid has thousands of starts. */
  compress(theta: ArrayLike<number>): Float64Array {
    const z = new Float64Array(this.free.length);
    const value = (i: number): number => theta[this.tieSrc[i] >= 0 ? this.tieSrc[i] : i];
    for (let j = 0; j < this.free.length; j++) z[j] = value(this.free[j]);
    for (const s of this.shifts) z[this.slot[s.coef]] -= s.mean * value(s.exp);
    return z;
  }

  /** Chain rule: gradient in θ → gradient in z. */
  pullback(gTheta: Float64Array, gz: Float64Array): void {
    gz.fill(0);
    for (let i = 0; i < this.dim; i++) {
      const s = this.slot[this.tieSrc[i] >= 0 ? this.tieSrc[i] : i];
      if (s >= 0) gz[s] += gTheta[i];
    }
    for (let k = 0; k < this.shifts.length; k++) {
      const sh = this.shifts[k];
      const s = this.slot[this.tieSrc[sh.exp] >= 0 ? this.tieSrc[sh.exp] : sh.exp];
      if (s >= 0) gz[s] += sh.mean * gTheta[sh.coef];
    }
  }
}
