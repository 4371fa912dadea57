/**
 * `fs` for the web extension: there is no local file system in a browser. The few synchronous reads the
 * desktop build makes (a backward config's architecture file, a free file name for a new config) report the
 * file as absent, so the config shows "cannot read" rather than a crash; workspace files are read through
 * vscode.workspace.fs everywhere else. esbuild.mjs aliases `fs` and `node:fs` to this file in the web build only.
 */
export function existsSync(): boolean {
  return false;
}

export function readFileSync(path: string): never {
  throw new Error(`cannot read '${path}' synchronously in the browser`);
}
