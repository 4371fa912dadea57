/**
 * Fit a scaling law to a table of training runs (see ./forms.ts for the forms).
 *
 * Method (Hoffmann et al. 2022 App. D.2; Besiroglu et al. 2024): minimise Σ_i Huber_δ(log L̂_i − log L_i),
 * δ = 1e-3, from a grid of starts with L-BFGS. Here: the whole grid is evaluated once, the best K starts are
 * polished (engine.ts). Uncertainty: a seeded nonparametric bootstrap (rows resampled with replacement, each
 * resample polished from the full-data optimum), giving standard errors (bootstrap s.d.) and 95 % percentile
 * intervals for the parameters and for the compute-optimal allocation. Out-of-sample error: k-fold and
 * leave-one-out RMSE of the loss, each fold warm-started from the full-data optimum.
 * Failures are typed refusals (FitRefusal), never NaN.
 */
import type { RunsTable } from '../csv';
import { columnMeaningWarnings } from '../csv/columns';
import { fitDataFromRows, countDistinct, subsetFitData, type FitData } from './data';
import { fitModel, freeObjective, makeReparam, polish, optimiserOutcome, Cancelled, POLISH_LARGE, type EngineResult } from './engine';
import { dataWarnings, allocationWarnings, qualityWarnings } from './warnings';
import { FORMS, MODELS, isFormId, type FormId } from './forms';
import { FitResult, allocate, scorePredictions, type Allocation, type FitResultJSON } from './result';
import { mulberry32, permutation, randInt } from '../stats/rng';
import { percentileInterval, sampleStd } from '../stats/quantile';
import type { Model } from './model';
import { ASYMMETRIC_WEIGHT, type RowLoss } from './huber';
import { cvFolds, DEFAULT_DROP_HIGHEST_LOSS, looRuns } from './defaults';
import { formatCount, formatNum } from '../format';
import { RefusalError } from '../errors';

export { FORMS, MODELS, isFormId, type FormId } from './forms';
export { FitResult, allocate, type FitResultJSON, type Allocation, type FitMetrics, type FitProvenance } from './result';

export type RefusalCode = 'too-few-rows' | 'too-few-distinct' | 'no-convergence' | 'degenerate' | 'cancelled' | 'missing-column' | 'bad-option';

/**
 * A fit that cannot be given. exitCode 1 (the data do not support a fit), except 'bad-option': an invalid
 * option is bad input like a bad CSV, exit code 2.
 */
export class FitRefusal extends RefusalError {
  constructor(
    readonly code: RefusalCode,
    /** Why, without the code prefix: what crosses the worker boundary with `code`. */
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`, code === 'bad-option' ? 2 : 1);
    this.name = 'FitRefusal';
  }
}

/** Numeric options a caller can get wrong (NaN or −1 would otherwise switch a feature off silently). */
function checkOptions(o: FitOptions): void {
  const bad = (name: string, want: string, v: unknown) => {
    throw new FitRefusal('bad-option', `${name} must be ${want}, got ${String(v)}`);
  };
  const whole = (name: keyof FitOptions, min: number) => {
    const v = o[name];
    if (v !== undefined && !(typeof v === 'number' && Number.isInteger(v) && v >= min)) bad(name, `a whole number ≥ ${min}`, v);
  };
  const positive = (name: keyof FitOptions) => {
    const v = o[name];
    if (v !== undefined && !(typeof v === 'number' && v > 0 && Number.isFinite(v))) bad(name, 'a positive finite number', v);
  };
  whole('bootstrap', 0);
  // Each resample keeps its parameters: 1e9 of them would exhaust memory instead of finishing.
  if (o.bootstrap !== undefined && o.bootstrap > MAX_BOOTSTRAP) bad('bootstrap', `at most ${formatCount(MAX_BOOTSTRAP)} resamples`, o.bootstrap);
  whole('dropHighestLoss', 0);
  whole('topK', 1);
  whole('cv', 0);
  if (o.cv === 1) bad('cv', '0 (off) or at least 2 folds', 1);
  if (o.seed !== undefined && !Number.isInteger(o.seed)) bad('seed', 'a whole number', o.seed);
  positive('delta');
  positive('asymmetricWeight');
  positive('compute');
  positive('unique');
  for (const [k, v] of Object.entries(o.fixed ?? {})) {
    if (!Number.isFinite(v)) bad(`fixed ${k}`, 'a finite number', v);
  }
}

export interface FitProgress {
  phase: string;
  done: number;
  total: number;
}

export interface FitOptions {
  form?: FormId;
  /** Huber δ on log-loss residuals (default 1e-3, Hoffmann et al.). */
  delta?: number;
  /**
   * Per-row loss: 'huber' (default, Hoffmann et al. 2022) or 'asymmetric' (kyo-takano/chinchilla's default:
   * |L − L̂| with predictions above the observed loss weighted `asymmetricWeight`, default 10 — fits the lower
   * edge of noisy runs).
   */
  loss?: 'huber' | 'asymmetric';
  asymmetricWeight?: number;
  /** Bootstrap resamples (default 0: no standard errors or intervals). */
  bootstrap?: number;
  seed?: number;
  /** k-fold cross-validation folds (default 5; 0 = off). */
  cv?: number;
  /** Leave-one-out CV (default: on when at most 500 rows). */
  loo?: boolean;
  /** Drop the K highest-loss rows first (Besiroglu et al. drop 5 of Epoch's 245). */
  dropHighestLoss?: number;
  /** Fix public parameters, e.g. { E: 1.69 } or the whole base law of the data-constrained form. */
  fixed?: Record<string, number>;
  /** β := α (Muennighoff's base law ties them). */
  tieAlphaBeta?: boolean;
  /** Budget (FLOP) for the compute-optimal allocation; default 10× the largest run in the table. */
  compute?: number;
  /** Unique tokens for the data-constrained allocation (default: the largest U in the table). */
  unique?: number;
  /**
   * Above RESAMPLE_ROWS rows, cap the bootstrap at MAX_BOOTSTRAP_LARGE resamples (default true; the output
   * says so). Resampling always runs on a RESAMPLE_ROWS-row sample there.
   */
  adaptive?: boolean;
  /** Grid points polished with L-BFGS (default per form; chinchilla 8). */
  topK?: number;
  /**
   * Which estimator: 'joint' (default: every free parameter at once) or one the form offers (FitForm.estimators,
   * e.g. the data-constrained form's 'paper', the authors' two-stage procedure).
   */
  estimator?: string;
  /**
   * Per-row weights of the objective, aligned with table.rows (default 1): e.g. 1/(checkpoints of the run) so
   * every training run counts once. Must be finite and ≥ 0.
   */
  weights?: ArrayLike<number>;
  signal?: { aborted: boolean };
  onProgress?: (p: FitProgress) => void;
}

/** Above this many rows, bootstrap and cross-validation run on a seeded sample of this many rows. */
export const RESAMPLE_ROWS = 10_000;
/** Bootstrap resamples used above RESAMPLE_ROWS rows unless `adaptive: false`. */
export const MAX_BOOTSTRAP_LARGE = 100;
export const MAX_BOOTSTRAP = 100_000;

export function fitRuns(table: RunsTable, opts: FitOptions = {}): FitResult {
  const t0 = Date.now();
  const form = opts.form ?? 'chinchilla';
  if (!isFormId(form)) throw new FitRefusal('bad-option', `unknown form '${String(form)}' (expected one of: ${Object.keys(FORMS).join(', ')})`);
  const info = FORMS[form];
  checkOptions(opts);
  const estimatorName = opts.estimator ?? 'joint';
  const estimator = estimatorName === 'joint' ? undefined : info.estimators?.[estimatorName];
  if (estimatorName !== 'joint' && !estimator) {
    throw new FitRefusal('bad-option', `unknown estimator '${estimatorName}' for the ${form} form (expected: ${['joint', ...Object.keys(info.estimators ?? {})].join(', ')})`);
  }
  const model = estimator?.form ?? MODELS[form];
  const fixedPublic: Record<string, number> = { ...(estimator?.fixed ?? {}), ...(opts.fixed ?? {}) };
  if (opts.weights !== undefined) {
    if (opts.weights.length !== table.rows.length) throw new FitRefusal('bad-option', `weights has ${opts.weights.length} entries for ${table.rows.length} rows`);
    for (let i = 0; i < opts.weights.length; i++) {
      if (!(opts.weights[i] >= 0 && Number.isFinite(opts.weights[i]))) throw new FitRefusal('bad-option', `weights[${i}] must be a finite number ≥ 0, got ${opts.weights[i]}`);
    }
  }
  const delta = opts.delta ?? 1e-3;
  if (opts.loss !== undefined && opts.loss !== 'huber' && opts.loss !== 'asymmetric') throw new FitRefusal('bad-option', `loss must be 'huber' or 'asymmetric', got '${String(opts.loss)}'`);
  if (opts.loss === 'asymmetric' && info.objectiveLabel) throw new FitRefusal('bad-option', `the ${form} form fits ${info.objectiveLabel}: the asymmetric loss does not apply`);
  const rowLoss: RowLoss = opts.loss === 'asymmetric' ? { kind: 'asymmetric', weight: opts.asymmetricWeight ?? ASYMMETRIC_WEIGHT } : { kind: 'huber', delta };
  const seed = opts.seed ?? 0;
  let B = opts.bootstrap ?? 0;
  const folds = cvFolds(opts.cv);
  const progress = opts.onProgress ?? (() => undefined);
  const abort = () => {
    if (opts.signal?.aborted) throw new FitRefusal('cancelled', 'the fit was cancelled');
  };

  // Rows: optionally drop the K highest losses, as Besiroglu et al. (2024) do for the Epoch data.
  let rows = table.rows;
  let rowWeights: number[] | null = opts.weights ? Array.from(opts.weights) : null;
  const dropped = [...table.summary.dropped];
  const K = opts.dropHighestLoss ?? DEFAULT_DROP_HIGHEST_LOSS;
  if (K > 0 && K >= rows.length) {
    throw new FitRefusal('bad-option', `dropHighestLoss = ${K} would drop all ${rows.length} usable row${rows.length === 1 ? '' : 's'}`);
  }
  if (K > 0) {
    const order = rows.map((_, i) => i).sort((a, b) => rows[b].loss - rows[a].loss);
    const drop = new Set(order.slice(0, K));
    for (const i of order.slice(0, K)) dropped.push({ line: rows[i].line, reason: `among the ${K} highest losses (loss = ${rows[i].loss}; dropHighestLoss)` });
    rows = rows.filter((_, i) => !drop.has(i));
    rowWeights = rowWeights?.filter((_, i) => !drop.has(i)) ?? null;
  }
  if (info.needs.includes('U') && rows.some((r) => r.U === undefined)) {
    throw new FitRefusal('missing-column', `the ${form} form needs unique tokens U (a column such as unique_tokens)`);
  }
  if (rows.length < info.minRows) {
    throw new FitRefusal('too-few-rows', `${rows.length} usable row${rows.length === 1 ? '' : 's'}; the ${form} form needs at least ${info.minRows}`);
  }
  const data = fitDataFromRows(rows, rowWeights);
  const covariates: Array<[string, Float64Array]> = info.needs.includes('N') ? [['N', data.N], ['D', data.D]] : [['C', data.C]];
  for (const [name, col] of covariates) {
    const k = countDistinct(col, 3);
    if (k < 3) throw new FitRefusal('too-few-distinct', `only ${k} distinct value${k === 1 ? '' : 's'} of ${name}; an exponent needs at least 3`);
  }

  // Fixed and tied parameters.
  const fixed = new Map<number, number>();
  for (const [name, value] of Object.entries(fixedPublic)) {
    const fx = model.fixInternal(name, value);
    if (!fx) throw new FitRefusal('bad-option', `cannot fix '${name}': the ${form} form's parameters are ${info.params.join(', ')}`);
    if (!Number.isFinite(fx.value)) throw new FitRefusal('bad-option', `fixed ${name} = ${value} is outside the parameter's domain`);
    fixed.set(fx.index, fx.value);
  }
  const tie = !!opts.tieAlphaBeta;
  if (tie && !model.tie) throw new FitRefusal('bad-option', `the ${form} form has no α/β pair to tie`);

  let fit: EngineResult;
  try {
    fit = fitModel(model, data, { delta: rowLoss, fixed, tie, seed, topK: opts.topK, signal: opts.signal, onProgress: progress, exhaustive: estimator?.polishAll, tolerances: estimator?.tolerances });
  } catch (e) {
    if (e instanceof Cancelled) throw new FitRefusal('cancelled', 'the fit was cancelled');
    throw e;
  }
  const outcome = optimiserOutcome(fit.status, fit.gradMax, fit.objective);
  if (outcome === 'failed' || !Number.isFinite(fit.objective)) {
    const objective = Number.isFinite(fit.objective) ? `objective ${fit.objective.toExponential(4)}` : 'the objective is not finite at any starting point';
    throw new FitRefusal('no-convergence', `L-BFGS stopped with status '${fit.status}' after ${fit.iterations} iterations (${objective}): the runs do not determine the ${form} law (try fixing a parameter or adding runs)`);
  }
  const params = model.toPublic(fit.theta);
  try {
    checkDegenerate(model, params);
  } catch (e) {
    // Say why the data could not determine the law, when a row-level check knows.
    const why = e instanceof FitRefusal ? dataWarnings(data, info.needs.includes('N')) : [];
    if (why.length) throw new FitRefusal('degenerate', `${e instanceof Error ? e.message.replace(/^degenerate: /, '') : String(e)}. Also: ${why.join('; ')}`);
    throw e;
  }

  const rp = makeReparam(model, data, { fixed, tie });
  const zStar = rp.compress(fit.theta);
  // Resampling (bootstrap, CV, LOO) refits warm-started from the optimum. Above RESAMPLE_ROWS rows it runs on a
  // seeded sample of RESAMPLE_ROWS rows (the fit itself used every row); bootstrap deviations are then rescaled
  // by √(m/n) around the full-data optimum — the m-out-of-n bootstrap (Bickel, Götze & van Zwet 1997), valid for
  // these smooth M-estimators whose spread shrinks as 1/√n.
  const notes = [...table.summary.notes];
  const big = data.n > RESAMPLE_ROWS;
  const rdata = big ? subsetFitData(data, permutation(mulberry32(seed + 2), data.n).subarray(0, RESAMPLE_ROWS)) : data;
  const gamma = (fit.gamma * data.n) / rdata.n;
  const refitZ = (w: Float64Array | null): Float64Array | null => {
    try {
      // Refits start next to their optimum: a relative decrease of 1e-11 per iteration is far below the spread
      // they measure (POLISH_LARGE), and each saved iteration is a pass over up to RESAMPLE_ROWS rows.
      const r = polish(freeObjective(model, rdata, rp, rowLoss, w), zStar, opts.signal, estimator?.tolerances ?? POLISH_LARGE, gamma);
      return r.converged && Number.isFinite(r.f) ? r.x : null;
    } catch (e) {
      if (e instanceof Cancelled) throw new FitRefusal('cancelled', 'the fit was cancelled');
      throw e;
    }
  };
  const toPublic = (z: Float64Array | null): Record<string, number> | null => {
    if (!z) return null;
    const p = model.toPublic(rp.expand(z, new Float64Array(rp.dim)));
    return Object.values(p).every(Number.isFinite) ? p : null;
  };
  const refit = (w: Float64Array) => toPublic(refitZ(w));

  // Bootstrap.
  const samples: Array<Record<string, number>> = [];
  if (B > 0) {
    if (big && B > MAX_BOOTSTRAP_LARGE && opts.adaptive !== false) {
      notes.push(`${formatCount(B)} bootstrap resamples requested; ${MAX_BOOTSTRAP_LARGE} used above ${formatCount(RESAMPLE_ROWS)} rows (adaptive default; adaptive: false / --no-adaptive keeps them all)`);
      B = MAX_BOOTSTRAP_LARGE;
    }
    const rng = mulberry32(seed ^ 0x9e3779b9);
    const m = rdata.n;
    const zSub = big ? refitZ(null) : null;
    const scale = Math.sqrt(m / data.n);
    const w = new Float64Array(m);
    for (let b = 0; b < B; b++) {
      abort();
      if ((b & 15) === 0) progress({ phase: 'bootstrap', done: b, total: B });
      w.fill(0);
      for (let i = 0; i < m; i++) w[randInt(rng, m)]++;
      let z = refitZ(w);
      if (z && zSub) z = z.map((v, j) => zStar[j] + scale * (v - zSub[j]));
      const p = toPublic(z);
      if (p) samples.push(p);
    }
    progress({ phase: 'bootstrap', done: B, total: B });
    if (big) notes.push(`bootstrap on a seeded sample of ${formatCount(m)} of the ${formatCount(data.n)} rows, deviations rescaled by √(${formatCount(m)}/${formatCount(data.n)}) (m-out-of-n bootstrap); the fit itself used every row`);
  }
  const stderr: Record<string, number | null> = {};
  const intervals: Record<string, [number, number] | null> = {};
  for (const k of info.params) {
    const fixedHere = k in fixedPublic || (tie && k === 'beta');
    const xs = samples.map((s) => s[k]);
    const sd = !fixedHere && xs.length >= 2 ? sampleStd(xs) : NaN;
    stderr[k] = Number.isFinite(sd) ? sd : null;
    intervals[k] = !fixedHere && xs.length >= 2 ? percentileInterval(xs) : null;
  }

  // What the data cannot say. A parameter that stopped on the start grid's outermost value, sits at its
  // domain's bound, or whose bootstrap refits never moved (zero-width interval) is not measured: it gets no s.e.
  // and no interval (never a zero-width "precise" one) and is reported as weakly identified, with the reason.
  const weak: Record<string, string> = {};
  const internalOf = (k: string) => model.fixInternal(k, 1)?.index ?? -1;
  const minLoss = data.loss.reduce((a, b) => Math.min(a, b), Infinity);
  for (const k of info.params) {
    if (k in fixedPublic || (tie && k === 'beta')) continue;
    const v = params[k];
    const iv = intervals[k];
    if (fit.atGridEdge.includes(internalOf(k))) weak[k] = `stopped on the start grid's outermost value (${formatNum(v, 4)})`;
    else if (k === 'E' && v < 1e-6 * minLoss) weak[k] = `at its lower bound 0 (E = ${formatNum(v, 3)})`;
    else if (iv && iv[1] - iv[0] <= 1e-9 * Math.abs(v)) weak[k] = `the bootstrap refits never left ${formatNum(v, 4)} (a bound, not precision)`;
    else if (iv && (iv[0] > 0 ? iv[1] / iv[0] >= 3 : iv[1] - iv[0] >= Math.abs(v))) weak[k] = `95 % interval [${formatNum(iv[0], 3)}, ${formatNum(iv[1], 3)}] spans ${iv[0] > 0 ? 'a factor ≥ 3' : 'more than the value'}`;
    if (weak[k] && (!iv || iv[1] - iv[0] <= 1e-9 * Math.abs(v))) {
      stderr[k] = null;
      intervals[k] = null;
    }
  }

  // Cross-validation.
  const predictRow = (p: Record<string, number>, i: number) => model.predict(p, data.N[i], data.D[i], data.U?.[i], data.C[i]);
  const predictHeld = (p: Record<string, number>, i: number) => model.predict(p, rdata.N[i], rdata.D[i], rdata.U?.[i], rdata.C[i]);
  // Held-out RMSE over the folds whose refit converged and predicts a finite loss; the others are counted
  // (and reported in warnings) rather than silently left out.
  const heldOut = (groups: Uint32Array[], phase: string): { rmse: number | null; failed: number } => {
    let sse = 0, count = 0, failed = 0;
    const w = new Float64Array(rdata.n);
    for (let g = 0; g < groups.length; g++) {
      abort();
      if ((g & 7) === 0) progress({ phase, done: g, total: groups.length });
      w.fill(1);
      for (const i of groups[g]) w[i] = 0;
      const p = refit(w);
      let foldSse = 0;
      if (p) for (const i of groups[g]) foldSse += (predictHeld(p, i) - rdata.loss[i]) ** 2;
      if (!p || !Number.isFinite(foldSse)) {
        failed++;
        continue;
      }
      sse += foldSse;
      count += groups[g].length;
    }
    progress({ phase, done: groups.length, total: groups.length });
    const rmse = Math.sqrt(sse / count);
    return { rmse: count > 0 && Number.isFinite(rmse) ? rmse : null, failed };
  };
  const warnings: string[] = [];
  let cv: number | null = null;
  if (folds >= 2 && data.n >= 2 * folds) {
    const perm = permutation(mulberry32(seed + 1), rdata.n);
    if (big) notes.push(`${folds}-fold cross-validation on a seeded sample of ${formatCount(rdata.n)} of the ${formatCount(data.n)} rows`);
    const groups = Array.from({ length: folds }, (_, f) => perm.filter((_, j) => j % folds === f));
    const h = heldOut(groups, 'cv');
    cv = h.rmse;
    if (h.failed) warnings.push(`${h.failed} of ${folds} cross-validation folds did not refit to a finite prediction${cv === null ? ': no CV error' : ' and were left out of the CV error'}`);
  } else if (folds >= 2) {
    warnings.push(`${folds}-fold cross-validation needs at least ${2 * folds} rows (${data.n} used): no CV error`);
  }
  const doLoo = looRuns(opts.loo, data.n);
  let loo: number | null = null;
  if (doLoo) {
    const h = heldOut(Array.from({ length: rdata.n }, (_, i) => Uint32Array.of(i)), 'loo');
    if (big) notes.push(`leave-one-out on a seeded sample of ${formatCount(rdata.n)} of the ${formatCount(data.n)} rows`);
    loo = h.rmse;
    if (h.failed) warnings.push(`${h.failed} of ${rdata.n} leave-one-out refits did not give a finite prediction${loo === null ? ': no LOO error' : ' and were left out of the LOO error'}`);
  }

  // Fit quality on the rows used.
  const predicted = Float64Array.from({ length: data.n }, (_, i) => predictRow(params, i));
  const quality = scorePredictions(predicted, data.loss);
  const badRow = predicted.findIndex((x) => !Number.isFinite(x));
  if (badRow >= 0 || !Object.values(quality).every(Number.isFinite)) {
    const where = badRow >= 0 ? `the fitted law gives no finite prediction for line ${data.lines[badRow]}` : 'the fit quality overflows';
    throw new FitRefusal('degenerate', `${where}: the data do not determine the law (try fixing a parameter or adding runs)`);
  }

  // Compute-optimal allocation at the user's budget and on a ladder.
  const maxC = data.C.reduce((a, b) => Math.max(a, b), 0);
  const minC = data.C.reduce((a, b) => Math.min(a, b), Infinity);
  const budget = opts.compute ?? 10 * maxC;
  const unique = opts.unique ?? (data.U ? data.U.reduce((a, b) => Math.max(a, b), 0) : undefined);
  const allocationAt = (C: number): Allocation | null => {
    const o = allocate(form, params, C, unique);
    // Far outside the fitted range an allocation can overflow or underflow: leave that budget out.
    if (!o || !isFiniteAllocation(o)) return null;
    const a: Allocation = { compute: C, ...o };
    const draws = samples.map((s) => allocate(form, s, C, unique)).filter((x): x is NonNullable<typeof x> => !!x && isFiniteAllocation(x));
    if (draws.length >= 2) {
      a.intervals = {
        N: percentileInterval(draws.map((d) => d.N)),
        D: percentileInterval(draws.map((d) => d.D)),
        loss: percentileInterval(draws.map((d) => d.loss)),
      };
    }
    return a;
  };
  const ladderBudgets: number[] = [];
  for (let e = Math.floor(Math.log10(minC)); e <= Math.ceil(Math.log10(maxC)) + 3; e++) ladderBudgets.push(10 ** e);
  const optimal = allocationAt(budget);
  const ladder = ladderBudgets.map(allocationAt).filter((a): a is Allocation => a !== null);
  if (estimator) notes.push(estimator.note);
  if (rowLoss.kind === 'asymmetric') notes.push(`objective: Σ asymmetric absolute error of the loss (kyo-takano/chinchilla's default): predictions above a run's loss cost ${rowLoss.weight}× more than below, so the law follows the lower edge of the runs`);
  if (outcome === 'stalled') {
    warnings.push(`the optimiser stalled: the line search could not lower the objective while the gradient is still ${fit.gradMax.toExponential(2)} (max |g|); the reported point is not a verified minimum (try fixing a parameter or adding runs)`);
  }
  for (const [k, why] of Object.entries(weak)) warnings.push(`${k} is weakly identified: ${why}`);
  warnings.push(...columnMeaningWarnings(table.columns, table.rows));
  warnings.push(...qualityWarnings(quality.r2, form), ...dataWarnings(data, info.needs.includes('N')), ...allocationWarnings(optimal));
  if (optimal?.intervals && (optimal.intervals.N[1] / optimal.intervals.N[0] > 3 || Object.keys(weak).length > 0)) {
    warnings.push(`the allocation is sensitive to the parameters${Object.keys(weak).length ? ` (it rests on weakly identified ${Object.keys(weak).join(', ')})` : ''}: across the bootstrap N* ranges ${formatCount(optimal.intervals.N[0])}–${formatCount(optimal.intervals.N[1])}, D* ${formatCount(optimal.intervals.D[0])}–${formatCount(optimal.intervals.D[1])} tokens — treat the single numbers as one point of that range`);
  } else if (optimal && !optimal.intervals && Object.keys(weak).length) {
    warnings.push('the allocation rests on weakly identified parameters and no bootstrap ran: its sensitivity is unknown (run with bootstrap resamples to see the range of N*, D*)');
  }
  if (model.objectiveLabel) notes.push(`objective: ${model.objectiveLabel}; the Huber δ does not apply to the ${form} form`);
  if (info.needs.includes('U') && unique !== undefined) notes.push(`allocation with U = ${formatCount(unique)} unique tokens`);

  warnings.push(...(model.warnings?.(params) ?? []));
  if (B > 0 && samples.length < B) warnings.push(`${B - samples.length} of ${B} bootstrap resamples did not converge and were left out`);

  const json: FitResultJSON = {
    form,
    params,
    stderr,
    intervals,
    objective: fit.objective,
    metrics: { ...quality, cv, loo },
    rowsUsed: data.n,
    residuals: Array.from({ length: data.n }, (_, i) => ({ line: data.lines[i], N: data.N[i], D: data.D[i], loss: data.loss[i], predicted: predicted[i] })),
    optimal,
    ladder,
    warnings,
    weak,
    provenance: {
      method: `${model.objectiveLabel ? `${model.objectiveLabel}; ` : ''}grid of ${fit.gridSize} starts evaluated once, best ${fit.polished} polished with L-BFGS (${model.gradientLabel ?? 'analytic gradient'}, strong Wolfe line search)`,
      form,
      delta,
      grid: model.gridLabel,
      gridSize: fit.gridSize,
      polished: fit.polished,
      gridSubsample: fit.subsampled,
      seed,
      iterations: fit.iterations,
      evaluations: fit.evaluations,
      status: fit.status,
      converged: outcome === 'converged',
      rowsRead: table.summary.read,
      rowsUsed: data.n,
      rowsDropped: dropped,
      notes,
      fixed: { ...fixedPublic },
      estimator: estimatorName,
      loss: rowLoss.kind === 'asymmetric' ? `asymmetric (w = ${rowLoss.weight})` : 'huber',
      optimiser: outcome,
      tieAlphaBeta: tie,
      bootstrap: { requested: B, succeeded: samples.length },
      cvFolds: cv === null ? 0 : folds,
      leaveOneOut: doLoo,
      timeMs: Date.now() - t0,
    },
    formula: info.formula,
    latex: model.latex(params),
  };
  Object.assign(json, model.extras?.(fit.theta) ?? {});
  if (!model.allocate) {
    json.curve = ladderBudgets.map((C) => ({ compute: C, loss: model.predict(params, 0, 0, undefined, C) })).filter((c) => Number.isFinite(c.loss));
  }
  return new FitResult(json);
}

const isFiniteAllocation = (a: { N: number; D: number; loss: number }) => a.N > 0 && a.D > 0 && a.N < Infinity && a.D < Infinity && Number.isFinite(a.loss);

/** Exponents at ≤ 0 or beyond 10, or non-finite coefficients, mean the data do not identify the law. */
function checkDegenerate(model: Model, p: Record<string, number>): void {
  for (const [k, v] of Object.entries(p)) {
    if (!Number.isFinite(v)) throw new FitRefusal('degenerate', `${k} = ${v}: the data do not determine it (try fixing a parameter or adding runs)`);
  }
  // A power term whose coefficient underflowed to 0 has vanished, and its exponent means nothing (E = 0 is a
  // legitimate "no irreducible loss").
  for (const [k, v] of Object.entries(p)) {
    if (v === 0 && k !== 'E') throw new FitRefusal('degenerate', `${k} fitted to 0: its term vanishes, so the data do not determine the law (try fixing a parameter or adding runs)`);
  }
  for (const k of model.negatedExponents ?? []) {
    if (!(p[k] < -1e-4 && p[k] > -10)) {
      throw new FitRefusal('degenerate', `fitted exponent ${k} = ${p[k].toPrecision(4)} is outside (−10, 0): the runs do not span enough scale to estimate it (fix it, e.g. fixed: { ${k}: -0.27 }, or add runs)`);
    }
  }
  for (const k of model.exponents) {
    if (!(p[k] > 1e-4 && p[k] < 10)) {
      throw new FitRefusal('degenerate', `fitted exponent ${k} = ${p[k].toPrecision(4)} is outside (0, 10): the runs do not span enough scale to estimate it (fix it, e.g. fixed: { ${k}: 0.34 }, or add runs)`);
    }
  }
}

export type { FitData };
