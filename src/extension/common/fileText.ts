/**
 * A CSV's current content for a worker (fit and IsoFLOP panels, the agent tools), chosen so the extension host
 * reads, decodes and copies as little as possible (17 MB for 400k rows: about a second of host time):
 *   - an edited (unsaved) document: its text, as the editor has it;
 *   - a file on the local disk (desktop host, file: scheme): its path — the worker reads it
 *     (src/core/csv/source.ts: asynchronously, regular files only, at most MAX_INPUT_BYTES);
 *   - otherwise (a web host, a remote or virtual file system): the open document's text, or the bytes through
 *     vscode.workspace.fs, read asynchronously and only when the file is regular and within the same size cap
 *     (a FIFO or device is never opened; a huge file is a located CsvError, not unbounded memory).
 * Opening a large CSV as a TextDocument makes the extension host build a model of every line (over a second
 * for 400k rows), so a file nobody has open is never opened as one.
 */
import * as fs from 'fs';
import * as vscode from 'vscode';
import { CsvError } from '../../core/csv';
import { isNode } from '../../core/platform';
import { checkStat, type TextSource } from '../../core/csv/source';

export async function fileSource(uri: vscode.Uri): Promise<TextSource> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open && (open.isDirty || open.isUntitled)) return { text: open.getText() };
  if (uri.scheme === 'file' && isNode) return { path: uri.fsPath };
  if (open) return { text: open.getText() };
  const where = uri.scheme === 'file' ? uri.fsPath : uri.toString();
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch (e) {
    throw new CsvError(where, 1, 1, `cannot read the file (${e instanceof Error ? e.message : String(e)})`);
  }
  checkStat(where, { isFile: () => (stat.type & vscode.FileType.File) !== 0, size: stat.size });
  return { text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) };
}

/**
 * Whether `uri` is a folder. A file on the local disk is asked of Node's fs: vscode.workspace.fs first makes a
 * round trip to the workbench (its file-system activation check), which waits behind the workbench's work of
 * opening a panel — 0.2–1.7 s before a fit could start, in the real-VS-Code suite.
 */
export async function isDirectory(uri: vscode.Uri): Promise<boolean> {
  if (uri.scheme === 'file' && isNode) return (await fs.promises.stat(uri.fsPath)).isDirectory();
  return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) !== 0;
}
