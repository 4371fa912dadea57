/**
 * The language-model tools in a real VS Code extension host, invoked as agent mode would (vscode.lm.invokeTool;
 * no model is needed to call a tool). The answer must be the CLI's own report for the same request.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as path from 'path';
import * as vscode from 'vscode';
import { EXTENSION_ID, workspaceFile } from './util';

interface LmApi {
  tools: ReadonlyArray<{ name: string; inputSchema?: unknown }>;
  invokeTool(name: string, options: { input: unknown; toolInvocationToken: undefined }, token?: vscode.CancellationToken): Thenable<{ content: unknown[] }>;
}
const lm = (vscode as unknown as { lm?: Partial<LmApi> }).lm;
const textOf = (r: { content: unknown[] }) => r.content.map((p) => (p as { value?: string }).value ?? '').join('');

describe('Language-model tools (vscode.lm.invokeTool)', function () {
  let root = '';
  before(async function () {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    await ext.activate();
    root = ext.extensionPath;
    // VS Code 1.95+ has the finalized tools API; the harness's 1.139 must have it (a skip here would hide a regression).
    assert.ok(lm?.invokeTool && lm.tools, `vscode.lm tools API missing in VS Code ${vscode.version}`);
  });

  it('every contributed tool is registered', () => {
    const names = new Set(lm!.tools!.map((t) => t.name));
    for (const t of ['scaling_laws_optimal', 'scaling_laws_laws', 'scaling_laws_forward', 'scaling_laws_backward', 'scaling_laws_fit', 'scaling_laws_isoflop']) {
      assert.ok(names.has(t), `${t} registered (have: ${[...names].filter((n) => n.startsWith('scaling')).join(', ')})`);
    }
  });

  it('scaling_laws_optimal at C = 1e23 answers with the CLI report', async () => {
    const r = await lm!.invokeTool!('scaling_laws_optimal', { input: { compute: 1e23 }, toolInvocationToken: undefined });
    const cli = execFileSync(process.execPath, [path.join(root, 'dist/cli.js'), 'optimal', '--compute', '1e23'], { encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    assert.equal(textOf(r).trim(), cli.trim());
    assert.match(textOf(r), /hoffmann2022-a3/);
  });

  it('scaling_laws_backward reads a workspace config by relative path; a bad path is an answer, not a throw', async () => {
    // The backward config names its architecture by a relative path: copy both.
    const copy = workspaceFile('agent-tool.backward.jsonc');
    const arch = workspaceFile('llama-1.3b.arch.jsonc');
    await vscode.workspace.fs.copy(vscode.Uri.file(path.join(root, 'examples/llama-1.3b.backward.jsonc')), copy, { overwrite: true });
    await vscode.workspace.fs.copy(vscode.Uri.file(path.join(root, 'examples/llama-1.3b.arch.jsonc')), arch, { overwrite: true });
    try {
      const r = await lm!.invokeTool!('scaling_laws_backward', { input: { path: 'agent-tool.backward.jsonc' }, toolInvocationToken: undefined });
      assert.match(textOf(r), /N = 1\.29B/);
    } finally {
      await vscode.workspace.fs.delete(copy);
      await vscode.workspace.fs.delete(arch);
    }
    const bad = await lm!.invokeTool!('scaling_laws_forward', { input: { path: 'no/such.arch.jsonc' }, toolInvocationToken: undefined });
    assert.match(textOf(bad), /^Error: scaling_laws_forward: no file at 'no\/such\.arch\.jsonc'/);
  });
});
