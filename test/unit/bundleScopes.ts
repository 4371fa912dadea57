/**
 * Helpers for tests of the built extension bundle (dist/extension.js, or a production build of it): the scopes it
 * runs in without Node — the web extension host (a CommonJS loader that knows only `vscode`) and a Web Worker —
 * and a small runs CSV to fit.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';

const nodeRequire = require;
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
 * `send` delivers one message and returns the replies posted while handling it (as JSON, as a structured clone
 * would carry them), once pending promises have settled (request handlers are async).
 */
export function webWorker(bundle: string): { ctx: vm.Context; listeners: number; send: (message: unknown) => Promise<unknown[]> } {
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
    send: async (message) => {
      posted.length = 0;
      for (const fn of listeners) fn({ data: structuredClone(message) });
      await new Promise((r) => setImmediate(r));
      return posted.map((m) => JSON.parse(JSON.stringify(m)));
    },
  };
}

/** A stand-in for the `vscode` API: every top-level name of @types/vscode, each a callable that returns itself. */
function vscodeApiStub(): Record<string, unknown> {
  const any = (): unknown => {
    const p: unknown = new Proxy(function () {}, {
      get: (_t, k) => (k === 'then' ? undefined : k === Symbol.iterator ? function* () {} : k === Symbol.toPrimitive ? () => 1 : p),
      apply: () => p,
      construct: () => p as object,
      set: () => true,
      defineProperty: () => true,
    });
    return p;
  };
  const dts = fs.readFileSync(path.join(__dirname, '../../node_modules/@types/vscode/index.d.ts'), 'utf8');
  const names = new Set([...dts.matchAll(/^\s*export (?:class|namespace|enum|function|const|let) (\w+)/gm)].map((m) => m[1]));
  return Object.fromEntries([...names].map((n) => [n, any()]));
}

/**
 * The bundle loaded as the web extension host loads it: a CommonJS wrapper whose `require` knows only `vscode`,
 * in a fresh V8 context with no process or Buffer. With `node`, as the Node extension host does: `process` and
 * `Buffer` exist and `require` also gives Node's built-ins. `required` lists every module it asked for; `activate`
 * calls its activate() with a minimal extension context.
 */
export function extensionHost(bundle: string, node = false): { exports: Record<string, unknown>; required: string[]; activate: () => { api: unknown; subscriptions: number } } {
  const required: string[] = [];
  const api = vscodeApiStub();
  const module = { exports: {} as Record<string, unknown> };
  const require = (m: string) => {
    required.push(m);
    if (m === 'vscode') return api;
    if (node && m.startsWith('node:')) return nodeRequire(m);
    throw new Error(`Cannot load module '${m}'`);
  };
  const globals = { module, exports: module.exports, require, performance, TextDecoder, TextEncoder, setTimeout, clearTimeout, console };
  const ctx = vm.createContext(node ? { ...globals, process, Buffer } : globals);
  vm.runInContext(bundle, ctx, { filename: `extension.js (${node ? 'Node' : 'web'} extension host)` });
  return {
    exports: module.exports,
    required,
    activate: () => {
      const stub = api.Uri;
      const context = { subscriptions: [] as unknown[], extensionUri: stub, extension: { packageJSON: { version: '0.0.0-test' } }, extensionMode: 3, globalState: stub, workspaceState: stub, globalStorageUri: stub, storageUri: stub, logUri: stub };
      const result = (module.exports.activate as (c: unknown) => unknown)(context);
      return { api: result, subscriptions: context.subscriptions.length };
    },
  };
}
