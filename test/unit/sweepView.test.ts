/**
 * The sweep editor features' pure parts: results CSV → IsoflopView (what the panel plots), its exports,
 * the code-lens line and the plan document, and the protocol validators for the IsoFLOP messages.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_PLAN_DEPS, parseSweepConfig, planSweep } from '../../src/core/sweep';
import { IsoflopRefusal } from '../../src/core/isoflop';
import { MAX_RUNS_SHOWN } from '../../src/core/isoflop/results';
import { parsePersistedState, parseWebviewMessage } from '../../src/shared/protocol';
import {
  analyseResultsText, DEFAULT_ISOFLOP_OPTIONS, FRONTIER_LAWS, isoflopCsv, isoflopMarkdown, planMarkdown, sweepLensTitle,
} from '../../src/extension/sweeps/view';

const EXAMPLES = path.join(__dirname, '../../examples');
const RESULTS = fs.readFileSync(path.join(EXAMPLES, 'small.results.csv'), 'utf8');

describe('IsoFLOP panel view model', () => {
  const r = analyseResultsText(RESULTS, 'small.results.csv', DEFAULT_ISOFLOP_OPTIONS);

  it('matches the CLI analysis: 5 budgets of 7 runs, a and b from the same fits', () => {
    assert.strictEqual(r.view.minima.length, 5);
    assert.ok(r.view.minima.every((m) => m.runsUsed === 7 && m.runsTotal === 7));
    assert.strictEqual(r.view.nFrontier.exponent, r.json.a);
    assert.strictEqual(r.view.dFrontier.exponent, r.json.b);
    // The example is mocked from hoffmann2022-a3 (α 0.3392, β 0.2849 → a 0.4565) with σ = 0.01 nats noise.
    assert.ok(Math.abs(r.json.a - 0.4565) < 0.05, `a = ${r.json.a}`);
  });

  it('carries the joint fit and its comparison sentence', () => {
    assert.ok(r.view.joint, 'joint fit missing');
    assert.ok(Math.abs(r.view.joint.a - (r.view.joint.beta / (r.view.joint.alpha + r.view.joint.beta))) < 1e-12);
    assert.match(r.view.joint.comparison, /over the same 35 runs/);
    assert.ok(r.json.joint?.ok);
    const off = analyseResultsText(RESULTS, 'small.results.csv', { ...DEFAULT_ISOFLOP_OPTIONS, joint: false });
    assert.strictEqual(off.view.joint, null);
    assert.ok(!off.view.frontier.some((s) => s.id.startsWith('joint')));
  });

  it('curves: per budget the runs, a parabola whose minimum is the marker, and the N* interval at the minimum loss', () => {
    for (const m of r.view.minima) {
      const parabola = r.view.curves.find((s) => s.id === `parabola-${m.compute}`)!;
      const marker = r.view.curves.find((s) => s.id === `minimum-${m.compute}`)!;
      const bar = r.view.curves.find((s) => s.id === `n-interval-${m.compute}`)!;
      assert.deepStrictEqual(marker.points, [[m.N, m.loss]]);
      assert.ok(parabola.points.every(([, y]) => y >= m.loss - 1e-12), 'parabola dips below its vertex');
      assert.deepStrictEqual(bar.points, [[m.NInterval![0], m.loss], [m.NInterval![1], m.loss]]);
      assert.strictEqual(r.view.curves.find((s) => s.id === `runs-${m.compute}`)!.points.length, 7);
    }
  });

  it('frontier: minima, the fitted power laws through them, and each published law\'s N* and D* lines', () => {
    const pl = r.view.frontier.find((s) => s.id === 'powerlaw-N*')!;
    for (const [C, N] of pl.points) assert.ok(Math.abs(N / (r.json.k * Math.pow(C, r.json.a)) - 1) < 1e-12);
    for (const id of FRONTIER_LAWS) {
      assert.ok(r.view.frontier.some((s) => s.id === `law-N-${id}` && s.style === 'dotted'), id);
      assert.ok(r.view.frontier.some((s) => s.id === `law-D-${id}`), id);
    }
    for (const s of [...r.view.curves, ...r.view.frontier]) {
      assert.ok(s.points.length > 0 && s.points.every(([x, y]) => x > 0 && Number.isFinite(x) && Number.isFinite(y) && y > 0), s.id);
    }
  });

  it('says how runs were grouped', () => {
    assert.match(r.view.grouping, /nominal budget column; 5 budgets/);
    const noBudget = RESULTS.split('\n').map((l) => l.split(',').filter((_, i) => i !== 1).join(',')).join('\n');
    const g = analyseResultsText(noBudget, 'x.csv', DEFAULT_ISOFLOP_OPTIONS).view.grouping;
    assert.match(g, /grouped by compute: .* more than 10 %; each budget is labelled by the geometric mean/);
  });

  it('refusals pass through typed (the panel shows them)', () => {
    const two = RESULTS.split('\n').filter((l) => !/^b[234]-/.test(l)).join('\n');
    assert.throws(() => analyseResultsText(two, 'two.csv', DEFAULT_ISOFLOP_OPTIONS), (e: unknown) => e instanceof IsoflopRefusal && e.code === 'too-few-budgets');
  });

  it('a budget with more runs than are plotted: the plot is thinned, the minima table still counts every run', () => {
    // 3 budgets × 2,500 runs (MAX_RUNS_SHOWN = 1,000 are plotted) on L = 1.69 + 406.4/N^0.34 + 410.7/D^0.28.
    const rows = ['compute,N,D,loss'];
    for (const C of [1e18, 1e19, 1e20]) {
      for (let i = 0; i < 2500; i++) {
        const N = 0.1 * Math.sqrt(C) * Math.exp(-1.5 + (3 * i) / 2500);
        rows.push(`${C},${N},${C / (6 * N)},${1.69 + 406.4 / N ** 0.34 + 410.7 / (C / (6 * N)) ** 0.28}`);
      }
    }
    const big = analyseResultsText(rows.join('\n'), 'big.csv', { ...DEFAULT_ISOFLOP_OPTIONS, joint: false });
    assert.deepStrictEqual(big.view.minima.map((m) => [m.runsUsed, m.runsTotal]), [[2500, 2500], [2500, 2500], [2500, 2500]]);
    assert.ok(big.view.curves.filter((c) => c.id.startsWith('runs-')).every((c) => c.points.length === MAX_RUNS_SHOWN));
    assert.ok(big.view.notes.some((n) => n.code === 'runs-thinned'));
  });

  it('exports: CSV of the minima, Markdown with user text escaped', () => {
    const csv = isoflopCsv(r.view).trim().split('\n');
    assert.strictEqual(csv[0], 'compute,runs_used,runs,N_opt,N_opt_low,N_opt_high,D_opt,D_opt_low,D_opt_high,loss_min');
    assert.strictEqual(csv.length, 6);
    const evil = analyseResultsText(RESULTS, '<img src=x onerror=alert(1)>.csv', DEFAULT_ISOFLOP_OPTIONS);
    const md = isoflopMarkdown(evil.view, ['a.png']);
    assert.ok(!md.includes('<img'), md.slice(0, 200));
    assert.match(md, /N\* = \d\.\d+·C\^0\.\d{3} /); // 0.162·C^0.487, not 1.624e-1 · C^0.4869
    assert.match(md, /!\[a\.png\]\(a\.png\)/);
  });
});

describe('sweep code lens and plan document', () => {
  const config = parseSweepConfig(fs.readFileSync(path.join(EXAMPLES, 'small.sweep.jsonc'), 'utf8'), 'small.sweep.jsonc');
  const plan = planSweep(config, DEFAULT_PLAN_DEPS);

  it('lens: runs · total compute · GPU-hours on the config GPU at its MFU', () => {
    // GPU-hours = total compute / (dense peak per GPU × MFU): the GPU count only changes wall-clock time.
    assert.strictEqual(sweepLensTitle(plan), '35 runs · C 1.02e21 · ≈716 GPU-hours H100-SXM @40 % MFU');
    const hours = plan.totals.compute / (plan.totals.peakFlopsPerGpu! * 0.4) / 3600;
    assert.ok(Math.abs(hours / plan.totals.gpuHours! - 1) < 1e-9);
  });

  it('the plan document lists every run with its shape, and the totals', () => {
    const md = planMarkdown(plan, 'small.sweep.jsonc');
    const rows = md.split('\n').filter((l) => /^\| b\d-m\d /.test(l));
    assert.strictEqual(rows.length, 35);
    assert.match(md, /Total compute: 1\.02e21 FLOPs/);
    assert.match(md, /≈ 716 GPU-hours on H100-SXM at 40 % MFU/);
  });
});

describe('protocol: IsoFLOP messages', () => {
  const options = { window: 3, skipBadBudgets: false, groupTolerance: 0.1, joint: true };
  it('accepts valid options and persisted state', () => {
    assert.deepStrictEqual(parseWebviewMessage({ type: 'isoflopOptions', options }), { type: 'isoflopOptions', options });
    assert.deepStrictEqual(parsePersistedState({ view: 'isoflop', uri: 'file:///r.csv', options: { ...options, window: null } }).view, 'isoflop');
    assert.strictEqual(parseWebviewMessage({ type: 'ready', view: 'isoflop' }).type, 'ready');
  });
  it('rejects malformed options with the field path', () => {
    for (const [bad, where] of [
      [{ ...options, window: 0 }, /options\.window/],
      [{ ...options, window: 2.5 }, /options\.window/],
      [{ ...options, groupTolerance: -1 }, /options\.groupTolerance/],
      [{ ...options, joint: 'yes' }, /options\.joint/],
      [{ ...options, extra: 1 }, /options\.extra/],
    ] as const) {
      assert.throws(() => parseWebviewMessage({ type: 'isoflopOptions', options: bad }), where);
    }
  });
});
