/**
 * The IsoFLOP analysis checks C ≈ 6·N·D (Kaplan et al. 2020; Hoffmann et al. 2022 Eq. 4) on rows that give
 * all three, and 6·N*·D* against C at the fitted minima, and warns — with the ratio and what was assumed —
 * when they disagree (src/core/isoflop/computeConvention.ts). Tripped by a peer's test runs (marin's, whose
 * C is 2.4–4.8× below 6·N·D) and by Porian et al.'s real sweep with D written in sequences; silent on
 * Chinchilla-consistent data (Porian as published, Llama 3, the bundled example).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import Papa from 'papaparse';
import {
  analyseIsoflop, checkComputeConvention, computeConventionWarnings, IsoflopRefusal, isoflopJson, RATIO_TOLERANCE, type IsoflopRun,
} from '../../src/core/isoflop';
import { main } from '../../src/cli/main';
import { analyseResultsText } from '../../src/extension/sweeps/view';
import { sharedData } from './sharedData';

function readShared(ctx: Mocha.Context, rel: string): Array<Record<string, string>> {
  const file = sharedData(rel);
  if (!fs.existsSync(file)) {
    console.warn(`SKIPPED (${ctx.test?.title}): ${file} is absent — this test did not run`);
    ctx.skip();
  }
  return Papa.parse<Record<string, string>>(fs.readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true }).data;
}

/**
 * marin-community/marin, tests/test_scaling_laws.py (Apache-2.0), SAMPLE_METRICS_DATA — "sample
 * tracker_metrics.jsonl data extracted from real runs": budget from the run name (isoflop-1e+18-…),
 * parameter_count, throughput/total_tokens and eval/paloma/c4_en/bpb, verbatim.
 */
const MARIN_TEST_RUNS: IsoflopRun[] = [
  { compute: 1e18, N: 400000000, D: 1000000000, loss: 1.25 },
  { compute: 1e18, N: 272513792, D: 2500000000, loss: 1.12 },
  { compute: 1e18, N: 156508160, D: 5000000000, loss: 1.18 },
  { compute: 1e19, N: 1800000000, D: 3000000000, loss: 1.05 },
  { compute: 1e19, N: 998036992, D: 8000000000, loss: 0.98 },
  { compute: 1e19, N: 400000000, D: 20000000000, loss: 1.02 },
];

const PORIAN_TUNED = 'rw|tuned|short|const|standard|val';
const porianRuns = (rows: Array<Record<string, string>>): IsoflopRun[] =>
  rows.filter((r) => r.config_id === PORIAN_TUNED).map((r) => ({ compute: +r.flops, N: +r.N, D: +r.D, loss: +r.loss }));

describe('IsoFLOP: C ≈ 6·N·D check', () => {
  it("a peer's test runs (marin): 6·N·D is 2.4–4.8× C on 6 of 6 rows, said with the ratio and the assumption", () => {
    const check = checkComputeConvention(MARIN_TEST_RUNS, []);
    assert.ok(check.rows);
    assert.strictEqual(check.rows.checked, 6);
    assert.strictEqual(check.rows.off, 6);
    // 6·4e8·1e9 / 1e18 = 2.4 (smallest); 6·4e8·2e10 / 1e19 = 4.8 (largest).
    assert.ok(Math.abs(check.rows.min - 2.4) < 1e-12 && Math.abs(check.rows.max - 4.8) < 1e-12, JSON.stringify(check.rows));
    const [w] = computeConventionWarnings(check);
    assert.match(w, /^6·N·D is 2\.4×–4\.8× C \(median 4\.4×\) on 6 of 6 rows that give C, N and D/);
    assert.match(w, /assume C ≈ 6·N·D/);
    assert.match(w, /the frontier uses C as given/);
  });

  it('the refusal of those 2-budget runs carries the mismatch too', () => {
    assert.throws(
      () => analyseIsoflop(MARIN_TEST_RUNS),
      (e: unknown) => e instanceof IsoflopRefusal && e.code === 'too-few-budgets' && /Also: 6·N·D is 2\.4×–4\.8× C/.test(e.message),
    );
  });

  it('Porian et al. 2024 as published (C = 6ND in one convention): no warning, both ratios 1', function () {
    const a = analyseIsoflop(porianRuns(readShared(this, 'porian_isoflop/isoflop_points.csv')), { window: 3 });
    const c = a.computeConvention;
    assert.ok(c.rows && c.optimum);
    assert.strictEqual(c.rows.off, 0);
    assert.strictEqual(c.optimum.off, 0);
    assert.ok(Math.abs(c.rows.median - 1) < 1e-3, `rows ${c.rows.median}`);
    // Each budget's runs share one C exactly, so ln D = ln(C/6) − ln N and the two vertices spend C.
    assert.ok(c.optimum.max / c.optimum.min < 1.01 && Math.abs(c.optimum.median - 1) < 0.01, JSON.stringify(c.optimum));
    assert.ok(!a.warnings.some((w) => /6·N/.test(w)), a.warnings.join('\n'));
    assert.deepStrictEqual(isoflopJson(a).computeConvention, c);
  });

  it('the same sweep with D in sequences of 2048 tokens (a unit slip): both checks warn; the N frontier is unchanged', function () {
    const runs = porianRuns(readShared(this, 'porian_isoflop/isoflop_points.csv'));
    const asPublished = analyseIsoflop(runs, { window: 3 });
    const slipped = analyseIsoflop(runs.map((r) => ({ ...r, D: r.D! / 2048 })), { window: 3 });
    const text = slipped.warnings.join('\n');
    assert.match(text, new RegExp(`6·N·D is 0\\.00049× C on ${runs.length} of ${runs.length} rows`));
    assert.match(text, /D be in sequences or steps rather than tokens/);
    assert.match(text, /at the fitted minima 6·N\*·D\* is 0\.00049× the budget's C \(12 of 12 budgets/);
    // C is used as given: N*(C) does not move.
    assert.ok(Math.abs(slipped.nFrontier.exponent - asPublished.nFrontier.exponent) < 1e-12);
  });

  it('Llama 3 (C and D given, N derived from C = 6ND): no row to check, the minima spend C', function () {
    const rows = readShared(this, 'llama3_isoflop_digitized/isoflops_points.csv');
    const a = analyseIsoflop(rows.map((r) => ({ compute: +r.compute_budget, D: +r.training_tokens, loss: +r.validation_loss })));
    assert.strictEqual(a.computeConvention.rows, null);
    assert.strictEqual(a.computeConvention.optimum!.off, 0);
    assert.ok(!a.warnings.some((w) => /6·N/.test(w)), a.warnings.join('\n'));
  });

  it(`the tolerance is ±${Math.round((RATIO_TOLERANCE - 1) * 100)} %: Chinchilla App. F's exact count (1.025 × 6ND) passes, forward-only FLOPs (2ND) do not`, () => {
    const rows = (ratio: number) => [1e8, 2e8, 4e8].map((N) => ({ compute: (6 * N * 1e10) / ratio, N, D: 1e10, loss: 3 }));
    assert.strictEqual(checkComputeConvention(rows(1 / 1.025), []).rows!.off, 0);
    const forward = computeConventionWarnings(checkComputeConvention(rows(3), []));
    assert.match(forward[0], /6·N·D is 3\.0× C on 3 of 3 rows.*C may count the forward pass only \(2·N·D\)/);
  });

  it('CLI: text names the check on consistent data; JSON carries it; warnings on a mismatch', async function () {
    const file = sharedData('porian_isoflop/isoflop_points.csv');
    readShared(this, 'porian_isoflop/isoflop_points.csv');
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s) };
    assert.strictEqual(await main(['isoflop', file, '--where', `config_id=${PORIAN_TUNED}`, '--window', '3', '--no-joint'], io), 0, err.join('\n'));
    assert.match(out.join('\n'), /compute convention: 6·N·D is 1\.0× C on 121 rows; 6·N\*·D\* is 1\.0× C at 12 minima \(C is used as given\)/);
    out.length = 0;
    assert.strictEqual(await main(['isoflop', file, '--where', `config_id=${PORIAN_TUNED}`, '--window', '3', '--no-joint', '--json'], io), 0);
    const j = JSON.parse(out.join('\n'));
    assert.strictEqual(j.computeConvention.rows.checked, 121);
    assert.strictEqual(j.computeConvention.rows.off, 0);
  });
});

describe('IsoFLOP panel: C ≈ 6·N·D', () => {
  it('the view carries the check as a note, and the mismatch as a warning', function () {
    const runs = porianRuns(readShared(this, 'porian_isoflop/isoflop_points.csv'));
    const csv = (div: number) => ['flops,N,D,loss', ...runs.map((r) => `${r.compute},${r.N},${r.D! / div},${r.loss}`)].join('\n');
    const opts = { window: 3, skipBadBudgets: false, groupTolerance: 0.1, joint: false };
    const ok = analyseResultsText(csv(1), 'porian.csv', opts).view.notes;
    assert.ok(ok.some((n) => n.severity === 'info' && /^Compute convention: 6·N·D is 1\.0× C on 121 rows/.test(n.text)), JSON.stringify(ok));
    assert.ok(!ok.some((n) => n.severity === 'warning' && /6·N/.test(n.text)));
    const slipped = analyseResultsText(csv(2048), 'porian.csv', opts).view.notes;
    assert.ok(slipped.some((n) => n.severity === 'warning' && /^6·N·D is 0\.00049× C on 121 of 121 rows/.test(n.text)), JSON.stringify(slipped));
  });
});
