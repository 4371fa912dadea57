/**
 * `npm run bench`: wall time and objective of the fitting engine against the targets of issue 3, on this
 * machine, plus the speed ratio against the published method (L-BFGS from every one of the 4,500 grid points)
 * run in the same process with the same objective and L-BFGS.
 *   1. Epoch's Chinchilla data (../shared/data/chinchilla_epoch), 5 highest losses dropped (240 rows):
 *      target ≤ 0.25 s, objective ≤ 1.018275e-3 (scipy L-BFGS-B reference 1.0182740e-3 in 14–20 s).
 *   2. 1,000 bootstrap resamples of that fit: target ≤ 10 s.
 *   3. Synthetic CSVs of 1e3…1e6 rows from a known law with noise, parsed + fitted without resampling: 1e6 target
 *      ≤ 10 s, ≤ 1 GB; and the CLI with its DEFAULT options (200 bootstrap resamples, 5-fold CV — adaptive above
 *      10k rows) as a whole process: 100k rows ≤ 10 s, 1M rows ≤ 30 s (issue 11).
 *   4. Data-constrained on datablations (182 runs) with the CLI defaults (bootstrap 200, 5-fold CV, LOO): ≤ 5 s.
 *   5. Speed goal: the Epoch fit with resampling off as whole processes, our CLI vs the scipy multistart reference
 *      (scripts/bench-fit-reference.py, L-BFGS-B from all 4,500 grid points) in the same run: ≥ 100×.
 *   6. The fit panel's paint of examples/runs.csv: ≤ 1.5 s (scripts/bench-panel.ts: the worker part always, the
 *      whole panel in a real VS Code with BENCH_PANEL=1).
 * Then, as a separate section, the allocation latency benchmark of scripts/bench-allocation.ts.
 */
import { readFileSync, existsSync, writeFileSync, mkdtempSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolve } from 'node:path';
import { loadavg, cpus } from 'node:os';
import { parseRunsCsv } from '../src/core/csv';
import { fitRuns } from '../src/core/fit';
import { fitDataFromRows } from '../src/core/fit/data';
import { fitModel } from '../src/core/fit/engine';
import { chinchillaForm as chinchillaModel } from '../src/core/fit/chinchillaForm';
import { mulberry32, normal } from '../src/core/stats/rng';
import { benchAllocation } from './bench-allocation';
import { benchConfig } from './bench-config';
import { benchParsing } from './bench-parsing';
import { benchPanel } from './bench-panel';

const EPOCH = resolve(__dirname, '../../shared/data/chinchilla_epoch/svg_extracted_data.csv');
const ms = (t0: number) => performance.now() - t0;
/** CPU seconds of this process since `c0` (all threads): less sensitive than wall time to other jobs on the box. */
const cpuS = (c0: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(c0);
  return `${((c.user + c.system) / 1e6).toFixed(3)} s CPU`;
};
const fmtS = (t: number) => `${(t / 1000).toFixed(3)} s`;
const ok = (pass: boolean) => (pass ? 'PASS' : 'FAIL');
const rssMB = () => process.memoryUsage().rss / 2 ** 20;
let peakRss = rssMB();
const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMB())), 20);
const NOOPTS = { cv: 0, loo: false, bootstrap: 0 } as const;

function epoch(): void {
  if (!existsSync(EPOCH)) {
    console.warn(`SKIPPED Epoch benchmark: ${EPOCH} not found`);
    return;
  }
  const text = readFileSync(EPOCH, 'utf8');
  // Warm the JIT once, then time parse + fit (what a user waits for).
  fitRuns(parseRunsCsv(text), { ...NOOPTS, dropHighestLoss: 5 });
  const times: number[] = [];
  let objective = NaN;
  let params: Record<string, number> = {};
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const r = fitRuns(parseRunsCsv(text), { ...NOOPTS, dropHighestLoss: 5 });
    times.push(ms(t0));
    objective = r.json.objective;
    params = r.params;
  }
  times.sort((a, b) => a - b);
  const median = times[2];
  console.log(`\n[1] Epoch Chinchilla fit (240 rows, Huber δ=1e-3, 4,500-point grid → top-8 L-BFGS polish)`);
  console.log(`    wall time (parse + fit, median of 5): ${fmtS(median)}   target ≤ 0.25 s   ${ok(median <= 250)}`);
  console.log(`    objective: ${objective.toExponential(10)}   target ≤ 1.018275e-3   ${ok(objective <= 1.018275e-3)}`);
  console.log(`    params: E=${params.E.toFixed(4)} A=${params.A.toFixed(1)} B=${params.B.toFixed(0)} α=${params.alpha.toFixed(4)} β=${params.beta.toFixed(4)}   (paper: 1.8172, 477.8, 2143, 0.3473, 0.3672)`);

  // Reference: plain multi-start L-BFGS from all 4,500 grid points, same objective and optimiser.
  const table = parseRunsCsv(text);
  const rows = [...table.rows].sort((a, b) => b.loss - a.loss).slice(5);
  const data = fitDataFromRows(rows);
  const t1 = performance.now();
  const ref = fitModel(chinchillaModel, data, { delta: { kind: 'huber', delta: 1e-3 } as const, fixed: new Map(), tie: false, seed: 0, exhaustive: true });
  const tRef = ms(t1);
  console.log(`    reference: L-BFGS from all ${ref.gridSize} grid points: ${fmtS(tRef)}, objective ${ref.objective.toExponential(10)}`);
  console.log(`    speed ratio (reference / engine): ${(tRef / median).toFixed(1)}×; objective difference engine − reference: ${(objective - ref.objective).toExponential(2)}`);

  const t2 = performance.now();
  const c2 = process.cpuUsage();
  const boot = fitRuns(parseRunsCsv(text), { dropHighestLoss: 5, bootstrap: 1000, seed: 1, cv: 0, loo: false });
  const tBoot = ms(t2);
  const iv = boot.json.intervals;
  console.log(`\n[2] 1,000 bootstrap resamples (warm-started), incl. the fit: ${fmtS(tBoot)} (${cpuS(c2)})   target ≤ 10 s   ${ok(tBoot <= 10_000)}`);
  console.log(`    95 % intervals: E [${iv.E!.map((x) => x.toFixed(3))}] A [${iv.A!.map((x) => x.toFixed(0))}] B [${iv.B!.map((x) => x.toFixed(0))}] α [${iv.alpha!.map((x) => x.toFixed(3))}] β [${iv.beta!.map((x) => x.toFixed(3))}]`);
  console.log(`    (Besiroglu et al. 2024: E (1.769, 1.871) A (285, 744) B (1042, 5810) α (0.317, 0.373) β (0.331, 0.415))`);
}

/** Synthetic runs from L = 1.69 + 406.4/N^0.34 + 410.7/D^0.28 with 1 % log-normal noise. */
function syntheticCsv(n: number, seed: number): string {
  const rng = mulberry32(seed);
  const gauss = () => normal(rng);
  const out: string[] = ['N,D,loss'];
  for (let i = 0; i < n; i++) {
    const N = Math.exp(Math.log(1e7) + rng() * Math.log(1e4));
    const D = Math.exp(Math.log(1e9) + rng() * Math.log(1e4));
    const L = (1.69 + 406.4 / N ** 0.34 + 410.7 / D ** 0.28) * Math.exp(0.01 * gauss());
    out.push(`${N.toPrecision(6)},${D.toPrecision(6)},${L.toPrecision(6)}`);
  }
  return out.join('\n') + '\n';
}

function synthetic(): void {
  console.log(`\n[3] Synthetic CSVs (true law E=1.69 A=406.4 B=410.7 α=0.34 β=0.28, 1 % noise), parse + fit`);
  for (const n of [1e3, 1e4, 1e5, 1e6]) {
    const text = syntheticCsv(n, 42);
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const table = parseRunsCsv(text, { fileName: `synthetic-${n}.csv` });
    const tParse = ms(t0);
    const r = fitRuns(table, NOOPTS);
    const t = ms(t0);
    const p = r.params;
    const target = n === 1e6 ? `   target ≤ 10 s   ${ok(t <= 10_000)}` : '';
    console.log(
      `    ${String(n).padStart(7)} rows: ${fmtS(t)} (${cpuS(c0)}; parse ${fmtS(tParse)}), objective ${r.json.objective.toExponential(6)}, ` +
        `E=${p.E.toFixed(3)} A=${p.A.toFixed(1)} B=${p.B.toFixed(1)} α=${p.alpha.toFixed(4)} β=${p.beta.toFixed(4)}${target}`,
    );
  }
  peakRss = Math.max(peakRss, rssMB());
  const maxRss = process.resourceUsage().maxRSS / 1024;
  console.log(`    peak resident memory of the whole benchmark: ${Math.max(peakRss, maxRss).toFixed(0)} MB   target ≤ 1024 MB   ${ok(Math.max(peakRss, maxRss) <= 1024)}`);
}

const CLI = resolve(__dirname, 'cli.js');
const DATABLATIONS = resolve(__dirname, '../../shared/data/datablations_c4/data_constrained_c4_182.csv');

const TIME = '/usr/bin/time';
const TIME_TAG = 'BENCH-CPU';

/**
 * Wall time of a whole process (what a user waits for), its exit code and output, and — through GNU time when
 * present — its CPU seconds (user + system), which on a shared box says what the process itself cost.
 */
function timedProcess(cmd: string, args: string[], env: Record<string, string> = {}): { ms: number; cpuMs: number | null; code: number | null; out: string; err: string } {
  const viaTime = existsSync(TIME);
  const t0 = performance.now();
  const r = viaTime
    ? spawnSync(TIME, ['-f', `${TIME_TAG} %U %S`, cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, ...env } })
    : spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, ...env } });
  const wall = ms(t0);
  let err = r.stderr ?? (r.error ? String(r.error) : '');
  let cpuMs: number | null = null;
  const m = err.match(new RegExp(`${TIME_TAG} ([\\d.]+) ([\\d.]+)\\s*$`));
  if (m) {
    cpuMs = (Number(m[1]) + Number(m[2])) * 1000;
    err = err.slice(0, m.index);
  }
  return { ms: wall, cpuMs, code: r.status, out: r.stdout ?? '', err };
}

/** "12.3 s wall (4.1 s CPU)   target ≤ 10 s   wall FAIL, CPU PASS" — both verdicts, each next to the target. */
function verdict(r: { ms: number; cpuMs: number | null; code: number | null }, targetMs: number): string {
  const good = (t: number) => ok(t <= targetMs && r.code === 0);
  const cpu = r.cpuMs === null ? '' : ` (${fmtS(r.cpuMs)} CPU)`;
  return `${fmtS(r.ms)} wall${cpu}   target ≤ ${targetMs / 1000} s   wall ${good(r.ms)}${r.cpuMs === null ? '' : `, CPU ${good(r.cpuMs)}`}`;
}

function cliDefaults(): void {
  console.log(`\n[3b] CLI with default options (bootstrap 200, 5-fold CV; adaptive above 10,000 rows), whole process`);
  const dir = mkdtempSync(join(tmpdir(), 'sl-bench-'));
  for (const [n, target] of [[1e5, 10_000], [1e6, 30_000]] as const) {
    const file = join(dir, `synthetic-${n}.csv`);
    writeFileSync(file, syntheticCsv(n, 42));
    const r = timedProcess(process.execPath, [CLI, 'fit', file, '--max-rows', String(2e6), '--json']);
    const j = r.code === 0 ? JSON.parse(r.out) : null;
    console.log(`    ${String(n).padStart(7)} rows: ${verdict(r, target)}` +
      (j ? `   (α=${j.params.alpha.toFixed(4)}, ${j.provenance.bootstrap.succeeded} resamples, CV RMSE ${j.metrics.cv?.toFixed(4)})` : `   exit ${r.code}: ${r.err.slice(0, 200)}`));
  }
}

function dataConstrained(): void {
  if (!existsSync(DATABLATIONS)) {
    console.warn(`SKIPPED data-constrained benchmark: ${DATABLATIONS} not found`);
    return;
  }
  console.log(`\n[4] Data-constrained fit of datablations (182 runs), CLI defaults (bootstrap 200, 5-fold CV, LOO), whole process`);
  const r = timedProcess(process.execPath, [CLI, 'fit', DATABLATIONS, '--form', 'data-constrained', '--json']);
  const j = r.code === 0 ? JSON.parse(r.out) : null;
  console.log(`    ${verdict(r, 5000)}` + (j ? `   objective ${j.objective.toExponential(6)}, ${j.provenance.bootstrap.succeeded}/200 resamples` : `   exit ${r.code}`));
  const t = timedProcess(process.execPath, [CLI, 'fit', DATABLATIONS, '--form', 'data-constrained', '--tie-alpha-beta', '--bootstrap', '0', '--cv', '0', '--no-loo', '--json']);
  const jt = t.code === 0 ? JSON.parse(t.out) : null;
  console.log(`    --tie-alpha-beta: objective ${jt ? jt.objective.toExponential(6) : `exit ${t.code}`}   target ≤ 6.97e-3 (reference optimum 0.00696)   ${ok(!!jt && jt.objective <= 6.97e-3)}`);
}

function speedGoal(): void {
  if (!existsSync(EPOCH)) {
    console.warn(`SKIPPED speed goal: ${EPOCH} not found`);
    return;
  }
  const py = spawnSync('python3', ['-c', 'import scipy'], { encoding: 'utf8' });
  if (py.status !== 0) {
    console.warn('SKIPPED speed goal: python3 with scipy is not available for the reference');
    return;
  }
  console.log(`\n[5] Speed goal: Epoch fit, resampling off, whole processes (same run)`);
  const oursOnce = () => timedProcess(process.execPath, [CLI, 'fit', EPOCH, '--drop-highest-loss', '5', '--bootstrap', '0', '--cv', '0', '--no-loo', '--json']);
  // Ours on both sides of the reference (2 before, 3 after, the median): a shared box's slow spell during the
  // reference's 30–40 s then weighs on both, not on whichever ran in it.
  const ours = [oursOnce(), oursOnce()];
  // One BLAS thread: 240 rows gain nothing from more, and on a shared box idle BLAS threads spinning for work
  // made the reference minutes slower (the reference is the optimiser, not the thread pool).
  const ref = timedProcess('python3', [resolve(__dirname, '../scripts/bench-fit-reference.py'), EPOCH], { OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' });
  ours.push(oursOnce(), oursOnce(), oursOnce());
  ours.sort((a, b) => a.ms - b.ms);
  const mid = ours[2];
  const ratio = ref.ms / mid.ms;
  const objOurs = mid.code === 0 ? JSON.parse(mid.out).objective : NaN;
  const cpu = (r: { cpuMs: number | null }) => (r.cpuMs === null ? '' : ` (${fmtS(r.cpuMs)} CPU)`);
  // Context, not part of the goal: what Node itself takes to start here. NODE_EXTRA_CA_CERTS makes Node 20 load
  // the certificates at start-up (nodejs/node#40524): about 45 ms per process on this box when it is set.
  const bare = [0, 1, 2].map(() => timedProcess(process.execPath, ['-e', '0']).ms).sort((a, b) => a - b)[1];
  const certs = process.env.NODE_EXTRA_CA_CERTS ? ', NODE_EXTRA_CA_CERTS set (Node loads it at start-up)' : '';
  console.log(`    ours (median of 5, 2 before and 3 after the reference): ${fmtS(mid.ms)} wall${cpu(mid)}, objective ${objOurs.toExponential(10)}`);
  console.log(`      of which Node's own start (node -e 0, median of 3): ${fmtS(bare)}${certs}`);
  console.log(`    scipy L-BFGS-B from all 4,500 grid points: ${fmtS(ref.ms)} wall${cpu(ref)}, objective ${ref.out.trim()}`);
  console.log(`    ratio (wall) ${ratio.toFixed(1)}×   target ≥ 100×   ${ok(ratio >= 100)}`);
  if (mid.cpuMs && ref.cpuMs) {
    // numpy/scipy may use several threads: the CPU ratio is then generous to us, the wall ratio is the goal.
    const cpuRatio = ref.cpuMs / mid.cpuMs;
    console.log(`    ratio (CPU seconds) ${cpuRatio.toFixed(1)}×   target ≥ 100×   ${ok(cpuRatio >= 100)}`);
  }
}

const load = () => loadavg().map((x) => x.toFixed(2)).join(', ');
console.log(`scaling-laws fit benchmark — node ${process.version}, ${cpus().length} CPUs, load average at start: ${load()}`);
console.log('(wall times are what users wait for; the CPU column shows how much of it was this process when the box is shared)');
epoch();
synthetic();
cliDefaults();
dataConstrained();
speedGoal();
void benchPanel().then(() => {
  clearInterval(sampler);
  console.log(`\nload average at end of the fit benchmark: ${load()}`);

  // Separate section, owned by the law-registry work (scripts/bench-allocation.ts): allocate() latency.
  benchAllocation();
  benchConfig();
  benchParsing();
});
