/**
 * `npm run test:electron`: the same integration suite in desktop VS Code (Electron) through the standard
 * @vscode/test-electron launcher. It uses VSCODE_EXECUTABLE_PATH when set (an installed `code`), otherwise
 * downloads the stable build into .vscode-test/. The code-server harness (npm run test:integration) is the
 * path CI uses on machines without a desktop.
 */
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  // Compiled to out/test/integration/runElectron.js → the repo root is three levels up.
  const extensionDevelopmentPath = path.resolve(__dirname, '../../..');
  const extensionTestsPath = path.resolve(__dirname, 'suite/index');
  const workspace = path.resolve(extensionDevelopmentPath, 'test/fixtures/integration');
  const code = await runTests({
    extensionDevelopmentPath,
    extensionTestsPath,
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH || undefined,
    launchArgs: [workspace, '--disable-extensions', '--skip-welcome', '--skip-release-notes'],
  });
  process.exit(code);
}

main().catch((err: unknown) => {
  console.error('Failed to run integration tests:', err);
  process.exit(1);
});
