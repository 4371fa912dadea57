// Build script (modelled on rust-analyzer's editors/code): one esbuild context per target.
//   dist/extension.js  — the extension: ONE bundle for the Node extension host (package.json `main`), the web
//                        extension host (`browser`: vscode.dev, github.dev, code-server's browser worker) and the
//                        worker both start for fits, logs, sweep plans and IsoFLOP analyses (worker_threads /
//                        Web Worker). src/extension/main.ts picks the role at run time; Node built-ins resolve to
//                        src/extension/web/* (Node's own module under Node, a stand-in in a browser).
//   dist/cli.js        — headless CLI (`scaling-laws`), same core; not shipped in the VSIX
//   dist/mcp-sdk.js    — the MCP SDK, loaded by `scaling-laws mcp` only
//   dist/schemas/      — schemas/*.json without indentation (package.json jsonValidation)
//   dist/bench.js      — `npm run bench`
//   dist/webview.js    — the panel UI (browser, IIFE)
//   dist/webview-boot.js — the panels' first script (webview/boot.ts), for the tests: the extension carries it inline
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
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';
import { minify as terser } from 'terser';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
// --outdir=DIR puts the bundles elsewhere than dist/ (the unit suite checks a production build that way).
const dist = process.argv.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'dist';

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  // The development build is minified too, apart from names (source maps and stack traces stay readable): the
  // integration suite then loads code of the size users run — a webview script or worker bundle twice the
  // shipped size took hundreds of milliseconds longer to load in a real VS Code and skewed its timings.
  ...(production ? {} : { minifyWhitespace: true, minifySyntax: true }),
  charset: 'ascii',
  logLevel: 'warning',
  define: { TEST_BUILD: String(!production) },
  // jsonc-parser's UMD "main" entry confuses bundlers; its ESM "module" build bundles cleanly.
  mainFields: ['module', 'main'],
};

const node = { ...common, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] };

const exists = (p) => existsSync(p);

// The Node built-ins the extension imports, each resolved to its file in src/extension/web/: Node's own module
// when running under Node, a browser stand-in in a web worker (decided at run time, src/core/platform.ts). The
// stand-in itself loads the real module, so from there the name stays external.
const standIns = { fs: 'fs.ts', path: 'path.ts', os: 'os.ts', worker_threads: 'workerThreads.ts' };
const runtimeBuiltins = {
  name: 'runtime-builtins',
  setup(build) {
    build.onResolve({ filter: /^(node:)?(fs|path|os|worker_threads)$/ }, (args) => {
      const file = resolve('src/extension/web', standIns[args.path.replace(/^node:/, '')]);
      return args.importer === file ? { path: args.path, external: true } : { path: file };
    });
  },
};
// `import * as vscode from 'vscode'` in each of ~30 modules would copy the whole API object's properties once per
// module on activation (esbuild's interop with an external CommonJS module); all of them import one ES module that
// re-exports it instead, so the copy is made once.
const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' }));
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};
// The panels' first script (webview/boot.ts) is built before the rest: the extension carries it as a string,
// PAGE_BOOT_SCRIPT, that every panel's HTML puts inline (src/extension/common/html.ts) — no file of its own in the
// VSIX, nothing to read when a panel opens. dist/webview-boot.js is written for the unit suite's checks only.
// (In --watch mode a change to boot.ts needs a restart.)
const bootJs = exists('webview/boot.ts')
  ? (await esbuild.build({ ...common, sourcemap: false, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: ['webview/boot.ts'], write: false })).outputFiles[0].text
  : '';
// Browser-compatible code for every host (papaparse's "browser" build has no Node-stream reader).
const everywhere = {
  ...common, platform: 'browser', format: 'cjs', target: 'es2022', external: ['vscode'],
  define: { ...common.define, PAGE_BOOT_SCRIPT: JSON.stringify(bootJs) },
  mainFields: ['browser', 'module', 'main'],
  plugins: [runtimeBuiltins, vscodeOnce],
};
// The CLI starts a process per call, so its start-up counts: the MCP SDK (with zod and ajv, about half of the
// CLI's code) is a second file, dist/mcp-sdk.js, that only `scaling-laws mcp` loads; and the CLI is always
// minified apart from names (less to read and compile; stack traces keep their names).
const mcpSdkApart = {
  name: 'mcp-sdk-apart',
  setup(build) {
    build.onResolve({ filter: /\/lib\/mcpSdk$/ }, () => ({ path: './mcp-sdk.js', external: true }));
  },
};
const cli = { ...node, minifyWhitespace: true, minifySyntax: true };
const targets = [
  { ...everywhere, entryPoints: ['src/extension/main.ts'], outfile: `${dist}/extension.js` },
  { ...cli, entryPoints: ['src/cli/main.ts'], outfile: `${dist}/cli.js`, banner: { js: '#!/usr/bin/env node' }, plugins: [mcpSdkApart] },
  { ...cli, entryPoints: ['src/cli/lib/mcpSdk.ts'], outfile: `${dist}/mcp-sdk.js` },
  !production && exists('scripts/bench.ts') && { ...node, entryPoints: ['scripts/bench.ts'], outfile: `${dist}/bench.js` },
  // The page's script goes inline into every panel's HTML (src/extension/common/html.ts), so its size is on the
  // path to the first paint: the development build minifies its names too (source map kept) so that the
  // integration suite times the page users get — with names kept it was 299 KB against the shipped 186 KB.
  exists('webview/main.ts') && {
    ...common, platform: 'browser', format: 'iife', target: 'es2022', minify: true,
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
  targets.push({ ...everywhere, entryPoints: ['test/web/index.ts'], outfile: 'out/test/web/index.js' });
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
  if (bootJs) await writeFile(`${dist}/webview-boot.js`, bootJs);
  // What the VSIX ships gets a second pass with terser over esbuild's minified output: ~7 % smaller compressed
  // (esbuild's minifier is fast rather than thorough; issue 9's 250 KB target). Legal comments are kept.
  if (production) {
    await Promise.all([`${dist}/extension.js`, `${dist}/webview.js`].map(async (file) => {
      const min = await terser(await readFile(file, 'utf8'), { ecma: 2020, compress: { passes: 2 }, mangle: { toplevel: true } });
      await writeFile(file, min.code);
    }));
  }
  // The JSON schemas (package.json jsonValidation) ship from dist/schemas/, without the source's indentation:
  // schemas/ stays the readable source; the VSIX carries ~1.3 KB less (issue 9's 250 KB budget).
  mkdirSync(`${dist}/schemas`, { recursive: true });
  for (const f of readdirSync('schemas').filter((n) => n.endsWith('.json'))) {
    await writeFile(`${dist}/schemas/${f}`, JSON.stringify(JSON.parse(await readFile(`schemas/${f}`, 'utf8'))));
  }
  console.log(`[esbuild] built ${list.length} ${production ? 'production' : 'development/test'} targets in ${Date.now() - t0} ms`);
}
