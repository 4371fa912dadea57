/**
 * Analyses of config documents, cached per document version (the code lens, hover, diagnostics and
 * code actions of one edit share one parse). Referenced architecture files are read from the open
 * editor buffer when open (so unsaved edits count), else from disk asynchronously (regular files under a
 * size cap only); any change to an architecture document drops the whole cache because backward configs
 * may reference it.
 */
import * as fs from 'fs';
import * as vscode from 'vscode';
import { analyseDocument, detectKind, type DocumentAnalysis } from '../../core/config';

const cache = new Map<string, { version: number; analysis: Promise<DocumentAnalysis | undefined> }>();

/** Largest referenced architecture file read (they are a few KB), and largest config document analysed. */
export const MAX_REFERENCED_BYTES = 1 << 20;
export const MAX_ANALYSED_CHARS = 2 << 20;

/**
 * A file a backward config refers to: the open editor buffer when open (unsaved edits count), else read
 * from disk asynchronously — and only if it is a regular file of at most MAX_REFERENCED_BYTES. It is opened
 * non-blocking and checked with fstat on the same descriptor, so a FIFO (which would block until written) or
 * a device such as /dev/zero (which never ends) is never read, even if swapped in after a check by name.
 */
async function readReferenced(path: string): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === path);
  if (open) return open.getText();
  let fh: fs.promises.FileHandle | undefined;
  try {
    fh = await fs.promises.open(path, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const st = await fh.stat();
    if (!st.isFile() || st.size > MAX_REFERENCED_BYTES) return undefined;
    const buf = Buffer.alloc(st.size);
    const { bytesRead } = await fh.read(buf, 0, st.size, 0);
    return buf.subarray(0, bytesRead).toString('utf8');
  } catch {
    return undefined;
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

/** The document's config kind, or undefined when it is not one of ours (cheap: file name / $schema). */
export function configKind(doc: vscode.TextDocument) {
  const byName = detectKind(doc.fileName);
  if (byName) return byName;
  if (doc.languageId !== 'json' && doc.languageId !== 'jsonc') return undefined;
  const head = doc.getText(new vscode.Range(0, 0, 40, 0));
  const m = /"\$schema"\s*:\s*"([^"]*)"/.exec(head);
  return m ? detectKind('', { $schema: m[1] }) : undefined;
}

/**
 * The analysis of a config document (cached per version). Files it references are read asynchronously first:
 * a first pass records which paths the analysis asks for, they are read (readReferenced), and the analysis
 * runs again with their text — config analysis itself takes milliseconds. Documents larger than
 * MAX_ANALYSED_CHARS are not analysed (undefined), so the host never parses a huge file.
 */
export function analysisFor(doc: vscode.TextDocument): Promise<DocumentAnalysis | undefined> {
  const kind = configKind(doc);
  if (!kind || doc.getText().length > MAX_ANALYSED_CHARS) return Promise.resolve(undefined);
  const key = doc.uri.toString();
  const hit = cache.get(key);
  if (hit && hit.version === doc.version) return hit.analysis;
  const text = doc.getText();
  const analysis = (async () => {
    const files = new Map<string, string | undefined>();
    const wanted = new Set<string>();
    const readFile = (path: string) => {
      if (!files.has(path)) wanted.add(path);
      return files.get(path);
    };
    let a = analyseDocument(text, doc.fileName, { readFile, kind });
    if (wanted.size === 0) return a;
    for (const path of wanted) files.set(path, await readReferenced(path));
    a = analyseDocument(text, doc.fileName, { readFile: (path) => files.get(path), kind });
    return a;
  })();
  cache.set(key, { version: doc.version, analysis });
  return analysis;
}

export function forget(doc: vscode.TextDocument): void {
  if (configKind(doc) === 'arch') cache.clear();
  else cache.delete(doc.uri.toString());
}
