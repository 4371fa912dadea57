/**
 * Closing the sweep loop (issue 14, point 7): plan examples/small.sweep.jsonc, write one training log per planned
 * run named by its run id (as the exported command's --run-name {name}-{run_id} would), then
 * `scaling-laws isoflop <sweep.jsonc> --logs <folder>` matches logs to runs and analyses their final losses.
 * Losses follow L = E + A/N^α + B/D^β (α 0.34, β 0.28), so the IsoFLOP frontier exponent must come out near
 * a = β/(α+β) = 0.452 (Hoffmann et al. 2022 Eq. 4); Approach 2's parabola approximation is within a few %.
 */
import * as assert from 'assert';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../src/cli/main';
import { planFromFile } from '../../src/cli/commands/plan';
import { exportPlan } from '../../src/core/sweep';

const SWEEP = join(__dirname, '../../examples/small.sweep.jsonc');
const law = (N: number, D: number) => 1.69 + 406.4 / N ** 0.34 + 410.7 / D ** 0.28;

describe('sweep loop: plan → logs named by run id → isoflop', function () {
  this.timeout(60000);

  it('matches every planned run to its log and recovers the frontier exponent', async () => {
    const { plan } = planFromFile(SWEEP);
    const dir = mkdtempSync(join(tmpdir(), 'sl-sweep-logs-'));
    for (const r of plan.runs.slice(1)) {
      const rows = [0.25, 0.5, 0.75, 1].map((f) => `${Math.round(f * r.steps)},${f * r.D},${law(r.N, f * r.D)}`);
      writeFileSync(join(dir, `${plan.name}-${r.id}.csv`), ['step,tokens,loss', ...rows].join('\n'));
    }
    writeFileSync(join(dir, 'notes-unrelated.csv'), 'step,tokens,loss\n1,1e6,5\n2,2e6,4\n');
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['isoflop', SWEEP, '--logs', dir, '--json', '--skip-bad-budgets'], { out: (s) => out.push(s), err: (s) => err.push(s) });
    assert.strictEqual(code, 0, err.join('\n'));
    const j = JSON.parse(out.join('\n'));
    assert.strictEqual(j.logs.matched, plan.runs.length - 1);
    assert.deepStrictEqual(j.logs.missing, [plan.runs[0].id]);
    assert.deepStrictEqual(j.logs.unmatched, ['notes-unrelated']);
    assert.ok(Math.abs(j.a - 0.28 / 0.62) / (0.28 / 0.62) < 0.05, `a = ${j.a}`);
  });

  it('a sweep config without --logs is a usage error; the SLURM header says the analysis reads the logs', async () => {
    const err: string[] = [];
    const code = await main(['isoflop', SWEEP], { out: () => undefined, err: (s) => err.push(s) });
    assert.strictEqual(code, 2);
    assert.match(err[0], /is a sweep config: give the runs' logs with --logs <folder>/);
    const { plan, config } = planFromFile(SWEEP);
    const slurm = exportPlan(plan, config, 'slurm');
    assert.match(slurm, /This script writes no results/);
    assert.match(slurm, /scaling-laws isoflop <sweep\.jsonc> --logs <folder>' takes each run's final loss from its log/);
    assert.doesNotMatch(slurm, /each run writes a result row/);
  });
});
