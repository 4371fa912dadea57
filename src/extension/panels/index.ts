/**
 * Registers the editor experience: the planner and fit panels (with their webview serializers, so they come
 * back after a reload), the commands, the planner's status bar item and — outside production — the
 * integration tests' hooks.
 */
import { performance } from 'perf_hooks';
import * as vscode from 'vscode';
import { checkPlannerInput, parsePersistedState } from '../../shared/protocol';
import { exportResults } from '../export';
import { FIT_VIEW_TYPE, FitPanel } from '../fit/panel';
import { PLANNER_VIEW_TYPE, PlannerPanel, usePlannerMemento } from '../planner/panel';
import { DEFAULT_PLANNER_INPUT } from '../planner/view';
import { registerTestHooks, type PanelSerializers } from '../testHooks';
import { PanelBase } from './base';
import { log } from './log';
import { fileRestorer } from './restore';

function isCsv(uri: vscode.Uri | undefined): uri is vscode.Uri {
  return !!uri && /\.csv$/i.test(uri.path);
}

/** The CSV a "Fit Scaling Law" invocation refers to: the clicked file, else the active editor's document. */
function targetCsv(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const doc = vscode.window.activeTextEditor?.document;
  if (doc && (doc.languageId === 'csv' || isCsv(doc.uri))) return doc.uri;
  return undefined;
}

export function registerPanels(context: vscode.ExtensionContext): void {
  const extensionUri = context.extensionUri;
  usePlannerMemento(context.workspaceState);
  const status = vscode.window.createStatusBarItem('scalingLaws.plannerStatus', vscode.StatusBarAlignment.Right, 100);
  status.name = 'Scaling Laws: compute-optimal plan';
  context.subscriptions.push(status, log);

  PanelBase.onActiveChanged = () => {
    void vscode.commands.executeCommand('setContext', 'scalingLaws.hasResults', PanelBase.open.size > 0);
  };

  // After a reload VS Code hands back each panel with the state its page saved (validated: it is untrusted).
  const serializers: PanelSerializers = {
    planner: {
      deserializeWebviewPanel: async (panel, state: unknown) => {
        let input = DEFAULT_PLANNER_INPUT;
        try {
          const s = parsePersistedState(state);
          if (s.view === 'planner') input = s.input;
        } catch (e) {
          log.warn(`planner state not restored: ${e instanceof Error ? e.message : String(e)}`);
        }
        PlannerPanel.adopt(panel, extensionUri, status, input);
      },
    },
    fit: fileRestorer('fit', 'fit panel', (panel, uri, options) => FitPanel.adopt(panel, extensionUri, uri, options)),
  };

  context.subscriptions.push(
    // Optional argument: a partial PlannerInput (e.g. from a config's "Open in Planner"), validated.
    vscode.commands.registerCommand('scalingLaws.openPlanner', (patch?: unknown) => {
      const t0 = performance.now();
      const panel = PlannerPanel.show(extensionUri, status, t0);
      if (patch && typeof patch === 'object') {
        try {
          panel.setInput(checkPlannerInput({ ...panel.currentInput, ...(patch as object) }, 'input'));
        } catch (e) {
          void vscode.window.showErrorMessage(`Open Compute-Optimal Planner: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    }),
    vscode.commands.registerCommand('scalingLaws.fitCsv', (arg?: unknown) => {
      const t0 = performance.now();
      const uri = targetCsv(arg);
      if (!uri || !isCsv(uri)) {
        void vscode.window.showErrorMessage('Fit Scaling Law: open or select a .csv file of training runs (columns such as params, tokens, loss).');
        return undefined;
      }
      return FitPanel.show(extensionUri, uri, t0).uri.toString();
    }),
    vscode.commands.registerCommand('scalingLaws.exportResults', (format?: unknown, target?: unknown, opts?: { overwrite?: unknown }) => exportResults(format, target, opts)),
    vscode.window.registerWebviewPanelSerializer(PLANNER_VIEW_TYPE, serializers.planner),
    vscode.window.registerWebviewPanelSerializer(FIT_VIEW_TYPE, serializers.fit),
    { dispose: () => [...PanelBase.open].forEach((p) => p.dispose()) },
  );

  if (context.extensionMode !== vscode.ExtensionMode.Production) registerTestHooks(context, serializers);
}
