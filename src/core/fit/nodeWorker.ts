/**
 * Run a fit in a worker_threads Worker so the extension host's event loop is never blocked, with progress
 * events and cancellation. Cancelling sets a shared flag the fit polls between L-BFGS iterations; if the worker
 * has not answered within 500 ms it is terminated. Either way the promise rejects with FitRefusal('cancelled').
 */
import { Worker } from 'node:worker_threads';
import { CsvError, type ParseOptions, type RunsTable } from '../csv';
import { FitRefusal, type FitProgress, type FitResultJSON } from './index';
import type { FitRequest, FitResponse, WorkerFitOptions } from './workerProtocol';

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
