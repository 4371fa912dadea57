/**
 * The one extension bundle (dist/extension.js, built by `npm run build` before the unit suite) is package.json's
 * `main` and `browser`: it must also run in a Web Worker extension host (vscode.dev, github.dev), where the only
 * module there is to require is `vscode`, and as the Web Worker that host starts for fits. A Node built-in required
 * at load (a new `import 'fs'` the build does not route through src/extension/web/) would fail activation in the
 * browser, which the desktop suite cannot see; this loads the bundle in a scope with no Node and looks.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import { lawCsv, webWorker } from './bundleWorker';
import { fitRuns } from '../../src/core/fit';
import { parseRunsCsv } from '../../src/core/csv';
import type { FitResponse } from '../../src/core/fit/workerProtocol';

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

  it('loads in the web extension host’s scope requiring nothing, and activates through `vscode` alone', () => {
    // The web host's CommonJS loader (module, exports, a require that knows only 'vscode'); no process, no Buffer.
    const required: string[] = [];
    const module = { exports: {} as Record<string, unknown> };
    const ctx = vm.createContext({ module, exports: module.exports, require: (m: string) => required.push(m) && undefined, self: {}, performance, TextDecoder, TextEncoder });
    vm.runInContext(bundle(), ctx, { filename: 'extension.js' });
    assert.deepEqual(required, [], 'nothing is required at load');
    assert.deepEqual(Object.keys(module.exports).sort(), ['activate', 'deactivate', 'serveWorker']);
    // Every require the bundle can make is `vscode` or a Node built-in behind the run-time check (src/extension/web/).
    const names = [...new Set([...bundle().matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]))].sort();
    assert.deepEqual(names, ['node:fs', 'node:os', 'node:path', 'node:worker_threads', 'vscode']);
  });

  it('runs as the fit Web Worker: no Node globals, a fit posts progress then the same result as in-process', () => {
    const { ctx, listeners, send } = webWorker(bundle());
    assert.strictEqual(vm.runInContext('[typeof process, typeof require, typeof Buffer].join()', ctx), 'undefined,undefined,undefined');
    assert.ok(listeners > 0, 'it listens through addEventListener (the Web Worker port)');
    const csv = lawCsv(60);
    const fitOpts = { bootstrap: 10, seed: 5, cv: 0, loo: false };
    const replies = send({ type: 'fit', csvText: csv, parseOpts: { fileName: 'web.csv' }, fitOpts }) as FitResponse[];
    const last = replies[replies.length - 1];
    assert.strictEqual(last.type, 'result', JSON.stringify(last).slice(0, 300));
    assert.ok(replies.length > 1 && replies.slice(0, -1).every((m) => m.type === 'progress'), 'progress events before the result');
    if (last.type !== 'result') return;
    assert.deepStrictEqual(last.result.params, fitRuns(parseRunsCsv(csv, { fileName: 'web.csv' }), fitOpts).toJSON().params);
  });
});
