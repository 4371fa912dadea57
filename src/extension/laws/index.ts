/**
 * "Scaling Laws: Show Published Laws": a searchable list of the registry (paper, form, conventions);
 * picking a law offers to open its paper or to open the planner showing that law.
 */
import * as vscode from 'vscode';
import { LAWS, type LawInfo } from '../../core/laws';
import { COMMANDS } from '../common/commands';
import type { FeatureDeps } from '../common/host';

interface LawItem extends vscode.QuickPickItem {
  law: LawInfo;
}

export async function showPublishedLaws(): Promise<void> {
  const items: LawItem[] = LAWS.map((law) => ({
    law,
    label: law.name,
    description: `${law.id}${law.provisional ? ' · provisional' : ''}`,
    detail: `${law.citation.authors} ${law.citation.year} (arXiv ${law.citation.arxiv}) — ${law.form}`,
  }));
  const pick = await vscode.window.showQuickPick(items, {
    title: 'Published scaling laws',
    placeHolder: 'Pick a law to open its paper or plan with it',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!pick) return;
  const openPaper = `Open paper (arXiv ${pick.law.citation.arxiv})`;
  const plan = 'Open in planner';
  const action = await vscode.window.showInformationMessage(
    `${pick.law.name}: ${pick.law.citation.source}. ${pick.law.caveats[0] ?? ''}`,
    openPaper,
    plan,
  );
  if (action === openPaper) await vscode.env.openExternal(vscode.Uri.parse(pick.law.citation.url));
  if (action === plan) await vscode.commands.executeCommand(COMMANDS.openPlanner, { laws: [pick.law.id] });
}

export function register(context: vscode.ExtensionContext, _deps: FeatureDeps): void {
  context.subscriptions.push(vscode.commands.registerCommand(COMMANDS.showLaws, showPublishedLaws));
}
