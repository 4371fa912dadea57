/**
 * The panels' view models and exports (pure code behind the webviews): the planner's rows equal the core's
 * allocation and reproduce Chinchilla's published tables; plot series are what the issue asks for; the fit
 * view's helpers (dropped lines, substituted formula, recommendations) and the Markdown/CSV exports.
 */
import * as assert from 'assert';
import { allocateCompute } from '../../src/core/allocation';
import { parseRunsCsv } from '../../src/core/csv';
import { fitRuns } from '../../src/core/fit';
import { chinchillaLoss } from '../../src/core/laws/forms';
import { parseLineList, substitutedFormula, toFitView } from '../../src/extension/fit/view';
import { blankLines } from '../../src/core/csv/source';
import { computePlannerView, DEFAULT_PLANNER_INPUT, statusText } from '../../src/extension/planner/view';
import { csvField, fitCsv, fitMarkdown, mdText, plannerCsv, plannerMarkdown } from '../../src/extension/common/report';
import { formatParam } from '../../src/shared/format';

describe('planner view model', () => {
  const view = computePlannerView(DEFAULT_PLANNER_INPUT);

  it('rows are the core allocation for each selected law, in registry order', () => {
    assert.deepStrictEqual(view.rows.map((r) => r.lawId), ['hoffmann2022-a1', 'hoffmann2022-a3', 'besiroglu2024', 'muennighoff2023', 'deepseek2024', 'llama3-2024']);
    for (const r of view.rows) {
      const a = allocateCompute({ compute: 5.76e23, laws: [r.lawId], language: 'en' })[0];
      assert.strictEqual(r.N, a.N);
      assert.strictEqual(r.D, a.D);
      assert.strictEqual(r.loss, a.loss);
    }
  });

  it('Chinchilla Approach 1 reproduces Table 3 (67B params at 5.76e23 FLOPs) within 2 %', () => {
    const a1 = view.rows.find((r) => r.lawId === 'hoffmann2022-a1')!;
    assert.ok(Math.abs(a1.N! / 67e9 - 1) < 0.02, String(a1.N));
  });

  it('Chinchilla Approach 3 (unrounded) gives 66.2B at 1.71e24 (Table A3 prints 67B: within 2 %)', () => {
    const v = computePlannerView({ ...DEFAULT_PLANNER_INPUT, compute: 1.71e24, laws: ['hoffmann2022-a3'] });
    assert.ok(Math.abs(v.rows[0].N! / 66.2e9 - 1) < 0.005, String(v.rows[0].N));
  });

  it('plot 1 has C = 6ND on the budget, iso-loss contours at the right loss, one optimum per law', () => {
    const iso = view.nd.find((s) => s.id === 'iso-compute')!;
    for (const [D, N] of iso.points) assert.ok(Math.abs((6 * N * D) / 5.76e23 - 1) < 1e-12);
    const contours = view.nd.filter((s) => s.id.startsWith('iso-loss'));
    assert.ok(contours.length >= 3);
    // The middle contour (k = 0) passes through the contour law's optimum loss.
    const a3 = view.rows.find((r) => r.lawId === 'hoffmann2022-a3')!;
    const p = { E: 1.6934, A: 406.4, B: 410.7, alpha: 0.3392, beta: 0.2849 };
    for (const [D, N] of contours[2].points) assert.ok(Math.abs(chinchillaLoss(p, N, D) - a3.loss!) < 1e-9);
    assert.strictEqual(view.nd.filter((s) => s.style === 'marker').length, view.rows.length);
  });

  it('plot 2 has tokens/param against compute for each law', () => {
    const a1 = view.tpp.find((s) => s.id === 'tpp-hoffmann2022-a1')!;
    assert.ok(a1.points.length > 10);
    for (const [C, tpp] of a1.points) assert.ok(C > 0 && tpp > 5 && tpp < 100);
  });

  it('GPU budget: 1024 × H100 BF16 × 40 % × 720 h', () => {
    const v = computePlannerView({ ...DEFAULT_PLANNER_INPUT, mode: 'gpus' });
    assert.ok(Math.abs(v.compute! / (1024 * 989.4e12 * 0.4 * 720 * 3600) - 1) < 1e-12);
    const bad = computePlannerView({ ...DEFAULT_PLANNER_INPUT, mode: 'gpus', gpus: { ...DEFAULT_PLANNER_INPUT.gpus, gpu: 'H1OO' } });
    assert.strictEqual(bad.rows.length, 0);
    assert.match(bad.notes[0].text, /unknown GPU 'H1OO'/);
  });

  it('target loss: laws without a loss say why instead of showing numbers', () => {
    const v = computePlannerView({ ...DEFAULT_PLANNER_INPUT, mode: 'loss', targetLoss: 2.0 });
    assert.ok(v.rows.find((r) => r.lawId === 'hoffmann2022-a3')!.compute! > 0);
    assert.strictEqual(v.rows.find((r) => r.lawId === 'hoffmann2022-a1')!.N, null);
    assert.ok(v.guidance.find((g) => g.lawId === 'hoffmann2022-a1')!.notes.some((n) => n.code === 'refused'));
  });

  it('guidance names the extrapolation beyond the fitted range and the inference cost', () => {
    const v = computePlannerView({ ...DEFAULT_PLANNER_INPUT, inferenceTokens: 2e12 });
    const g = v.guidance.find((x) => x.lawId === 'hoffmann2022-a3')!;
    assert.ok(g.notes.some((n) => n.code === 'outside-fitted-params'));
    assert.ok(g.notes.some((n) => n.code === 'inference-cost' && /GPU-hours/.test(n.text)));
    assert.match(statusText(view)!.text, /^N\* 67\.\dB · D\* 1\.4\dT$/);
  });

  it('an input the core refuses (0.5 unique tokens) becomes per-law guidance, not an exception', () => {
    const v = computePlannerView({ ...DEFAULT_PLANNER_INPUT, uniqueTokens: 0.5, laws: ['muennighoff2023', 'hoffmann2022-a1'] });
    const g = v.guidance.find((x) => x.lawId === 'muennighoff2023')!;
    assert.ok(g.notes.some((n) => n.severity === 'error' && /uniqueTokens/.test(n.text)), JSON.stringify(g.notes.slice(0, 2)));
  });

  it('no law selected: an error note, no rows', () => {
    const v = computePlannerView({ ...DEFAULT_PLANNER_INPUT, laws: [] });
    assert.deepStrictEqual(v.rows, []);
    assert.strictEqual(v.notes[0].code, 'no-law');
  });
});

describe('fit view helpers', () => {
  it('parses "drop CSV lines" lists and refuses nonsense', () => {
    assert.deepStrictEqual(parseLineList(' 12, 15-17 ,12'), [12, 15, 16, 17]);
    assert.deepStrictEqual(parseLineList(''), []);
    assert.throws(() => parseLineList('1'), /line 1 is the header/);
    assert.throws(() => parseLineList('5-3'), /low-high/);
    assert.throws(() => parseLineList('abc'), /'abc' is not a line number/);
  });

  it('blanks dropped lines so the other rows keep their line numbers (LF and CRLF)', () => {
    assert.strictEqual(blankLines('h\na\nb\nc\n', [3]), 'h\na\n\nc\n');
    assert.strictEqual(blankLines('h\r\na\r\nb\r\n', [2]), 'h\r\n\r\nb\r\n');
  });

  it('builds the view from a real fit: formula, recommendations, plots, exports', () => {
    const p = { E: 1.8172, A: 482.01, B: 2085.43, alpha: 0.3478, beta: 0.3658 };
    const lines = ['params,tokens,loss,<img src=x onerror=alert(1)>'];
    for (const N of [2e7, 6e7, 1.8e8, 5.4e8, 1.6e9]) for (const D of [4e8, 1.2e9, 3.6e9, 1.08e10]) lines.push(`${N},${D},${chinchillaLoss(p, N, D)},x`);
    const text = lines.join('\n');
    const table = parseRunsCsv(text, { fileName: 'runs.csv' });
    const result = fitRuns(table, { cv: 0, loo: false }).toJSON();
    const view = toFitView({ table: { columns: table.columns, summary: table.summary, headers: table.headers }, result }, 'runs.csv', [], 10);
    assert.ok(Math.abs(view.params.find((x) => x.name === 'alpha')!.value - 0.3478) < 1e-3, 'exact data → exact α');
    assert.strictEqual(view.formula, substitutedFormula(result));
    assert.match(view.formula, /^L\(N, D\) = 1\.81\d \+ \d+(\.\d+)? \/ N\^0\.34\d+ \+ \d+ \/ D\^0\.36\d+$/);
    assert.strictEqual(view.lossAxis, 'N', '4 token counts → loss vs N grouped by D');
    assert.strictEqual(view.lossCurves.filter((s) => s.style === 'points').length, 4);
    assert.ok(view.recommendations.some((n) => n.code === 'closest-law' && /Chinchilla replication/.test(n.text)), JSON.stringify(view.recommendations));
    assert.ok(view.recommendations.some((n) => n.code === 'next-run'));
    assert.match(view.columns, /ignored: '<img src=x onerror=alert\(1\)>'/);
    const md = fitMarkdown(view, ['runs-fit-plot-loss.png']);
    assert.ok(md.includes('# Scaling-law fit: runs.csv'));
    assert.ok(md.includes('![runs-fit-plot-loss.png](runs-fit-plot-loss.png)'));
    assert.ok(fitCsv(view).startsWith('parameter,value,stderr,ci_low,ci_high\nE,'));
  });
});

describe('exports', () => {
  it('escapes user text in Markdown so HTML in a CSV header stays literal', () => {
    assert.strictEqual(mdText('<img src=x onerror=alert(1)>'), '&lt;img src=x onerror=alert\\(1\\)&gt;');
    assert.strictEqual(mdText('a|b\nc'), 'a\\|b c');
  });

  it('quotes CSV fields per RFC 4180', () => {
    assert.strictEqual(csvField('a,b'), '"a,b"');
    assert.strictEqual(csvField('say "hi"'), '"say ""hi"""');
    assert.strictEqual(csvField(null), '');
    assert.strictEqual(csvField(1.5e23), '1.5e+23');
  });

  it('planner CSV and Markdown carry every row', () => {
    const view = computePlannerView(DEFAULT_PLANNER_INPUT);
    const csv = plannerCsv(view).trim().split('\n');
    assert.strictEqual(csv.length, 1 + view.rows.length);
    assert.ok(csv[1].startsWith('hoffmann2022-a1,Chinchilla Approach 1,'));
    const md = plannerMarkdown(view);
    assert.ok(md.includes('| Law | N* | D* |'));
    assert.ok(md.includes('### Chinchilla Approach 3 \\(parametric\\)'));
  });

  it('formats fitted coefficients without exponent noise', () => {
    assert.strictEqual(formatParam(1598.8, 3), '1599');
    assert.strictEqual(formatParam(0.34781, 4), '0.3478');
    assert.strictEqual(formatParam(8.8e13, 3), '8.8e13');
  });
});
