/**
 * Where the extension's worker bundle is (src/extension/worker.ts: fits with their view, sweep plans,
 * IsoFLOP analyses): a worker_threads script by file path in the desktop host, a Web Worker bundle by URL in
 * the browser's worker host (src/extension/web/workerThreads.ts starts it from that URL).
 */
import * as vscode from 'vscode';

export const workerScript = (extensionUri: vscode.Uri): string =>
  WEB_BUILD
    ? vscode.Uri.joinPath(extensionUri, 'dist', 'fitWorker.web.js').toString(true)
    : vscode.Uri.joinPath(extensionUri, 'dist', 'fitWorker.js').fsPath;
