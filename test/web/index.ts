/**
 * The web extension's suite: bundled for the browser (esbuild.mjs → out/test/web/index.js) and run by VS Code
 * inside the Web Worker extension host (code-server's browser host here, as on vscode.dev), with mocha's
 * browser build. scripts/harness/run-integration.sh runs it after the desktop suite.
 */
import 'mocha/mocha';

declare const mocha: { setup(options: Record<string, unknown>): void; run(done: (failures: number) => void): void };

// mocha.run() reads `location.search` for a ?grep=; VS Code's web worker extension host has no `location`.
const scope = globalThis as { location?: { search: string } };
if (!scope.location) scope.location = { search: '' };

export function run(): Promise<void> {
  return new Promise((resolve, reject) => {
    // setup() defines describe/it on the global scope: only then may the test files load.
    mocha.setup({ ui: 'bdd', reporter: undefined, timeout: 120000 });
    require('./web.test');
    mocha.run((failures) => {
      // The plain closing line CI reads, for the web host's part of the run.
      console.log(`web: ${(globalThis as { __webPassed?: number }).__webPassed ?? 0} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} web test(s) failed`));
      else resolve();
    });
  });
}
