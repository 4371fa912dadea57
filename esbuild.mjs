// Build script (modelled on rust-analyzer's editors/code): one esbuild context per target.
//   dist/extension.js  — extension host (CommonJS, vscode external)
//   dist/web/extension.js — the same extension for the web extension host (vscode.dev, github.dev, code-server's
//                        browser worker): Node modules aliased to src/extension/web/ and path-browserify
//   dist/cli.js        — headless CLI (`scaling-laws`), same core
//   dist/fitWorker.js  — worker_threads entry for long fits (core worker + the fit panel's view builder)
//   dist/fitWorker.web.js — the same worker entry for a Web Worker (browser, IIFE)
//   dist/bench.js      — `npm run bench`
//   dist/webview.js    — the panel UI (browser, IIFE)
//   out/test/...       — integration suite run inside a real VS Code extension host
//   out/test/web/...   — the web extension's suite (browser bundle with mocha's browser build)
//
// Two builds:
//   node esbuild.mjs               the development / integration-test build: source maps, unminified, and the
//                                  test probes compiled in (TEST_BUILD = true: the `scalingLaws._test.*`
//                                  commands, the page text each webview reports after a render).
//   node esbuild.mjs --production  what users install (`npm run package`): minified, no source maps,
//                                  TEST_BUILD = false so the probes are dropped as dead code; only the
//                                  shipped bundles and the CLI, no bench or tests.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, rmSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
// --outdir=DIR puts the bundles elsewhere than dist/ (the unit suite checks a production build that way).
const dist = process.argv.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'dist';

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  define: { TEST_BUILD: String(!production), WEB_BUILD: 'false' },
  // jsonc-parser's UMD "main" entry confuses bundlers; its ESM "module" build bundles cleanly.
  mainFields: ['module', 'main'],
};

const node = { ...common, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] };

const exists = (p) => existsSync(p);
// The web extension host is a Web Worker: no Node built-ins. The few the extension imports get browser
// stand-ins (src/extension/web/*: a worker_threads Worker over a Web Worker, a file system that has no files).
const web = {
  ...common, platform: 'browser', format: 'cjs', target: 'es2022', external: ['vscode'],
  mainFields: ['browser', 'module', 'main'],
  define: { ...common.define, WEB_BUILD: 'true' },
  alias: {
    path: 'path-browserify', 'node:path': 'path-browserify',
    fs: './src/extension/web/fs.ts', 'node:fs': './src/extension/web/fs.ts',
    os: './src/extension/web/os.ts', 'node:os': './src/extension/web/os.ts',
    'node:worker_threads': './src/extension/web/workerThreads.ts',
  },
};
const targets = [
  { ...node, entryPoints: ['src/extension/extension.ts'], outfile: `${dist}/extension.js` },
  { ...web, entryPoints: ['src/extension/extension.ts'], outfile: `${dist}/web/extension.js` },
  { ...node, entryPoints: ['src/cli/main.ts'], outfile: `${dist}/cli.js`, banner: { js: '#!/usr/bin/env node' } },
  exists('src/extension/worker.ts') && { ...node, entryPoints: ['src/extension/worker.ts'], outfile: `${dist}/fitWorker.js` },
  exists('src/core/logs/worker.ts') && { ...node, entryPoints: ['src/core/logs/worker.ts'], outfile: `${dist}/logsWorker.js` },
  // worker.ts requires node:worker_threads lazily and only under Node, so the browser build leaves it external;
  // papaparse's "browser" build drops its Node-stream reader (require('stream')).
  exists('src/extension/worker.ts') && {
    ...common, platform: 'browser', format: 'iife', target: 'es2022', external: ['node:worker_threads'],
    mainFields: ['browser', 'module', 'main'],
    // The extension's worker entry (the core worker plus the panel's view builder), as dist/fitWorker.js.
    entryPoints: ['src/extension/worker.ts'], outfile: `${dist}/fitWorker.web.js`,
  },
  !production && exists('scripts/bench.ts') && { ...node, entryPoints: ['scripts/bench.ts'], outfile: `${dist}/bench.js` },
  exists('webview/main.ts') && {
    ...common, platform: 'browser', format: 'iife', target: 'es2022',
    entryPoints: ['webview/main.ts'], outfile: `${dist}/webview.js`,
  },
];

// Integration tests: every test/integration/**/*.ts compiled (not bundled, except the vscode-free helpers).
const integrationDir = 'test/integration';
if (!production && exists(integrationDir)) {
  const entries = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = `${d}/${e.name}`;
      if (e.isDirectory()) walk(p); else if (p.endsWith('.ts')) entries.push(p);
    }
  };
  walk(integrationDir);
  if (entries.length) {
    targets.push({ ...node, entryPoints: entries, outbase: integrationDir, outdir: 'out/test/integration', bundle: true, external: ['vscode', 'mocha'] });
  }
}
// The web suite: one browser bundle (mocha's browser build included) that the web extension host loads.
if (!production && exists('test/web/index.ts')) {
  targets.push({ ...web, entryPoints: ['test/web/index.ts'], outfile: 'out/test/web/index.js' });
}

const list = targets.filter(Boolean);
if (watch) {
  const ctxs = await Promise.all(list.map((t) => esbuild.context(t)));
  await Promise.all(ctxs.map((c) => c.watch()));
  console.log('[esbuild] watching', list.length, 'targets');
} else {
  // A production build starts from an empty dist/, so no development leftovers (source maps, bench) linger.
  if (production) rmSync(dist, { recursive: true, force: true });
  const t0 = Date.now();
  await Promise.all(list.map((t) => esbuild.build(t)));
  console.log(`[esbuild] built ${list.length} ${production ? 'production' : 'development/test'} targets in ${Date.now() - t0} ms`);
}
