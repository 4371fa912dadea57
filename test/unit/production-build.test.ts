/**
 * What users install is the production build packaged by `npm run package` (`node esbuild.mjs --production`, then
 * vsce): minified, no source maps, none of the integration tests' probes (TEST_BUILD code: the scalingLaws._test.*
 * commands, the page text each webview reports after a render), and small (issue 9: a VSIX of at most 250 KB).
 * A probe registered outside a TEST_BUILD guard, or a dependency or file that slips into the package, would ship
 * silently; this builds the production bundles into a temporary copy of the package's files, packages it with
 * the same vsce command, and looks.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');

describe('production build (what the VSIX ships)', function () {
  this.timeout(180000);
  let dir: string;
  let out: string;
  let packaged: string[];
  const read = (f: string) => fs.readFileSync(path.join(out, f), 'utf8');

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scaling-laws-prod-'));
    out = path.join(dir, 'dist');
    // The package's own files (what .vscodeignore lets through besides dist/), then the bundles built into dist/.
    for (const f of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', '.vscodeignore', 'schemas', 'media']) fs.cpSync(path.join(ROOT, f), path.join(dir, f), { recursive: true });
    execFileSync(process.execPath, ['esbuild.mjs', '--production', `--outdir=${out}`], { cwd: ROOT, stdio: 'pipe' });
    const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    const vsix = path.join(dir, 'package.vsix');
    // The flags of `npm run package`.
    execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', '-o', vsix], { cwd: dir, stdio: 'pipe' });
    packaged = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: dir, encoding: 'utf8' }).split('\n').filter(Boolean).sort();
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('builds the shipped bundles, minified, without source maps or the bench', () => {
    const files = fs.readdirSync(out).sort();
    for (const f of ['extension.js', 'webview.js', 'webview.css']) assert.ok(files.includes(f), `${f} in ${files.join(', ')}`);
    assert.deepStrictEqual(files.filter((f) => f.endsWith('.map') || f.startsWith('bench')), []);
    for (const f of ['extension.js', 'webview.js']) assert.ok(!read(f).includes('sourceMappingURL'), `${f} links no source map`);
    // Minified: few, long lines (the development extension.js has ~25k lines).
    assert.ok(read('extension.js').split('\n').length < 1000, 'extension.js is minified');
  });

  it('packages only the one extension bundle, the webview and the manifest’s files — no CLI, maps or tests', () => {
    assert.deepStrictEqual(packaged.filter((f) => f.startsWith('dist/')), ['dist/extension.js', 'dist/webview.css', 'dist/webview.js']);
    assert.deepStrictEqual(packaged.filter((f) => !/^(dist|schemas|media)\//.test(f)), ['CHANGELOG.md', 'LICENSE', 'README.md', 'package.json']);
  });

  it('carries no test probes: no scalingLaws._test.* command, no page-text report', () => {
    const ext = read('extension.js');
    assert.deepStrictEqual([...new Set(ext.match(/scalingLaws\._test\.\w+/g) ?? [])], [], 'test commands in the production extension.js');
    assert.ok(!/registerTestHooks|exposePanelForTests/.test(ext), 'no test-hook registration in the production extension.js');
    assert.ok(!read('webview.js').includes('innerText'), 'the production webview reads no page text');
  });
});
