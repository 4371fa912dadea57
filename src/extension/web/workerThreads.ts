/**
 * `node:worker_threads` for the web extension (vscode.dev, github.dev, code-server's browser host): the subset
 * the worker client uses (src/core/worker/client.ts: `new Worker(path)`, `on('message'|'error'|'exit')`,
 * `postMessage`, `terminate`) on top of a Web Worker, so the same client code runs in both hosts. esbuild.mjs
 * aliases `node:worker_threads` to this file in the web build only.
 *
 * The extension's files are served from another origin than the extension host's own worker, and a Worker must
 * be same-origin: the script is fetched and started from a Blob URL. Messages posted before it has started are
 * queued.
 */
type Listener = (value: unknown) => void;

export class Worker {
  private worker: globalThis.Worker | undefined;
  private queue: unknown[] = [];
  private terminated = false;
  private blobUrl: string | undefined;
  private listeners: Record<'message' | 'error' | 'exit', Listener[]> = { message: [], error: [], exit: [] };

  /** `scriptUrl`: the URL of the worker bundle (dist/fitWorker.web.js under the extension's URI). */
  constructor(scriptUrl: string) {
    fetch(scriptUrl)
      .then((r) => {
        if (!r.ok) throw new Error(`could not load the fit worker (${r.status} ${r.statusText}): ${scriptUrl}`);
        return r.text();
      })
      .then((code) => {
        if (this.terminated) return;
        // The URL stays valid until terminate(): the worker may load it after this call returns.
        this.blobUrl = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
        const w = new globalThis.Worker(this.blobUrl);
        w.onmessage = (ev) => this.emit('message', ev.data);
        w.onerror = (ev) => this.emit('error', new Error(ev.message || 'the fit worker failed'));
        this.worker = w;
        for (const m of this.queue) w.postMessage(m);
        this.queue = [];
      })
      .catch((e: unknown) => this.emit('error', e instanceof Error ? e : new Error(String(e))));
  }

  on(event: 'message' | 'error' | 'exit', fn: Listener): this {
    this.listeners[event].push(fn);
    return this;
  }

  postMessage(message: unknown): void {
    if (this.worker) this.worker.postMessage(message);
    else this.queue.push(message);
  }

  terminate(): Promise<number> {
    this.terminated = true;
    this.worker?.terminate();
    if (this.blobUrl) URL.revokeObjectURL(this.blobUrl);
    return Promise.resolve(0);
  }

  private emit(event: 'message' | 'error' | 'exit', value: unknown): void {
    for (const fn of this.listeners[event]) fn(value);
  }
}
