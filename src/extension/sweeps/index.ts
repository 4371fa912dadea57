/**
 * IsoFLOP sweeps in the editor (issue 6): code lens on *.sweep.jsonc, the commands Plan IsoFLOP Sweep,
 * Export Sweep…, Mock IsoFLOP Results and Analyse IsoFLOP Results, and the IsoFLOP panel (restored after
 * a reload by its serializer). Outside production, a test hook reports what the panel shows.
 */
import * as vscode from 'vscode';
import { command, registerCommands } from '../common/command';
import type { FeatureDeps } from '../common/host';
import { fileRestorer } from '../common/restore';
import { exposePanelForTests } from '../common/testHooks';
import { analyseIsoflopCommand, exportSweepCommand, mockSweepCommand, PLAN_SCHEME, PlanDocumentProvider, planSweepCommand } from './commands';
import { forgetDocument, setPlannerWorker, SWEEP_SELECTOR, SweepLensProvider } from './lens';
import { ISOFLOP_VIEW_TYPE, IsoflopPanel } from './panel';

export function register(context: vscode.ExtensionContext, deps: FeatureDeps): void {
  const extensionUri = context.extensionUri;
  setPlannerWorker(extensionUri);
  const lens = new SweepLensProvider(() => deps.settings().codeLensEnabled);
  const serializer = fileRestorer('isoflop', 'IsoFLOP panel', (panel, uri, options) => IsoflopPanel.adopt(panel, extensionUri, uri, options));
  if (TEST_BUILD) exposePanelForTests('isoflop', {
    viewType: ISOFLOP_VIEW_TYPE,
    serializer,
    find: (uri) => (uri ? IsoflopPanel.byUri.get(vscode.Uri.parse(uri).toString()) : [...IsoflopPanel.byUri.values()].pop()),
  });
  const plans = new PlanDocumentProvider();
  context.subscriptions.push(
    plans,
    vscode.workspace.registerTextDocumentContentProvider(PLAN_SCHEME, plans),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (/\.sweep\.jsonc?$/i.test(e.document.uri.path)) plans.refresh(e.document.uri);
    }),
    vscode.languages.registerCodeLensProvider(SWEEP_SELECTOR, lens),
    vscode.workspace.onDidCloseTextDocument(forgetDocument),
    deps.onSettingsChanged(['codeLensEnabled'], () => lens.refresh()),
    vscode.window.registerWebviewPanelSerializer(ISOFLOP_VIEW_TYPE, serializer),
  );
  registerCommands(context,
    command('scalingLaws.planSweep', (arg?: unknown) => planSweepCommand(arg)),
    command('scalingLaws.exportSweep', (arg?: unknown, opts?: Record<string, unknown>) => exportSweepCommand(arg, opts)),
    command('scalingLaws.mockSweep', (arg?: unknown, opts?: Record<string, unknown>) => mockSweepCommand(arg, opts)),
    command('scalingLaws.analyseIsoflop', (arg?: unknown) => analyseIsoflopCommand(extensionUri, arg)),
  );
  if (TEST_BUILD && context.extensionMode !== vscode.ExtensionMode.Production) {
    registerCommands(context, command('scalingLaws._test.isoflopState', isoflopState));
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
    firstCompleteMs: p.firstCompleteMs,
    webviewErrors: p.webviewErrors,
    rejectedMessages: p.rejectedMessages,
    running: p.running,
    hostView: p.lastResult?.view ?? null,
    json: p.lastResult?.json ?? null,
    lastError: p.lastError,
  };
}
