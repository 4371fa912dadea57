import * as assert from 'assert';
import { join } from 'path';
import { existsSync, readFileSync } from 'fs';
import * as vm from 'vm';
import { callWorker } from '../../src/core/worker/client';
import { FitRefusal, fitRuns } from '../../src/core/fit';
import { CsvError, parseRunsCsv, type ParseOptions } from '../../src/core/csv';
import { fitResultOf, type WorkerFitOptions } from '../../src/core/fit/workerProtocol';
import type { WorkerReply, WorkerRequest } from '../../src/core/worker/protocol';
import { sharedData } from './sharedData';
import { webWorker } from './bundleScopes';

/** The extension's one bundle, which serves requests when started as a worker (src/extension/main.ts); `npm run build`. */
const BUNDLE = join(__dirname, '../../dist/extension.js');

const fitText = (text: string, parseOpts: ParseOptions, fitOpts: WorkerFitOptions) => ({ type: 'fit' as const, source: { text }, parseOpts, fitOpts });

const EPOCH = sharedData('chinchilla_epoch/svg_extracted_data.csv');

/** n runs on a noiseless Chinchilla-like grid (37 sizes × 41 token counts, cycled). */
function lawCsv(n: number): string {
  const rows = ['N,D,loss'];
  for (let i = 0; i < n; i++) rows.push(`${1e7 * (1 + (i % 37))},${1e9 * (1 + (i % 41))},${(2 + 10 / (1 + (i % 37)) ** 0.3 + 5 / (1 + (i % 41)) ** 0.3).toFixed(5)}`);
  return rows.join('\n');
}

describe('fit off-thread (dist/extension.js as a worker_threads worker)', function () {
  this.timeout(30000);
  const workerPath = BUNDLE;
  before(function () {
    if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} missing: run npm run build first`);
  });

  it('fits the Epoch table with progress events, same numbers as in-process', async function () {
    if (!existsSync(EPOCH)) {
      console.warn(`SKIPPED (worker Epoch fit): ${EPOCH} is not available`);
      this.skip();
    }
    const phases = new Set<string>();
    const out = await callWorker(workerPath, fitText(readFileSync(EPOCH, 'utf8'), { fileName: EPOCH }, { dropHighestLoss: 5, bootstrap: 10, cv: 0, loo: false }), { onProgress: (p) => phases.add(p.phase) });
    assert.strictEqual(out.result.rowsUsed, 240);
    assert.ok(out.result.objective <= 1.018275e-3);
    assert.strictEqual(out.table.summary.read, 245);
    assert.ok(phases.has('grid') && phases.has('bootstrap'), [...phases].join(','));
  });

  it('answers with the residuals in columns (one array per field), and fitResultOf rebuilds the rows in-process fitting gives', async () => {
    const csv = lawCsv(300);
    const out = await callWorker(workerPath, fitText(csv, { fileName: 'cols.csv' }, { bootstrap: 0, cv: 0, loo: false }));
    assert.deepStrictEqual(out.result.residuals, [], 'no per-row objects cross the boundary');
    assert.ok(out.residuals && Object.values(out.residuals).every((col) => Array.isArray(col) && col.length === 300));
    const here = fitRuns(parseRunsCsv(csv, { fileName: 'cols.csv' }), { bootstrap: 0, cv: 0, loo: false }).toJSON();
    assert.deepStrictEqual(fitResultOf(out).residuals, here.residuals);
    assert.deepStrictEqual(fitResultOf({ result: here }), here, 'an outcome with its rows in place is returned as is');
  });

  it('rejects a bad CSV with a CsvError carrying line and column', async () => {
    await assert.rejects(callWorker(workerPath, fitText('N,D,loss\n1e8,x,3\n', { fileName: 'w.csv' }, {})), (e: unknown) => e instanceof CsvError && e.line === 2 && e.column === 2 && e.exitCode === 2);
  });

  it('rejects a refusal as FitRefusal with its code', async () => {
    await assert.rejects(callWorker(workerPath, fitText('N,D,loss\n1e8,2e9,3\n', {}, {})), (e: unknown) => e instanceof FitRefusal && e.code === 'too-few-rows');
  });

  it('cancels: the promise rejects with FitRefusal("cancelled") and the worker stops', async () => {
    const ac = new AbortController();
    const t0 = Date.now();
    const p = callWorker(workerPath, fitText(lawCsv(400), {}, { bootstrap: 100000, cv: 0, loo: false }), {
      signal: ac.signal,
      onProgress: (pr) => {
        if (pr.phase === 'bootstrap' && pr.done > 0) ac.abort();
      },
    });
    await assert.rejects(p, (e: unknown) => e instanceof FitRefusal && e.code === 'cancelled');
    assert.ok(Date.now() - t0 < 20000);
  });
});

describe('fit worker in a Web Worker scope (dist/extension.js started as src/extension/web/workerThreads.ts does)', function () {
  this.timeout(30000);
  let bundle = '';
  before(() => {
    bundle = readFileSync(BUNDLE, 'utf8');
  });
  const webWorkerScope = () => {
    const w = webWorker(bundle);
    return { ...w, send: async (request: WorkerRequest) => (await w.send({ id: 1, request })) as WorkerReply[] };
  };

  it('has no Node globals and listens through addEventListener', () => {
    const { ctx, listeners } = webWorkerScope();
    assert.strictEqual(vm.runInContext('[typeof process, typeof require, typeof Buffer].join()', ctx), 'undefined,undefined,undefined');
    assert.strictEqual(listeners, 1, 'one listener: the request server');
  });

  it('fits and posts progress then a result equal to the in-process fit', async () => {
    const csv = lawCsv(120);
    const fitOpts = { bootstrap: 20, seed: 3, cv: 3, loo: false };
    const replies = await webWorkerScope().send(fitText(csv, { fileName: 'web.csv' }, fitOpts));
    const last = replies[replies.length - 1];
    assert.strictEqual(last.type, 'answer', JSON.stringify(last).slice(0, 300));
    assert.ok(replies.every((m) => m.id === 1), 'every reply names the call');
    assert.ok(replies.slice(0, -1).every((m) => m.type === 'progress') && replies.length > 1, 'progress events before the result');
    if (last.type !== 'answer') return;
    const { result, table } = last.value as { result: ReturnType<ReturnType<typeof fitRuns>['toJSON']>; table: { summary: { used: number } } };
    const here = fitRuns(parseRunsCsv(csv, { fileName: 'web.csv' }), fitOpts).toJSON();
    assert.deepStrictEqual(result.params, here.params);
    assert.strictEqual(result.objective, here.objective);
    assert.deepStrictEqual(result.intervals, JSON.parse(JSON.stringify(here.intervals)));
    assert.strictEqual(table.summary.used, 120);
  });

  it('posts CSV errors and refusals as typed error messages', async () => {
    const w = webWorkerScope();
    const [csv] = await w.send(fitText('N,D,loss\n1e8,x,3\n', { fileName: 'w.csv' }, {}));
    assert.deepStrictEqual(csv.type === 'error' && csv.error.kind === 'input' && [csv.error.name, csv.error.file, csv.error.line, csv.error.column], ['CsvError', 'w.csv', 2, 2]);
    const [refusal] = await w.send(fitText('N,D,loss\n1e8,2e9,3\n', {}, {}));
    assert.deepStrictEqual(refusal.type === 'error' && refusal.error.kind === 'refusal' && refusal.error.code, 'too-few-rows');
  });

  it('refuses a path source: a browser has no file system to read it from', async () => {
    const [e] = await webWorkerScope().send({ type: 'isoflop', source: { path: '/tmp/runs.csv' }, fileName: 'runs.csv', options: { window: null, skipBadBudgets: false, groupTolerance: 0.01, joint: false } });
    assert.deepStrictEqual(e.type === 'error' && e.error.kind === 'input' && e.error.message, '/tmp/runs.csv:1:1: cannot read the file (no local file system here)');
  });
});
