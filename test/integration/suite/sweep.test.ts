/**
 * IsoFLOP sweeps in a real VS Code (issue 6): on a copy of examples/small.sweep.jsonc — the code lens
 * (numbers equal to the CLI's plan), Plan IsoFLOP Sweep, Export Sweep… as a SLURM job array, Mock IsoFLOP
 * Results, then Analyse IsoFLOP Results and what the panel shows (checked against the CLI's analysis of
 * the same file), a refusal shown in the panel, and screenshots (isoflop*.png in out/screenshots/).
 * Paths are passed as command arguments so no dialog opens.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import * as vscode from 'vscode';
import { main } from '../../../src/cli/main';
import { formatNum } from '../../../src/core/format';
import type { IsoflopJson } from '../../../src/core/isoflop';
import type { IsoflopView } from '../../../src/shared/protocol';
import { EXTENSION_ID, metric, requireHarness, until } from './util';

/** Ask the harness (scripts/harness/run-tests.js) for a screenshot; query: name, text, webviewOnly, viewport… */
async function shot(query: string): Promise<void> {
  const r = await fetch(`${process.env.HARNESS_SHOT_URL}/shot?${query}`);
  const body = (await r.json()) as { ok: boolean; error?: string };
  assert.ok(body.ok, `screenshot ${query}: ${body.error}`);
}

interface IsoflopState {
  open: boolean;
  rendered: { seq: number; text: string; charts: number; paintMs: number } | null;
  firstPaintMs: number | null;
  firstCompleteMs: number | null;
  webviewErrors: string[];
  rejectedMessages: string[];
  running: boolean;
  hostView: IsoflopView | null;
  json: IsoflopJson | null;
  lastError: { title: string; message: string } | null;
}

const isoflopState = async (uri: vscode.Uri) => (await vscode.commands.executeCommand('scalingLaws._test.isoflopState', uri.toString())) as IsoflopState;

async function cli(argv: string[]): Promise<string> {
  const out: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: () => undefined });
  assert.strictEqual(code, 0, `scaling-laws ${argv.join(' ')} exited ${code}`);
  return out.join('\n');
}

describe('IsoFLOP sweeps (real VS Code)', function () {
  this.timeout(120000);
  let dir: string;
  let config: vscode.Uri;
  let results: vscode.Uri;

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} not installed`);
    await ext.activate();
    const example = path.join(ext.extensionPath, 'examples', 'small.sweep.jsonc');
    assert.ok(fs.existsSync(example), `${example} missing (run with extensionDevelopmentPath = the repo)`);
    const ws = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(ws, 'the fixture workspace must be open');
    // The workspace is the harness's copy of the fixtures, so the exports below never touch the clone.
    dir = fs.mkdtempSync(path.join(ws, 'sweep-it-'));
    fs.copyFileSync(example, path.join(dir, 'small.sweep.jsonc'));
    config = vscode.Uri.file(path.join(dir, 'small.sweep.jsonc'));
    results = vscode.Uri.file(path.join(dir, 'small.results.csv'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(config));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('code lens: runs · total compute · GPU-hours, then Plan · Export… · Mock results…', async () => {
    const t0 = performance.now();
    const lenses = await until(
      async () => (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', config)) ?? [],
      (l) => l.some((x) => /^\d+ runs · /.test(x.command?.title ?? '')),
      'the sweep code lens',
    );
    metric('sweep code lens (ms)', Math.round(performance.now() - t0));
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(titles.includes('35 runs · C 1.02e21 · ≈716 GPU-hours H100-SXM @40 % MFU'), titles.join(' | '));
    // Same totals as the CLI's plan of the same file.
    assert.match(await cli(['plan', config.fsPath]), /total compute 1\.02e21 FLOPs; ≈ 716 GPU-hours on H100-SXM at 40 % MFU/);
    for (const [title, command] of [['Plan', 'scalingLaws.planSweep'], ['Export…', 'scalingLaws.exportSweep'], ['Mock results…', 'scalingLaws.mockSweep']]) {
      const l = lenses.find((x) => x.command?.title === title);
      assert.ok(l, `lens ${title}`);
      assert.strictEqual(l.command!.command, command);
      assert.strictEqual((l.command!.arguments![0] as vscode.Uri).toString(), config.toString());
    }
  });

  it('Plan IsoFLOP Sweep opens the run table beside the config, read-only (nothing to save on close)', async () => {
    const uri = (await vscode.commands.executeCommand('scalingLaws.planSweep', config)) as string;
    assert.ok(uri, 'the command returned the plan document');
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    assert.ok(doc, 'plan document open');
    assert.strictEqual(doc.languageId, 'markdown');
    // A virtual document of the extension's own scheme: never an untitled buffer, never dirty.
    assert.strictEqual(doc.uri.scheme, 'scaling-laws');
    assert.ok(!doc.isUntitled && !doc.isDirty);
    assert.ok(vscode.workspace.textDocuments.every((d) => !(d.isUntitled && d.isDirty && d.languageId === 'markdown')), 'no dirty untitled Markdown buffer');
    const text = doc.getText();
    assert.strictEqual(text.split('\n').filter((l) => /^\| b\d-m\d /.test(l)).length, 35);
    assert.match(text, /Total compute: 1\.02e21 FLOPs/);
  });

  it('Export Sweep… writes a SLURM job array identical to `scaling-laws plan --format slurm`', async () => {
    const target = vscode.Uri.file(path.join(dir, 'small.slurm'));
    const written = (await vscode.commands.executeCommand('scalingLaws.exportSweep', config, { format: 'slurm', target })) as string;
    assert.strictEqual(written, target.toString());
    const script = fs.readFileSync(target.fsPath, 'utf8');
    assert.match(script, /^#SBATCH --array=0-34$/m);
    assert.strictEqual((script.match(/^ {4}torchrun /gm) ?? []).length, 35, 'one filled training command per run');
    assert.strictEqual(script.trimEnd(), (await cli(['plan', config.fsPath, '--format', 'slurm'])).trimEnd());
  });

  it('Mock IsoFLOP Results writes the results CSV next to the config', async () => {
    const written = (await vscode.commands.executeCommand('scalingLaws.mockSweep', config, { target: results })) as string;
    assert.strictEqual(written, results.toString());
    const csv = fs.readFileSync(results.fsPath, 'utf8').trim().split('\n');
    assert.strictEqual(csv[0], 'id,budget,compute,N,D,loss');
    assert.strictEqual(csv.length, 36);
    assert.strictEqual(fs.readFileSync(results.fsPath, 'utf8').trimEnd(), (await cli(['mock', config.fsPath])).trimEnd(), 'same rows as the CLI (same seed)');
  });

  it('Analyse IsoFLOP Results paints the curves, the frontier and the joint-fit comparison', async () => {
    const t0 = performance.now();
    await vscode.commands.executeCommand('scalingLaws.analyseIsoflop', results);
    const s = await until(() => isoflopState(results), (x) => !!x.rendered && x.rendered.text.includes('N* = '), 'the IsoFLOP panel to paint');
    metric('Analyse IsoFLOP Results → what is in view painted (ms)', Math.round(s.firstPaintMs ?? performance.now() - t0));
    metric('Analyse IsoFLOP Results → every plot drawn (ms)', Math.round(s.firstCompleteMs ?? performance.now() - t0));
    assert.deepStrictEqual(s.webviewErrors, []);
    assert.deepStrictEqual(s.rejectedMessages, []);
    assert.strictEqual(s.rendered!.charts, 2);
    const text = s.rendered!.text;
    assert.ok(text.includes('IsoFLOP analysis: small.results.csv'), text.slice(0, 300));
    assert.ok(text.includes('IsoFLOP curves: loss vs model size per budget') && text.includes('Compute-optimal frontier'), 'both plots');
    // The panel shows what the CLI computes from the same file.
    const json = JSON.parse(await cli(['isoflop', results.fsPath, '--json'])) as IsoflopJson;
    assert.ok(s.json, 'host kept the analysis');
    assert.strictEqual(s.json.a, json.a);
    assert.strictEqual(s.json.b, json.b);
    assert.strictEqual(s.hostView!.minima.length, 5);
    assert.ok(text.includes(`C^${formatNum(json.a, 3)}`), `panel shows a = ${formatNum(json.a, 3)}`);
    // Mocked from hoffmann2022-a3 (a = 0.2849 / 0.6241 = 0.4565): both approaches recover it within noise.
    assert.ok(Math.abs(json.a - 0.4565) < 0.05, `IsoFLOP a = ${json.a}`);
    assert.ok(json.joint?.ok && Math.abs(json.joint.a - 0.4565) < 0.05, `joint a = ${JSON.stringify(json.joint)}`);
    assert.ok(text.includes('Joint fit L = E + A/N^α + B/D^β over the same 35 runs'), 'comparison sentence shown');
  });

  it('a refusal is shown in the panel, typed', async () => {
    const two = vscode.Uri.file(path.join(dir, 'two-budgets.csv'));
    const rows = fs.readFileSync(results.fsPath, 'utf8').split('\n').filter((l) => !/^b[234]-/.test(l));
    fs.writeFileSync(two.fsPath, rows.join('\n'));
    await vscode.commands.executeCommand('scalingLaws.analyseIsoflop', two);
    const s = await until(() => isoflopState(two), (x) => !!x.rendered && x.rendered.text.includes('refused'), 'the refusal to show');
    assert.match(s.lastError!.title, /too-few-budgets/);
    assert.ok(s.rendered!.text.includes('2 usable budgets'), s.rendered!.text.slice(0, 400));
  });

  it('screenshots of the flow and the IsoFLOP panel → isoflop*.png', async function () {
    requireHarness(this, 'the IsoFLOP screenshots');
    const text = encodeURIComponent('Compute-optimal frontier');
    // Reveal the results panel (the refusal panel is in front) and wait until it has re-analysed and painted.
    const reveal = async () => {
      const before = (await isoflopState(results)).rendered?.seq ?? 0;
      await vscode.commands.executeCommand('scalingLaws.analyseIsoflop', results);
      await until(() => isoflopState(results), (x) => !!x.rendered && x.rendered.seq > before && x.rendered.text.includes('N* = '), 'the panel to repaint');
    };
    // The whole flow: the config with its lens, the plan, the panel.
    await reveal();
    await shot(`name=isoflop-flow-window&text=${text}&settleMs=300`);
    // Then the panel alone in one editor group, in a window tall enough for both plots and the table.
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('workbench.action.editorLayoutSingle');
    try {
      await reveal();
      await shot(`name=isoflop&text=${text}&webviewOnly=1&settleMs=500&viewport=1400x1450`);
      await shot(`name=isoflop-window&text=${text}&settleMs=300`);
    } finally {
      await vscode.commands.executeCommand('workbench.view.explorer');
    }
  });
});
