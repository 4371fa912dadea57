/**
 * Config files in the real VS Code extension host: completion, hover, code lens (numbers equal to the
 * CLI's) and a diagnostic with its quick fix, on copies of examples/llama-1.3b.{arch,backward}.jsonc.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { main } from '../../../src/cli/main';

const EXT_ID = 'scaling-laws.scaling-laws';
const N_LLAMA = 1_294_159_104;

async function poll<T>(what: string, f: () => Promise<T | undefined> | T | undefined, timeoutMs = 20000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function hoverText(h: vscode.Hover[]): string {
  return h.flatMap((x) => x.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

describe('config files (issue 5)', function () {
  this.timeout(90000);
  let dir: string;
  let backwardUri: vscode.Uri;
  let doc: vscode.TextDocument;

  before(async () => {
    const ext = vscode.extensions.getExtension(EXT_ID);
    assert.ok(ext, `${EXT_ID} not installed`);
    await ext.activate();
    const examples = path.join(ext.extensionPath, 'examples');
    assert.ok(fs.existsSync(path.join(examples, 'llama-1.3b.backward.jsonc')), `examples missing under ${examples} (run with extensionDevelopmentPath = the repo)`);
    const ws = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    dir = fs.mkdtempSync(path.join(ws ?? os.tmpdir(), 'config-it-'));
    for (const f of ['llama-1.3b.arch.jsonc', 'llama-1.3b.backward.jsonc']) fs.copyFileSync(path.join(examples, f), path.join(dir, f));
    backwardUri = vscode.Uri.file(path.join(dir, 'llama-1.3b.backward.jsonc'));
    doc = await vscode.workspace.openTextDocument(backwardUri);
    await vscode.window.showTextDocument(doc);
  });

  after(async () => {
    // Revert the edited copy before deleting it, so nothing tries to save into a removed folder.
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('code lens summarises N · C · D · L̂ · dataset share with the numbers the CLI prints', async () => {
    const lenses = await poll('code lens', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', backwardUri);
      return l?.some((x) => x.command?.title.startsWith('N ')) ? l : undefined;
    });
    const title = lenses.find((x) => x.command?.title.startsWith('N '))!.command!.title;
    // Independent arithmetic: C = 4 × 312e12 × 0.4 × 0.95 × 720 h × 3600, D = C / 6N.
    const C = 4 * 312e12 * 0.4 * 0.95 * 720 * 3600;
    const D = C / (6 * N_LLAMA);
    assert.ok(title.startsWith(`N 1.29B · C 1.23e21 · D ${(D / 1e9).toPrecision(3)}B · L̂ `), title);
    assert.ok(title.endsWith(`${Number((D / 627e9).toPrecision(3))} epochs of the dataset`), title);
    assert.ok(lenses.some((x) => x.command?.title === 'Open in planner'));

    let out = '';
    const code = await main(['backward', backwardUri.fsPath, '--json'], { out: (s) => (out += s), err: () => undefined });
    assert.strictEqual(code, 0);
    const cli = JSON.parse(out) as { N: number; compute: number; D: number; loss: number; law: { id: string; constantSet?: string } };
    assert.strictEqual(cli.N, N_LLAMA);
    assert.ok(title.includes(`L̂ ${cli.loss.toPrecision(3)} (${cli.law.id}, ${cli.law.constantSet} constants)`), `${title} vs CLI loss ${cli.loss} (${cli.law.constantSet})`);
    assert.ok(Math.abs(cli.D / D - 1) < 1e-12 && Math.abs(cli.compute / C - 1) < 1e-12);
  });

  it('hover on gpu_type shows the dense peak per dtype and its source', async () => {
    const pos = doc.positionAt(doc.getText().indexOf('"A100"') + 2);
    const hovers = await poll('hover', async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', backwardUri, pos);
      return h && hoverText(h).includes('dense peak') ? h : undefined;
    });
    const text = hoverText(hovers);
    assert.match(text, /\| BF16 \| 312 \| 624 \|/);
    assert.match(text, /NVIDIA A100 datasheet/);
  });

  it('completion inside gpu_type offers GPUs with their dense peaks', async () => {
    const pos = doc.positionAt(doc.getText().indexOf('"A100"') + 1);
    const list = await poll('completion', async () => {
      const l = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', backwardUri, pos);
      return l?.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'H100-SXM') ? l : undefined;
    });
    const h100 = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'H100-SXM')!;
    assert.match(String(h100.detail), /989\.4 TFLOP\/s dense/);
  });

  it('MFU above 0.7 → a warning on expected_mfu with a quick fix that sets 0.4', async () => {
    const at = doc.getText().indexOf('"expected_mfu": 0.4') + '"expected_mfu": '.length;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(backwardUri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + 3)), '0.9');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const diag = await poll('mfu-high diagnostic', () => vscode.languages.getDiagnostics(backwardUri).find((d) => d.code === 'mfu-high'));
    assert.strictEqual(diag.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(doc.getText(diag.range), '0.9');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', backwardUri, diag.range);
    const fix = actions.find((a) => a.title.startsWith('Set expected_mfu to 0.4'));
    assert.ok(fix?.edit, `no quick fix among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(doc.getText(), /"expected_mfu": 0\.4/);
    await poll('diagnostic cleared', () => (vscode.languages.getDiagnostics(backwardUri).some((d) => d.code === 'mfu-high') ? undefined : true));
  });

  it('"New Backward-Scaling Config" opens an annotated template that analyses cleanly', async () => {
    await vscode.commands.executeCommand('scalingLaws.newBackwardConfig');
    const editor = await poll('template editor', () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.scheme === 'untitled' && e.document.getText().includes('training_gear') ? e : undefined;
    });
    assert.match(editor.document.fileName, /\.backward\.jsonc$/);
    const lenses = await poll('template lens', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
      return l?.some((x) => x.command?.title.startsWith('N ')) ? l : undefined;
    });
    assert.ok(lenses.length >= 1);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
