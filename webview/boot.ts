/**
 * The page's first script, put inline at the top of <body> before dist/webview.js (the extension carries it built,
 * as the string PAGE_BOOT_SCRIPT: esbuild.mjs, src/extension/common/html.ts). It says 'ready' before the browser has even parsed the main bundle (Chart.js and
 * the views, ~300 KB: 110–180 ms from the document's start to its first line in the real-VS-Code suite), so the
 * host's answer — the panel's init, its run and its view — travels while the bundle is parsed and compiled.
 *
 * Messages that arrive before the bundle listens are kept, in order, and handed over by `onHostMessage` in
 * webview/api.ts within the same task in which it starts listening: none is lost or reordered, even when the
 * HTML parser yields between the two scripts. `acquireVsCodeApi` may be called only once per page: the API
 * object is handed over too.
 */
import type { ViewKind } from '../src/shared/protocol';
import type { PageBoot, VsCodeApi } from './bootTypes';

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();
const early: unknown[] = [];
const keep = (e: MessageEvent) => early.push(e.data);
window.addEventListener('message', keep);
const boot: PageBoot = {
  api,
  takeEarly() {
    window.removeEventListener('message', keep);
    return early.splice(0);
  },
};
(window as unknown as { scalingLawsBoot: PageBoot }).scalingLawsBoot = boot;
api.postMessage({ type: 'ready', view: document.body.dataset.view as ViewKind });
