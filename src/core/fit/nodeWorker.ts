/**
 * Run a fit in a worker_threads Worker so the extension host's event loop is never blocked, with progress
 * events and cancellation. Cancelling sets a shared flag the fit polls between L-BFGS iterations; if the worker
 * has not answered within 500 ms it is terminated. Either way the promise rejects with FitRefusal('cancelled').
 */
import { Worker } from 'node:worker_threads';
import { CsvError, type ParseOptions } from '../csv';
import { InputError } from '../errors';
import type { KeepMode } from '../sweepTable/repeated';
import { FitRefusal, type FitProgress, type FitResultJSON } from './index';
import type { FitRequest, FitResponse, OtherFitRequest, WorkerFitOptions, FitWorkerRequest, WorkerTableInfo } from './workerProtocol';

export interface WorkerFitOutcome {
  table: WorkerTableInfo;
  result: FitResultJSON;
  /** The panel's view model, when requested (hooks.view) and the worker builds views. */
  view?: unknown;
}

type Hooks = { onProgress?: (p: FitProgress) => void; signal?: AbortSignal; view?: FitRequest['view'] };

export function fitInWorker(workerPath: string, csvText: string, parseOpts: ParseOptions, fitOpts: WorkerFitOptions, hooks: Hooks = {}, keep?: KeepMode): Promise<WorkerFitOutcome> {
  return runInWorker(workerPath, { type: 'fit', csvText, parseOpts, fitOpts, ...(keep ? { keep } : {}), view: hooks.view }, hooks);
}

/**
 * Any request kind the worker at `workerPath` serves, e.g. the extension worker's 'fitLogs' (files' bytes are
 * copied to the worker; the caller bounds their size).
 */
export function runInWorker(workerPath: string, request: FitWorkerRequest | Omit<OtherFitRequest, 'cancelFlag'>, hooks: Hooks = {}): Promise<WorkerFitOutcome> {
  return new Promise((resolve, reject) => {
    if (hooks.signal?.aborted) return reject(new FitRefusal('cancelled', 'the fit was cancelled'));
    const worker = new Worker(workerPath);
    // Shared memory needs a cross-origin-isolated page in a browser (the web extension host is not): there,
    // cancelling falls through to terminate() below.
    const cancelFlag = typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(4) : undefined;
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
      if (cancelFlag) Atomics.store(new Int32Array(cancelFlag), 0, 1);
      killTimer = setTimeout(() => finish(() => reject(new FitRefusal('cancelled', 'the fit was cancelled'))), 500);
    };
    hooks.signal?.addEventListener('abort', onAbort);
    worker.on('message', (m: FitResponse) => {
      if (m.type === 'progress') hooks.onProgress?.(m.progress);
      else if (m.type === 'result') finish(() => resolve({ table: m.table, result: m.result, view: m.view }));
      else if (m.kind === 'csv') finish(() => reject(new CsvError(m.file, m.line, m.column, m.detail)));
      else if (m.kind === 'log') finish(() => reject(m.file ? new InputError(m.file, m.line, m.column, m.detail) : new InputError(m.detail)));
      else if (m.kind === 'refusal') finish(() => reject(new FitRefusal(m.code, m.detail)));
      else finish(() => reject(new Error(`fit worker: ${m.message}`)));
    });
    worker.on('error', (e) => finish(() => reject(e)));
    worker.on('exit', (code) => finish(() => reject(new Error(`fit worker exited with code ${code} before answering`))));
    const req: FitWorkerRequest = { ...request, cancelFlag } as FitWorkerRequest;
    // Not transferred: a small file's bytes may sit in Node's shared Buffer pool, which cannot be detached.
    worker.postMessage(req);
  });
}
