/**
 * The extension host's side of the worker protocol (./protocol.ts), for every request kind (fits, logs fits,
 * sweep plans, IsoFLOP analyses): one request to a fresh worker_threads Worker (a Web Worker in the browser
 * host: src/extension/web/workerThreads.ts), answered through core/replies.ts with plain data, progress
 * events on the way, or the core's error rebuilt as its class (./wireError.ts).
 *
 * A fresh worker per call: requests from different features (a code lens, a panel) run side by side, and
 * cancelling can always end the thread. Where the host keeps a spare (./spare.ts), the call takes it: a worker
 * already started and warmed up, used for this call only and ended after it, like a fresh one. Cancelling sets
 * the shared flag the fit and the joint fit poll between iterations; the worker is terminated when it has not
 * answered after the request kind's grace period.
 */
import { Worker } from 'node:worker_threads';
import { FitRefusal, type FitProgress } from '../fit';
import { Replies } from '../replies';
import type { AnswerOf, WorkerCall, WorkerReply, WorkerRequest } from './protocol';
import { rebuildError } from './wireError';
import { callEnded, takeSpare } from './spare';

export interface CallHooks {
  signal?: AbortSignal;
  onProgress?: (p: FitProgress) => void;
  /** An early answer before the final one (a fit asked with `progressive: true`). */
  onPartial?: (value: unknown) => void;
}

/**
 * How a cancelled call ends: a fit gets half a second to stop at its next iteration (then its worker is
 * terminated) and rejects with FitRefusal('cancelled') as the engine does; planning and analysis hold nothing
 * worth a graceful stop, so their worker ends at once.
 */
function cancelPolicy(type: string): { graceMs: number; error: () => Error } {
  return type === 'fit' || type === 'fitLogs'
    ? { graceMs: 500, error: () => new FitRefusal('cancelled', 'the fit was cancelled') }
    : { graceMs: 0, error: () => new Error('cancelled') };
}

const replies = new Replies<unknown>();

export function callWorker<R extends WorkerRequest>(workerPath: string, request: R, hooks: CallHooks = {}): Promise<AnswerOf<R>> {
  const { signal, onProgress, onPartial } = hooks;
  const cancel = cancelPolicy(request.type);
  if (signal?.aborted) return Promise.reject(cancel.error());
  const { id, reply } = replies.open();
  const worker = takeSpare(workerPath, request.type) ?? new Worker(workerPath);
  // Shared memory needs a cross-origin-isolated page in a browser (the web extension host is not): there,
  // cancelling falls through to terminate().
  const cancelFlag = typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(4) : undefined;
  let killTimer: ReturnType<typeof setTimeout> | undefined;
  const onAbort = () => {
    if (cancelFlag) Atomics.store(new Int32Array(cancelFlag), 0, 1);
    killTimer = setTimeout(() => replies.reject(id, cancel.error()), cancel.graceMs);
  };
  signal?.addEventListener('abort', onAbort);
  worker.on('message', (m: WorkerReply) => {
    if (m.id !== id) return;
    // After a cancel only the end counts: progress or an early answer the worker sent during its grace
    // period belongs to a run the caller has given up (a panel would paint it over "Cancelled.").
    if (signal?.aborted && (m.type === 'progress' || m.type === 'partial')) return;
    if (m.type === 'progress') onProgress?.(m.progress);
    else if (m.type === 'partial') onPartial?.(m.value);
    else if (m.type === 'answer') replies.resolve(id, m.value);
    else replies.reject(id, rebuildError(m.error));
  });
  worker.on('error', (e: Error) => replies.reject(id, e));
  worker.on('exit', (code: number) => replies.reject(id, new Error(`the worker exited with code ${code} before answering`)));
  const call: WorkerCall = { id, request, cancelFlag };
  // Not transferred: a small file's bytes may sit in Node's shared Buffer pool, which cannot be detached.
  worker.postMessage(call);
  return reply.finally(() => {
    clearTimeout(killTimer);
    signal?.removeEventListener('abort', onAbort);
    void worker.terminate();
    callEnded();
  }) as Promise<AnswerOf<R>>;
}
