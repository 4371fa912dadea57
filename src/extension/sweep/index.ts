/**
 * IsoFLOP sweeps in the editor (issue 6): code lens on *.sweep.jsonc, the commands Plan IsoFLOP Sweep,
 * Export Sweep…, Mock IsoFLOP Results and Analyse IsoFLOP Results, and the IsoFLOP panel (restored after
 * a reload by its serializer). Outside production, a test hook reports what the panel shows.
 */
import * as vscode from 'vscode';
import { fileRestorer } from '../panels/restore';
import { analyseIsoflopCommand, exportSweepCommand, mockSweepCommand, planSweepCommand } from './commands';
import { forgetDocument, setPlannerWorker, SWEEP_SELECTOR, SweepLensProvider } from './lens';
import { ISOFLOP_VIEW_TYPE, IsoflopPanel } from './panel';

export function registerSweepFeatures(context: vscode.ExtensionContext): void {
  const extensionUri = context.extensionUri;
  setPlannerWorker(extensionUri);
  const lens = new SweepLensProvider();
  context.subscriptions.push(
    vscode.languages.registerCodeLensProvider(SWEEP_SELECTOR, lens),
    vscode.workspace.onDidCloseTextDocument(forgetDocument),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('scalingLaws.codeLens')) lens.refresh();
    }),
    vscode.commands.registerCommand('scalingLaws.planSweep', (arg?: unknown) => planSweepCommand(arg)),
    vscode.commands.registerCommand('scalingLaws.exportSweep', (arg?: unknown, opts?: Record<string, unknown>) => exportSweepCommand(arg, opts)),
    vscode.commands.registerCommand('scalingLaws.mockSweep', (arg?: unknown, opts?: Record<string, unknown>) => mockSweepCommand(arg, opts)),
    vscode.commands.registerCommand('scalingLaws.analyseIsoflop', (arg?: unknown) => analyseIsoflopCommand(extensionUri, arg)),
    vscode.window.registerWebviewPanelSerializer(
      ISOFLOP_VIEW_TYPE,
      fileRestorer('isoflop', 'IsoFLOP panel', (panel, uri, options) => IsoflopPanel.adopt(panel, extensionUri, uri, options)),
    ),
  );
  if (context.extensionMode !== vscode.ExtensionMode.Production) {
    context.subscriptions.push(vscode.commands.registerCommand('scalingLaws._test.isoflopState', isoflopState));
  }
}

/** What the IsoFLOP panel of `uri` (default: the last opened) shows, once its analysis is painted. */
async function isoflopState(uri?: string): Promise<unknown> {
  const p = uri ? IsoflopPanel.byUri.get(vscode.Uri.parse(uri).toString()) : [...IsoflopPanel.byUri.values()].pop();
  if (!p) return { open: false };
  await p.whenIdle();
  return {
    open: !p.isDisposed,
    title: p.panel.title,
    rendered: p.rendered ? { seq: p.rendered.seq, text: p.rendered.text, charts: p.rendered.charts, paintMs: p.rendered.paintMs } : null,
    firstPaintMs: p.firstPaintMs,
    webviewErrors: p.webviewErrors,
    rejectedMessages: p.rejectedMessages,
    running: p.running,
    hostView: p.lastResult?.view ?? null,
    json: p.lastResult?.json ?? null,
    lastError: p.lastError,
  };
}
