/** What webview/boot.ts hands to the main bundle (webview/api.ts) on `window.scalingLawsBoot`. */
export interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

export interface PageBoot {
  /** The page's one VS Code API object (acquireVsCodeApi may be called only once). */
  api: VsCodeApi;
  /** The host's messages received so far, in order; from now on the caller listens itself. */
  takeEarly(): unknown[];
}

/** The boot script's hand-over, when it ran (a page whose shell links its scripts as files has none). */
export function pageBoot(): PageBoot | undefined {
  return (window as unknown as { scalingLawsBoot?: PageBoot }).scalingLawsBoot;
}
