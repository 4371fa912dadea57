/**
 * Training logs in the fit panel (real VS Code): "Fit Scaling Law" on a folder of per-run CSV logs
 * (test/fixtures/integration/logs, generated from Besiroglu et al. 2024's law) fits them in the logs worker
 * and shows the columns used at the top; choosing another column through the page's message path refits with
 * it; Follow refits when a log grows and the predicted final loss of that run changes.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { FitPanelOptions, FitView } from '../../../src/shared/protocol';
import { panelState, until, workspaceFile } from './util';

const fitView = async (uri: vscode.Uri) => (await panelState('fit', uri)).hostView as FitView | null;
async function settled(uri: vscode.Uri, afterSeq = -1) {
  return until(() => panelState('fit', uri), (s) => !s.running && !!s.rendered && s.rendered.seq > afterSeq, `the fit of ${path.basename(uri.fsPath)} to finish`, 120000);
}
const base: FitPanelOptions = { form: 'chinchilla', fixE: null, tieExponents: false, huberDelta: 1e-3, dropRows: '', bootstrap: 0 };

describe('Fit panel on training logs (real VS Code)', function () {
  this.timeout(240000);
  const folder = workspaceFile('logs');

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('fits a folder of per-run logs from the explorer command and recovers the law', async () => {
    const uri = (await vscode.commands.executeCommand('scalingLaws.fitCsv', folder, [folder])) as string;
    assert.strictEqual(uri, folder.toString());
    const s = await settled(folder);
    assert.strictEqual(s.lastError, null, JSON.stringify(s.lastError));
    const v = (await fitView(folder))!;
    assert.strictEqual(v.data?.kind, 'logs');
    assert.strictEqual(v.data?.runs.length, 5);
    assert.strictEqual(v.data?.used.loss, 'val_loss');
    const p = (n: string) => v.params.find((x) => x.name === n)!.value;
    assert.ok(Math.abs(p('alpha') - 0.3478) / 0.3478 < 0.1, `alpha ${p('alpha')}`);
    assert.ok(Math.abs(p('E') - 1.82) / 1.82 < 0.02, `E ${p('E')}`);
    assert.ok(s.rendered!.text.includes("Columns used (training logs)"), 'columns line shown near the top');
  });

  it('switches a column through the page (tokens ← step) and refits with it', async () => {
    const before = (await panelState('fit', folder)).rendered!.seq;
    const options: FitPanelOptions = { ...base, columns: { tokens: 'step' } };
    await vscode.commands.executeCommand('scalingLaws._test.sendRaw', 'fit', { type: 'refit', options }, folder.toString());
    await settled(folder, before);
    const v = (await fitView(folder))!;
    assert.strictEqual(v.data?.used.tokens, 'step');
  });

  it('follows a growing log: appending lines refits and changes the predicted final loss', async () => {
    const dir = path.join(folder.fsPath, '..', 'logs-follow');
    fs.mkdirSync(dir, { recursive: true });
    const src = fs.readFileSync(path.join(folder.fsPath, 'run-200M.csv'), 'utf8').trim().split('\n');
    const file = path.join(dir, 'run-200M.csv');
    fs.writeFileSync(file, src.slice(0, 9).join('\n') + '\n');
    fs.writeFileSync(path.join(dir, 'run-200M.json'), JSON.stringify({ total_tokens: 4e9 }));
    for (const other of ['run-50M', 'run-100M', 'run-400M']) fs.copyFileSync(path.join(folder.fsPath, `${other}.csv`), path.join(dir, `${other}.csv`));
    const uri = vscode.Uri.file(dir);
    try {
      await vscode.commands.executeCommand('scalingLaws.fitCsv', uri, [uri]);
      let s = await settled(uri);
      await vscode.commands.executeCommand('scalingLaws._test.sendRaw', 'fit', { type: 'refit', options: { ...base, follow: true } }, uri.toString());
      s = await settled(uri, s.rendered!.seq);
      const first = (await fitView(uri))!.data!.runs.find((r) => r.run.includes('200M'))!;
      assert.ok(first.predictedFinal !== null && first.plannedTokens === 4e9, JSON.stringify(first));
      fs.appendFileSync(file, src.slice(9, 18).join('\n') + '\n');
      s = await settled(uri, s.rendered!.seq);
      const next = (await fitView(uri))!.data!.runs.find((r) => r.run.includes('200M'))!;
      assert.ok(next.tokens > first.tokens, 'the refit saw the new lines');
      assert.notStrictEqual(next.predictedFinal, first.predictedFinal, 'the prediction changed');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
