/**
 * Requests the extension host's worker serves besides fits (issue 12: planning and analysing an opened file
 * never run on the extension host thread): plan a sweep config, analyse an IsoFLOP results CSV.
 */
import type { FitRequest, FitResponse } from '../fit/workerProtocol';
import type { AnalysedResults, ResultsOptions } from '../isoflop/results';
import type { SweepConfig } from '../sweep/config';
import type { SweepPlan } from '../sweep/plan';

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

