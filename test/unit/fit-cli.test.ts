import * as assert from 'assert';
import { existsSync } from 'fs';
import { join } from 'path';
import { main } from '../../src/cli/main';
import { sharedData } from './sharedData';

const EPOCH = sharedData('chinchilla_epoch/svg_extracted_data.csv');
const FIX = join(__dirname, '../fixtures/csv');

async function run(argv: string[]): Promise<{ code: number; out: string; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err };
}

describe('CLI: scaling-laws fit', function () {
  this.timeout(20000);

  it('reproduces the Epoch fit as JSON with the documented keys', async function () {
    if (!existsSync(EPOCH)) {
      console.warn(`SKIPPED (CLI Epoch fit): ${EPOCH} is not available`);
      this.skip();
    }
    const r = await run(['fit', EPOCH, '--drop-highest-loss', '5', '--json', '--bootstrap', '20', '--seed', '1', '--cv', '5', '--compute', '1e24']);
    assert.strictEqual(r.code, 0, r.err.join('\n'));
    const j = JSON.parse(r.out);
    for (const k of ['E', 'A', 'B', 'alpha', 'beta']) assert.ok(Number.isFinite(j.params[k]), k);
    assert.ok(Math.abs(j.params.E - 1.8172) / 1.8172 < 0.01 && Math.abs(j.params.alpha - 0.3473) / 0.3473 < 0.01);
    assert.ok(j.objective <= 1.018275e-3);
    assert.ok(j.metrics.r2 > 0.98 && j.metrics.rmse > 0 && j.metrics.cv > 0);
    assert.strictEqual(j.rowsUsed, 240);
    assert.strictEqual(j.optimal.compute, 1e24);
    assert.ok(j.optimal.N > 0 && j.optimal.D > 0 && j.optimal.loss > j.params.E);
    assert.deepStrictEqual(j.columns, { N: 'Model Size', loss: 'loss', C: 'Training FLOP' });
    assert.ok(j.summary.notes.some((n: string) => /C\/\(6N\)/.test(n)));
  });

  it('prints a readable table by default', async function () {
    if (!existsSync(EPOCH)) {
      console.warn(`SKIPPED (CLI Epoch text): ${EPOCH} is not available`);
      this.skip();
    }
    const r = await run(['fit', EPOCH, '--drop-highest-loss', '5', '--bootstrap', '0', '--no-loo']);
    assert.strictEqual(r.code, 0, r.err.join('\n'));
    assert.match(r.out, /^Chinchilla \(Hoffmann et al\. 2022, Approach 3\)/);
    assert.match(r.out, /compute-optimal at C = /);
  });

  it('bad CSV: one line naming file:line:column, exit 2', async () => {
    const f = join(FIX, 'text-in-numeric.csv');
    const r = await run(['fit', f]);
    assert.strictEqual(r.code, 2);
    assert.strictEqual(r.err.length, 1);
    assert.ok(r.err[0].startsWith(`scaling-laws fit: ${f}:3:2: D: expected a number`), r.err[0]);
  });

  it('missing file: exit 2 with the path', async () => {
    const r = await run(['fit', '/nonexistent/runs.csv']);
    assert.strictEqual(r.code, 2);
    assert.match(r.err[0], /\/nonexistent\/runs\.csv:1:1: cannot read the file \(ENOENT\)/);
  });

  it('refusal (one row): exit 1 with the code', async () => {
    const r = await run(['fit', join(FIX, 'one-row.csv')]);
    assert.strictEqual(r.code, 1);
    assert.match(r.err[0], /too-few-rows: 1 usable row/);
  });

  it('bad options: exit 2', async () => {
    for (const [argv, re] of [
      [['fit', 'x.csv', '--form', 'nope'], /--form expects one of: chinchilla, kaplan/],
      [['fit', 'x.csv', '--fix', 'E'], /--fix expects NAME=VALUE/],
      [['fit', 'x.csv', '--fix', 'gamma=1'], /'gamma' is not a parameter of chinchilla/],
      [['fit', 'x.csv', '--column', 'Q=x'], /role must be one of N, D, loss, C, U, run, step, tokens, lr/],
      [['fit'], /expected a CSV file/],
    ] as Array<[string[], RegExp]>) {
      const r = await run(argv);
      assert.strictEqual(r.code, 2, argv.join(' '));
      assert.match(r.err[0], re);
    }
  });
});
