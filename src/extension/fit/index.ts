/**
 * The fit feature: "Fit Scaling Law" on a CSV of runs opens its fit panel (one per file, restored after a
 * reload by the webview serializer).
 */
import * as vscode from 'vscode';
import { command, registerCommands } from '../common/command';
import type { FeatureDeps } from '../common/host';
import { fileRestorer } from '../common/restore';
import { exposePanelForTests } from '../common/testHooks';
import { FIT_VIEW_TYPE, FitPanel } from './panel';
import { workerScript } from '../common/workerScript';
import { isNode } from '../../core/platform';
import { keepSpareWorker, stopSpareWorker } from '../../core/worker/spare';
import { warmUpFitRequest } from '../../core/fit/warmUp';

/** After a runs table or log is first shown, and after each fit, how long before the next spare worker starts (ms). */
export const SPARE_WORKER_DELAY_MS = 1500;

/**
 * Keep a warmed-up worker for the next fit (setting scalingLaws.fit.prestartWorker; core/worker/spare.ts) from
 * the moment a table or log that could be fitted is shown in an editor: a user who opens one is likely to fit
 * it, and one who never does keeps no idle worker. Node hosts only: in a browser host each worker is a Web
 * Worker started from a Blob the session already holds.
 */
function spareWorkerFor(extensionUri: vscode.Uri, deps: FeatureDeps): vscode.Disposable {
  let wanted = false;
  const apply = () => {
    if (wanted && isNode && deps.settings().fitPrestartWorker) keepSpareWorker(workerScript(extensionUri), ['fit', 'fitLogs'], warmUpFitRequest(), SPARE_WORKER_DELAY_MS);
    else stopSpareWorker();
  };
  const shown = (editor: vscode.TextEditor | undefined) => {
    const doc = editor?.document;
    if (wanted || !doc || !(isCsvDocument(doc) || LOG_FILE.test(doc.uri.path))) return;
    wanted = true;
    apply();
  };
  shown(vscode.window.activeTextEditor);
  return vscode.Disposable.from(
    vscode.window.onDidChangeActiveTextEditor(shown),
    deps.onSettingsChanged(['fitPrestartWorker'], apply),
    { dispose: stopSpareWorker },
  );
}

function isCsv(uri: vscode.Uri | undefined): uri is vscode.Uri {
  return !!uri && /\.csv$/i.test(uri.path);
}

/** A document of runs or a CSV log: the language VS Code gave it, or its name. */
function isCsvDocument(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'csv' || isCsv(doc.uri);
}

/** Training logs in text formats other than CSV. */
const LOG_FILE = /\.(jsonl|ndjson|tsv)$/i;

/** A folder (no extension in its name: stat would need a round trip) or a JSONL / TensorBoard log. */
function isLogTarget(uri: vscode.Uri): boolean {
  const name = uri.path.split('/').pop() ?? '';
  return LOG_FILE.test(name) || /tfevents/.test(name) || !name.includes('.');
}

/** The CSV a "Fit Scaling Law" invocation refers to: the clicked file, else the active editor's document. */
function targetCsv(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const doc = vscode.window.activeTextEditor?.document;
  if (doc && isCsvDocument(doc)) return doc.uri;
  return undefined;
}

export function register(context: vscode.ExtensionContext, deps: FeatureDeps): void {
  const extensionUri = context.extensionUri;
  const serializer = fileRestorer('fit', 'fit panel', (panel, uri, options) => FitPanel.adopt(panel, extensionUri, uri, options, deps.settings));
  if (TEST_BUILD) exposePanelForTests('fit', {
    viewType: FIT_VIEW_TYPE,
    serializer,
    find: (uri) => (uri ? FitPanel.byUri.get(vscode.Uri.parse(uri).toString()) : [...FitPanel.byUri.values()].pop()),
  });
  registerCommands(context,
    // From the explorer: (clicked, all selected); a folder or several files are fitted as training logs.
    command('scalingLaws.fitCsv', (arg?: unknown, selected?: unknown) => {
      const t0 = performance.now();
      const many = Array.isArray(selected) ? selected.filter((u): u is vscode.Uri => u instanceof vscode.Uri) : [];
      const uri = targetCsv(arg);
      if (!uri || (!isCsv(uri) && !isLogTarget(uri))) {
        void vscode.window.showErrorMessage('Fit Scaling Law: open or select a .csv file of training runs (columns such as params, tokens, loss), training logs (.csv, .jsonl, TensorBoard event files) or a folder of them.');
        return undefined;
      }
      return FitPanel.show(extensionUri, uri, deps.settings, t0, many.length > 1 ? many : [uri]).uri.toString();
    }),
  );
  context.subscriptions.push(vscode.window.registerWebviewPanelSerializer(FIT_VIEW_TYPE, serializer));
  context.subscriptions.push(spareWorkerFor(extensionUri, deps));
}
