/**
 * IsoFLOP sweep planning, config validation, export to schedulers, mock results and the
 * plan → mock → analyse round trip (through the core and through the CLI).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Papa from 'papaparse';
import { analyseIsoflop, runsFromCsvRows } from '../../src/core/isoflop';
import { DEFAULT_PLAN_DEPS, exportPlan, fillTemplate, mockResults, mockToCsv, parseSweepConfig, planSweep, sweepLaw, type PlanWarningCode } from '../../src/core/sweep';
import { InputError } from '../../src/core/errors';
import { parseRunsCsv } from '../../src/core/csv';
import { main } from '../../src/cli/main';

const EXAMPLE = path.join(__dirname, '../../examples/small.sweep.jsonc');

/** A small config (3 budgets × 5 sizes) so each plan takes well under a second. */
function small(extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    name: 't',
    budgets: [1e18, 1e19, 1e20],
    modelsPerBudget: 5,
    span: 8,
    batchSize: 32,
    command: 'python train.py --layers {layers} --d-model {width} --heads {heads} --ffn {ffn} --steps {steps} --id {run_id}',
    ...extra,
  });
}
const plan = (extra: Record<string, unknown> = {}) => {
  const config = parseSweepConfig(small(extra), 't.sweep.jsonc');
  return { config, plan: planSweep(config, DEFAULT_PLAN_DEPS) };
};
const codes = (p: ReturnType<typeof plan>['plan']): PlanWarningCode[] => p.warnings.map((w) => w.code);

describe('sweep config (JSONC)', () => {
  it('parses the example with comments, log-spaced budgets and defaults', () => {
    const c = parseSweepConfig(fs.readFileSync(EXAMPLE, 'utf8'), EXAMPLE);
    assert.deepStrictEqual(c.budgets, [1e18, 3.16e18, 1e19, 3.16e19, 1e20]);
    assert.strictEqual(c.law, 'hoffmann2022-a3');
    assert.strictEqual(c.flopsPerToken, '6N');
  });
  const bad: Array<[string, RegExp]> = [
    ['{\n  "budgets": [1e18, 1e19],\n  "modelPerBudget": 5\n}', /^x\.jsonc:3:3: unknown key "modelPerBudget" \(expected one of: name, budgets/],
    ['{\n  "budgets": [1e18, -1]\n}', /^x\.jsonc:2:21: "budgets\.1" must be a positive number of FLOPs, got -1/],
    ['{ "budgets": { "from": 1e20, "to": 1e18, "count": 3 } }', /^x\.jsonc:1:36: "budgets\.to" must be a number of FLOPs greater than "from"/],
    ['{ "name": "x" }', /^x\.jsonc:1:1: missing "budgets"/],
    ['{ "budgets": [1e18], "modelsPerBudget": 2 }', /"modelsPerBudget" must be a whole number from 3 \(a parabola needs 3 points\) to 1000, got 2/],
    ['{ "budgets": [1e18], "mfu": 0.4 }', /"mfu" is set but "gpu" is not/],
    ['{ "budgets": [1e18 1e19] }', /^x\.jsonc:1:20: invalid JSONC: CommaExpected/],
  ];
  for (const [text, re] of bad) {
    it(`rejects ${JSON.stringify(text.replace(/\n/g, ' '))} with file:line:column`, () => {
      assert.throws(() => parseSweepConfig(text, 'x.jsonc'), (e: unknown) => e instanceof InputError && e.exitCode === 2 && re.test(e.message));
    });
  }
});

describe('sweep planning', () => {
  it('every run is a real shape within tolerance, D = steps × batch tokens, compute within 1 % of its budget', () => {
    const { plan: p, config } = plan();
    assert.strictEqual(p.runs.length, 15);
    for (const r of p.runs) {
      assert.ok(r.relError <= config.shapeTolerance, `${r.id}: ${r.relError}`);
      assert.strictEqual(r.D, r.steps * config.batchSize * config.seqLen);
      assert.ok(Math.abs(r.compute / r.budget - 1) < 0.01, `${r.id}: ${r.compute} vs ${r.budget}`);
      assert.strictEqual(r.arch.hidden_size % r.arch.num_attention_heads, 0);
    }
  });
  it('centres each grid on the law optimum (Hoffmann Eq. 4) and spans `span`', () => {
    const { plan: p } = plan();
    const law = sweepLaw('hoffmann2022-a3');
    for (const b of p.budgets) {
      assert.ok(Math.abs(b.predictedN / law.optimalN(b.compute) - 1) < 1e-12);
      assert.ok(Math.abs(b.offCentre) < 0.1, `off-centre by ${b.offCentre}`);
    }
    const b0 = p.runs.filter((r) => r.budgetIndex === 0);
    assert.ok(Math.abs(b0[b0.length - 1].targetN / b0[0].targetN - 8) < 1e-9);
  });
  it('the example plan has no warnings and a noise-free rehearsal within 0.01 of the law exponent', () => {
    const c = parseSweepConfig(fs.readFileSync(EXAMPLE, 'utf8'), EXAMPLE);
    const p = planSweep(c, DEFAULT_PLAN_DEPS);
    assert.deepStrictEqual(p.warnings, []);
    assert.ok(Math.abs(p.rehearsal!.a - p.rehearsal!.aLaw) < 0.01);
    // GPU-hours = compute / (dense H100 BF16 peak 989.4 TFLOP/s × MFU 0.4 × 3600).
    assert.ok(Math.abs(p.totals.gpuHours! - p.totals.compute / (989.4e12 * 0.4 * 3600)) < 1e-9 * p.totals.gpuHours!);
  });
  const cases: Array<[string, Record<string, unknown>, PlanWarningCode]> = [
    ['a grid too narrow (span 2)', { span: 2 }, 'grid-too-narrow'],
    ['a grid too wide (span 100)', { span: 100 }, 'grid-too-wide'],
    ['an off-centre grid (centre 2.5× the optimum)', { centre: 2.5 }, 'grid-off-centre'],
    ['a grid that misses the optimum (centre 4×)', { centre: 4 }, 'optimum-outside-grid'],
    ['too few points per budget (3)', { modelsPerBudget: 3 }, 'too-few-points'],
    ['too few budgets (2)', { budgets: [1e18, 1e20] }, 'too-few-budgets'],
    ['budgets spanning less than a decade', { budgets: [1e19, 2e19, 4e19] }, 'narrow-compute-range'],
  ];
  for (const [what, extra, code] of cases) {
    it(`warns about ${what}`, () => {
      const p = plan(extra).plan;
      assert.ok(codes(p).includes(code), `expected ${code}, got ${codes(p).join(', ') || 'none'}`);
    });
  }
  it('a well-designed small plan has none of those warnings', () => {
    assert.deepStrictEqual(codes(plan().plan).filter((c) => c !== 'too-few-points'), []);
  });
  it('a frontier-only law (Llama 3, D* = 0.299·C^0.537) can centre the grid, but cannot mock losses', () => {
    const { plan: p } = plan({ law: 'llama3-2024' });
    const D = 0.299 * Math.pow(1e20, 0.537);
    assert.ok(Math.abs(p.budgets[2].predictedN / (1e20 / (6 * D)) - 1) < 1e-9);
    assert.strictEqual(p.rehearsal, null);
    assert.throws(() => mockResults(p.runs, sweepLaw('llama3-2024'), { noise: 0.01, seed: 0 }), (e: unknown) => e instanceof InputError && /predicts no loss/.test((e as Error).message));
  });
});

describe('sweep export', () => {
  it('CSV and JSON: one row per run with the shape and steps', () => {
    const { plan: p, config } = plan();
    const csv = Papa.parse<Record<string, string>>(exportPlan(p, config, 'csv'), { header: true, skipEmptyLines: true });
    assert.strictEqual(csv.data.length, 15);
    assert.strictEqual(Number(csv.data[3].steps), p.runs[3].steps);
    assert.strictEqual(Number(csv.data[3].layers), p.runs[3].arch.num_hidden_layers);
    const json = JSON.parse(exportPlan(p, config, 'json'));
    assert.strictEqual(json.runs.length, 15);
    assert.strictEqual(json.runs[14].run_id, 'b2-m4');
  });
  it('SLURM: a job array with one case per run and the template filled', () => {
    const { plan: p, config } = plan({ slurm: { partition: 'gpu', time: '12:00:00' } });
    const s = exportPlan(p, config, 'slurm');
    assert.match(s, /^#!\/bin\/bash\n/);
    assert.match(s, /^#SBATCH --array=0-14$/m);
    assert.match(s, /^#SBATCH --partition=gpu$/m);
    const r = p.runs[7];
    assert.ok(s.includes(`  7) # ${r.id}`));
    assert.ok(s.includes(`--layers ${r.arch.num_hidden_layers} --d-model ${r.arch.hidden_size} --heads ${r.arch.num_attention_heads} --ffn ${r.arch.intermediate_size} --steps ${r.steps} --id ${r.id}`));
    assert.strictEqual((s.match(/^\s+\d+\) #/gm) ?? []).length, 15);
  });
  it('SkyPilot: a task YAML selecting the run by RUN_INDEX, with the launch loop', () => {
    const { plan: p, config } = plan({ gpu: 'H100-SXM', mfu: 0.4, gpusPerRun: 4 });
    const y = exportPlan(p, config, 'skypilot');
    assert.match(y, /^resources:\n {2}accelerators: "H100:4"$/m);
    assert.match(y, /^envs:\n {2}RUN_INDEX: 0$/m);
    assert.match(y, /^run: \|\n {2}set -euo pipefail\n {2}case "\$RUN_INDEX" in$/m);
    assert.match(y, /sky jobs launch .* --env RUN_INDEX=\$i/);
  });
  it('an unknown placeholder or a missing command is an error, not a literal on the cluster', () => {
    assert.throws(() => fillTemplate('train --lyers {lyers}', { layers: '4' }), /unknown placeholder \{lyers\}/);
    const { plan: p, config } = plan({ command: undefined });
    assert.throws(() => exportPlan(p, { ...config, command: undefined }, 'slurm'), /set "command" in the sweep config/);
  });
});

describe('mock results and the round trip', () => {
  it('is reproducible by seed; σ = 0 gives the law loss exactly', () => {
    const { plan: p } = plan();
    const law = sweepLaw('hoffmann2022-a3');
    assert.deepStrictEqual(mockResults(p.runs, law, { noise: 0.01, seed: 3 }), mockResults(p.runs, law, { noise: 0.01, seed: 3 }));
    assert.notDeepStrictEqual(mockResults(p.runs, law, { noise: 0.01, seed: 3 }), mockResults(p.runs, law, { noise: 0.01, seed: 4 }));
    const exact = mockResults(p.runs, law, { noise: 0, seed: 0 });
    exact.forEach((m, i) => assert.strictEqual(m.loss, law.loss(p.runs[i].N, p.runs[i].D)));
  });
  it('plan → mock → CSV → analyse recovers the law exponent (within the 95 % interval and 0.03)', () => {
    const c = parseSweepConfig(fs.readFileSync(EXAMPLE, 'utf8'), EXAMPLE);
    const p = planSweep(c, DEFAULT_PLAN_DEPS);
    const csv = mockToCsv(mockResults(p.runs, sweepLaw(c.law), { noise: 0.005, seed: 1 }));
    const table = parseRunsCsv(csv, { fileName: 'mock.csv' });
    const a = analyseIsoflop(runsFromCsvRows(table.rows, 'mock.csv'));
    assert.strictEqual(a.budgets.length, 5);
    const aLaw = p.rehearsal!.aLaw;
    const [lo, hi] = a.nFrontier.exponentInterval!;
    assert.ok(lo < aLaw && aLaw < hi, `law a ${aLaw} outside [${lo}, ${hi}]`);
    assert.ok(Math.abs(a.nFrontier.exponent - aLaw) < 0.03, `a = ${a.nFrontier.exponent} vs ${aLaw}`);
  });
  it('through the CLI: plan --format slurm, mock > file, isoflop --json', async () => {
    const io = () => {
      const out: string[] = [];
      const err: string[] = [];
      return { out, err, io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) } };
    };
    const s = io();
    assert.strictEqual(await main(['plan', EXAMPLE, '--format', 'slurm'], s.io), 0);
    assert.match(s.out.join('\n'), /#SBATCH --array=0-34/);
    const m = io();
    assert.strictEqual(await main(['mock', EXAMPLE, '--noise', '0.005', '--seed', '2'], m.io), 0);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sweep-'));
    fs.writeFileSync(path.join(dir, 'results.csv'), m.out.join('\n'));
    const r = io();
    const code = await main(['isoflop', path.join(dir, 'results.csv'), '--json'], r.io);
    fs.rmSync(dir, { recursive: true });
    assert.strictEqual(code, 0, r.err.join('\n'));
    const j = JSON.parse(r.out.join('\n'));
    assert.ok(Math.abs(j.a - 0.4565) < 0.03, `a = ${j.a}`);
    assert.ok(Math.abs(j.a + j.b - 1) < 1e-6); // D = C/(6N) ⇒ b = 1 − a
    assert.strictEqual(j.minima.length, 5);
  });
  it('CLI usage errors exit 2: unknown format, missing file, unknown law', async () => {
    for (const argv of [['plan', EXAMPLE, '--format', 'xml'], ['plan', '/nonexistent.sweep.jsonc'], ['mock', EXAMPLE, '--law', 'nope']]) {
      const err: string[] = [];
      assert.strictEqual(await main(argv, { out: () => undefined, err: (s) => err.push(s) }), 2, argv.join(' '));
      assert.strictEqual(err.length, 1);
    }
  });
});
