/**
 * Messages between a fit worker (worker_threads in Node, a Web Worker in the webview) and its client.
 * Plain data only: options that are functions (onProgress, signal) are replaced by messages and a shared
 * cancel flag. (The extension host's worker also plans sweeps and analyses IsoFLOP results: ../worker/.)
 */
import type { ParseOptions, RunsTable } from '../csv';
import type { FitOptions, FitProgress, FitResultJSON, RefusalCode } from './index';
import type { KeepMode, RepeatedSummary } from '../sweepTable/repeated';

export type WorkerFitOptions = Omit<FitOptions, 'signal' | 'onProgress'>;

export interface FitRequest {
  type: 'fit';
  csvText: string;
  parseOpts: ParseOptions;
  fitOpts: WorkerFitOptions;
  /** Runs repeating the same (N, D) across a column (peak lr, seed): keep the best, the mean, or all. */
  keep?: KeepMode;
  /** Int32Array(1) view of a SharedArrayBuffer: the client stores 1 to cancel (polled between iterations). */
  cancelFlag?: SharedArrayBuffer;
  /** Build the panel's view model in the worker too (file name shown, lines the user left out), when the worker has a view builder. */
  view?: { fileName: string; droppedByUser: number[] };
  /**
   * Post the fit without resampling first ('partial'), then the full result: a panel paints the law while the
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
  cancelFlag?: SharedArrayBuffer;
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

export type FitResponse =
  | { type: 'progress'; progress: FitProgress }
  | { type: 'result'; table: WorkerTableInfo; result: FitResultJSON; view?: unknown }
  | { type: 'partial'; table: WorkerTableInfo; result: FitResultJSON; view?: unknown }
  | { type: 'error'; kind: 'csv' | 'log'; message: string; file: string; line: number; column: number; detail: string }
  | { type: 'error'; kind: 'refusal'; message: string; code: RefusalCode; detail: string }
  | { type: 'error'; kind: 'internal'; message: string };

/** The panel's view model from a fit (built by the extension's worker entry; opaque to the core). */
export type ViewBuilder = (outcome: { table: { columns: RunsTable['columns']; summary: RunsTable['summary']; headers: string[] }; result: FitResultJSON }, fileName: string, droppedByUser: number[]) => unknown;

/** The two things a worker needs from its host: send a message, and receive them. */
export interface WorkerPort<Req = FitWorkerRequest, Res = FitResponse> {
  post(msg: Res): void;
  onMessage(handler: (msg: Req) => void): void;
}
