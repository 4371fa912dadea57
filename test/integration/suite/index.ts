/**
 * Integration-suite entry, loaded by the extension host through extensionTestsPath (code-server harness:
 * scripts/harness/run-tests.js). Runs every *.test.js next to it with
 * mocha and prints the plain closing line "N passed, N failed". A rejected promise makes the host exit 1.
 */
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  // MOCHA_GREP (e.g. VSCH_EXT_ENV='{"MOCHA_GREP":"Fit panel"}') runs a subset while developing.
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false, ...(process.env.MOCHA_GREP ? { grep: process.env.MOCHA_GREP } : {}) });
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const passes = runner.stats?.passes ?? 0;
      const pending = runner.stats?.pending ?? 0;
      if (process.env.HARNESS_RESULT_FILE) {
        fs.writeFileSync(process.env.HARNESS_RESULT_FILE, JSON.stringify({ passes, failures, pending }));
      }
      if (pending > 0) console.log(`${pending} skipped`);
      console.log(`${passes} passed, ${failures} failed`);
      if (files.length === 0) reject(new Error(`no *.test.js files in ${__dirname}`));
      else if (failures > 0) reject(new Error(`${failures} integration tests failed.`));
      else resolve();
    });
  });
}
