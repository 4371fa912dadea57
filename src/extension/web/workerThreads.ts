/**
 * `worker_threads` / `node:worker_threads` in the extension bundle (esbuild.mjs resolves both to this file):
 * Node's own module under Node; in a web worker (vscode.dev, github.dev, code-server's browser host) the subset the
 * worker client uses (src/core/worker/client.ts: `new Worker(script)`, `on('message'|'error'|'exit')`,
 * `postMessage`, `terminate`) on top of a Web Worker, so the same client code runs in both hosts.
 *
 * The worker script is the extension bundle itself (src/extension/main.ts), by URL. The extension's files are
 * served from another origin than the extension host's own worker, and a Worker must be same-origin: the bundle is
 * fetched once and started from a Blob URL (workerBootstrap.ts). Messages posted before the worker has started are
 * queued.
 */
import { isNode } from '../../core/platform';
import { workerSource } from './workerBootstrap';

type Listener = (value: unknown) => void;

/** One Blob URL per worker script for the session: every fit starts a fresh worker from it without a fetch. */
const blobs = new Map<string, Promise<string>>();
function blobUrl(scriptUrl: string): Promise<string> {
  let url = blobs.get(scriptUrl);
  if (!url) {
    url = fetch(scriptUrl)
      .then((r) => {
        if (!r.ok) throw new Error(`could not load the worker script (${r.status} ${r.statusText}): ${scriptUrl}`);
        return r.text();
      })
      .then((code) => URL.createObjectURL(new Blob([workerSource(code)], { type: 'text/javascript' })));
    url.catch(() => blobs.delete(scriptUrl)); // a failed fetch is retried by the next worker
    blobs.set(scriptUrl, url);
  }
  return url;
}

class WebWorker {
  private worker: globalThis.Worker | undefined;
  private queue: unknown[] = [];
  private terminated = false;
  private listeners: Record<'message' | 'error' | 'exit', Listener[]> = { message: [], error: [], exit: [] };

  /** `scriptUrl`: the URL of the extension bundle (dist/extension.js under the extension's URI). */
  constructor(scriptUrl: string) {
    blobUrl(scriptUrl)
      .then((url) => {
        if (this.terminated) return;
        const w = new globalThis.Worker(url);
        w.onmessage = (ev) => this.emit('message', ev.data);
        w.onerror = (ev) => this.emit('error', new Error(ev.message || 'the worker failed'));
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
    return Promise.resolve(0);
  }

  private emit(event: 'message' | 'error' | 'exit', value: unknown): void {
    for (const fn of this.listeners[event]) fn(value);
  }
}

export = isNode ? (require('node:worker_threads') as typeof import('node:worker_threads')) : { Worker: WebWorker, parentPort: null, isMainThread: true };
