import * as assert from 'assert';
import { join } from 'path';
import { existsSync, readFileSync } from 'fs';
import * as vm from 'vm';
import { fitInWorker } from '../../src/core/fit/nodeWorker';
import { FitRefusal, fitRuns } from '../../src/core/fit';
import { CsvError, parseRunsCsv } from '../../src/core/csv';
import type { FitRequest, FitResponse } from '../../src/core/fit/workerProtocol';
import { sharedData } from './sharedData';
import { webWorker } from './bundleScopes';

/** The extension's one bundle, which serves fits when started as a worker (src/extension/main.ts); `npm run build`. */
const BUNDLE = join(__dirname, '../../dist/extension.js');

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
    const out = await fitInWorker(workerPath, readFileSync(EPOCH, 'utf8'), { fileName: EPOCH }, { dropHighestLoss: 5, bootstrap: 10, cv: 0, loo: false }, { onProgress: (p) => phases.add(p.phase) });
    assert.strictEqual(out.result.rowsUsed, 240);
    assert.ok(out.result.objective <= 1.018275e-3);
    assert.strictEqual(out.table.summary.read, 245);
    assert.ok(phases.has('grid') && phases.has('bootstrap'), [...phases].join(','));
  });

  it('rejects a bad CSV with a CsvError carrying line and column', async () => {
    await assert.rejects(fitInWorker(workerPath, 'N,D,loss\n1e8,x,3\n', { fileName: 'w.csv' }, {}), (e: unknown) => e instanceof CsvError && e.line === 2 && e.column === 2 && e.exitCode === 2);
  });

  it('rejects a refusal as FitRefusal with its code', async () => {
    await assert.rejects(fitInWorker(workerPath, 'N,D,loss\n1e8,2e9,3\n', {}, {}), (e: unknown) => e instanceof FitRefusal && e.code === 'too-few-rows');
  });

  it('cancels: the promise rejects with FitRefusal("cancelled") and the worker stops', async () => {
    const ac = new AbortController();
    const t0 = Date.now();
    const p = fitInWorker(workerPath, lawCsv(400), {}, { bootstrap: 100000, cv: 0, loo: false }, {
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
    return { ...w, send: (req: FitRequest) => w.send(req) as FitResponse[] };
  };

  it('has no Node globals and listens through addEventListener', () => {
    const { ctx, listeners } = webWorkerScope();
    assert.strictEqual(vm.runInContext('[typeof process, typeof require, typeof Buffer].join()', ctx), 'undefined,undefined,undefined');
    assert.ok(listeners >= 1, 'listens for messages (fits and the other worker tasks)');
  });

  it('fits and posts progress then a result equal to the in-process fit', () => {
    const csv = lawCsv(120);
    const fitOpts = { bootstrap: 20, seed: 3, cv: 3, loo: false };
    const replies = webWorkerScope().send({ type: 'fit', csvText: csv, parseOpts: { fileName: 'web.csv' }, fitOpts });
    const last = replies[replies.length - 1];
    assert.strictEqual(last.type, 'result', JSON.stringify(last).slice(0, 300));
    assert.ok(replies.slice(0, -1).every((m) => m.type === 'progress') && replies.length > 1, 'progress events before the result');
    if (last.type !== 'result') return;
    const here = fitRuns(parseRunsCsv(csv, { fileName: 'web.csv' }), fitOpts).toJSON();
    assert.deepStrictEqual(last.result.params, here.params);
    assert.strictEqual(last.result.objective, here.objective);
    assert.deepStrictEqual(last.result.intervals, JSON.parse(JSON.stringify(here.intervals)));
    assert.strictEqual(last.table.summary.used, 120);
  });

  it('posts CSV errors and refusals as typed error messages', () => {
    const w = webWorkerScope();
    const [csv] = w.send({ type: 'fit', csvText: 'N,D,loss\n1e8,x,3\n', parseOpts: { fileName: 'w.csv' }, fitOpts: {} });
    assert.deepStrictEqual(csv.type === 'error' && csv.kind === 'csv' && [csv.file, csv.line, csv.column], ['w.csv', 2, 2]);
    const [refusal] = w.send({ type: 'fit', csvText: 'N,D,loss\n1e8,2e9,3\n', parseOpts: {}, fitOpts: {} });
    assert.deepStrictEqual(refusal.type === 'error' && refusal.kind === 'refusal' && refusal.code, 'too-few-rows');
  });
});
