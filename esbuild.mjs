// Build script (modelled on rust-analyzer's editors/code): one esbuild context per target.
//   dist/extension.js  — extension host (CommonJS, vscode external)
//   dist/cli.js        — headless CLI (`scaling-laws`), same core
//   dist/fitWorker.js  — worker_threads entry for long fits
//   dist/fitWorker.web.js — the same worker entry for a Web Worker (browser, IIFE)
//   dist/bench.js      — `npm run bench`
//   dist/webview.js    — the panel UI (browser, IIFE)
//   out/test/...       — integration suite run inside a real VS Code extension host
import * as esbuild from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // jsonc-parser's UMD "main" entry confuses bundlers; its ESM "module" build bundles cleanly.
  mainFields: ['module', 'main'],
};

const node = { ...common, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] };

const exists = (p) => existsSync(p);
const targets = [
  { ...node, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js' },
  { ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  exists('src/core/fit/worker.ts') && { ...node, entryPoints: ['src/core/fit/worker.ts'], outfile: 'dist/fitWorker.js' },
  // worker.ts requires node:worker_threads lazily and only under Node, so the browser build leaves it external;
  // papaparse's "browser" build drops its Node-stream reader (require('stream')).
  exists('src/core/fit/worker.ts') && {
    ...common, platform: 'browser', format: 'iife', target: 'es2022', external: ['node:worker_threads'],
    mainFields: ['browser', 'module', 'main'],
    entryPoints: ['src/core/fit/worker.ts'], outfile: 'dist/fitWorker.web.js',
  },
  exists('scripts/bench.ts') && { ...node, entryPoints: ['scripts/bench.ts'], outfile: 'dist/bench.js' },
  exists('webview/main.ts') && {
    ...common, platform: 'browser', format: 'iife', target: 'es2022',
    entryPoints: ['webview/main.ts'], outfile: 'dist/webview.js',
  },
];

// Integration tests: every test/integration/**/*.ts compiled (not bundled, except the vscode-free helpers).
const integrationDir = 'test/integration';
if (exists(integrationDir)) {
  const entries = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = `${d}/${e.name}`;
      if (e.isDirectory()) walk(p); else if (p.endsWith('.ts')) entries.push(p);
    }
  };
  walk(integrationDir);
  if (entries.length) {
    targets.push({ ...node, entryPoints: entries, outdir: 'out/test/integration', bundle: true, external: ['vscode', 'mocha', '@vscode/test-electron'] });
  }
}

const list = targets.filter(Boolean);
if (watch) {
  const ctxs = await Promise.all(list.map((t) => esbuild.context(t)));
  await Promise.all(ctxs.map((c) => c.watch()));
  console.log('[esbuild] watching', list.length, 'targets');
} else {
  const t0 = Date.now();
  await Promise.all(list.map((t) => esbuild.build(t)));
  console.log(`[esbuild] built ${list.length} targets in ${Date.now() - t0} ms`);
}
