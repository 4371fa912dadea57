/**
 * Run a fit (or, with callWorker, a sweep plan or an IsoFLOP analysis) in a worker_threads Worker so the extension host's event loop is never blocked, with progress
 * events and cancellation. Cancelling sets a shared flag the fit polls between L-BFGS iterations; if the worker
 * has not answered within 500 ms it is terminated. Either way the promise rejects with FitRefusal('cancelled').
 */
import { Worker } from 'node:worker_threads';
import { CsvError, type ParseOptions, type RunsTable } from '../csv';
import { FitRefusal, type FitProgress, type FitResultJSON } from './index';
import type { FitRequest, FitResponse, IsoflopRequest, PlanSweepRequest, WorkerError, WorkerFitOptions, WorkerRequest, WorkerResponse } from './workerProtocol';
import { InputError } from '../errors';
import { ConfigError } from '../config/jsonc';
import { SweepConfigError, type SweepConfig } from '../sweep/config';
import type { SweepPlan } from '../sweep/plan';
import { IsoflopRefusal, SweepInputError, type IsoflopRefusalCode } from '../sweep/refusal';
import type { AnalysedResults } from '../sweep/results';

export interface WorkerFitOutcome {
  table: { columns: RunsTable['columns']; summary: RunsTable['summary']; headers: string[] };
  result: FitResultJSON;
}

export function fitInWorker(
  workerPath: string,
  csvText: string,
  parseOpts: ParseOptions,
  fitOpts: WorkerFitOptions,
  hooks: { onProgress?: (p: FitProgress) => void; signal?: AbortSignal } = {},
): Promise<WorkerFitOutcome> {
  return new Promise((resolve, reject) => {
    if (hooks.signal?.aborted) return reject(new FitRefusal('cancelled', 'the fit was cancelled'));
    const worker = new Worker(workerPath);
    const cancelFlag = new SharedArrayBuffer(4);
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(killTimer);
      hooks.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      fn();
    };
    const onAbort = () => {
      Atomics.store(new Int32Array(cancelFlag), 0, 1);
      killTimer = setTimeout(() => finish(() => reject(new FitRefusal('cancelled', 'the fit was cancelled'))), 500);
    };
    hooks.signal?.addEventListener('abort', onAbort);
    worker.on('message', (m: FitResponse) => {
      if (m.type === 'progress') hooks.onProgress?.(m.progress);
      else if (m.type === 'result') finish(() => resolve({ table: m.table, result: m.result }));
      else if (m.kind === 'csv') finish(() => reject(new CsvError(m.file, m.line, m.column, m.detail)));
      else if (m.kind === 'refusal') finish(() => reject(new FitRefusal(m.code, m.message.replace(`${m.code}: `, ''))));
      else finish(() => reject(new Error(`fit worker: ${m.message}`)));
    });
    worker.on('error', (e) => finish(() => reject(e)));
    worker.on('exit', (code) => finish(() => reject(new Error(`fit worker exited with code ${code} before answering`))));
    const req: FitRequest = { type: 'fit', csvText, parseOpts, fitOpts, cancelFlag };
    worker.postMessage(req);
  });
}

/** A worker error message as the class the core threw, so callers keep using instanceof (and its location). */
export function rebuildError(m: WorkerError): Error {
  if (m.kind === 'input') {
    const Cls = m.name === 'SweepConfigError' ? SweepConfigError : m.name === 'CsvError' ? CsvError : m.name === 'ConfigError' ? ConfigError : InputError;
    return new Cls(m.file, m.line, m.column, m.detail);
  }
  if (m.name === 'IsoflopRefusal') return new IsoflopRefusal((m.code ?? 'ungroupable') as IsoflopRefusalCode, m.message);
  if (m.name === 'SweepInputError') return new SweepInputError(m.message);
  const e = new Error(m.message) as Error & { exitCode?: number };
  e.name = m.name;
  if (m.exitCode !== undefined) e.exitCode = m.exitCode;
  return e;
}

type Answer<R extends WorkerRequest> = R extends PlanSweepRequest ? { type: 'planned'; config: SweepConfig; plan: SweepPlan } : R extends IsoflopRequest ? { type: 'isoflop'; results: AnalysedResults } : never;

/**
 * One request to a fresh worker_threads Worker (dist/fitWorker.js): the answer, or the core's error rebuilt.
 * Aborting terminates the worker at once (planning and analysis hold no state worth a graceful stop).
 */
export function callWorker<R extends PlanSweepRequest | IsoflopRequest>(workerPath: string, req: R, signal?: AbortSignal): Promise<Answer<R>> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('cancelled'));
    const worker = new Worker(workerPath);
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      fn();
    };
    const onAbort = () => finish(() => reject(new Error('cancelled')));
    signal?.addEventListener('abort', onAbort);
    worker.on('message', (m: WorkerResponse) => {
      if (m.type === 'error') finish(() => reject(m.kind === 'input' || m.kind === 'typed' ? rebuildError(m) : new Error(m.message)));
      else if (m.type === 'planned' || m.type === 'isoflop') finish(() => resolve(m as Answer<R>));
    });
    worker.on('error', (e) => finish(() => reject(e)));
    worker.on('exit', (code) => finish(() => reject(new Error(`worker exited with code ${code} before answering`))));
    worker.postMessage(req);
  });
}
