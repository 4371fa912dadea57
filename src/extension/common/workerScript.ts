/**
 * Where the extension's worker script is: the extension bundle itself, dist/extension.js (src/extension/main.ts
 * serves worker requests when started as a worker; src/extension/worker.ts: fits with their view, training logs,
 * sweep plans, IsoFLOP analyses). A worker_threads script by file path in the Node extension host, a URL in the
 * web worker host (src/extension/web/workerThreads.ts starts a Web Worker from it).
 */
import * as vscode from 'vscode';
import { isNode } from '../../core/platform';

export const workerScript = (extensionUri: vscode.Uri): string => {
  const bundle = vscode.Uri.joinPath(extensionUri, 'dist', 'extension.js');
  return isNode ? bundle.fsPath : bundle.toString(true);
};
