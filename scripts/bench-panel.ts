/**
 * `npm run bench` [6]: the fit panel's paint of examples/runs.csv (issue 11 target: painted within 1.5 s of the
 * command). Two figures, labelled apart:
 *   - the worker part, measured here on every run: a fresh worker from dist/extension.js (as the panel starts one per fit)
 *     fitting examples/runs.csv with the panel's defaults (bootstrap 200, 5-fold CV, leave-one-out), progressive —
 *     time to the early view (the law, what the panel paints first) and to the full view (intervals, CV, LOO).
 *     The panel starts this while its page loads, so the paint is about max(page load, early view) + render.
 *   - the whole panel in a real VS Code (command → painted, host clock), only with BENCH_PANEL=1: it runs the
 *     integration test "fits runs.csv from the editor" (code-server + headless Chromium, minutes) and reads its
 *     [metric] lines. Without it the line says it was not measured.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { callWorker } from '../src/core/worker/client';
import { keepSpareWorker, spareWorkerState, stopSpareWorker } from '../src/core/worker/spare';
import { warmUpFitRequest } from '../src/core/fit/warmUp';

const TARGET_MS = 1500;
const ok = (pass: boolean) => (pass ? 'PASS' : 'FAIL');

/** One progressive fit of examples/runs.csv with the panel's defaults: ms to the early view and to the full view. */
async function panelFit(worker: string, csv: string): Promise<{ early: number; full: number }> {
  const t0 = performance.now();
  let early = NaN;
  await callWorker(worker, {
    type: 'fit', source: { text: csv }, parseOpts: { fileName: 'runs.csv' }, fitOpts: { form: 'chinchilla', delta: 1e-3, bootstrap: 200 },
    view: { fileName: 'runs.csv', droppedByUser: [] }, progressive: true,
  }, { onPartial: () => (early = performance.now() - t0) });
  return { early, full: performance.now() - t0 };
}

const median3 = (xs: Array<{ early: number; full: number }>) => xs.sort((a, b) => a.early - b.early)[1];
const s3 = (ms: number) => `${(ms / 1000).toFixed(3)} s`;

async function workerPart(): Promise<void> {
  const worker = resolve(__dirname, 'extension.js');
  const csv = readFileSync(resolve(__dirname, '../examples/runs.csv'), 'utf8');
  const fresh = [];
  for (let i = 0; i < 3; i++) fresh.push(await panelFit(worker, csv));
  const m = median3(fresh);
  console.log(`    worker part (fresh worker, progressive fit of examples/runs.csv, panel defaults; median of 3):`);
  console.log(`      early view (the law, painted first): ${s3(m.early)}   target ≤ ${TARGET_MS / 1000} s (the webview's own load not included)   ${ok(m.early <= TARGET_MS)}`);
  console.log(`      full view (200 bootstrap resamples, 5-fold CV, leave-one-out): ${s3(m.full)}   (streamed after the early view; no target)`);
  // The extension keeps a warmed-up spare for the next fit once a CSV is shown (setting fit.prestartWorker).
  keepSpareWorker(worker, ['fit'], warmUpFitRequest(), 0);
  const spare = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    while (spareWorkerState() !== 'ready' && performance.now() - t0 < 20_000) await new Promise((r) => setTimeout(r, 10));
    spare.push(await panelFit(worker, csv));
  }
  stopSpareWorker();
  const w = median3(spare);
  console.log(`    the same on the spare worker the extension keeps warm (core/worker/spare.ts; median of 3):`);
  console.log(`      early view ${s3(w.early)} (${(m.early / w.early).toFixed(1)}× sooner), full view ${s3(w.full)} (${(m.full / w.full).toFixed(1)}× sooner)`);
}

function realPanel(): void {
  if (process.env.BENCH_PANEL !== '1') {
    console.log(`    whole panel in a real VS Code: not measured in this run (BENCH_PANEL=1 npm run bench runs the integration test, a few minutes)`);
    return;
  }
  const r = spawnSync('npm', ['run', 'test:integration'], {
    cwd: resolve(__dirname, '..'),
    encoding: 'utf8',
    env: { ...process.env, VSCH_EXT_ENV: JSON.stringify({ MOCHA_GREP: 'fits runs.csv from the editor' }) },
    maxBuffer: 1 << 26,
  });
  const out = `${r.stdout}\n${r.stderr}`;
  const metric = (name: RegExp) => {
    const m = out.match(new RegExp(`\\[metric\\] ${name.source}[^:]*: (\\d+)`));
    return m ? Number(m[1]) : null;
  };
  const ready = metric(/Fit Scaling Law → panel loaded, page script running/);
  const first = metric(/Fit Scaling Law → fitted result painted \(what is in view\), host clock/);
  const full = metric(/Fit Scaling Law → result painted/);
  if (first === null) {
    console.log(`    whole panel in a real VS Code: no metric (integration exit ${r.status}); see npm run test:integration`);
    return;
  }
  console.log(`    whole panel in a real VS Code (command → first paint, host clock): ${(first / 1000).toFixed(3)} s   target ≤ ${TARGET_MS / 1000} s   ${ok(first <= TARGET_MS)}`);
  console.log(`      of which the page loading (command → page script running): ${ready === null ? '?' : (ready / 1000).toFixed(3)} s; final paint with intervals: ${full === null ? '?' : (full / 1000).toFixed(3)} s`);
  console.log(`      (the first fit of a fresh VS Code window: its webview loads cold)`);
}

export async function benchPanel(): Promise<void> {
  console.log(`\n[6] Fit panel paint of examples/runs.csv`);
  await workerPart();
  realPanel();
}
