/**
 * The web extension bundle (dist/web/extension.js, built by `npm run build` before the unit suite) runs in a Web
 * Worker extension host: it may require nothing but `vscode`. A Node built-in slipping in (a new `import 'fs'` in
 * a feature) would fail activation on vscode.dev, which the desktop suite cannot see.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');

describe('web extension bundle', () => {
  const file = path.join(ROOT, 'dist/web/extension.js');
  it('is built and requires only vscode', () => {
    assert.ok(fs.existsSync(file), 'dist/web/extension.js is built by `npm run build`');
    const text = fs.readFileSync(file, 'utf8');
    const required = [...new Set([...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]))];
    assert.deepEqual(required, ['vscode']);
    assert.ok(text.length > 100_000, 'the whole extension, not a stub');
  });
  it('the manifest points its browser entry at it, and the package ships it with the web fit worker', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.equal(manifest.browser, './dist/web/extension.js');
    const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
    assert.match(ignore, /^!dist\/web\/extension\.js$/m);
    assert.match(ignore, /^!dist\/fitWorker\.web\.js$/m);
  });
});
