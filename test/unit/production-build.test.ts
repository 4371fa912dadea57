/**
 * What users install is the production build (`npm run package` → `node esbuild.mjs --production`): minified,
 * no source maps, and none of the integration tests' probes (TEST_BUILD code: the scalingLaws._test.*
 * commands, the page text each webview reports after a render). A probe registered outside a TEST_BUILD
 * guard would ship silently; this builds the production bundles into a temporary folder and looks.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');

describe('production build (what the VSIX ships)', function () {
  this.timeout(180000);
  let out: string;
  const read = (f: string) => fs.readFileSync(path.join(out, f), 'utf8');

  before(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'scaling-laws-prod-'));
    execFileSync(process.execPath, ['esbuild.mjs', '--production', `--outdir=${out}`], { cwd: ROOT, stdio: 'pipe' });
  });
  after(() => fs.rmSync(out, { recursive: true, force: true }));

  it('builds the shipped bundles, minified, without source maps or the bench', () => {
    const files = fs.readdirSync(out).sort();
    for (const f of ['extension.js', 'fitWorker.js', 'webview.js', 'webview.css']) assert.ok(files.includes(f), `${f} in ${files.join(', ')}`);
    assert.deepStrictEqual(files.filter((f) => f.endsWith('.map') || f.startsWith('bench')), []);
    for (const f of ['extension.js', 'webview.js']) assert.ok(!read(f).includes('sourceMappingURL'), `${f} links no source map`);
    // Minified: few, long lines (the development extension.js has ~15k lines).
    assert.ok(read('extension.js').split('\n').length < 1000, 'extension.js is minified');
  });

  it('carries no test probes: no scalingLaws._test.* command, no page-text report', () => {
    const ext = read('extension.js');
    assert.deepStrictEqual([...new Set(ext.match(/scalingLaws\._test\.\w+/g) ?? [])], [], 'test commands in the production extension.js');
    assert.ok(!read('webview.js').includes('innerText'), 'the production webview reads no page text');
  });
});
