/**
 * Is this Node (the CLI; VS Code's desktop or remote extension host, or a worker_threads worker it started), or a
 * browser / Web Worker (the web extension host of vscode.dev, github.dev or code-server's browser host, or the
 * worker it starts)? The test VS Code itself makes (src/vs/base/common/platform.ts): a web worker has no
 * `process` with a Node version. The extension decides this at run time, not at build time, so one bundle serves
 * both hosts (src/extension/main.ts).
 */
export const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';
