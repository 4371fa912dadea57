/**
 * Messages between a fit worker (worker_threads in Node, a Web Worker in the webview) and its client.
 * Plain data only: options that are functions (onProgress, signal) are replaced by messages and a shared
 * cancel flag. (The extension host's worker also plans sweeps and analyses IsoFLOP results: ../worker/.)
 */
import type { ParseOptions, RunsTable } from '../csv';
import type { FitOptions, FitProgress, FitResultJSON, RefusalCode } from './index';

export type WorkerFitOptions = Omit<FitOptions, 'signal' | 'onProgress'>;

export interface FitRequest {
  type: 'fit';
  csvText: string;
  parseOpts: ParseOptions;
  fitOpts: WorkerFitOptions;
  /** Int32Array(1) view of a SharedArrayBuffer: the client stores 1 to cancel (polled between iterations). */
  cancelFlag?: SharedArrayBuffer;
  /** Build the panel's view model in the worker too (file name shown, lines the user left out), when the worker has a view builder. */
  view?: { fileName: string; droppedByUser: number[] };
}

export type FitResponse =
  | { type: 'progress'; progress: FitProgress }
  | { type: 'result'; table: { columns: RunsTable['columns']; summary: RunsTable['summary']; headers: string[] }; result: FitResultJSON; view?: unknown }
  | { type: 'error'; kind: 'csv'; message: string; file: string; line: number; column: number; detail: string }
  | { type: 'error'; kind: 'refusal'; message: string; code: RefusalCode; detail: string }
  | { type: 'error'; kind: 'internal'; message: string };

/** The panel's view model from a fit (built by the extension's worker entry; opaque to the core). */
export type ViewBuilder = (outcome: { table: { columns: RunsTable['columns']; summary: RunsTable['summary']; headers: string[] }; result: FitResultJSON }, fileName: string, droppedByUser: number[]) => unknown;

/** The two things a worker needs from its host: send a message, and receive them. */
export interface WorkerPort<Req = FitRequest, Res = FitResponse> {
  post(msg: Res): void;
  onMessage(handler: (msg: Req) => void): void;
}
