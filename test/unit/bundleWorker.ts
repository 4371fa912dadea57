/**
 * Helpers for tests of the built extension bundle (dist/extension.js, or a production build of it) in its worker
 * role: a Web Worker scope to run it in, and a small runs CSV to fit.
 */
import * as vm from 'vm';
import { workerSource } from '../../src/extension/web/workerBootstrap';

/** n runs on a noiseless Chinchilla-like grid (7 sizes × 11 token counts, cycled). */
export function lawCsv(n: number): string {
  const rows = ['N,D,loss'];
  for (let i = 0; i < n; i++) rows.push(`${1e7 * (1 + (i % 7))},${1e9 * (1 + (i % 11))},${(2 + 10 / (1 + (i % 7)) ** 0.3 + 5 / (1 + (i % 11)) ** 0.3).toFixed(5)}`);
  return rows.join('\n');
}

/**
 * The bundle started as src/extension/web/workerThreads.ts starts it, in a dedicated-worker-like global: the
 * JavaScript built-ins of a fresh V8 context plus the Web APIs a worker has that the bundle uses (postMessage,
 * addEventListener, performance, TextDecoder/TextEncoder) — no process, require, Buffer or worker_threads.
 * `send` delivers one request and returns the replies posted while handling it (as JSON, as a structured clone
 * would carry them).
 */
export function webWorker(bundle: string): { ctx: vm.Context; listeners: number; send: (req: unknown) => unknown[] } {
  const posted: unknown[] = [];
  const listeners: Array<(ev: { data: unknown }) => void> = [];
  const ctx = vm.createContext({
    postMessage: (m: unknown) => posted.push(m),
    addEventListener: (type: string, fn: (ev: { data: unknown }) => void) => type === 'message' && listeners.push(fn),
    performance,
    TextDecoder,
    TextEncoder,
  });
  vm.runInContext('globalThis.self = globalThis;', ctx);
  vm.runInContext(workerSource(bundle), ctx, { filename: 'extension.js (Web Worker)' });
  return {
    ctx,
    listeners: listeners.length,
    send: (req) => {
      posted.length = 0;
      for (const fn of listeners) fn({ data: structuredClone(req) });
      return posted.map((m) => JSON.parse(JSON.stringify(m)));
    },
  };
}
