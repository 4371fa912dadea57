/**
 * Worker entry, built twice by esbuild.mjs: dist/fitWorker.js (Node, worker_threads) and dist/fitWorker.web.js
 * (browser IIFE for a Web Worker; test/unit/fit-worker.test.ts runs it in a scope with no Node globals). The only
 * host-specific code is this port adapter: worker_threads' parentPort in Node, or the global scope (self) in a
 * Web Worker. In a browser, cancel with worker.terminate() unless the page is cross-origin isolated (the shared
 * cancel flag needs SharedArrayBuffer).
 */
import { serveFits } from './workerCore';
import type { WorkerRequest, WorkerResponse, WorkerPort } from './workerProtocol';

interface MessageScope {
  postMessage(msg: unknown): void;
  addEventListener(type: 'message', fn: (ev: { data: unknown }) => void): void;
}

function hostPort(): WorkerPort {
  // Node: worker_threads is loaded lazily so a browser bundle never touches it.
  const wt = typeof process !== 'undefined' && process.versions?.node ? (require('node:worker_threads') as typeof import('node:worker_threads')) : null;
  if (wt?.parentPort) {
    const pp = wt.parentPort;
    return { post: (m: WorkerResponse) => pp.postMessage(m), onMessage: (h) => pp.on('message', (m: WorkerRequest) => h(m)) };
  }
  const scope = globalThis as unknown as MessageScope;
  return { post: (m: WorkerResponse) => scope.postMessage(m), onMessage: (h) => scope.addEventListener('message', (ev) => h(ev.data as WorkerRequest)) };
}

serveFits(hostPort());
