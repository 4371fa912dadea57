/** The panels' log (Output ▸ Scaling Laws): dropped messages, webview errors, timings. */
import * as vscode from 'vscode';

export const log = vscode.window.createOutputChannel('Scaling Laws', { log: true });
