/**
 * The extension as vscode.dev / github.dev run it: in a Web Worker extension host, with no Node APIs. The
 * planner, a fit (in a Web Worker started from the host worker), a config's code lens, IsoFLOP analysis and
 * the language-model tools must work there. Bundled by esbuild with the web stand-ins (src/extension/web/).
 */
import * as assert from './assert';
import * as vscode from 'vscode';

const g = globalThis as unknown as { __webPassed?: number };

interface Snapshot {
  running: boolean;
  rendered: { seq: number; text: string } | null;
  lastError: { title: string; message: string } | null;
  hostView: { params?: Array<{ name: string; value: number }> } | null;
}
const state = async (view: string, uri?: vscode.Uri) =>
  (await vscode.commands.executeCommand('scalingLaws._test.panelState', view, uri?.toString())) as Snapshot;

async function until<T>(get: () => Promise<T>, ok: (v: T) => boolean, what: string, ms = 90000): Promise<T> {
  const end = Date.now() + ms;
  let last = await get();
  while (!ok(last)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last).slice(0, 800)}`);
    await new Promise((r) => setTimeout(r, 100));
    last = await get();
  }
  return last;
}

const folder = () => vscode.workspace.workspaceFolders![0].uri;
const write = (name: string, text: string) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder(), name), new TextEncoder().encode(text));

describe('Web extension host (vscode.dev / github.dev)', function () {
  afterEach(function () {
    if (this.currentTest?.state === 'passed') g.__webPassed = (g.__webPassed ?? 0) + 1;
  });

  it('runs in a Web Worker extension host, with no Node', async () => {
    assert.ok(typeof (globalThis as { document?: unknown }).document === 'undefined', 'no DOM: a worker, not a page');
    assert.strictEqual(vscode.env.uiKind, vscode.UIKind.Web);
    // The extension is active in this (web worker) host: its commands are registered here.
    await vscode.commands.executeCommand('scalingLaws.openPlanner'); // activates it (onCommand)
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['scalingLaws.openPlanner', 'scalingLaws.fitCsv', 'scalingLaws.planSweep']) assert.ok(commands.includes(c), `${c} registered`);
  });

  it('the planner opens and paints every law for C = 1e23', async () => {
    await vscode.commands.executeCommand('scalingLaws.openPlanner');
    await until(() => state('planner'), (v) => !!v.rendered, 'the planner page');
    await vscode.commands.executeCommand('scalingLaws._test.setPlannerInput', { mode: 'flops', compute: 1e23 });
    const s = await until(() => state('planner'), (v) => !!v.rendered && v.rendered.text.includes('Guidance') && /Approach 3/.test(v.rendered.text), 'the planner to paint the laws');
    assert.strictEqual(s.lastError, null);
  });

  it('Fit Scaling Law fits runs.csv in a Web Worker and recovers the generating law', async () => {
    const runs = vscode.Uri.joinPath(folder(), 'runs.csv');
    // As a person does: the CSV open in an editor, then the command (its editor-title button).
    await vscode.window.showTextDocument(runs);
    const opened = (await vscode.commands.executeCommand('scalingLaws.fitCsv')) as string | undefined;
    assert.ok(opened, `the Fit command opened a panel (active editor: ${vscode.window.activeTextEditor?.document.uri.toString()})`);
    const panelUri = vscode.Uri.parse(opened);
    const s = await until(() => state('fit', panelUri), (v) => !v.running && !!v.rendered && (!!v.lastError || !!v.hostView), 'the fit to finish');
    assert.strictEqual(s.lastError, null, JSON.stringify(s.lastError));
    const alpha = s.hostView!.params!.find((p) => p.name === 'alpha')!.value;
    // test/fixtures/integration/generate.ts: α = 0.3478 with ±0.3 % noise.
    assert.ok(Math.abs(alpha - 0.3478) < 0.03, `α ${alpha}`);
  });

  it('an architecture config gets its code lens (parameters counted in the browser)', async () => {
    // examples/gpt2-small.arch.jsonc: GPT-2 small, 124,439,808 parameters.
    await write('web-gpt2.arch.jsonc', JSON.stringify({ name: 'gpt2-small', style: 'gpt2', hidden_size: 768, num_hidden_layers: 12, num_attention_heads: 12, vocab_size: 50257, seq_length: 1024 }, null, 2));
    const uri = vscode.Uri.joinPath(folder(), 'web-gpt2.arch.jsonc');
    await vscode.window.showTextDocument(uri);
    const lenses = await until(
      async () => ((await vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri, 10)) as vscode.CodeLens[]) ?? [],
      (l) => l.some((x) => /124M|124\.4M|0\.124B/.test(x.command?.title ?? '')),
      'the config lens to count 124M parameters',
    );
    assert.match(lenses.map((l) => l.command?.title).join(' | '), /124/);
  });

  it('the language-model tools answer in the browser (optimal at 1e23)', async () => {
    const lm = (vscode as unknown as { lm?: { invokeTool?: (n: string, o: unknown) => Thenable<{ content: Array<{ value?: string }> }> } }).lm;
    assert.ok(lm?.invokeTool, 'vscode.lm.invokeTool');
    const r = await lm.invokeTool('scaling_laws_optimal', { input: { compute: 1e23 }, toolInvocationToken: undefined });
    const text = r.content.map((p) => p.value ?? '').join('');
    assert.match(text, /hoffmann2022-a3/);
    assert.match(text, /Compute-optimal allocation for C = 1e23/);
  });
});
