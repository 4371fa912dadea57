import * as assert from 'assert';
import { join } from 'path';
import { tmpdir } from 'os';
import { existsSync, readFileSync, rmSync } from 'fs';
import { buildSync } from 'esbuild';
import { fitInWorker } from '../../src/core/fit/nodeWorker';
import { FitRefusal } from '../../src/core/fit';
import { CsvError } from '../../src/core/csv';

const EPOCH = '/work/shared/data/chinchilla_epoch/svg_extracted_data.csv';

describe('fit off-thread (src/core/fit/worker.ts via worker_threads)', function () {
  this.timeout(30000);
  const workerPath = join(tmpdir(), `scaling-laws-fitWorker-${process.pid}.js`);
  before(() => {
    // Same options as esbuild.mjs's dist/fitWorker.js target, into a temp file so the test does not race the build.
    buildSync({ entryPoints: [join(__dirname, '../../src/core/fit/worker.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: workerPath, logLevel: 'error', mainFields: ['module', 'main'] });
  });
  after(() => rmSync(workerPath, { force: true }));

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
    const rows = ['N,D,loss'];
    for (let i = 0; i < 400; i++) rows.push(`${1e7 * (1 + (i % 37))},${1e9 * (1 + (i % 41))},${(2 + 10 / (1 + (i % 37)) ** 0.3 + 5 / (1 + (i % 41)) ** 0.3).toFixed(5)}`);
    const ac = new AbortController();
    const t0 = Date.now();
    const p = fitInWorker(workerPath, rows.join('\n'), {}, { bootstrap: 100000, cv: 0, loo: false }, {
      signal: ac.signal,
      onProgress: (pr) => {
        if (pr.phase === 'bootstrap' && pr.done > 0) ac.abort();
      },
    });
    await assert.rejects(p, (e: unknown) => e instanceof FitRefusal && e.code === 'cancelled');
    assert.ok(Date.now() - t0 < 20000);
  });
});
