/**
 * `scaling-laws fit <file-or-folder>...`: fit a scaling law to a CSV of training runs, or to the learning
 * curves of training logs (src/core/logs: per-run CSV, long tables, W&B exports, JSONL, TensorBoard), and
 * print the parameters with bootstrap uncertainty, fit quality, cross-validation error and the compute-optimal
 * allocation. Several data sets (--compare, or --group-by COLUMN) are fitted side by side in one report.
 */
import { statSync } from 'node:fs';
import { parseArgs, parsePairs, get, formatTable } from '../lib/args';
import { InputError } from '../../core/errors';
import type { CliCommand, CliIO } from '../lib/io';
import { parseRunsCsv, CsvError, type Role, type RunsTable } from '../../core/csv';
import { ROLES, matchLogRole } from '../../core/csv/columns';
import { fitRuns, FitRefusal, FORMS, isFormId, MAX_BOOTSTRAP, type FitOptions, type FitProgress, type FitResultJSON } from '../../core/fit';
import { prepareCurves, LOG_COLUMN_ROLES, type LogColumnRole, type PreparedCurves, type RunCurve } from '../../core/logs';
import { collapseRunsTable, KEEP_MODES, type KeepMode, type RepeatedSummary } from '../../core/sweepTable/repeated';
import { loadCurves } from '../lib/logFiles';
import { isDecimal } from '../../core/csv/numbers';
import { droppedLines } from '../lib/dropped';
import { readInputBytes } from '../lib/files';
import { cliJson } from '../lib/json';

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
  logs: 'boolean',
  compare: 'boolean',
  'group-by': 'string',
  keep: 'string',
  'drop-warmup': 'nonnegative',
  sizes: 'strings',
  'tokens-per-step': 'positive',
  'batch-size': 'positive',
  'seq-len': 'positive',
  schedule: 'string',
  'final-only': 'boolean',
  'points-per-run': 'integer',
} as const;

/** `scaling-laws fit --help` (src/cli/main.ts; kept out of the command object so the extension bundle, which runs the commands for its agent tools, does not carry it). */
export function fitHelp(): string {
  return `scaling-laws fit <file-or-folder>... — fit a scaling law to your training runs or training logs

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
  --no-adaptive          above 10,000 rows keep every requested bootstrap resample (default: at most 100;
                         bootstrap and CV always run on a 10,000-row sample there, as the output says)
  --column ROLE=HEADER   choose the column for N, D, loss, C or U; for logs also run, step, tokens, lr
                         (run may join headers: run=model+peak_lr; units: tokens=10^num_token, loss=ln(ppl))
  --keep best|mean|all   runs repeating the same (N, D) across a column such as peak_lr or seed: keep the
                         lowest-loss run (default), average them (default for a seed column), or keep all
  --group-by COLUMN      fit each value of COLUMN (e.g. data = c4 / oscar) separately, side by side
  --compare              fit each file or folder given as its own data set, side by side
  --max-rows N           refuse files with more data rows (default 1000000)
  --json                 print the result as JSON

Training logs (a folder, several files, *.jsonl, events.out.tfevents.*, W&B CSV exports, or --logs for a
single CSV of checkpoints): one learning curve per run, fitted on intermediate checkpoints as Choshen, Zhang &
Andreas 2025 (A Hitchhiker's Guide to Scaling Law Estimation) recommend.
  --logs                 read a single CSV as checkpoints of runs (a long table with a run column)
  --drop-warmup F        drop checkpoints below F × each run's final tokens (default 0.1)
  --sizes NAME=N,…       N per run name token (e.g. d32=1.9e9); sizes such as 125M / 1.3B in names are read
  --tokens-per-step T    tokens per optimizer step when only steps are logged (or --batch-size B --seq-len S;
                         read from the log's config or a sidecar <log>.json when present)
  --schedule auto|constant|wsd|decay   the learning-rate schedule (default: detected from a logged lr)
  --final-only           runs whose lr decays to the end: fit their final checkpoint only
  --points-per-run K     checkpoints per run after resampling for equal weight (default: median, ≤ 16)

CSV: a header row naming loss (loss, val_loss, L…) and two of N (params, n_params, "Model Size"…),
D (tokens, n_tokens…) and C (compute, flops, "Training FLOP", compute_budget…; the third is derived from
C = 6ND and the summary says so), optionally U (unique_tokens).
Exit codes: 0 ok, 1 the fit was refused (too few rows, no convergence…), 2 bad arguments or bad CSV.`;
}

const pairs = (list: string[] | undefined, flag: string) => parsePairs(list, (s) => `--${flag} expects NAME=VALUE, got '${s}'`);

interface DataSet {
  name: string;
  table: RunsTable;
  repeated: RepeatedSummary | null;
  curves?: PreparedCurves;
  logColumns?: Partial<Record<LogColumnRole, string>>;
  files?: string[];
}

function readCsvBytes(file: string): string {
  const bytes = readInputBytes(file, 'CSV'); // bounded: a 600 MB file or /dev/zero is a file:1:1 input error
  // Excel's "Unicode text" export is UTF-16: its NUL bytes would otherwise be reported as binary data.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new CsvError(file, 1, 1, 'the file is UTF-16 encoded: expected UTF-8 text (save the CSV as UTF-8)');
  }
  return bytes.toString('utf8');
}

const isDir = (p: string) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** Split items by the value of a column (run tables: extra; curves: constants) into named groups. */
function splitBy<T>(items: T[], column: string, value: (x: T) => string | undefined, where: string): Array<[string, T[]]> {
  const m = new Map<string, T[]>();
  for (const x of items) {
    const v = value(x);
    if (v === undefined) throw new InputError(`--group-by: no column '${column}' in ${where}`);
    if (!m.has(v)) m.set(v, []);
    m.get(v)!.push(x);
  }
  return [...m];
}

export const fitCommand: CliCommand = {
  summary: 'fit a scaling law (Chinchilla, Kaplan, data-constrained, loss-vs-compute, over-training) to runs or training logs',
  run(argv, io) {
    const p = parseArgs(argv, SPEC, Infinity);
    const inputs = p.positionals;
    if (!inputs.length) throw new InputError('expected a CSV file, log files or a folder of logs: scaling-laws fit <file-or-folder>...');
    const form = get.str(p, 'form') ?? 'chinchilla';
    if (!isFormId(form)) throw new InputError(`--form expects one of: ${Object.keys(FORMS).join(', ')}; got '${form}'`);
    const estimator = get.str(p, 'estimator');
    const estimators = ['joint', ...Object.keys(FORMS[form].estimators ?? {})];
    if (estimator !== undefined && !estimators.includes(estimator)) throw new InputError(`--estimator expects ${estimators.join(' or ')} for --form ${form}; got '${estimator}'`);
    const loss = get.str(p, 'loss');
    if (loss !== undefined && loss !== 'huber' && loss !== 'asymmetric') throw new InputError(`--loss expects huber or asymmetric; got '${loss}'`);
    const cv = get.num(p, 'cv');
    if (cv === 1) throw new InputError('--cv expects 0 (off) or at least 2 folds, got 1');
    const bootstrap = get.num(p, 'bootstrap') ?? 200;
    if (bootstrap > MAX_BOOTSTRAP) throw new InputError(`--bootstrap expects at most ${MAX_BOOTSTRAP} resamples, got ${bootstrap}`);
    const fixed: Record<string, number> = {};
    for (const [k, v] of pairs(get.strs(p, 'fix'), 'fix')) {
      const x = isDecimal(v) ? Number(v) : NaN; // one linear scan (no backtracking regex)
      if (!Number.isFinite(x)) throw new InputError(`--fix ${k} expects a number, got '${v}'`);
      if (!FORMS[form].params.includes(k)) throw new InputError(`--fix: '${k}' is not a parameter of ${form} (${FORMS[form].params.join(', ')})`);
      fixed[k] = x;
    }
    const columns: Partial<Record<Role, string>> = {};
    const logColumns: Partial<Record<LogColumnRole, string>> = {};
    const roles = [...new Set<string>([...ROLES, ...LOG_COLUMN_ROLES])];
    for (const [k, v] of pairs(get.strs(p, 'column'), 'column')) {
      if (!roles.includes(k)) throw new InputError(`--column: role must be one of ${roles.join(', ')}, got '${k}'`);
      if ((ROLES as string[]).includes(k)) columns[k as Role] = v;
      if ((LOG_COLUMN_ROLES as readonly string[]).includes(k)) logColumns[k as LogColumnRole] = v;
    }
    // For logs, D is the tokens at each checkpoint.
    if (columns.D !== undefined && logColumns.tokens === undefined) logColumns.tokens = columns.D;
    const keepRaw = get.str(p, 'keep');
    if (keepRaw !== undefined && !(KEEP_MODES as readonly string[]).includes(keepRaw)) throw new InputError(`--keep expects best, mean or all; got '${keepRaw}'`);
    const keep = keepRaw as KeepMode | undefined;
    const dropWarmup = get.num(p, 'drop-warmup');
    if (dropWarmup !== undefined && dropWarmup >= 1) throw new InputError(`--drop-warmup expects a fraction in [0, 1), got ${dropWarmup}`);
    const schedule = get.str(p, 'schedule');
    if (schedule !== undefined && !['auto', 'constant', 'wsd', 'decay'].includes(schedule)) throw new InputError(`--schedule expects auto, constant, wsd or decay; got '${schedule}'`);
    const sizes: Record<string, number> = {};
    for (const [k, v] of pairs(get.strs(p, 'sizes'), 'sizes')) {
      const cell = /^(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)([KMBT]?)$/i.exec(v);
      if (!cell) throw new InputError(`--sizes ${k} expects a parameter count such as 1.3e9 or 1.3B, got '${v}'`);
      sizes[k] = Number(cell[1]) * ({ '': 1, k: 1e3, m: 1e6, b: 1e9, t: 1e12 } as Record<string, number>)[cell[2].toLowerCase()];
    }
    const batch = get.num(p, 'batch-size');
    const seq = get.num(p, 'seq-len');
    if ((batch === undefined) !== (seq === undefined)) throw new InputError('--batch-size and --seq-len go together (tokens per step = batch × sequence length)');
    const tokensPerStep = get.num(p, 'tokens-per-step') ?? (batch !== undefined ? batch * seq! : undefined);
    const groupBy = get.str(p, 'group-by');
    const maxRows = get.num(p, 'max-rows');

    // Which inputs are logs: folders, several files, non-CSV logs, --logs; or a single CSV without N and D/C.
    const explicitLogs = get.bool(p, 'logs') || inputs.length > 1 || inputs.some(isDir) || inputs.some((f) => !/\.(csv|tsv|txt)$/i.test(f));
    const curveOpts = { columns: logColumns, sizes: Object.keys(sizes).length ? sizes : undefined, tokensPerStep, maxRows };
    const prepOpts = { dropWarmup, schedule: schedule as 'auto' | 'constant' | 'wsd' | 'decay' | undefined, onDecay: get.bool(p, 'final-only') ? ('final' as const) : ('warn' as const), keep, pointsPerRun: get.num(p, 'points-per-run') };
    const fromCurves = (name: string, curves: RunCurve[], loaded: { columns: Partial<Record<LogColumnRole, string>>; notes: string[]; warnings: string[]; files: string[] }): DataSet => {
      const prepared = prepareCurves(curves, prepOpts);
      const table = { ...prepared.table, summary: { ...prepared.table.summary, notes: [...loaded.notes, ...loaded.warnings.map((w) => `warning: ${w}`), ...prepared.table.summary.notes] } };
      return { name, table, repeated: prepared.repeated, curves: prepared, logColumns: loaded.columns, files: loaded.files };
    };
    const sets: DataSet[] = [];
    const groupsOf = get.bool(p, 'compare') ? inputs.map((i) => [i]) : [inputs];
    for (const group of groupsOf) {
      const label = group.join(' + ');
      let table: RunsTable | null = null;
      if (!explicitLogs) {
        const text = readCsvBytes(group[0]);
        try {
          table = parseRunsCsv(text, { fileName: group[0], maxRows, columns });
        } catch (e) {
          // A CSV without N, or without D/C, may be a training log (step/tokens and loss per checkpoint).
          if (!(e instanceof CsvError && /^no column for/.test(e.detail))) throw e;
        }
        if (table) {
          const step = matchLogRole('step', table.headers);
          if (step >= 0) table.summary.notes.push(`column '${table.headers[step]}' looks like a training step: if the rows are checkpoints of runs, fit them as learning curves with --logs`);
        }
      }
      if (table) {
        const parts: Array<[string, RunsTable]> = groupBy
          ? splitBy(table.rows, groupBy, (r) => r.extra[groupBy], group[0]).map(([v, rows]) => [`${groupBy} = ${v}`, { ...table!, rows, summary: { ...table!.summary, used: rows.length } }])
          : [[label, table]];
        for (const [name, t] of parts) {
          const c = collapseRunsTable(t, keep);
          sets.push({ name, table: c.table, repeated: c.repeated });
        }
      } else {
        const loaded = loadCurves(group, curveOpts);
        if (groupBy) for (const [v, curves] of splitBy(loaded.curves, groupBy, (c) => c.constants[groupBy], label)) sets.push(fromCurves(`${groupBy} = ${v}`, curves, loaded));
        else sets.push(fromCurves(label, loaded.curves, loaded));
      }
    }

    const drop = get.num(p, 'drop-highest-loss');
    const loo = get.bool(p, 'no-loo') ? false : get.bool(p, 'loo') ? true : undefined;
    const fitOpts: FitOptions = { form, dropHighestLoss: drop, delta: get.num(p, 'delta'), bootstrap, seed: get.num(p, 'seed'), cv, loo, compute: get.num(p, 'compute'), unique: get.num(p, 'unique'), fixed, tieAlphaBeta: get.bool(p, 'tie-alpha-beta'),
      estimator, loss, asymmetricWeight: get.num(p, 'asymmetric-weight'), adaptive: get.bool(p, 'no-adaptive') ? false : undefined, onProgress: progressOnStderr(io) };
    // One data set: a refusal is the command's answer. Side by side: a refused set shows its reason in its
    // column and the others are still reported (exit 1 only if every set is refused).
    const results = sets.map((set) => {
      if (drop !== undefined && drop > 0 && drop >= set.table.rows.length) {
        throw new InputError(`--drop-highest-loss ${drop} would drop all ${set.table.rows.length} usable rows of ${set.name}`);
      }
      if (sets.length === 1) return fitRuns(set.table, fitOpts);
      try {
        return fitRuns(set.table, fitOpts);
      } catch (e) {
        if (e instanceof FitRefusal && e.exitCode === 1) return e;
        throw e;
      }
    });
    // Every set refused: the report still shows why for each, and the exit code says the fit was refused.
    const exit = results.every((r) => r instanceof FitRefusal) ? 1 : 0;
    const jsonOf = (set: DataSet, r: FitResultJSON) => ({
      ...r,
      columns: set.logColumns ?? set.table.columns,
      summary: { ...set.table.summary, ...(set.repeated && { repeated: { column: set.repeated.column, groups: set.repeated.groups, kept: set.repeated.kept } }) },
      ...(set.curves && {
        curves: {
          files: set.files,
          dropWarmup: set.curves.dropWarmup,
          weighting: set.curves.weighting,
          runs: set.curves.runs.map((x) => ({ run: x.run, file: x.file, N: x.N, nSource: x.nSource, logged: x.logged, kept: x.kept, finalTokens: x.finalTokens, finalLoss: x.finalLoss, schedule: x.schedule })),
        },
      }),
    });
    const ok = (r: (typeof results)[number]): FitResultJSON | null => (r instanceof FitRefusal ? null : r.toJSON());
    if (sets.length === 1) {
      if (get.bool(p, 'json')) {
        const j = ok(results[0])!;
        io.out(cliJson(jsonOf(sets[0], j)));
        // JSON goes to a file or a program; the warnings also reach the person running the command.
        for (const w of j.warnings) io.err(`warning: ${w}`);
      } else {
        io.out(results[0].toString());
        // The text output lists the dropped lines as the JSON's summary.dropped does.
        for (const line of droppedLines(sets[0].name, sets[0].table.summary.dropped)) io.out(line);
      }
      return 0;
    }
    if (get.bool(p, 'json')) {
      const out = sets.map((set, i) => {
        const j = ok(results[i]);
        return j ? { name: set.name, ...jsonOf(set, j) } : { name: set.name, refused: (results[i] as FitRefusal).message, summary: set.table.summary };
      });
      io.out(cliJson({ datasets: out }));
      return exit;
    }
    // Side by side: one column per data set, then each full report.
    const params = FORMS[form].params;
    const fmt = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : Math.abs(x) >= 1e4 || Math.abs(x) < 1e-3 ? x.toExponential(3) : x.toPrecision(4));
    const js = results.map(ok);
    const rows = [
      ['rows used', ...js.map((j, i) => (j ? String(j.rowsUsed) : `refused (${sets[i].table.rows.length} rows)`))],
      ...params.map((k) => [k, ...js.map((j) => fmt(j?.params[k]))]),
      ['R²', ...js.map((j) => fmt(j?.metrics.r2))],
      ['RMSE', ...js.map((j) => fmt(j?.metrics.rmse))],
      ['CV RMSE', ...js.map((j) => fmt(j?.metrics.cv))],
      ['N* at C', ...js.map((j) => (j?.optimal ? `${fmt(j.optimal.N)} @ ${fmt(j.optimal.compute)}` : '–'))],
    ];
    io.out(`${sets.length} data sets fitted side by side (${FORMS[form].label})\n\n${formatTable(['', ...sets.map((s) => s.name)], rows)}`);
    sets.forEach((set, i) => {
      const r = results[i];
      io.out(`\n== ${set.name}\n${r instanceof FitRefusal ? `refused: ${r.message}\n${set.table.summary.notes.map((n) => `note: ${n}`).join('\n')}` : r.toString()}`);
    });
    return exit;
  },
};
