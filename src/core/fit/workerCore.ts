/**
 * The fit requests of a worker, independent of the host: handlers served by ../worker/server.ts over a
 * WorkerPort, so the same code runs under worker_threads and in a Web Worker. Progress is throttled to one
 * message per 50 ms so a fast fit is not slowed by messaging.
 *
 * Requests: 'fit' (a CSV of runs, given as text or read by the worker from its path; repeated (N, D) rows
 * collapsed per `keep`, sweepTable/repeated.ts) and the kinds a worker entry registers (src/core/logs/worker.ts:
 * 'fitLogs'), so neither reading, parsing nor fitting a user's files runs on the extension host's thread.
 * (core/logs depends on core/fit, so the logs kind is plugged in from there rather than imported here.)
 */
import { parseRunsCsv, type RunsTable } from '../csv';
import { blankLines, readSource } from '../csv/source';
import { collapseRunsTable } from '../sweepTable/repeated';
import { fitRuns } from './index';
import { cvFolds } from './defaults';
import type { FitProgress, FitResultJSON } from './index';
import { packResiduals, type FitRequest, type FitWorkerRequest, type RequestContext, type RequestHandler, type ViewBuilder, type WorkerFitOptions, type WorkerFitOutcome, type WorkerTableInfo } from './workerProtocol';

/** Makes the table a request asks to fit, with what it found on the way (headers, repeats, logs). */
export type TableMaker = (req: FitWorkerRequest) => { table: RunsTable; info: Omit<WorkerTableInfo, 'columns' | 'summary'> } | Promise<{ table: RunsTable; info: Omit<WorkerTableInfo, 'columns' | 'summary'> }>;

/** The built-in request: a CSV of runs (lines the user dropped blanked), repeated (N, D) rows collapsed per `keep`. */
const csvTable: TableMaker = async (r) => {
  const req = r as FitRequest;
  const parsed = parseRunsCsv(blankLines(await readSource(req.source), req.dropLines ?? []), req.parseOpts);
  const { table, repeated } = collapseRunsTable(parsed, req.keep);
  return { table, info: { headers: parsed.headers, repeated } };
};

/**
 * Largest table for which a progressive request gets its early result: the early fit repeats the base fit
 * (tens of ms at this size, warm), which is worth it to paint the law before the resampling finishes.
 */
export const PROGRESSIVE_MAX_ROWS = 2000;

/** Handlers for 'fit' (a CSV) and any kind in `makers` (e.g. 'fitLogs'); `buildView` makes a CSV fit's panel view. */
export function fitHandlers(buildView?: ViewBuilder, makers: Record<string, TableMaker> = {}): Record<string, RequestHandler> {
  const kinds: Record<string, TableMaker> = { ...makers, fit: csvTable };
  const handlers: Record<string, RequestHandler> = {};
  for (const [kind, tableOf] of Object.entries(kinds)) {
    handlers[kind] = async (req: FitWorkerRequest, ctx: RequestContext): Promise<WorkerFitOutcome> => {
      const { table, info } = await tableOf(req);
      const fitOpts: WorkerFitOptions = req.fitOpts;
      const tableInfo = { columns: table.columns, summary: table.summary, ...info };
      const v = req.type === 'fit' ? (req as FitRequest).view : undefined;
      // An answer (early or final): the view built here, off the extension host, and the residuals in columns.
      const answer = (outcome: { table: WorkerTableInfo; result: FitResultJSON }): WorkerFitOutcome =>
        packResiduals({ ...outcome, view: v && buildView ? buildView(outcome, v.fileName, v.droppedByUser) : undefined });
      const resamples = (fitOpts.bootstrap ?? 0) > 0 || cvFolds(fitOpts.cv) >= 2 || fitOpts.loo !== false;
      if ((req as FitRequest).progressive && resamples && table.rows.length <= PROGRESSIVE_MAX_ROWS) {
        // The same fit without bootstrap and cross-validation: identical parameters, no intervals yet.
        const early = fitRuns(table, { ...fitOpts, bootstrap: 0, cv: 0, loo: false, signal: ctx.signal }).toJSON();
        ctx.partial(answer({ table: tableInfo, result: early }));
      }
      let last = 0;
      const result = fitRuns(table, {
        ...fitOpts,
        signal: ctx.signal,
        onProgress: (progress: FitProgress) => {
          const now = Date.now();
          if (now - last >= 50 || progress.done === progress.total) {
            last = now;
            ctx.progress(progress);
          }
        },
      });
      // elapsedMs in the view is the host's to stamp.
      return answer({ table: tableInfo, result: result.toJSON() });
    };
  }
  return handlers;
}
