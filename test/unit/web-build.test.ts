/**
 * The one extension bundle (dist/extension.js, built by `npm run build` before the unit suite) is package.json's
 * `main` and `browser`: it must also run in a Web Worker extension host (vscode.dev, github.dev), where the only
 * module there is to require is `vscode`, and as the Web Worker that host starts for fits. A Node built-in required
 * at load (a new `import 'fs'` the build does not route through src/extension/web/) would fail activation in the
 * browser, which the desktop suite cannot see; this loads the bundle in a scope with no Node and looks. (Its worker
 * role in a Web Worker scope: fit-worker.test.ts.)
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { extensionHost } from './bundleScopes';

const ROOT = path.resolve(__dirname, '../..');
const file = path.join(ROOT, 'dist/extension.js');
const bundle = () => fs.readFileSync(file, 'utf8');

describe('the extension bundle in a browser (dist/extension.js as package.json `browser`)', () => {
  it('is the manifest’s `main` and `browser` entry, and the package ships it', () => {
    assert.ok(fs.existsSync(file), 'dist/extension.js is built by `npm run build`');
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.equal(manifest.main, './dist/extension.js');
    assert.equal(manifest.browser, './dist/extension.js');
    assert.match(fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8'), /^!dist\/extension\.js$/m);
  });

  it('loads in the web extension host’s scope requiring nothing, and activates requiring only `vscode`', () => {
    const host = extensionHost(bundle());
    assert.deepEqual(host.required, [], 'nothing is required at load');
    assert.deepEqual(Object.keys(host.exports).sort(), ['activate', 'deactivate', 'serveWorker']);
    const { api, subscriptions } = host.activate();
    assert.equal((api as { version?: string }).version, '0.0.0-test');
    assert.deepEqual(host.required, ['vscode'], 'activation in a browser requires vscode alone (once)');
    assert.ok(subscriptions > 20, `${subscriptions} commands and providers registered`);
    // Every require the bundle can make is `vscode` or a Node built-in, each behind a run-time check (the stand-ins
    // in src/extension/web/, core/csv/source.ts's reader): nothing from node_modules is left to load at run time.
    const names = [...new Set([...bundle().matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]))].sort();
    assert.deepEqual(names.filter((n) => n !== 'vscode' && !n.startsWith('node:')), [], names.join(', '));
    assert.ok(names.includes('node:worker_threads') && names.includes('vscode'), names.join(', '));
  });
});
