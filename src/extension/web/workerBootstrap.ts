/**
 * The script a Web Worker runs for the extension's worker (src/extension/web/workerThreads.ts starts it from a
 * Blob URL): the extension bundle, dist/extension.js, wrapped as a CommonJS loader would (its own scope, a
 * `module` to assign its exports to), then its worker role started (src/extension/main.ts: serveWorker). Nothing
 * in the bundle runs `require` at load, so the worker needs no module loader.
 */
export function workerSource(bundle: string): string {
  return `var module = { exports: {} };\n(function (module, exports) {\n${bundle}\n})(module, module.exports);\nmodule.exports.serveWorker();\n`;
}
