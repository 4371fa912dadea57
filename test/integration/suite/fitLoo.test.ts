/**
 * The fit panel's leave-one-out switch and early paint in a real VS Code: with Leave-one-out off the LOO row
 * is gone from the metrics (not shown as "—") and the fitted law is the same; the checkbox is reachable with
 * Tab under its label; a fit with resampling paints the law first and its intervals when they finish; a re-fit
 * from the page keeps the automatic rules it was not told to change (leave-one-out up to 500 rows, the mean
 * across seeds).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import * as vscode from 'vscode';
import type { FitPanelOptions, FitView } from '../../../src/shared/protocol';
import { mulberry32 } from '../../../src/core/stats/rng';
import { a11yAudit, metric, panelState, pressKey, requireHarness, tmpDir, until, workspaceFile } from './util';

const fitView = async (uri: vscode.Uri) => (await panelState('fit', uri)).hostView as FitView | null;

/** The final paint of run > afterSeq (an early "Fitted; computing …" view carries the same seq). */
async function settled(uri: vscode.Uri, afterSeq = -1) {
  return until(
    () => panelState('fit', uri),
    (s) => !s.running && !!s.rendered && s.rendered.seq > afterSeq && !s.rendered.text.includes('Fitted; computing'),
    `the fit of ${path.basename(uri.fsPath)} to finish`,
    90000,
  );
}

describe('Fit panel: leave-one-out switch (real VS Code)', function () {
  this.timeout(180000);
  const runs = workspaceFile('runs.csv');

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  async function refit(options: FitPanelOptions) {
    const before = (await panelState('fit', runs)).rendered?.seq ?? -1;
    const t0 = performance.now();
    await vscode.commands.executeCommand('scalingLaws._test.sendRaw', 'fit', { type: 'refit', options }, runs.toString());
    const s = await settled(runs, before);
    const ms = performance.now() - t0;
    assert.strictEqual(s.lastError, null, JSON.stringify(s.lastError));
    return { s, v: (await fitView(runs))!, ms };
  }

  it('Leave-one-out off: no LOO row; on: an LOO RMSE; the law is the same', async () => {
    await vscode.commands.executeCommand('scalingLaws.fitCsv', runs);
    await settled(runs);
    const base: FitPanelOptions = { form: 'chinchilla', fixE: null, tieExponents: false, huberDelta: 1e-3, dropRows: '', bootstrap: 0, cv: 5 };
    const off = await refit({ ...base, loo: false });
    assert.ok(!off.v.metrics.some((m) => m.id === 'loo'), `metrics: ${JSON.stringify(off.v.metrics)}`);
    assert.ok(!off.s.rendered!.text.includes('LOO RMSE'), 'no LOO row on the page');
    assert.ok(off.s.rendered!.text.includes('CV RMSE (5-fold)'), 'CV still shown');
    const on = await refit({ ...base, loo: true });
    const loo = on.v.metrics.find((m) => m.id === 'loo');
    assert.ok(loo && loo.value !== null && loo.value > 0, `LOO metric: ${JSON.stringify(loo)}`);
    assert.ok(on.s.rendered!.text.includes('LOO RMSE'), 'LOO row on the page');
    // Leave-one-out only measures the fit: the parameters are identical with it on or off.
    assert.deepStrictEqual(on.v.params.map((p) => [p.name, p.value]), off.v.params.map((p) => [p.name, p.value]));
    metric('Fit panel refit of runs.csv, CV 5, leave-one-out OFF (ms, command → final paint)', Math.round(off.ms));
    metric('Fit panel refit of runs.csv, CV 5, leave-one-out ON (ms, command → final paint)', Math.round(on.ms));
    // CV off too: no CV row either.
    const none = await refit({ ...base, cv: 0, loo: false });
    assert.ok(!none.v.metrics.some((m) => m.id === 'cv' || m.id === 'loo'), `metrics: ${JSON.stringify(none.v.metrics)}`);
  });

  it('with resampling, the law is painted first and the intervals follow (a visible "computing" state)', async () => {
    const texts: string[] = [];
    const before = (await panelState('fit', runs)).rendered?.seq ?? -1;
    const options: FitPanelOptions = { form: 'chinchilla', fixE: null, tieExponents: false, huberDelta: 1e-3, dropRows: '', bootstrap: 2000, cv: 5, loo: true };
    await vscode.commands.executeCommand('scalingLaws._test.sendRaw', 'fit', { type: 'refit', options }, runs.toString());
    const s = await until(
      async () => {
        const st = await panelState('fit', runs);
        if (st.rendered && st.rendered.seq > before) texts.push(st.rendered.text);
        return st;
      },
      (st) => !st.running && !!st.rendered && st.rendered.seq > before && !st.rendered.text.includes('Fitted; computing'),
      'the 2000-resample fit to finish',
      120000,
    );
    const early = texts.find((t) => t.includes('Fitted; computing 2000 bootstrap resamples (intervals), 5-fold CV, leave-one-out'));
    assert.ok(early, `an early paint said what was still computing; saw: ${texts.map((t) => t.slice(0, 200)).join(' | ')}`);
    assert.ok(early.includes('R²'), 'the early paint shows the law and its fit quality');
    const v = (await fitView(runs))!;
    assert.ok(v.params.every((p) => p.lo !== null && p.hi !== null), 'the final view has the intervals');
    assert.ok(s.rendered!.text.includes('LOO RMSE') && /Fitted in [\d.]+ s\./.test(s.rendered!.text));
  });

  it('the Leave-one-out checkbox is reached with Tab and named by its label, once More options is opened', async function () {
    requireHarness(this, 'keyboard walk (real Tab presses in Chromium)');
    await vscode.commands.executeCommand('scalingLaws.fitCsv', runs);
    await settled(runs);
    // With every extra option at its default, "More options" starts closed (the fitted law stays near the top).
    const closed = await a11yAudit('runs.csv');
    assert.ok(closed.controls.some((c) => c.tag === 'summary' && c.name === 'More options'), 'the More options toggle is a Tab stop');
    assert.ok(!closed.controls.some((c) => c.id === 'loo'), 'its fields are hidden while it is closed');
    await pressKey('details.more-options > summary', 'Enter', 'runs.csv');
    const report = await a11yAudit('runs.csv');
    const box = report.controls.find((c) => c.id === 'loo');
    assert.ok(box, `controls: ${JSON.stringify(report.controls).slice(0, 800)}`);
    assert.strictEqual(box.type, 'checkbox');
    assert.match(box.name, /Leave-one-out/);
    assert.ok(report.walk.some((w) => w.id === 'loo' && w.focusVisible), 'Tab reaches it with a visible focus');
  });

  it('a re-fit from the page keeps the automatic leave-one-out and seed averaging it was not told to change', async function () {
    requireHarness(this, 'the Re-fit button pressed in the page (a real key press in Chromium)');
    // 600 (N, D) points, each trained with two seeds: the table's rule averages the seeds (600 rows used), and
    // leave-one-out is off by default above 500 rows. The page's Re-fit used to send "keep best" and
    // "leave-one-out on" — what its fields showed — and so pinned both.
    const dir = tmpDir();
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'seeds-1200.csv');
    const uniform = mulberry32(7);
    const lines = ['N,D,seed,loss'];
    for (let i = 0; i < 600; i++) {
      const N = Math.round(1e7 * 10 ** (3 * uniform()));
      const D = Math.round(2e8 * 10 ** (3 * uniform()));
      for (const seed of [1, 2]) lines.push(`${N},${D},${seed},${(1.69 + 406.4 / N ** 0.34 + 410.7 / D ** 0.28) * (1 + 0.01 * (uniform() - 0.5))}`);
    }
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const uri = vscode.Uri.file(file);
    await vscode.commands.executeCommand('scalingLaws.fitCsv', uri);
    const first = await settled(uri);
    const v1 = (await fitView(uri))!;
    assert.strictEqual(v1.rowsUsed, 600, 'the two seeds of each point averaged');
    assert.ok(first.rendered!.text.includes('averaged the loss of each'), 'the repeated-runs note says the seeds were averaged');
    assert.ok(!v1.metrics.some((m) => m.id === 'loo'), 'no leave-one-out above 500 rows by default');
    await pressKey('#refit', 'Enter', 'seeds-1200.csv');
    const second = await settled(uri, first.rendered!.seq);
    const v2 = (await fitView(uri))!;
    assert.ok(!v2.metrics.some((m) => m.id === 'loo'), `the re-fit ran no leave-one-out: ${JSON.stringify(v2.metrics)}`);
    assert.strictEqual(v2.rowsUsed, 600);
    assert.ok(second.rendered!.text.includes('averaged the loss of each'), 'the re-fit still averages the seeds');
    assert.deepStrictEqual(v2.params.map((p) => [p.name, p.value]), v1.params.map((p) => [p.name, p.value]), 'the same law');
  });
});
