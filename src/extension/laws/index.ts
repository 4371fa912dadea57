/**
 * "Scaling Laws: Show Published Laws": a searchable list of the registry (paper, form, conventions);
 * picking a law offers, in a second QuickPick (it stays until answered, unlike a toast that a busy or
 * notification-silenced window may hide), to open its paper or to open the planner showing that law.
 */
import * as vscode from 'vscode';
import { LAWS, type LawInfo } from '../../core/laws';
import { command, registerCommands } from '../common/command';
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
  const { law } = pick;
  const actions: Array<vscode.QuickPickItem & { run: () => Thenable<unknown> }> = [
    {
      label: '$(link-external) Open paper',
      description: `arXiv ${law.citation.arxiv}`,
      detail: `${law.citation.title} · ${law.citation.source}`,
      run: () => vscode.env.openExternal(vscode.Uri.parse(law.citation.url)),
    },
    {
      label: '$(graph) Open in planner',
      description: 'plan a compute-optimal run with this law',
      detail: law.caveats[0],
      run: () => vscode.commands.executeCommand('scalingLaws.openPlanner', { laws: [law.id] }),
    },
  ];
  const action = await vscode.window.showQuickPick(actions, { title: law.name, placeHolder: 'Open its paper or plan with it' });
  await action?.run();
}

export function register(context: vscode.ExtensionContext, _deps: FeatureDeps): void {
  registerCommands(context, command('scalingLaws.showLaws', showPublishedLaws));
}
