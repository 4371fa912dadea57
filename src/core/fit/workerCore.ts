/**
 * The body of the fit worker, independent of the host: it only talks through a WorkerPort, so the same code
 * runs under worker_threads (worker.ts adapts parentPort) and in a Web Worker (adapt self.postMessage).
 * Progress is throttled to one message per 50 ms so a fast fit is not slowed by messaging.
 * Besides fits it plans sweep configs ('planSweep') and analyses IsoFLOP results ('isoflop'), so the
 * extension host never runs that work on its own thread.
 */
import { parseRunsCsv, CsvError } from '../csv';
import { InputError } from '../errors';
import { fitRuns, FitRefusal } from './index';
import { DEFAULT_PLAN_DEPS } from '../sweep/deps';
import { parseSweepConfig } from '../sweep/config';
import { planSweep } from '../sweep/plan';
import { analyseResults } from '../sweep/results';
import type { FitRequest, WorkerError, WorkerPort, WorkerRequest } from './workerProtocol';

/** A thrown value as a message: input errors keep their location, typed errors their class name and code. */
export function errorMessage(e: unknown): WorkerError {
  if (e instanceof InputError) return { type: 'error', kind: 'input', name: e.name, message: e.message, file: e.file, line: e.line, column: e.column, detail: e.detail };
  const err = e as { name?: string; message?: string; code?: unknown; exitCode?: unknown };
  return {
    type: 'error',
    kind: 'typed',
    name: typeof err?.name === 'string' ? err.name : 'Error',
    message: typeof err?.message === 'string' ? err.message : String(e),
    ...(typeof err?.code === 'string' ? { code: err.code } : {}),
    ...(typeof err?.exitCode === 'number' ? { exitCode: err.exitCode } : {}),
  };
}

const abortSignal = (buf?: SharedArrayBuffer) => {
  const flag = buf ? new Int32Array(buf) : null;
  return { get aborted() { return flag !== null && Atomics.load(flag, 0) === 1; } };
};

function serveFit(port: WorkerPort, req: FitRequest): void {
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
    port.post({ type: 'result', table: { columns: table.columns, summary: table.summary, headers: table.headers }, result: result.toJSON() });
  } catch (e) {
    if (e instanceof CsvError) port.post({ type: 'error', kind: 'csv', message: e.message, file: e.file, line: e.line, column: e.column, detail: e.detail });
    else if (e instanceof FitRefusal) port.post({ type: 'error', kind: 'refusal', message: e.message, code: e.code });
    else port.post({ type: 'error', kind: 'internal', message: (e as Error)?.message ?? String(e) });
  }
}

export function serveFits(port: WorkerPort): void {
  port.onMessage((req: WorkerRequest) => {
    switch (req.type) {
      case 'fit':
        return serveFit(port, req);
      case 'planSweep':
        try {
          const config = parseSweepConfig(req.text, req.fileName);
          port.post({ type: 'planned', config, plan: planSweep(config, DEFAULT_PLAN_DEPS) });
        } catch (e) {
          port.post(errorMessage(e));
        }
        return;
      case 'isoflop':
        try {
          port.post({ type: 'isoflop', results: analyseResults(req.text, req.fileName, req.options, abortSignal(req.cancelFlag)) });
        } catch (e) {
          port.post(errorMessage(e));
        }
        return;
    }
  });
}
