/**
 * The HTML shell shared by every panel: a strict Content-Security-Policy (default-src 'none'; scripts and styles
 * only with a per-load nonce; fonts and images only from the extension's own bundle), the bundled
 * dist/webview.js + dist/webview.css, and <body data-view> naming the view. No user data is ever put into
 * this HTML: the page receives data through postMessage and renders it as text.
 *
 * The scripts and stylesheet are put inline (each with the nonce), read once per session from dist/. A webview
 * fetches linked files through its service worker and the workbench; in a real VS Code that took 200–350 ms of a
 * panel's first paint, as long for the 10 KB stylesheet as for the script (latency, not size). Inline content
 * travels with the HTML instead. A bundle that holds text which could end or re-open its element (`</script`,
 * `<script`, `<!--`, `</style`) is linked as a file instead (the build is checked not to, test/unit).
 */
import * as vscode from 'vscode';
import type { ViewKind } from '../../shared/protocol';
import { inlineable } from '../../shared/pageShell';

/** Only the bundle and the icons may be loaded by a panel. */
export function localResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: localResourceRoots(extensionUri), enableFindWidget: true };
}

/** The page's scripts and styles as text, or null where they must be linked as files. */
export interface PageAssets {
  /** webview/boot.ts: says 'ready' before the main script is parsed, and keeps the host's messages till then. */
  boot: string;
  js: string;
  css: string;
}

const assetCache = new Map<string, Promise<PageAssets | null>>();
const assetsRead = new Map<string, PageAssets | null>();

/**
 * dist/webview.js and dist/webview.css, read once per extension folder (any file system: desktop or web).
 * Activation starts the read (common/index.ts), so a panel opened later sets its HTML at once (`pageAssetsRead`):
 * read when the panel opens, the file system's answer waited behind the workbench's work of opening the
 * panel — the HTML was set 200–300 ms after the command in the real-VS-Code suite.
 */
export function pageAssets(extensionUri: vscode.Uri): Promise<PageAssets | null> {
  const key = extensionUri.toString();
  let p = assetCache.get(key);
  if (!p) {
    const read = async (name: string) => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', name)));
    p = Promise.all([read('webview.js'), read('webview.css')]).then(
      ([js, css]) => (inlineable(js, css) && inlineable(PAGE_BOOT_SCRIPT, '') ? { boot: PAGE_BOOT_SCRIPT, js, css } : null),
      () => null, // unreadable here: the webview loads the linked files itself
    );
    void p.then((assets) => assetsRead.set(key, assets));
    assetCache.set(key, p);
  }
  return p;
}

/** The assets if `pageAssets` has finished reading them (null: linked instead), else undefined. */
export function pageAssetsRead(extensionUri: vscode.Uri): PageAssets | null | undefined {
  return assetsRead.get(extensionUri.toString());
}

export function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri, view: ViewKind, title: string, inline: PageAssets | null = null): string {
  // Web Crypto (global in Node ≥ 19 and in the browser extension host): 18 random bytes, base64.
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(18))));
  const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', name)).toString();
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const styles = inline ? `<style nonce="${nonce}">${inline.css}</style>` : `<link rel="stylesheet" href="${asset('webview.css')}">`;
  // Linked files go without the boot script: webview/ready.ts then says 'ready' (see webview/boot.ts).
  const boot = inline ? `<script nonce="${nonce}">${inline.boot}</script>\n` : '';
  const script = inline ? `<script nonce="${nonce}">${inline.js}</script>` : `<script nonce="${nonce}" src="${asset('webview.js')}"></script>`;
  // `title` is one of the extension's fixed strings, never user data (file names go through postMessage).
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
${styles}
<title>${title}</title>
</head>
<body data-view="${view}">
${boot}<main id="root"><p class="status">Loading…</p></main>
${script}
</body>
</html>`;
}
