/**
 * `fs` for the web extension: there is no local file system in a browser. The only Node file calls in the web
 * bundle are the CLI's bounded reader (src/cli/lib/files.ts), reached through the language-model tools that
 * run CLI commands in process: every file reports as absent (ENOENT), so a tool answers "cannot read" rather
 * than crashing. The extension itself reads files through vscode.workspace.fs. esbuild.mjs aliases `fs` and
 * `node:fs` to this file in the web build only.
 */
function noFile(path: unknown): never {
  const e = new Error(`no local file system in the browser: cannot open '${String(path)}'`) as Error & { code: string };
  e.code = 'ENOENT';
  throw e;
}
export const openSync = noFile;
export const statSync = noFile;
export const readSync = noFile;
export function closeSync(): void {
  /* nothing is ever open */
}
