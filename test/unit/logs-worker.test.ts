/**
 * The 'fitLogs' worker request (the extension bundle dist/extension.js as a worker_threads worker, built by
 * `npm run build`): a folder of per-run CSV logs
 * generated from a known law (test/fixtures/integration/logs, Besiroglu et al. 2024 Eq. 2 values) is read,
 * prepared and fitted in a worker thread and recovers the law; a bad log comes back as a located error.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { callWorker } from '../../src/core/worker/client';
import { InputError } from '../../src/core/errors';

const ROOT = path.join(__dirname, '..', '..');
const WORKER = path.join(ROOT, 'dist', 'extension.js');
const DIR = path.join(ROOT, 'test', 'fixtures', 'integration', 'logs');
const files = () => fs.readdirSync(DIR).filter((f) => f.endsWith('.csv')).sort().map((f) => ({ file: path.join(DIR, f), bytes: new Uint8Array(fs.readFileSync(path.join(DIR, f))) }));
const req = (f: ReturnType<typeof files>) => ({ type: 'fitLogs', files: f, curveOpts: {}, prepOpts: {}, fitOpts: { form: 'chinchilla' as const, bootstrap: 0 } });

describe('logs worker (fitLogs request)', function () {
  this.timeout(60000);
  before(function () {
    if (!fs.existsSync(WORKER)) throw new Error(`${WORKER} missing: run npm run build first`);
  });

  it('fits a folder of per-run logs in a worker and recovers the generating law', async () => {
    const o = await callWorker(WORKER, req(files()));
    assert.strictEqual(o.table.logs?.runs.length, 5);
    assert.strictEqual(o.table.logs?.columns.loss, 'val_loss');
    assert.ok(Math.abs(o.result.params.alpha - 0.3478) / 0.3478 < 0.1, `alpha ${o.result.params.alpha}`);
    assert.ok(Math.abs(o.result.params.beta - 0.3658) / 0.3658 < 0.1, `beta ${o.result.params.beta}`);
    assert.ok(Math.abs(o.result.params.E - 1.82) / 1.82 < 0.02, `E ${o.result.params.E}`);
    assert.ok(o.table.headers.includes('step') && o.table.headers.includes('tokens'));
  });

  it('reports a log without a loss column as a located input error', async () => {
    const bad = [{ file: '/x/run-1B.csv', bytes: new TextEncoder().encode('step,tokens,accuracy\n1,100,0.5\n') }];
    await assert.rejects(callWorker(WORKER, req(bad)), (e: unknown) => e instanceof InputError && /run-1B\.csv:1:1: no loss column/.test((e as Error).message));
  });
});
