/**
 * Messages between a fit worker (worker_threads in Node, a Web Worker in the webview) and its client.
 * Plain data only: options that are functions (onProgress, signal) are replaced by messages and a shared
 * cancel flag. Besides fits, the worker plans sweep configs and analyses IsoFLOP results (issue 12: work on
 * an opened file never runs on the extension host thread).
 */
import type { ParseOptions, RunsTable } from '../csv';
import type { AnalysedResults, ResultsOptions } from '../sweep/results';
import type { SweepConfig } from '../sweep/config';
import type { SweepPlan } from '../sweep/plan';
import type { FitOptions, FitProgress, FitResultJSON, RefusalCode } from './index';

export type WorkerFitOptions = Omit<FitOptions, 'signal' | 'onProgress'>;

export interface FitRequest {
  type: 'fit';
  csvText: string;
  parseOpts: ParseOptions;
  fitOpts: WorkerFitOptions;
  /** Int32Array(1) view of a SharedArrayBuffer: the client stores 1 to cancel (polled between iterations). */
  cancelFlag?: SharedArrayBuffer;
}

/** Plan a sweep config's text (`scaling-laws plan`). */
export interface PlanSweepRequest {
  type: 'planSweep';
  text: string;
  fileName: string;
}

/** Analyse an IsoFLOP results CSV's text (`scaling-laws isoflop`). */
export interface IsoflopRequest {
  type: 'isoflop';
  text: string;
  fileName: string;
  options: ResultsOptions;
  cancelFlag?: SharedArrayBuffer;
}

export type WorkerRequest = FitRequest | PlanSweepRequest | IsoflopRequest;

/** A typed error of the core, rebuilt on the client side with its class (input errors keep file:line:column). */
export type WorkerError =
  | { type: 'error'; kind: 'input'; name: string; message: string; file: string; line: number; column: number; detail: string }
  | { type: 'error'; kind: 'typed'; name: string; message: string; code?: string; exitCode?: number };

export type WorkerResponse =
  | FitResponse
  | { type: 'planned'; config: SweepConfig; plan: SweepPlan }
  | { type: 'isoflop'; results: AnalysedResults }
  | WorkerError;

export type FitResponse =
  | { type: 'progress'; progress: FitProgress }
  | { type: 'result'; table: { columns: RunsTable['columns']; summary: RunsTable['summary']; headers: string[] }; result: FitResultJSON }
  | { type: 'error'; kind: 'csv'; message: string; file: string; line: number; column: number; detail: string }
  | { type: 'error'; kind: 'refusal'; message: string; code: RefusalCode }
  | { type: 'error'; kind: 'internal'; message: string };

/** The two things a worker needs from its host: send a message, and receive them. */
export interface WorkerPort {
  post(msg: WorkerResponse): void;
  onMessage(handler: (msg: WorkerRequest) => void): void;
}
