/**
 * The spare worker (src/core/worker/spare.ts) kept for the next fit: a fit call takes it and ends it, other kinds
 * start their own; the warm-up fit succeeds and its replies never reach a caller, even when the call arrives
 * while the warm-up is still running; a cancel ends a spare's call as a fresh worker's; a spare that cannot start
 * is dropped and the call starts its own worker. Against the shipped worker entry (src/extension/worker.ts).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildSync } from 'esbuild';
import { FitRefusal } from '../../src/core/fit';
import type { WorkerFitOutcome } from '../../src/core/fit/workerProtocol';
import { warmUpFitRequest } from '../../src/core/fit/warmUp';
import { callWorker } from '../../src/core/worker/client';
import { keepSpareWorker, spareWorkerState, spareWorkerStats, stopSpareWorker } from '../../src/core/worker/spare';

/** Whether a spare is waiting (warming up or ready). */
const hasSpareWorker = () => spareWorkerState() !== 'none';

const WORKER_ENTRY = path.join(__dirname, '../../src/extension/worker.ts');
const RUNS = path.join(__dirname, '../../examples/runs.csv');
const SWEEP = path.join(__dirname, '../../examples/small.sweep.jsonc');

async function eventually(what: string, pred: () => boolean, ms = 10000): Promise<void> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const runsFit = (bootstrap = 20) => ({
  type: 'fit' as const, source: { path: RUNS }, parseOpts: { fileName: 'runs.csv' }, fitOpts: { form: 'chinchilla' as const, delta: 1e-3, bootstrap },
  view: { fileName: 'runs.csv', droppedByUser: [] }, progressive: true,
});

describe('spare worker for the next fit (core/worker/spare.ts)', function () {
  this.timeout(60000);
  const workerPath = path.join(os.tmpdir(), `scaling-laws-spare-worker-${process.pid}.js`);
  before(() => {
    buildSync({ entryPoints: [WORKER_ENTRY], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: workerPath, logLevel: 'error', mainFields: ['module', 'main'] });
  });
  afterEach(() => stopSpareWorker());
  after(() => fs.rmSync(workerPath, { force: true }));

  it('the warm-up is a fit that succeeds through the worker (its errors would otherwise go unseen)', async () => {
    const out = await callWorker(workerPath, warmUpFitRequest());
    const outcome = out as WorkerFitOutcome;
    assert.strictEqual(outcome.result.rowsUsed, 12);
    assert.ok(outcome.view, 'the view was built in the worker, as for a panel');
    assert.ok(outcome.result.metrics.r2 > 0.99, `R² ${outcome.result.metrics.r2}`);
  });

  it('a fit takes the waiting spare, a sweep plan does not; the next spare starts after the fit ends', async () => {
    keepSpareWorker(workerPath, ['fit'], warmUpFitRequest(), 0);
    await eventually('the first spare', hasSpareWorker);
    const before = spareWorkerStats();
    const plan = await callWorker(workerPath, { type: 'planSweep', text: fs.readFileSync(SWEEP, 'utf8'), fileName: 'small.sweep.jsonc' });
    assert.strictEqual(plan.plan.runs.length, 35);
    assert.ok(hasSpareWorker(), 'the plan started its own worker and left the spare waiting');
    assert.strictEqual(spareWorkerStats().served, before.served);
    const fit = callWorker(workerPath, runsFit());
    assert.ok(!hasSpareWorker(), 'the fit took the spare');
    assert.strictEqual(spareWorkerStats().served, before.served + 1);
    const outcome = (await fit) as WorkerFitOutcome;
    assert.strictEqual(outcome.result.rowsUsed, 25);
    await eventually('a new spare after the fit', hasSpareWorker);
  });

  it('a call that arrives during the warm-up gets only its own replies, and the same fit as a fresh worker', async () => {
    keepSpareWorker(workerPath, ['fit'], warmUpFitRequest(), 0);
    await eventually('the spare', hasSpareWorker);
    // At once: the warm-up (12 rows) is still fitting, its partial and answer come first on the same thread.
    const partials: WorkerFitOutcome[] = [];
    const viaSpare = (await callWorker(workerPath, runsFit(), { onPartial: (v) => partials.push(v as WorkerFitOutcome) })) as WorkerFitOutcome;
    assert.deepStrictEqual(partials.map((p) => p.result.rowsUsed), [25], 'one early view, of this call’s table');
    stopSpareWorker();
    const fresh = (await callWorker(workerPath, runsFit())) as WorkerFitOutcome;
    assert.deepStrictEqual(viaSpare.result.params, fresh.result.params);
    assert.strictEqual(viaSpare.result.objective, fresh.result.objective);
  });

  it('cancelling a call on the spare ends it as a fresh worker’s call ends', async () => {
    keepSpareWorker(workerPath, ['fit'], warmUpFitRequest(), 0);
    await eventually('the spare', hasSpareWorker);
    const abort = new AbortController();
    const call = callWorker(workerPath, runsFit(10000), { signal: abort.signal });
    assert.ok(!hasSpareWorker(), 'the fit took the spare');
    setTimeout(() => abort.abort(), 200);
    await assert.rejects(call, (e: unknown) => e instanceof FitRefusal && e.code === 'cancelled');
  });

  it('a spare that cannot start is dropped; the call starts its own worker and reports as before', async () => {
    const missing = path.join(os.tmpdir(), `scaling-laws-no-such-worker-${process.pid}.js`);
    keepSpareWorker(missing, ['fit'], warmUpFitRequest(), 0);
    await eventually('the spare to start', hasSpareWorker);
    await eventually('the failed spare to be dropped', () => !hasSpareWorker());
    await assert.rejects(callWorker(missing, runsFit()), /Cannot find module|no such file|exited/i);
    stopSpareWorker();
    assert.ok(!hasSpareWorker());
  });
});
