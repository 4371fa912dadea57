/**
 * The body of the fit worker, independent of the host: it only talks through a WorkerPort, so the same code
 * runs under worker_threads (worker.ts adapts parentPort) and in a Web Worker (adapt self.postMessage).
 * Progress is throttled to one message per 50 ms so a fast fit is not slowed by messaging.
 */
import { parseRunsCsv, CsvError } from '../csv';
import { fitRuns, FitRefusal } from './index';
import type { FitRequest, FitResponse, ViewBuilder, WorkerPort } from './workerProtocol';

/** Any request: the fit worker answers only 'fit' (other kinds are for ../worker/tasks.ts). */
type WorkerRequestLike = { type: string };

export const abortSignal = (buf?: SharedArrayBuffer) => {
  const flag = buf ? new Int32Array(buf) : null;
  return { get aborted() { return flag !== null && Atomics.load(flag, 0) === 1; } };
};

function serveFit(port: WorkerPort<WorkerRequestLike, FitResponse>, req: FitRequest, buildView?: ViewBuilder): void {
  const signal = abortSignal(req.cancelFlag);
  let last = 0;
  try {
    const table = parseRunsCsv(req.csvText, req.parseOpts);
    const result = fitRuns(table, {
      ...req.fitOpts,
      signal,
      onProgress: (progress) => {
        const now = Date.now();
        if (now - last >= 50 || progress.done === progress.total) {
          last = now;
          port.post({ type: 'progress', progress });
        }
      },
    });
    const outcome = { table: { columns: table.columns, summary: table.summary, headers: table.headers }, result: result.toJSON() };
    // The view (sampled plots, recommendations) is built here, off the extension host; elapsedMs is the host's.
    const view = req.view && buildView ? buildView(outcome, req.view.fileName, req.view.droppedByUser) : undefined;
    port.post({ type: 'result', ...outcome, view });
  } catch (e) {
    if (e instanceof CsvError) port.post({ type: 'error', kind: 'csv', message: e.message, file: e.file, line: e.line, column: e.column, detail: e.detail });
    else if (e instanceof FitRefusal) port.post({ type: 'error', kind: 'refusal', message: e.message, code: e.code, detail: e.detail });
    else port.post({ type: 'error', kind: 'internal', message: (e as Error)?.message ?? String(e) });
  }
}

/** `buildView`: the panel's view model, built here in the worker when the request asks for it. */
export function serveFits(port: WorkerPort<WorkerRequestLike, FitResponse>, buildView?: ViewBuilder): void {
  port.onMessage((req) => {
    if (req.type === 'fit') serveFit(port, req as FitRequest, buildView);
  });
}
