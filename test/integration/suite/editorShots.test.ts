/**
 * The README's pictures of the config experience, taken in the real workbench: a backward config with its
 * code lens and the GPU hover, a diagnostic with its quick fix, and an IsoFLOP sweep config with its code
 * lens (config-lens-hover.png, config-quickfix.png, sweep-lens.png in out/screenshots/; `npm run screenshots`
 * copies them to docs/screenshots/ for the README). Each picture is taken
 * only once what it should show is asserted to be there. Works on copies of examples/ and schemas/ in the (throw-away) workspace.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { closeAllEditorsDiscarding, EXTENSION_ID, requireHarness, setViewport, until, windowShot, workspaceFile } from './util';

const lensTitles = async (uri: vscode.Uri) =>
  ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? []).map((l) => l.command?.title ?? '');

/** Put the cursor at `offset` of the active editor, scrolled to the top, and show the hover there. */
async function hoverAt(editor: vscode.TextEditor, offset: number): Promise<void> {
  const pos = editor.document.positionAt(offset);
  editor.selection = new vscode.Selection(pos, pos);
  editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
  await vscode.commands.executeCommand('editor.action.hideHover'); // else showHover focuses the open one
  await vscode.commands.executeCommand('editor.action.showHover');
}

describe('README screenshots: config files in the editor', function () {
  this.timeout(120000);
  let root: string;
  let dir: string;
  let backward: vscode.Uri;
  let editor: vscode.TextEditor;
  const mfuWarning = () => vscode.languages.getDiagnostics(backward).find((x) => x.code === 'mfu-high');

  before(async function () {
    requireHarness(this, 'editor screenshots');
    // The examples as users have them: examples/*.jsonc next to schemas/ (their "$schema" is ../schemas/…),
    // in a folder of its own (the JSON language service remembers schema URLs other tests left unresolved).
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    root = fs.mkdtempSync(path.join(workspaceFile('.').fsPath, 'project-'));
    dir = path.join(root, 'examples');
    fs.mkdirSync(dir);
    fs.cpSync(path.join(ext.extensionPath, 'schemas'), path.join(root, 'schemas'), { recursive: true });
    for (const f of ['llama-1.3b.arch.jsonc', 'llama-1.3b.backward.jsonc', 'small.sweep.jsonc']) fs.copyFileSync(path.join(ext.extensionPath, 'examples', f), path.join(dir, f));
    backward = vscode.Uri.file(path.join(dir, 'llama-1.3b.backward.jsonc'));
    // A window about as wide as the README shows it, so the editor text stays legible; nothing else open.
    await closeAllEditorsDiscarding();
    for (const c of ['workbench.action.closeSidebar', 'workbench.action.closePanel', 'workbench.action.closeAuxiliaryBar']) await vscode.commands.executeCommand(c);
    await setViewport('1100x800');
    editor = await vscode.window.showTextDocument(backward);
  });

  after(async () => {
    if (!dir) return;
    await setViewport();
    await closeAllEditorsDiscarding();
    await vscode.commands.executeCommand('workbench.view.explorer');
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('backward config: its code lens and the GPU hover (dense peak per dtype, source) → config-lens-hover.png', async () => {
    const titles = await until(() => lensTitles(backward), (t) => t.includes('Open in planner') && t.some((x) => x.startsWith('N 1.29B')), 'the code lens');
    assert.ok(titles.some((t) => / · L̂ .* epochs of the dataset$/.test(t)), titles.join(' | '));
    const offset = editor.document.getText().indexOf('"A100"') + 2;
    const hover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', backward, editor.document.positionAt(offset));
    assert.ok(hover.some((h) => h.contents.some((c) => typeof c !== 'string' && 'value' in c && c.value.includes('dense peak'))));
    assert.deepStrictEqual(vscode.languages.getDiagnostics(backward).map((d) => d.message), [], 'the example is clean');
    await hoverAt(editor, offset);
    await windowShot('config-lens-hover', undefined, 1500);
    await vscode.commands.executeCommand('editor.action.hideHover');
  });

  it('an MFU no real run reaches: the warning (editor and Problems) and its quick fix → config-quickfix.png', async () => {
    const at = editor.document.getText().indexOf('"expected_mfu": 0.4') + '"expected_mfu": '.length;
    assert.ok(await editor.edit((e) => e.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 3)), '0.9')));
    const mfu = (await until(async () => mfuWarning(), (d) => !!d, 'the MFU warning'))!;
    // The lens follows the edit: C = 4 × 312e12 × 0.9 × 0.95 × 720 h × 3600 = 2.77e21 FLOPs.
    await until(() => lensTitles(backward), (t) => t.some((x) => x.startsWith('N 1.29B · C 2.77e21 ·')), 'the lens to follow the edit');
    await new Promise((r) => setTimeout(r, 1500)); // the editor re-renders lenses on its own debounce
    assert.strictEqual(mfu.severity, vscode.DiagnosticSeverity.Warning);
    const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', backward, mfu.range);
    assert.ok(fixes.some((a) => a.title.startsWith('Set expected_mfu to 0.4')), fixes.map((a) => a.title).join(' | '));
    // The message in the Problems panel, the squiggle and the quick-fix menu at the cursor.
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    const shown = await vscode.window.showTextDocument(editor.document, { selection: new vscode.Range(mfu.range.start, mfu.range.start) });
    shown.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop); // the code lens in view
    await vscode.commands.executeCommand('editor.action.quickFix');
    await windowShot('config-quickfix', undefined, 1200);
    await vscode.commands.executeCommand('hideCodeActionWidget');
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });

  it('IsoFLOP sweep config: runs · compute · GPU-hours and Plan · Export · Mock → sweep-lens.png', async () => {
    const sweep = vscode.Uri.file(path.join(dir, 'small.sweep.jsonc'));
    await vscode.window.showTextDocument(sweep, { viewColumn: vscode.ViewColumn.Active });
    const titles = await until(() => lensTitles(sweep), (t) => t.length >= 3, 'the sweep lens');
    assert.ok(titles.some((t) => /runs/.test(t)) && titles.some((t) => /Plan/.test(t)), titles.join(' | '));
    await windowShot('sweep-lens', undefined, 1200);
  });
});
