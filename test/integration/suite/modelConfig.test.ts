/**
 * Model configs in the real VS Code extension host (issue 13): a Hugging Face config.json
 * (test/fixtures/integration/llama-2-7b/config.json, meta-llama/Llama-2-7b-hf's config) gets the code
 * lens with the exact count, a hover on a size key, and the sequence-length diagnostic on
 * max_position_embeddings.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, until, workspaceFile } from './util';

describe('Model config lens (Hugging Face config.json)', function () {
  this.timeout(90000);
  const uri = () => workspaceFile('llama-2-7b/config.json');

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri()));
  });
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('the code lens reads N = 6.74B (6,738,415,616 — the Llama-2-7B count), tokens per law and Open in planner', async () => {
    const lenses = await until(
      async () => (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri())) ?? [],
      (l) => l.some((x) => x.command?.title.startsWith('N 6.74B')),
      'the model-config code lens',
    );
    const titles = lenses.map((l) => l.command?.title ?? '');
    const summary = titles.find((t) => t.startsWith('N 6.74B'))!;
    assert.match(summary, /FLOPs\/token \(6N; seq 2048 assumed\)/);
    assert.match(summary, /hoffmann2022-a3: D\* \S+ \(\S+ tok\/param\), L̂ \d\.\d+/);
    assert.ok(titles.includes('Tokens per law…'), titles.join(' | '));
    assert.ok(titles.includes('Open in planner'), titles.join(' | '));
  });

  it('hovering hidden_size shows the exact count and its breakdown', async () => {
    const doc = await vscode.workspace.openTextDocument(uri());
    const line = doc.getText().split('\n').findIndex((l) => l.includes('"hidden_size"'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri(), new vscode.Position(line, 6));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(text, /6,738,415,616 parameters/);
    assert.match(text, /Compute-optimal tokens for this N/);
  });

  it('the assumed training sequence length is a warning on max_position_embeddings', async () => {
    const diags = await until(async () => vscode.languages.getDiagnostics(uri()), (d) => d.some((x) => /training sequence length/.test(x.message)), 'the sequence-length diagnostic');
    const doc = await vscode.workspace.openTextDocument(uri());
    const d = diags.find((x) => /training sequence length/.test(x.message))!;
    assert.strictEqual(doc.getText(d.range), '"max_position_embeddings"');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Warning);
  });
});
