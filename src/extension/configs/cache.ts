/**
 * Analyses of config documents, cached per document version (the code lens, hover, diagnostics and
 * code actions of one edit share one parse). Referenced architecture files are read from the open
 * editor buffer when open (so unsaved edits count), else from disk; any change to an architecture
 * document drops the whole cache because backward configs may reference it.
 */
import * as fs from 'fs';
import * as vscode from 'vscode';
import { analyseDocument, detectKind, type DocumentAnalysis } from '../../core/config';

const cache = new Map<string, { version: number; analysis: DocumentAnalysis }>();

function readFile(path: string): string | undefined {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === path);
  if (open) return open.getText();
  try {
    return fs.readFileSync(path, 'utf8');
  } catch {
    return undefined;
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

export function analysisFor(doc: vscode.TextDocument): DocumentAnalysis | undefined {
  const kind = configKind(doc);
  if (!kind) return undefined;
  const key = doc.uri.toString();
  const hit = cache.get(key);
  if (hit && hit.version === doc.version) return hit.analysis;
  const analysis = analyseDocument(doc.getText(), doc.fileName, { readFile, kind });
  cache.set(key, { version: doc.version, analysis });
  return analysis;
}

export function forget(doc: vscode.TextDocument): void {
  if (configKind(doc) === 'arch') cache.clear();
  else cache.delete(doc.uri.toString());
}
