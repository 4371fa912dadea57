/**
 * The entry of the one bundle users install, dist/extension.js (esbuild.mjs). It is package.json's `main` (the
 * Node extension host: desktop, remote) and `browser` (the Web Worker extension host: vscode.dev, github.dev,
 * code-server's browser host), and it is also the worker those hosts start for fits, training logs, sweep plans
 * and IsoFLOP analyses (src/extension/worker.ts): under Node as a worker_threads script, in a browser as a Web
 * Worker (src/extension/web/workerThreads.ts). One file rather than one bundle per role and host, because the
 * roles share most of their code (src/core); which host runs it is decided at run time (src/core/platform.ts).
 *
 * Each role's modules are required on first use, so the extension host does not run the worker's module code,
 * and a worker never loads `vscode` (which exists only in the extension host).
 */
import type * as vscode from 'vscode';
import { isNode } from '../core/platform';
import type * as Extension from './extension';

/** The extension host's role: src/extension/extension.ts. */
const host = () => require('./extension') as typeof Extension;

/** The worker's role: serve requests on this thread (the web host's worker bootstrap calls it; Node's: below). */
function serveWorker(): void {
  require('./worker');
}

// Node: the extension host runs extensions on its main thread, so a worker thread loading this file is ours.
if (isNode && !(require('node:worker_threads') as typeof import('node:worker_threads')).isMainThread) serveWorker();

export = {
  activate: (context: vscode.ExtensionContext): Extension.ScalingLawsApi => host().activate(context),
  deactivate: (): void => host().deactivate(),
  serveWorker,
};
