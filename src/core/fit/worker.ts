/**
 * Worker entry, built twice by esbuild.mjs: dist/fitWorker.js (Node, worker_threads) and dist/fitWorker.web.js
 * (browser IIFE for a Web Worker; test/unit/fit-worker.test.ts runs it in a scope with no Node globals). The only
 * host-specific code is this port adapter: worker_threads' parentPort in Node, or the global scope (self) in a
 * Web Worker. In a browser, cancel with worker.terminate() unless the page is cross-origin isolated (the shared
 * cancel flag needs SharedArrayBuffer).
 */
import { serveFits } from './workerCore';
import { hostPort } from './workerHost';

serveFits(hostPort());
