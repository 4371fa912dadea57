/**
 * The fit worker's port to its host: worker_threads' parentPort in Node, or the global scope (self) in a Web
 * Worker. Shared by the core worker entry (worker.ts) and the extension's (src/extension/fit/worker.ts).
 */
import type { FitRequest, FitResponse, WorkerPort } from './workerProtocol';

interface MessageScope {
  postMessage(msg: unknown): void;
  addEventListener(type: 'message', fn: (ev: { data: unknown }) => void): void;
}

export function hostPort(): WorkerPort {
  // Node: worker_threads is loaded lazily so a browser bundle never touches it.
  const wt = typeof process !== 'undefined' && process.versions?.node ? (require('node:worker_threads') as typeof import('node:worker_threads')) : null;
  if (wt?.parentPort) {
    const pp = wt.parentPort;
    return { post: (m: FitResponse) => pp.postMessage(m), onMessage: (h) => pp.on('message', (m: FitRequest) => h(m)) };
  }
  const scope = globalThis as unknown as MessageScope;
  return { post: (m: FitResponse) => scope.postMessage(m), onMessage: (h) => scope.addEventListener('message', (ev) => h(ev.data as FitRequest)) };
}

