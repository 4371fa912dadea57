/**
 * `scaling-laws fit <csv>`: fit a scaling law to a CSV of training runs (src/core/fit) and print the parameters
 * with bootstrap uncertainty, fit quality, cross-validation error and the compute-optimal allocation.
 */
import { readFileSync } from 'node:fs';
import { parseArgs, get, UsageError } from '../args';
import type { CliCommand, CliIO } from '../io';
import { parseRunsCsv, CsvError, type Role } from '../../core/csv';
import { fitRuns, FORMS, isFormId, MAX_BOOTSTRAP, type FitProgress } from '../../core/fit';

const SPEC = {
  form: 'string',
  'drop-highest-loss': 'integer',
  delta: 'positive',
  bootstrap: 'integer',
  seed: 'integer',
  cv: 'integer',
  loo: 'boolean',
  'no-loo': 'boolean',
  compute: 'positive',
  unique: 'positive',
  fix: 'strings',
  'tie-alpha-beta': 'boolean',
  column: 'strings',
  'max-rows': 'integer',
  json: 'boolean',
  estimator: 'string',
  loss: 'string',
  'asymmetric-weight': 'positive',
  'no-adaptive': 'boolean',
} as const;

const HELP = `scaling-laws fit <csv> — fit a scaling law to your training runs

Options:
  --form F               ${Object.keys(FORMS).join(' | ')} (default chinchilla)
  --drop-highest-loss K  drop the K highest-loss rows first (Besiroglu et al. drop 5)
  --delta X              Huber δ on log-loss residuals (default 1e-3)
  --bootstrap N          bootstrap resamples for standard errors and 95 % intervals (default 200; 0 = off)
  --seed S               seed for bootstrap and CV folds (default 0)
  --cv K                 K-fold cross-validation (default 5; 0 = off)
  --loo / --no-loo       leave-one-out CV (default: on up to 500 rows)
  --compute C            budget in FLOP for the compute-optimal allocation (default 10× the largest run)
  --unique U             unique tokens for the data-constrained allocation
  --fix NAME=VALUE       fix a parameter (repeatable or comma-separated), e.g. --fix E=1.69
  --tie-alpha-beta       fit with β = α
  --estimator E          joint (default: every free parameter at once) or a form's published procedure:
                         data-constrained 'paper' = Muennighoff et al.'s two stages (base law fixed to
                         their C4 fit, R_D*, R_N* from their start grid; reaches their R_D* ≈ 15.4, which
                         is a LOCAL minimum — the lowest with that base is R_D* ≈ 95, R_N* ≈ 1.7)
  --loss L               huber (default, Hoffmann et al.) or asymmetric (kyo-takano/chinchilla: |L − L̂|,
                         predictions above a run's loss weighted 10×: fits the lower edge of noisy runs)
  --asymmetric-weight W  weight of over-predictions for --loss asymmetric (default 10)
  --column ROLE=HEADER   choose the column for N, D, loss, C or U
  --max-rows N           refuse files with more data rows (default 1000000)
  --no-adaptive          above 10,000 rows keep every requested bootstrap resample (default: at most 100;
                         bootstrap and CV always run on a 10,000-row sample there, as the output says)
  --json                 print the result as JSON

CSV: a header row naming loss (loss, val_loss, L…) and two of N (params, n_params, "Model Size"…),
D (tokens, n_tokens…) and C (compute, flops, "Training FLOP", compute_budget…; the third is derived from
C = 6ND and the summary says so), optionally U (unique_tokens).
Exit codes: 0 ok, 1 the fit was refused (too few rows, no convergence…), 2 bad arguments or bad CSV.`;

function pairs(list: string[] | undefined, flag: string): Array<[string, string]> {
  return (list ?? []).map((s) => {
    const eq = s.indexOf('=');
    if (eq <= 0 || eq === s.length - 1) throw new UsageError(`--${flag} expects NAME=VALUE, got '${s}'`);
    return [s.slice(0, eq).trim(), s.slice(eq + 1).trim()];
  });
}

/**
 * Progress of a long fit on stderr: nothing for the first 2 s (a fast fit prints nothing), then at most one
 * line a second with the phase and its count.
 */
function progressOnStderr(io: CliIO): (p: FitProgress) => void {
  const t0 = Date.now();
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - t0 < 2000 || now - last < 1000) return;
    last = now;
    io.err(`fit: ${p.phase} ${p.done}/${p.total} (${((now - t0) / 1000).toFixed(0)} s)`);
  };
}

export const fitCommand: CliCommand = {
  summary: 'fit a scaling law (Chinchilla, Kaplan, data-constrained, loss-vs-compute, over-training) to a CSV of runs',
  help: HELP,
  run(argv, io) {
    const p = parseArgs(argv, SPEC, 1);
    const file = p.positionals[0];
    if (!file) throw new UsageError('expected a CSV file: scaling-laws fit <csv>');
    const form = get.str(p, 'form') ?? 'chinchilla';
    if (!isFormId(form)) throw new UsageError(`--form expects one of: ${Object.keys(FORMS).join(', ')}; got '${form}'`);
    const estimator = get.str(p, 'estimator');
    const estimators = ['joint', ...Object.keys(FORMS[form].estimators ?? {})];
    if (estimator !== undefined && !estimators.includes(estimator)) throw new UsageError(`--estimator expects ${estimators.join(' or ')} for --form ${form}; got '${estimator}'`);
    const loss = get.str(p, 'loss');
    if (loss !== undefined && loss !== 'huber' && loss !== 'asymmetric') throw new UsageError(`--loss expects huber or asymmetric; got '${loss}'`);
    const cv = get.num(p, 'cv');
    if (cv === 1) throw new UsageError('--cv expects 0 (off) or at least 2 folds, got 1');
    const bootstrap = get.num(p, 'bootstrap') ?? 200;
    if (bootstrap > MAX_BOOTSTRAP) throw new UsageError(`--bootstrap expects at most ${MAX_BOOTSTRAP} resamples, got ${bootstrap}`);
    const fixed: Record<string, number> = {};
    for (const [k, v] of pairs(get.strs(p, 'fix'), 'fix')) {
      const x = Number(v);
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v) || !Number.isFinite(x)) throw new UsageError(`--fix ${k} expects a number, got '${v}'`);
      if (!FORMS[form].params.includes(k)) throw new UsageError(`--fix: '${k}' is not a parameter of ${form} (${FORMS[form].params.join(', ')})`);
      fixed[k] = x;
    }
    const columns: Partial<Record<Role, string>> = {};
    for (const [k, v] of pairs(get.strs(p, 'column'), 'column')) {
      if (!['N', 'D', 'loss', 'C', 'U'].includes(k)) throw new UsageError(`--column: role must be N, D, loss, C or U, got '${k}'`);
      columns[k as Role] = v;
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      throw new CsvError(file, 1, 1, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    // Excel's "Unicode text" export is UTF-16: its NUL bytes would otherwise be reported as binary data.
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
      throw new CsvError(file, 1, 1, 'the file is UTF-16 encoded: expected UTF-8 text (save the CSV as UTF-8)');
    }
    const text = bytes.toString('utf8');
    const table = parseRunsCsv(text, { fileName: file, maxRows: get.num(p, 'max-rows'), columns });
    const drop = get.num(p, 'drop-highest-loss');
    if (drop !== undefined && drop > 0 && drop >= table.rows.length) {
      throw new UsageError(`--drop-highest-loss ${drop} would drop all ${table.rows.length} usable rows of ${file}`);
    }
    const loo = get.bool(p, 'no-loo') ? false : get.bool(p, 'loo') ? true : undefined;
    const result = fitRuns(table, {
      form,
      dropHighestLoss: drop,
      delta: get.num(p, 'delta'),
      bootstrap,
      seed: get.num(p, 'seed'),
      cv,
      loo,
      compute: get.num(p, 'compute'),
      unique: get.num(p, 'unique'),
      fixed,
      tieAlphaBeta: get.bool(p, 'tie-alpha-beta'),
      estimator,
      loss,
      asymmetricWeight: get.num(p, 'asymmetric-weight'),
      onProgress: progressOnStderr(io),
      adaptive: get.bool(p, 'no-adaptive') ? false : undefined,
    });
    if (get.bool(p, 'json')) {
      io.out(JSON.stringify({ ...result.toJSON(), columns: table.columns, summary: table.summary }, null, 2));
      // JSON goes to a file or a program; the warnings also reach the person running the command.
      for (const w of result.json.warnings) io.err(`warning: ${w}`);
    } else io.out(result.toString());
    return 0;
  },
};
