/**
 * The extension host's side of the task worker (the extension's worker): one request to a fresh worker_threads
 * Worker, answered with plain data or the core's error rebuilt as its class.
 */
import { Worker } from 'node:worker_threads';
import { CsvError } from '../csv';
import { InputError } from '../errors';
import { IsoflopRefusal, type IsoflopRefusalCode } from '../isoflop/refusal';
import type { AnalysedResults } from '../isoflop/results';
import type { SweepConfig } from '../sweep/config';
import type { SweepPlan } from '../sweep/plan';
import type { IsoflopRequest, PlanSweepRequest, WorkerError, WorkerRequest, WorkerResponse } from './protocol';

/** A worker error message as the class the core threw, so callers keep using instanceof (and its location). */
export function rebuildError(m: WorkerError): Error {
  if (m.kind === 'input') {
    if (!m.file) return new InputError(m.detail);
    return m.name === 'CsvError' ? new CsvError(m.file, m.line, m.column, m.detail) : new InputError(m.file, m.line, m.column, m.detail);
  }
  if (m.name === 'IsoflopRefusal') return new IsoflopRefusal((m.code ?? 'ungroupable') as IsoflopRefusalCode, m.message);
  if (m.exitCode === 2) return new InputError(m.message);
  const e = new Error(m.message) as Error & { exitCode?: number };
  e.name = m.name;
  if (m.exitCode !== undefined) e.exitCode = m.exitCode;
  return e;
}

type Answer<R extends WorkerRequest> = R extends PlanSweepRequest ? { type: 'planned'; config: SweepConfig; plan: SweepPlan } : R extends IsoflopRequest ? { type: 'isoflop'; results: AnalysedResults } : never;

/**
 * One request to a fresh worker_threads Worker (the extension's worker): the answer, or the core's error rebuilt.
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
