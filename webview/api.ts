/**
 * The webview side of the typed protocol: a thin typed wrapper over acquireVsCodeApi() so every message
 * the UI posts is a `WebviewMessage` and persisted state is a `PersistedState`.
 */
import type { HostMessage, PersistedState, WebviewMessage } from '../src/shared/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

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

export function onHostMessage(handler: (msg: HostMessage) => void): void {
  window.addEventListener('message', (e: MessageEvent<HostMessage>) => {
    try {
      handler(e.data);
    } catch (err) {
      post({ type: 'webviewError', message: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) });
    }
  });
}
