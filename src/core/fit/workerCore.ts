/**
 * The body of the fit worker, independent of the host: it only talks through a WorkerPort, so the same code
 * runs under worker_threads (worker.ts adapts parentPort) and in a Web Worker (adapt self.postMessage).
 * Progress is throttled to one message per 50 ms so a fast fit is not slowed by messaging.
 *
 * Requests: 'fit' (a CSV of runs; repeated (N, D) rows collapsed per `keep`, sweepTable/repeated.ts) and the
 * kinds a worker entry registers (src/core/logs/worker.ts: 'fitLogs'), so neither parsing nor fitting a user's
 * files runs on the extension host's thread. (core/logs depends on core/fit, so the logs kind is plugged in
 * from there rather than imported here.)
 */
import { parseRunsCsv, CsvError, type RunsTable } from '../csv';
import { InputError } from '../errors';
import { collapseRunsTable } from '../sweepTable/repeated';
import { fitRuns, FitRefusal } from './index';
import type { FitProgress } from './index';
import type { FitRequest, FitResponse, FitWorkerRequest, ViewBuilder, WorkerFitOptions, WorkerPort, WorkerTableInfo } from './workerProtocol';

/** The shared cancel flag as the engine's signal (set to 1 by the client; polled between iterations). */
export const abortSignal = (buf?: SharedArrayBuffer) => {
  const flag = buf ? new Int32Array(buf) : null;
  return { get aborted() { return flag !== null && Atomics.load(flag, 0) === 1; } };
};

/** Makes the table a request asks to fit, with what it found on the way (headers, repeats, logs). */
export type TableMaker = (req: FitWorkerRequest) => { table: RunsTable; info: Omit<WorkerTableInfo, 'columns' | 'summary'> };

/** The built-in request: a CSV of runs, repeated (N, D) rows collapsed per `keep`. */
const csvTable: TableMaker = (r) => {
  const req = r as FitRequest;
  const parsed = parseRunsCsv(req.csvText, req.parseOpts);
  const { table, repeated } = collapseRunsTable(parsed, req.keep);
  return { table, info: { headers: parsed.headers, repeated } };
};

/**
 * Largest table for which a progressive request gets its early result: the early fit repeats the base fit
 * (tens of ms at this size, warm), which is worth it to paint the law before the resampling finishes.
 */
export const PROGRESSIVE_MAX_ROWS = 2000;

/** Serve fit requests on `port`: 'fit' (a CSV) and any kind in `makers` (e.g. 'fitLogs'). */
/** Other request kinds on the same port (../worker/tasks.ts) are left to their server. */
export function serveFits(port: WorkerPort<FitWorkerRequest, FitResponse>, buildView?: ViewBuilder, makers: Record<string, TableMaker> = {}): void {
  const kinds: Record<string, TableMaker> = { ...makers, fit: csvTable };
  port.onMessage((req: FitWorkerRequest) => {
    const tableOf = Object.prototype.hasOwnProperty.call(kinds, req.type) ? kinds[req.type] : undefined;
    if (!tableOf) return;
    const signal = abortSignal(req.cancelFlag);
    let last = 0;
    try {
      const { table, info } = tableOf(req);
      const fitOpts: WorkerFitOptions = req.fitOpts;
      const tableInfo = { columns: table.columns, summary: table.summary, ...info };
      const v = req.type === 'fit' ? (req as FitRequest).view : undefined;
      const resamples = (fitOpts.bootstrap ?? 0) > 0 || (fitOpts.cv ?? 5) >= 2 || fitOpts.loo !== false;
      if ((req as FitRequest).progressive && resamples && table.rows.length <= PROGRESSIVE_MAX_ROWS) {
        // The same fit without bootstrap and cross-validation: identical parameters, no intervals yet.
        const early = fitRuns(table, { ...fitOpts, bootstrap: 0, cv: 0, loo: false, signal }).toJSON();
        const earlyOutcome = { table: tableInfo, result: early };
        port.post({ type: 'partial', ...earlyOutcome, view: v && buildView ? buildView(earlyOutcome, v.fileName, v.droppedByUser) : undefined });
      }
      const result = fitRuns(table, {
        ...fitOpts,
        signal,
        onProgress: (progress: FitProgress) => {
          const now = Date.now();
          if (now - last >= 50 || progress.done === progress.total) {
            last = now;
            port.post({ type: 'progress', progress });
          }
        },
      });
      const outcome = { table: tableInfo, result: result.toJSON() };
      // The view (sampled plots, recommendations) is built here, off the extension host; elapsedMs is the host's.
      const view = v && buildView ? buildView(outcome, v.fileName, v.droppedByUser) : undefined;
      port.post({ type: 'result', ...outcome, view });
    } catch (e) {
      // Bad input keeps its location (file '' when it has none) so the host rebuilds the same error.
      if (e instanceof InputError) port.post({ type: 'error', kind: e instanceof CsvError ? 'csv' : 'log', message: e.message, file: e.location?.file ?? '', line: e.location?.line ?? 0, column: e.location?.column ?? 0, detail: e.detail });
      else if (e instanceof FitRefusal) port.post({ type: 'error', kind: 'refusal', message: e.message, code: e.code, detail: e.detail });
      else port.post({ type: 'error', kind: 'internal', message: (e as Error)?.message ?? String(e) });
    }
  });
}
