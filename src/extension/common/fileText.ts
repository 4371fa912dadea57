/**
 * A CSV's current text for a worker (fit and IsoFLOP panels, the agent tools): the open document's (unsaved edits included) when an editor has it,
 * otherwise the bytes from disk. Opening a large CSV as a TextDocument makes the extension host build a
 * document model of every line (over a second for 400k rows): a file nobody is editing is read as bytes,
 * asynchronously, and only when it is a regular file of at most MAX_INPUT_BYTES (a FIFO or device is never
 * opened; a huge file is a located input error, not unbounded memory).
 */
import * as vscode from 'vscode';
import { CsvError } from '../../core/csv';
import { MAX_INPUT_BYTES } from '../../core/limits';

export async function fileText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  const where = uri.scheme === 'file' ? uri.fsPath : uri.toString();
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch (e) {
    throw new CsvError(where, 1, 1, `cannot read the file (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!(stat.type & vscode.FileType.File)) throw new CsvError(where, 1, 1, 'not a regular file');
  if (stat.size > MAX_INPUT_BYTES) throw new CsvError(where, 1, 1, `the file is ${stat.size} bytes; at most ${MAX_INPUT_BYTES} bytes (256 MiB) are read`);
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}
