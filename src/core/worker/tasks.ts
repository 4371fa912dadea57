/**
 * The extension host's worker tasks besides fits: plan a sweep config ('planSweep'), analyse an IsoFLOP
 * results CSV ('isoflop'). Errors cross the thread as data (input errors keep file:line:column).
 */
import { InputError } from '../errors';
import { abortSignal } from '../fit/workerCore';
import type { WorkerPort } from '../fit/workerProtocol';
import { DEFAULT_PLAN_DEPS } from '../sweep/deps';
import { parseSweepConfig } from '../sweep/config';
import { planSweep } from '../sweep/plan';
import { analyseResults } from '../isoflop/results';
import type { WorkerError, WorkerRequest, WorkerResponse } from './protocol';

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

export function serveTasks(port: WorkerPort<WorkerRequest, WorkerResponse>): void {
  port.onMessage((req: WorkerRequest) => {
    switch (req.type) {
      case 'fit':
        return; // answered by serveFits
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
