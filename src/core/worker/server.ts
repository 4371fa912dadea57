/**
 * The worker's side of the host ↔ worker protocol (./protocol.ts): each call is handed to the handler of its
 * request kind (fits: ../fit/workerCore.ts, plans and IsoFLOP analyses: ./tasks.ts), and its answer, progress
 * or typed error goes back with the call's id. Host-independent: it only talks through a WorkerPort
 * (../fit/workerPort.ts adapts worker_threads' parentPort or a Web Worker's global scope).
 */
import type { RequestContext, RequestHandler, WorkerPort } from '../fit/workerProtocol';
import type { WorkerCall, WorkerReply } from './protocol';
import { toWireError } from './wireError';

/** The shared cancel flag as a signal (the client stores 1 to cancel; long loops poll it). */
export const abortSignal = (buf?: SharedArrayBuffer): RequestContext['signal'] => {
  const flag = buf ? new Int32Array(buf) : null;
  return { get aborted() { return flag !== null && Atomics.load(flag, 0) === 1; } };
};

export function serveRequests(port: WorkerPort<WorkerCall, WorkerReply>, handlers: Record<string, RequestHandler>): void {
  port.onMessage(async ({ id, request, cancelFlag }) => {
    // Own properties only: a request type such as 'constructor' or '__proto__' is not a handler.
    const handle = Object.prototype.hasOwnProperty.call(handlers, request.type) ? handlers[request.type] : undefined;
    try {
      if (!handle) throw new Error(`this worker serves no '${request.type}' requests`);
      const ctx: RequestContext = {
        signal: abortSignal(cancelFlag),
        progress: (progress) => port.post({ id, type: 'progress', progress }),
        partial: (value) => port.post({ id, type: 'partial', value }),
      };
      port.post({ id, type: 'answer', value: await handle(request as never, ctx) });
    } catch (e) {
      port.post({ id, type: 'error', error: toWireError(e) });
    }
  });
}
