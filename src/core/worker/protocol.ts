/**
 * The extension host ↔ worker protocol (issue 12: reading, planning, analysing and fitting an opened file never
 * run on the extension host thread). One envelope for every request kind: the host numbers each call
 * (core/replies.ts matches the answer), the worker echoes the number on its progress messages, its answer or
 * its error (typed: ./wireError.ts rebuilds the core's error class on the host).
 *
 * Request kinds: 'fit' and 'fitLogs' (../fit/workerProtocol.ts), 'planSweep', 'isoflop' and 'isoflopView'.
 */
import type { TextSource } from '../csv/source';
import type { FitProgress } from '../fit';
import type { FitRequest, OtherFitRequest, WorkerFitOutcome } from '../fit/workerProtocol';
import type { AnalysedResults, ResultsOptions } from '../isoflop/results';
import type { SweepConfig } from '../sweep/config';
import type { SweepPlan } from '../sweep/plan';

/** Plan a sweep config's text (`scaling-laws plan`). */
export interface PlanSweepRequest {
  type: 'planSweep';
  text: string;
  fileName: string;
}

/** Analyse an IsoFLOP results CSV (`scaling-laws isoflop`): the analysis, thinned for plotting. */
export interface IsoflopRequest {
  type: 'isoflop';
  /** The CSV: its text, or a path the worker reads (a file on disk nobody is editing). */
  source: TextSource;
  fileName: string;
  options: ResultsOptions;
}

/** The same analysis as the panel shows it: the view model built in the worker (by the entry's view builder). */
export interface IsoflopViewRequest extends Omit<IsoflopRequest, 'type'> {
  type: 'isoflopView';
}

export type WorkerRequest = FitRequest | PlanSweepRequest | IsoflopRequest | IsoflopViewRequest | OtherFitRequest;

export interface PlannedSweep {
  config: SweepConfig;
  plan: SweepPlan;
}

/** What each request kind answers ('isoflopView': the entry's view model, opaque to the core). */
export type AnswerOf<R extends WorkerRequest> = R extends PlanSweepRequest
  ? PlannedSweep
  : R extends IsoflopRequest
    ? AnalysedResults
    : R extends IsoflopViewRequest
      ? unknown
      : WorkerFitOutcome;

/** Host → worker. `cancelFlag`: Int32Array(1) view of a SharedArrayBuffer, set to 1 to cancel (polled by long loops). */
export interface WorkerCall {
  id: number;
  request: WorkerRequest;
  cancelFlag?: SharedArrayBuffer;
}

/**
 * A core error as data: bad input keeps its location (file '' when it has none), a refusal its code and exit
 * code, anything else its name and message.
 */
export type WireError =
  | { kind: 'input'; name: string; message: string; detail: string; file: string; line: number; column: number }
  | { kind: 'refusal'; name: string; message: string; exitCode: 1 | 2; code?: string; detail?: string; budgets?: number[] }
  | { kind: 'internal'; name: string; message: string };

/** Worker → host, for call `id`. */
export type WorkerReply =
  | { id: number; type: 'progress'; progress: FitProgress }
  | { id: number; type: 'answer'; value: unknown }
  /** An early answer (a progressive fit's law before its resampling); the final 'answer' follows. */
  | { id: number; type: 'partial'; value: unknown }
  | { id: number; type: 'error'; error: WireError };
