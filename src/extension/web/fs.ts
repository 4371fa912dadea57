/**
 * `fs` / `node:fs` in the extension bundle (esbuild.mjs resolves both to this file): Node's own module under
 * Node; in a web worker, where there is no local file system, a stand-in. The only Node file calls the web host
 * can reach are the CLI's bounded reader (src/cli/lib/files.ts, through the language-model tools that run CLI
 * commands in process) and a referenced architecture file's read (src/extension/configs/cache.ts, which treats
 * any failure as "not readable"): every file reports as absent (ENOENT), so a tool answers "cannot read" rather
 * than crashing. The extension itself reads files through vscode.workspace.fs.
 */
import { isNode } from '../../core/platform';

function noFile(path: unknown): never {
  const e = new Error(`no local file system in the browser: cannot open '${String(path)}'`) as Error & { code: string };
  e.code = 'ENOENT';
  throw e;
}
const webFs = {
  openSync: noFile,
  statSync: noFile,
  readSync: noFile,
  closeSync(): void {
    /* nothing is ever open */
  },
  promises: {
    open: (path: unknown) => Promise.reject(new Error(`no local file system in the browser: cannot open '${String(path)}'`)),
    stat: (path: unknown) => Promise.reject(new Error(`no local file system in the browser: cannot stat '${String(path)}'`)),
  },
  constants: {},
};

export = isNode ? (require('node:fs') as typeof import('node:fs')) : webFs;
