/**
 * The worker's end of its message port: worker_threads' parentPort in Node, or the global scope (self) in a Web
 * Worker. Used by the extension's worker entry (src/extension/worker.ts) with ../worker/server.ts.
 */
import { isNode } from '../platform';
import type { WorkerPort } from './workerProtocol';

interface MessageScope {
  postMessage(msg: unknown): void;
  addEventListener(type: 'message', fn: (ev: { data: unknown }) => void): void;
}

export function hostPort<Req, Res>(): WorkerPort<Req, Res> {
  // Node: worker_threads is loaded lazily so a browser bundle never touches it.
  const wt = isNode ? (require('node:worker_threads') as typeof import('node:worker_threads')) : null;
  if (wt?.parentPort) {
    const pp = wt.parentPort;
    return { post: (m: Res) => pp.postMessage(m), onMessage: (h) => pp.on('message', (m: Req) => h(m)) };
  }
  const scope = globalThis as unknown as MessageScope;
  return { post: (m: Res) => scope.postMessage(m), onMessage: (h) => scope.addEventListener('message', (ev) => h(ev.data as Req)) };
}

