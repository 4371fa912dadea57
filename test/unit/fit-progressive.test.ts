/**
 * Progressive fits (src/core/fit/workerCore.ts, a 'partial' reply of core/worker/protocol.ts): asked for it, the worker posts the law fitted without
 * resampling first, then the full result with bootstrap intervals and cross-validation — the same parameters
 * (the early fit is the same optimisation), so a panel can paint the law before the resampling finishes.
 */
import * as assert from 'assert';
import { join } from 'path';
import { tmpdir } from 'os';
import { readFileSync, rmSync } from 'fs';
import { buildSync } from 'esbuild';
import { callWorker } from '../../src/core/worker/client';
import type { WorkerFitOptions, WorkerFitOutcome } from '../../src/core/fit/workerProtocol';
import { PROGRESSIVE_MAX_ROWS } from '../../src/core/fit/workerCore';

describe('progressive fit in the worker', function () {
  this.timeout(60000);
  const workerPath = join(tmpdir(), `scaling-laws-fitWorker-progressive-${process.pid}.js`);
  before(() => {
    // The extension's worker entry (dist/fitWorker.js), into a temp file so the test does not race the build.
    buildSync({ entryPoints: [join(__dirname, '../../src/extension/worker.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: workerPath, logLevel: 'error', mainFields: ['module', 'main'] });
  });
  after(() => rmSync(workerPath, { force: true }));
  const runs = readFileSync(join(__dirname, '../../examples/runs.csv'), 'utf8');
  const fit = (text: string, fitOpts: WorkerFitOptions, hooks: Parameters<typeof callWorker>[2]) =>
    callWorker(workerPath, { type: 'fit', source: { text }, parseOpts: { fileName: 'runs.csv' }, fitOpts, progressive: true, view: { fileName: 'runs.csv', droppedByUser: [] } }, hooks);

  it('posts the law first (no intervals, no CV), then the full result with identical parameters', async () => {
    const order: string[] = [];
    let early: WorkerFitOutcome | undefined;
    const full = await fit(runs, { bootstrap: 50, cv: 5, loo: true }, {
      onPartial: (o) => {
        order.push('partial');
        early = o as WorkerFitOutcome;
      },
      onProgress: (p) => {
        if (p.phase === 'bootstrap' && !order.includes('bootstrap')) order.push('bootstrap');
      },
    });
    order.push('result');
    assert.deepStrictEqual(order, ['partial', 'bootstrap', 'result']);
    assert.ok(early && early.view, 'the early answer carries its view');
    assert.deepStrictEqual(early.result.params, full.result.params);
    assert.strictEqual(early.result.provenance.bootstrap.requested, 0);
    assert.ok(Object.values(early.result.intervals).every((iv) => iv === null));
    assert.strictEqual(early.result.metrics.cv, null);
    assert.strictEqual(early.result.provenance.leaveOneOut, false);
    assert.strictEqual(full.result.provenance.bootstrap.succeeded, 50);
    assert.ok(full.result.metrics.cv! > 0 && full.result.metrics.loo! > 0);
    assert.strictEqual(full.result.provenance.leaveOneOut, true);
  });

  it('no early result without resampling, or above PROGRESSIVE_MAX_ROWS rows', async () => {
    let partials = 0;
    await fit(runs, { bootstrap: 0, cv: 0, loo: false }, { onPartial: () => partials++ });
    const big = ['N,D,loss'];
    for (let i = 0; i <= PROGRESSIVE_MAX_ROWS; i++) big.push(`${1e7 * (1 + (i % 37))},${1e9 * (1 + i)},${(2 + 10 / (1 + (i % 37)) ** 0.3 + 5 / (1 + i) ** 0.3).toFixed(6)}`);
    await fit(big.join('\n'), { bootstrap: 2, cv: 0, loo: false }, { onPartial: () => partials++ });
    assert.strictEqual(partials, 0);
  });
});
