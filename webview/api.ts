/**
 * The webview side of the typed protocol: a thin typed wrapper over acquireVsCodeApi() so every message
 * the UI posts is a `WebviewMessage` and persisted state is a `PersistedState`.
 */
import type { HostMessage, PersistedState, WebviewMessage } from '../src/shared/protocol';
import { pageBoot, type VsCodeApi } from './bootTypes';

declare function acquireVsCodeApi(): VsCodeApi;

/** The boot script's API object (webview/boot.ts), or the page's own where the boot script did not run. */
const vscode = pageBoot()?.api ?? acquireVsCodeApi();

export function post(message: WebviewMessage): void {
  vscode.postMessage(message);
}

export function saveState(state: PersistedState): void {
  vscode.setState(state);
}

/** State saved by a previous incarnation of this panel (the host validates it again on restore). */
export function loadState(): unknown {
  return vscode.getState();
}

/**
 * Handle every message from the host, in order: first those the boot script kept (webview/boot.ts), then each
 * as it arrives. Taking the kept ones and listening happen in one task, so none falls between the two.
 */
export function onHostMessage(handler: (msg: HostMessage) => void): void {
  const handle = (data: HostMessage) => {
    try {
      handler(data);
    } catch (err) {
      post({ type: 'webviewError', message: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) });
    }
  };
  const early = pageBoot()?.takeEarly() ?? [];
  window.addEventListener('message', (e: MessageEvent<HostMessage>) => handle(e.data));
  for (const data of early) handle(data as HostMessage);
}

/**
 * Whether a batch is new: false for a batch with the same id as the one handled last (the host may send the same
 * state twice: as soon as it has a view, and again when the page says 'ready').
 */
export function batchGate(): (id: string) => boolean {
  let last: string | undefined;
  return (id) => {
    if (id === last) return false;
    last = id;
    return true;
  };
}
