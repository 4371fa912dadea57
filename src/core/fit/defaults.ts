/**
 * The fit's default options, in one place for the engine (fit/index.ts, logs/prepare.ts), the host (the fit
 * panel's "computing …" line) and the fit panel's page, which shows them in its fields. An option whose default
 * is a rule rather than a value — leave-one-out (on up to LOO_AUTO_MAX rows), which of repeated runs to keep
 * (sweepTable/repeated.ts: the mean across seeds, else the best) — is sent by the page only once the user has
 * set it, so a re-fit keeps the rule instead of pinning what the rule gave for another table.
 */

/** k of k-fold cross-validation (0 or 1: none). */
export const DEFAULT_CV_FOLDS = 5;
/** Highest losses dropped before fitting (Besiroglu et al. 2024 drop 5 of Epoch's data; none by default). */
export const DEFAULT_DROP_HIGHEST_LOSS = 0;
/** Of a training log, points below this fraction of the run's final tokens are dropped as warm-up. */
export const DEFAULT_DROP_WARMUP = 0.1;
/** Leave-one-out runs by default up to this many rows (one refit per row). */
export const LOO_AUTO_MAX = 500;

/** The k of k-fold cross-validation a fit runs: as set, else DEFAULT_CV_FOLDS (below 2: none). */
export const cvFolds = (cv: number | undefined): number => cv ?? DEFAULT_CV_FOLDS;

/** Whether a fit of `rows` rows runs leave-one-out: as set, else on up to LOO_AUTO_MAX rows. */
export const looRuns = (loo: boolean | undefined, rows: number): boolean => loo ?? rows <= LOO_AUTO_MAX;
