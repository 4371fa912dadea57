/**
 * The HTML shell shared by every panel: a strict Content-Security-Policy (default-src 'none'; scripts only
 * with a per-load nonce; styles, fonts and images only from the extension's own bundle), the bundled
 * dist/webview.js + dist/webview.css, and <body data-view> naming the view. No user data is ever put into
 * this HTML: the page receives data through postMessage and renders it as text.
 */
import * as vscode from 'vscode';
import type { ViewKind } from '../../shared/protocol';

/** Only the bundle and the icons may be loaded by a panel. */
export function localResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: localResourceRoots(extensionUri), enableFindWidget: true };
}

export function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri, view: ViewKind, title: string): string {
  // Web Crypto (global in Node ≥ 19 and in the browser extension host): 18 random bytes, base64.
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(18))));
  const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', name)).toString();
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  // `title` is one of the extension's fixed strings, never user data (file names go through postMessage).
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${asset('webview.css')}">
<title>${title}</title>
</head>
<body data-view="${view}">
<main id="root"><p class="status">Loading…</p></main>
<script nonce="${nonce}" src="${asset('webview.js')}"></script>
</body>
</html>`;
}
