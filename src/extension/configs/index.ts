/**
 * Config-file features (issue 5): providers for *.arch.jsonc / *.backward.jsonc / backward_scaling*.jsonc
 * (code lens, hover, diagnostics + quick fixes, completion) and the "New … Config" commands.
 */
import * as path from 'path';
import * as os from 'os';
import * as vscode from 'vscode';
import { TEMPLATES, type ConfigKind, type PlannerPatch } from '../../core/config';
import { formatSci } from '../../core/format';
import { command, registerCommands } from '../common/command';
import { exists } from '../common/export';
import type { FeatureDeps } from '../common/host';
import { acceptedPlannerPatch } from './planner';
import { codeActionProvider, completionProvider, ConfigLensProvider, hoverProvider, SELECTOR, watchDocuments } from './providers';

/**
 * A file name next to the workspace that does not exist yet: model.arch.jsonc, model-2.arch.jsonc, … Checked
 * through vscode.workspace.fs (asynchronous; any file system, the browser's included).
 */
async function freshName(dir: string, fileName: string): Promise<string> {
  const [stem, ...rest] = fileName.split('.');
  const ext = rest.join('.');
  for (let i = 1; ; i++) {
    const candidate = path.join(dir, i === 1 ? fileName : `${stem}-${i}.${ext}`);
    const open = vscode.workspace.textDocuments.some((d) => d.uri.fsPath === candidate);
    if (!open && !(await exists(vscode.Uri.file(candidate)))) return candidate;
  }
}

/**
 * Open an annotated template as an UNTITLED document named like a config file (so the schema's file
 * match and these providers apply at once), inserted through a WorkspaceEdit so Undo removes it.
 */
export async function newConfig(kind: ConfigKind): Promise<vscode.TextEditor> {
  const t = TEMPLATES[kind];
  const dir = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir();
  const uri = vscode.Uri.file(await freshName(dir, t.fileName)).with({ scheme: 'untitled' });
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(0, 0), t.text);
  await vscode.workspace.applyEdit(edit);
  if (doc.languageId !== 'jsonc') await vscode.languages.setTextDocumentLanguage(doc, 'jsonc');
  return editor;
}

/**
 * "Open in planner" from a backward config's lens. The planner is another feature: when it is missing,
 * rejects the budget or fails, say so with the numbers to enter by hand; never throw from a lens.
 */
async function openInPlanner(patch?: PlannerPatch): Promise<void> {
  const manual = patch ? ` Enter C = ${formatSci(patch.compute)} FLOPs${patch.laws ? ` and law ${patch.laws[0]}` : ''} by hand.` : '';
  const all = await vscode.commands.getCommands(true);
  if (!all.includes('scalingLaws.openPlanner')) {
    void vscode.window.showWarningMessage(`The compute-optimal planner is not available in this build.${manual}`);
    return;
  }
  const arg = patch && acceptedPlannerPatch(patch);
  try {
    await vscode.commands.executeCommand('scalingLaws.openPlanner', arg);
  } catch (e) {
    void vscode.window.showWarningMessage(`Open in planner failed: ${e instanceof Error ? e.message : String(e)}.${manual}`);
    return;
  }
  if (patch && arg !== patch) {
    void vscode.window.showInformationMessage(`The planner did not accept all of this config's settings; ${arg ? 'only the compute was passed' : 'nothing was passed'}.${manual}`);
  }
}

export function register(context: vscode.ExtensionContext, deps: FeatureDeps): void {
  const lens = new ConfigLensProvider(() => deps.settings().codeLensEnabled);
  context.subscriptions.push(
    vscode.languages.registerCodeLensProvider(SELECTOR, lens),
    vscode.languages.registerHoverProvider(SELECTOR, hoverProvider),
    vscode.languages.registerCodeActionsProvider(SELECTOR, codeActionProvider, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.languages.registerCompletionItemProvider(SELECTOR, completionProvider, '"', ':', ' '),
    deps.onSettingsChanged(['codeLensEnabled'], () => lens.refresh()),
  );
  registerCommands(context,
    command('scalingLaws.newArchConfig', () => newConfig('arch')),
    command('scalingLaws.newBackwardConfig', () => newConfig('backward')),
    command('scalingLaws.newSweepConfig', () => newConfig('sweep')),
    command('scalingLaws.openConfigInPlanner', (patch?: PlannerPatch) => openInPlanner(patch)),
  );
  watchDocuments(context, lens);
}
