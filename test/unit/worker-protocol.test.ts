/**
 * The host ↔ worker protocol (src/core/worker/): every request kind through the one client (callWorker, on
 * core/replies.ts) against the shipped worker entry (src/extension/worker.ts); core errors cross as data and
 * come back as their class (wireError.ts); a CSV named by its path is read by the worker (core/csv/source.ts):
 * regular files only, asynchronously, under the size cap, with the same located CsvError as the host's read.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildSync } from 'esbuild';
import { CsvError } from '../../src/core/csv';
import { readSource } from '../../src/core/csv/source';
import { InputError, RefusalError } from '../../src/core/errors';
import { FitRefusal } from '../../src/core/fit';
import { IsoflopRefusal } from '../../src/core/isoflop';
import { AllocationRefusal } from '../../src/core/allocation';
import { LogError } from '../../src/core/logs/errors';
import { MAX_INPUT_BYTES } from '../../src/core/limits';
import { callWorker } from '../../src/core/worker/client';
import { rebuildError, toWireError } from '../../src/core/worker/wireError';
import { DEFAULT_ISOFLOP_OPTIONS, type IsoflopShown } from '../../src/extension/sweeps/view';

/** The extension's worker entry (dist/extension.js runs it when started as a worker: src/extension/main.ts). */
const WORKER_ENTRY = path.join(__dirname, '../../src/extension/worker.ts');
const EXAMPLES = path.join(__dirname, '../../examples');
const RESULTS = path.join(EXAMPLES, 'small.results.csv');
const SWEEP = path.join(EXAMPLES, 'small.sweep.jsonc');
const RUNS = path.join(EXAMPLES, 'runs.csv');

/** A wire round trip: what the host throws for what the worker threw (through JSON, as plain data). */
const roundTrip = (e: unknown) => rebuildError(JSON.parse(JSON.stringify(toWireError(e))));

describe('worker errors cross the boundary as their class (core/worker/wireError.ts)', () => {
  it('bad input keeps its class, location and exit code 2', () => {
    const csv = roundTrip(new CsvError('runs.csv', 3, 7, 'expected a number'));
    assert.ok(csv instanceof CsvError && csv.message === 'runs.csv:3:7: expected a number' && csv.exitCode === 2);
    const log = roundTrip(new LogError('/x/run.jsonl', 2, 1, 'no loss column'));
    assert.ok(log instanceof InputError && log.file === '/x/run.jsonl' && log.line === 2 && log.detail === 'no loss column');
    const bare = roundTrip(new InputError('unknown law id'));
    assert.ok(bare instanceof InputError && bare.location === undefined && bare.message === 'unknown law id');
  });

  it('refusals keep their class, code, budgets and exit code', () => {
    const fit = roundTrip(new FitRefusal('too-few-rows', 'need at least 5 runs'));
    assert.ok(fit instanceof FitRefusal && fit.code === 'too-few-rows' && fit.detail === 'need at least 5 runs' && fit.exitCode === 1);
    const bad = roundTrip(new FitRefusal('bad-option', 'bootstrap must be a whole number ≥ 0, got -1'));
    assert.ok(bad instanceof FitRefusal && bad.exitCode === 2 && bad.message === 'bad-option: bootstrap must be a whole number ≥ 0, got -1');
    const iso = roundTrip(new IsoflopRefusal('no-interior-minimum', 'budget 1e20: no interior minimum', [1e20]));
    assert.ok(iso instanceof IsoflopRefusal && iso.code === 'no-interior-minimum' && iso.message === 'budget 1e20: no interior minimum');
    assert.deepStrictEqual((iso as IsoflopRefusal).budgets, [1e20]);
    const other = roundTrip(new AllocationRefusal('kaplan2020', 'the target loss is below the law\'s floor'));
    assert.ok(other instanceof RefusalError && other.exitCode === 1 && /below the law's floor/.test(other.message));
  });

  it('anything else is an internal error with its name and message (not an input error)', () => {
    const e = roundTrip(new TypeError('x is not a function'));
    assert.ok(!(e instanceof InputError) && !(e instanceof RefusalError));
    assert.deepStrictEqual([e.name, e.message], ['TypeError', 'x is not a function']);
    assert.strictEqual(roundTrip('a thrown string').message, 'a thrown string');
  });
});

describe('a CSV source read by the worker (core/csv/source.ts)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scaling-laws-source-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const located = (file: string, detail: string | RegExp) => (e: unknown) =>
    e instanceof CsvError && e.file === file && e.line === 1 && e.column === 1 && (typeof detail === 'string' ? e.detail === detail : detail.test(e.detail));

  it('passes text through, and reads a regular file as UTF-8 without its BOM', async () => {
    assert.strictEqual(await readSource({ text: 'N,D,loss\n' }), 'N,D,loss\n');
    const f = path.join(dir, 'bom.csv');
    fs.writeFileSync(f, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('N,D,loss\n1e8,2e9,3.1 — ok\n')]));
    assert.strictEqual(await readSource({ path: f }), 'N,D,loss\n1e8,2e9,3.1 — ok\n');
  });

  it('refuses a FIFO without blocking on it, a folder, and a missing file, at path:1:1', async function () {
    const fifo = path.join(dir, 'pipe.csv');
    try {
      execFileSync('mkfifo', [fifo]);
    } catch {
      console.warn('SKIPPED (FIFO source): mkfifo is not available here');
      this.skip();
    }
    // Nothing ever writes to the FIFO: a blocking open or read would hang this test until its timeout.
    await assert.rejects(readSource({ path: fifo }), located(fifo, 'not a regular file'));
    await assert.rejects(readSource({ path: dir }), located(dir, 'not a regular file'));
    const missing = path.join(dir, 'missing.csv');
    await assert.rejects(readSource({ path: missing }), located(missing, 'cannot read the file (ENOENT)'));
  });

  it('refuses a file over MAX_INPUT_BYTES before reading it', async () => {
    const big = path.join(dir, 'big.csv');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, MAX_INPUT_BYTES + 1); // sparse: no disk used, nothing read
    await assert.rejects(readSource({ path: big }), located(big, `the file is ${MAX_INPUT_BYTES + 1} bytes; at most ${MAX_INPUT_BYTES} bytes (256 MiB) are read`));
  });
});

describe('one client for every request kind (core/worker/client.ts → src/extension/worker.ts)', function () {
  this.timeout(60000);
  const workerPath = path.join(os.tmpdir(), `scaling-laws-worker-protocol-${process.pid}.js`);
  before(() => {
    // The worker entry alone, into a temp file so the test does not race the build.
    buildSync({ entryPoints: [WORKER_ENTRY], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: workerPath, logLevel: 'error', mainFields: ['module', 'main'] });
  });
  after(() => fs.rmSync(workerPath, { force: true }));

  it('plans a sweep config (the code lens request)', async () => {
    const { config, plan } = await callWorker(workerPath, { type: 'planSweep', text: fs.readFileSync(SWEEP, 'utf8'), fileName: 'small.sweep.jsonc' });
    assert.strictEqual(config.name, 'small-isoflop');
    assert.strictEqual(plan.runs.length, 35);
  });

  it('analyses IsoFLOP results the worker reads from their path, and builds the panel view there', async () => {
    const options = { window: null, skipBadBudgets: false, groupTolerance: DEFAULT_ISOFLOP_OPTIONS.groupTolerance, joint: true };
    const results = await callWorker(workerPath, { type: 'isoflop', source: { path: RESULTS }, fileName: 'small.results.csv', options });
    assert.strictEqual(results.analysis.budgets.length, 5);
    const shown = (await callWorker(workerPath, { type: 'isoflopView', source: { path: RESULTS }, fileName: 'small.results.csv', options })) as IsoflopShown;
    assert.deepStrictEqual(Object.keys(shown).sort(), ['json', 'view'], 'only the view and its JSON cross back');
    assert.strictEqual(shown.view.minima.length, 5);
    assert.strictEqual(shown.json.a, results.analysis.nFrontier.exponent);
  });

  it('runs below the host’s priority on Linux: its thread has nice 10, the host’s main thread keeps its own', async function () {
    if (process.platform !== 'linux') {
      console.warn('      SKIPPED worker thread priority: per-thread nice values are Linux-only (src/extension/web/threadPriority.ts)');
      this.skip();
    }
    // Field 19 of /proc/<pid>/task/<tid>/stat is the nice value; fields are counted after the "(comm)" field.
    const nice = (tid: string) => Number(fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ')[16]);
    const before = nice(String(process.pid));
    const seen: number[][] = [];
    await callWorker(workerPath, { type: 'fit', source: { path: RUNS }, parseOpts: { fileName: 'runs.csv' }, fitOpts: { bootstrap: 300, cv: 0, loo: false } }, {
      onProgress: () => void seen.push(fs.readdirSync('/proc/self/task').filter((t) => t !== String(process.pid)).map(nice)),
    });
    assert.ok(seen.length > 0, 'the fit reported progress');
    assert.ok(seen.every((threads) => threads.includes(10)), `a thread at nice 10 while the worker ran: ${JSON.stringify(seen.slice(0, 3))}`);
    assert.strictEqual(nice(String(process.pid)), before, 'the main thread’s priority is unchanged');
  });

  it('fits a CSV read from its path with the user-dropped lines blanked (errors keep the file’s line numbers)', async () => {
    const all = await callWorker(workerPath, { type: 'fit', source: { path: RUNS }, parseOpts: { fileName: 'runs.csv' }, fitOpts: { bootstrap: 0, cv: 0, loo: false } });
    const less = await callWorker(workerPath, { type: 'fit', source: { path: RUNS }, dropLines: [2, 3], parseOpts: { fileName: 'runs.csv' }, fitOpts: { bootstrap: 0, cv: 0, loo: false } });
    assert.strictEqual(less.table.summary.read, all.table.summary.read - 2);
  });

  it('rejects a FIFO path as the host did (the FIFO integration test relies on this message)', async function () {
    const fifo = path.join(os.tmpdir(), `scaling-laws-fifo-${process.pid}.csv`);
    fs.rmSync(fifo, { force: true });
    try {
      execFileSync('mkfifo', [fifo]);
    } catch {
      console.warn('SKIPPED (FIFO in the worker): mkfifo is not available here');
      this.skip();
    }
    try {
      await assert.rejects(
        callWorker(workerPath, { type: 'fit', source: { path: fifo }, parseOpts: { fileName: 'pipe.csv' }, fitOpts: {} }),
        (e: unknown) => e instanceof CsvError && e.message === `${fifo}:1:1: not a regular file`,
      );
    } finally {
      fs.rmSync(fifo, { force: true });
    }
  });

  it('answers an unknown or inherited request kind with an error, not silence', async () => {
    for (const type of ['nope', 'constructor', '__proto__']) {
      await assert.rejects(callWorker(workerPath, { type, fitOpts: {} }), (e: unknown) => e instanceof Error && e.message === `this worker serves no '${type}' requests`, type);
    }
  });

  it('cancels an analysis at once: the promise rejects and the worker is ended', async () => {
    // 40 budgets × 2,000 runs: seconds of parsing and fitting, far longer than the abort below.
    const rows = ['compute,N,D,loss'];
    for (let b = 0; b < 40; b++) {
      const C = 1e18 * 1.2 ** b;
      for (let i = 0; i < 2000; i++) {
        const N = Math.sqrt(C / 120) * Math.exp(-1.5 + (3 * i) / 2000);
        rows.push(`${C},${N},${C / (6 * N)},${(1.69 + 406.4 / N ** 0.34 + 410.7 / (C / (6 * N)) ** 0.28).toFixed(6)}`);
      }
    }
    const ac = new AbortController();
    const t0 = Date.now();
    const p = callWorker(workerPath, { type: 'isoflop', source: { text: rows.join('\n') }, fileName: 'big.csv', options: { window: null, skipBadBudgets: false, groupTolerance: 0.01, joint: true } }, { signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    await assert.rejects(p, /cancelled/);
    assert.ok(Date.now() - t0 < 2000, `cancelled after ${Date.now() - t0} ms`);
  });
});
