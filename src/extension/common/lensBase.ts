/**
 * What every code-lens provider of this extension shares: a change event the feature fires when its
 * inputs change (settings, other files), and the `scalingLaws.codeLens.enabled` switch (read through the
 * feature's deps, given to the constructor).
 */
import * as vscode from 'vscode';

export abstract class RefreshableLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly enabled: () => boolean) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] | Promise<vscode.CodeLens[]> {
    if (!this.enabled()) return [];
    return this.lenses(doc, new vscode.Range(0, 0, 0, 0));
  }

  /** The lenses for an enabled document; `top` is the first line, where summaries go (async when computed off-thread). */
  protected abstract lenses(doc: vscode.TextDocument, top: vscode.Range): vscode.CodeLens[] | Promise<vscode.CodeLens[]>;
}
