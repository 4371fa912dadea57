/**
 * The fit requests a worker serves (worker_threads in the extension host, a Web Worker in a browser host) and
 * what they answer. Plain data only: options that are functions (onProgress, signal) are replaced by progress
 * messages and a shared cancel flag (../worker/protocol.ts: the envelope, the other request kinds, errors).
 */
import type { ParseOptions, RunsTable } from '../csv';
import type { TextSource } from '../csv/source';
import type { FitOptions, FitProgress, FitResultJSON } from './index';
import type { KeepMode, RepeatedSummary } from '../sweepTable/repeated';

export type WorkerFitOptions = Omit<FitOptions, 'signal' | 'onProgress'>;

export interface FitRequest {
  type: 'fit';
  /** The CSV: its text, or a path the worker reads (a file on disk nobody is editing). */
  source: TextSource;
  /** 1-based lines the user left out of the fit: blanked before parsing, so line numbers stay the file's. */
  dropLines?: number[];
  parseOpts: ParseOptions;
  fitOpts: WorkerFitOptions;
  /** Runs repeating the same (N, D) across a column (peak lr, seed): keep the best, the mean, or all. */
  keep?: KeepMode;
  /** Build the panel's view model in the worker too (file name shown, lines the user left out), when the worker has a view builder. */
  view?: { fileName: string; droppedByUser: number[] };
  /**
   * Send the fit without resampling first (a 'partial' reply), then the full result: a panel paints the law while the
   * bootstrap and cross-validation run (only for tables up to PROGRESSIVE_MAX_ROWS, where the extra base fit is cheap).
   */
  progressive?: boolean;
}

/**
 * A request kind served by a table maker registered with serveFits (src/core/logs/worker.ts registers
 * 'fitLogs'): the worker makes the table, then fits it with `fitOpts` like a CSV.
 */
export interface OtherFitRequest {
  type: string;
  fitOpts: WorkerFitOptions;
}

export type FitWorkerRequest = FitRequest | OtherFitRequest;

/** One run of a logs fit as the panel shows it (src/core/logs PreparedRun plus its planned final tokens). */
export interface LogRunInfo {
  run: string;
  file: string;
  N: number;
  nSource: string;
  logged: number;
  kept: number;
  finalTokens: number;
  finalLoss: number;
  schedule: string;
  plannedTokens: number | null;
  plannedHow: string;
}

/** What a logs fit found besides the law: the columns used, the runs, how they were weighted. */
export interface LogsOutcome {
  columns: Record<string, string | undefined>;
  runs: LogRunInfo[];
  weighting: string;
  dropWarmup: number;
}

/** Data a fit read, beside the result: the table's columns and notes, every header, repeated runs. */
export interface WorkerTableInfo {
  columns: RunsTable['columns'];
  summary: RunsTable['summary'];
  headers: string[];
  repeated?: RepeatedSummary | null;
  logs?: LogsOutcome;
}

/** A fit's answer: what was read, the law (as JSON), and the panel's view model when it was asked for. */
export interface WorkerFitOutcome {
  table: WorkerTableInfo;
  /** The law; its `residuals` are empty when `residuals` below carries them (fitResultOf puts them back). */
  result: FitResultJSON;
  residuals?: ResidualColumns;
  /** The panel's view model, when requested (FitRequest.view) and the worker builds views. */
  view?: unknown;
}

/**
 * A fit's per-row residuals as one array per field. A worker's answer carries them so: the host thread
 * deserialises a structured clone of one object per row natively and all at once — about 250 ms at 150,000 rows
 * in a real VS Code, for rows the panel does not even show (its view is built in the worker) — while five
 * arrays of numbers cost a few ms. The rows are rebuilt only where they are used (an export, a logs fit's view).
 */
export interface ResidualColumns {
  line: number[];
  N: number[];
  D: number[];
  loss: number[];
  predicted: number[];
}

/** The outcome with its residuals moved into columns. */
export function packResiduals<T extends { result: FitResultJSON }>(outcome: T): T & { residuals: ResidualColumns } {
  const rows = outcome.result.residuals;
  const residuals: ResidualColumns = { line: [], N: [], D: [], loss: [], predicted: [] };
  for (const r of rows) {
    residuals.line.push(r.line);
    residuals.N.push(r.N);
    residuals.D.push(r.D);
    residuals.loss.push(r.loss);
    residuals.predicted.push(r.predicted);
  }
  return { ...outcome, result: { ...outcome.result, residuals: [] }, residuals };
}

/** The fit's result with its residual rows, from an outcome that carries them in columns or in place. */
export function fitResultOf(outcome: { result: FitResultJSON; residuals?: ResidualColumns }): FitResultJSON {
  const c = outcome.residuals;
  if (!c) return outcome.result;
  return { ...outcome.result, residuals: c.line.map((line, i) => ({ line, N: c.N[i], D: c.D[i], loss: c.loss[i], predicted: c.predicted[i] })) };
}

/** The panel's view model from a fit (built by the extension's worker entry; opaque to the core). */
export type ViewBuilder = (outcome: { table: { columns: RunsTable['columns']; summary: RunsTable['summary']; headers: string[] }; result: FitResultJSON }, fileName: string, droppedByUser: number[]) => unknown;

/** What a request's handler gets besides the request: the shared cancel flag as a signal, and a progress channel. */
export interface RequestContext {
  readonly signal: { readonly aborted: boolean };
  progress(p: FitProgress): void;
  /** An early answer before the final one (a progressive fit's law without resampling); the call stays open. */
  partial(value: unknown): void;
}

/**
 * Serves one request kind in a worker: the answer (plain data, or its promise), or a thrown error (sent typed,
 * ../worker/wireError.ts). `Req` is the kind served; a table of handlers of different kinds is a
 * Record<string, RequestHandler> (a handler of any request is one of `never`).
 */
export type RequestHandler<Req = never> = (req: Req, ctx: RequestContext) => unknown;

/** The two things a worker needs from its host: send a message, and receive them. */
export interface WorkerPort<Req, Res> {
  post(msg: Res): void;
  onMessage(handler: (msg: Req) => void): void;
}
