/**
 * A file's current text for a worker: the open document's (unsaved edits included) when an editor has it,
 * otherwise the bytes from disk. Opening a large CSV as a TextDocument makes the extension host build a
 * document model of every line (over a second for 400k rows): a file nobody is editing is read as bytes.
 */
import * as vscode from 'vscode';

export async function fileText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}
