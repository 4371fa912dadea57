/**
 * What the features share at run time rather than by import: "Export Results…" (the active panel's results,
 * whichever feature it belongs to), the `scalingLaws.hasResults` context key, the output channel, and —
 * outside production — the integration tests' hooks.
 */
import * as vscode from 'vscode';
import { command, registerCommands } from './command';
import { exportResults } from './export';
import { pageAssets } from './html';
import { log } from './log';
import { PanelBase } from './panelBase';
import { registerTestHooks } from './testHooks';

export function register(context: vscode.ExtensionContext): void {
  PanelBase.onActiveChanged = () => {
    void vscode.commands.executeCommand('setContext', 'scalingLaws.hasResults', PanelBase.open.size > 0);
  };
  context.subscriptions.push(
    log,
    { dispose: () => [...PanelBase.open].forEach((p) => p.dispose()) },
  );
  // Read the panels' script and styles now, so a panel's HTML is set the moment it opens (html.ts).
  void pageAssets(context.extensionUri);
  registerCommands(context, command('scalingLaws.exportResults', (format?: unknown, target?: unknown, opts?: { overwrite?: unknown }) => exportResults(format, target, opts)));
  if (TEST_BUILD && context.extensionMode !== vscode.ExtensionMode.Production) registerTestHooks(context);
}
