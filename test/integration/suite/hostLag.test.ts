/**
 * Issue 12 in a real VS Code: the extension host stays responsive (event-loop gap; issue 12 targets ≤ 100 ms) while a
 * 1,000-model sweep config is open (its code lens plans in the worker) and a 400k-row IsoFLOP results CSV is
 * analysed: the worker reads the 17 MB file from its path, parses, fits the parabolas and the frontier and
 * builds the thinned panel view; the host only relays that view to the webview.
 * Before issue 12 both ran on the host thread: 8 s for modelsPerBudget 1500, 13.5 s for an 80 KB CSV; reading,
 * decoding and posting the file's text and building the view on the host still stalled it 400–1,300 ms.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { metric, profileHostThread, until, watchEventLoop, workspaceFile } from './util';

interface IsoflopState {
  rendered: { seq: number; text: string } | null;
  running: boolean;
  json: { a: number } | null;
  lastError: { title: string; message: string } | null;
}
const isoflopState = async (uri: vscode.Uri) => (await vscode.commands.executeCommand('scalingLaws._test.isoflopState', uri.toString())) as IsoflopState;

/**
 * 400,000 runs: 5 budgets × 80,000 sizes around N* = 0.1·C^0.5 on a Chinchilla-form law (seeded noise), written
 * by a child process: 17 MB of strings built on the host thread left garbage whose collection (a 220 ms major GC)
 * then landed inside the measurement below.
 */
const BIG_RESULTS = String.raw`
const fs = require('fs');
let seed = 12;
// 32-bit LCG in integer arithmetic (a float product past 2^53 loses bits and cycles early).
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const out = fs.openSync(process.argv[1], 'w');
fs.writeSync(out, 'compute,N,D,loss\n');
for (const C of [1e18, 1e19, 1e20, 1e21, 1e22]) {
  const nOpt = 0.1 * Math.sqrt(C);
  const lines = [];
  for (let i = 0; i < 80000; i++) {
    const N = nOpt * Math.exp(-1.5 + 3 * rand());
    const D = C / (6 * N);
    lines.push(C + ',' + N.toPrecision(6) + ',' + D.toPrecision(6) + ',' + (1.69 + 406.4 / N ** 0.34 + 410.7 / D ** 0.28 + 0.005 * (rand() - 0.5)).toFixed(5));
  }
  fs.writeSync(out, lines.join('\n') + '\n');
}
fs.closeSync(out);
`;
function bigResults(file: string): void {
  execFileSync(process.execPath, ['-e', BIG_RESULTS, file], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, stdio: 'pipe' });
}

describe('Extension host stays responsive (issue 12, real VS Code)', function () {
  this.timeout(900_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scaling-laws-lag-'));
  const sweep = workspaceFile('lag-1000.sweep.jsonc');
  const csv = vscode.Uri.file(path.join(dir, 'big-400k.results.csv'));

  before(() => {
    fs.writeFileSync(sweep.fsPath, JSON.stringify({ name: 'lag-1000', budgets: [1e19, 1e20], modelsPerBudget: 500, span: 30, command: 'train --layers {layers}' }, null, 2));
    bigResults(csv.fsPath);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(sweep.fsPath, { force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the extension’s own host work ≤ 100 ms at once; event-loop gap bounded at 1 s, while a 1,000-model sweep is planned for its lens and a 400k-row CSV is analysed', async () => {
    // The same measure with nothing of ours running, as a reference for the machine's own noise (VS Code's port
    // scanner spawns processes every few seconds; a loaded machine deschedules the host thread).
    const idle = watchEventLoop();
    await new Promise((r) => setTimeout(r, 5000));
    const idleGap = idle.stop();
    const profiler = await profileHostThread();
    const loop = watchEventLoop();
    const t0 = performance.now();
    const doc = await vscode.workspace.openTextDocument(sweep);
    await vscode.window.showTextDocument(doc);
    const lenses = vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', sweep);
    await vscode.commands.executeCommand('scalingLaws.analyseIsoflop', csv);
    const planned = await lenses;
    const tLens = performance.now() - t0;
    const s = await until(() => isoflopState(csv), (x) => !x.running && (!!x.json || !!x.lastError), 'the 400k-row analysis to finish', 850_000);
    const tAnalysis = performance.now() - t0;
    const maxGap = loop.stop();
    const busy = await profiler.stop();
    metric('1,000-model sweep lens planned in the worker (ms)', Math.round(tLens));
    metric('400k-row IsoFLOP analysis painted (ms)', Math.round(tAnalysis));
    metric('extension-host event-loop max gap during both (ms)', maxGap.toFixed(1));
    metric('extension-host event-loop max gap over 5 s idle just before (ms)', idleGap.toFixed(1));
    metric('extension-host thread longest continuous busy slice (ms, V8 profiler)', `${busy.longestBusyMs.toFixed(1)} (${busy.busyTop.join('; ')})`);
    metric('extension-host thread longest slice in the extension’s own code (ms, V8 profiler)', `${busy.longestOursMs.toFixed(1)} (${busy.oursTop.join('; ') || 'none sampled'})`);
    const title = planned.map((l) => l.command?.title ?? '').join(' | ');
    assert.match(title, /\d+ runs/, title);
    assert.strictEqual(s.lastError, null, JSON.stringify(s.lastError));
    // The law L = 1.69 + 406.4/N^0.34 + 410.7/D^0.28 has a = β/(α+β) = 0.28/0.62 = 0.4516.
    assert.ok(s.json && Math.abs(s.json.a - 0.4516) < 0.02, `a = ${s.json?.a}`);
    // Issue 12's target, 100 ms, is asserted on what the extension controls: its own code never holds the host
    // thread for more than 100 ms at once. The whole thread's longest busy slice and the wall gap are reported
    // and bounded, not held to 100 ms: on this 2-core harness they ranged 23–206 ms and 52–491 ms in quiet
    // runs, filled by VS Code's own work — garbage collection, the remote protocol's deflate of the messages
    // to the browser (code-server only), the port scanner — and by the OS not running the thread (the idle
    // reference above, with nothing of ours running, reached 215 ms). The bounds still catch a regression to
    // work on the host (before issue 12: 8 s and 13.5 s).
    assert.ok(busy.longestOursMs <= 100, `the extension's own code held the host thread for ${busy.longestOursMs.toFixed(0)} ms at once: ${busy.oursTop.join('; ')}`);
    assert.ok(busy.longestBusyMs <= 500, `the extension host was busy for ${busy.longestBusyMs.toFixed(0)} ms in one slice: ${busy.busyTop.join('; ')}`);
    assert.ok(maxGap <= 1000, `the extension host's event loop stalled for ${maxGap.toFixed(0)} ms (${idleGap.toFixed(0)} ms over 5 s idle just before)`);
  });
});
