/**
 * Editor features for config files: code lens (one-line summary + "Open in planner"), hovers with
 * derived values, diagnostics with quick fixes, and value completion for GPU names and dtypes (law ids
 * come from the schemas' enums).
 * All numbers come from src/core/config (the same code as `scaling-laws forward|backward`).
 */
import * as vscode from 'vscode';
import { getLocation } from 'jsonc-parser';
import { hoverMarkdown, plannerPatch, summaryLine, type ConfigIssue, type DocumentAnalysis } from '../../core/config';
import { DTYPES, GPUS } from '../../core/hardware';
import { formatNum } from '../../core/format';
import { analysisFor, configKind, forget } from './cache';
import { perDocumentDebounce } from '../common/debounce';
import { RefreshableLensProvider } from '../common/lensBase';

export const SELECTOR: vscode.DocumentSelector = [
  { language: 'jsonc' },
  { language: 'json' },
];

const range = (doc: vscode.TextDocument, offset: number, length: number) =>
  new vscode.Range(doc.positionAt(offset), doc.positionAt(offset + length));

export class ConfigLensProvider extends RefreshableLensProvider {
  protected async lenses(doc: vscode.TextDocument, top: vscode.Range): Promise<vscode.CodeLens[]> {
    const a = await analysisFor(doc);
    if (!a || a.kind === 'sweep') return []; // sweep lenses belong to the sweep feature
    const line = summaryLine(a);
    if (!line) return [];
    const lenses = [new vscode.CodeLens(top, { title: line, command: '' })];
    const patch = plannerPatch(a);
    if (patch) {
      lenses.push(new vscode.CodeLens(top, { title: 'Open in planner', command: 'scalingLaws.openConfigInPlanner', arguments: [patch] }));
    }
    return lenses;
  }
}

export const hoverProvider: vscode.HoverProvider = {
  async provideHover(doc, pos) {
    const a = await analysisFor(doc);
    if (!a) return undefined;
    const md = hoverMarkdown(a, doc.offsetAt(pos));
    if (!md) return undefined;
    const m = new vscode.MarkdownString(md);
    m.supportHtml = false;
    return new vscode.Hover(m);
  },
};

const SEVERITY: Record<ConfigIssue['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** Diagnostics carry their issue so the code-action provider can offer its fixes. */
const issuesByDiagnostic = new WeakMap<vscode.Diagnostic, ConfigIssue>();

export function diagnosticsFor(doc: vscode.TextDocument, a: DocumentAnalysis): vscode.Diagnostic[] {
  // Syntax errors are already reported by VS Code's JSON language service.
  return a.issues.filter((i) => i.code !== 'syntax').map((i) => {
    const d = new vscode.Diagnostic(range(doc, i.offset, i.length), i.message, SEVERITY[i.severity]);
    d.source = 'scaling-laws';
    d.code = i.code;
    issuesByDiagnostic.set(d, i);
    return d;
  });
}

export const codeActionProvider: vscode.CodeActionProvider = {
  provideCodeActions(doc, _range, ctx) {
    const actions: vscode.CodeAction[] = [];
    for (const d of ctx.diagnostics) {
      const issue = issuesByDiagnostic.get(d);
      if (!issue) continue;
      for (const fix of issue.fixes) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(doc.uri, range(doc, fix.edit.offset, fix.edit.length), fix.edit.text);
        action.diagnostics = [d];
        action.isPreferred = fix.preferred;
        actions.push(action);
      }
    }
    return actions;
  },
};

/** Value completion where the schema can only say "string": GPU names with their peaks, dtypes. */
export const completionProvider: vscode.CompletionItemProvider = {
  provideCompletionItems(doc, pos) {
    if (!configKind(doc)) return undefined;
    const loc = getLocation(doc.getText(), doc.offsetAt(pos));
    if (loc.isAtPropertyKey) return undefined;
    const key = loc.path[loc.path.length - 1];
    const wordRange = doc.getWordRangeAtPosition(pos, /"[^"]*"?/);
    const item = (label: string, detail: string, doc_: string, kind = vscode.CompletionItemKind.Value) => {
      const it = new vscode.CompletionItem(label, kind);
      it.insertText = `"${label}"`;
      it.filterText = `"${label}"`;
      it.detail = detail;
      it.documentation = new vscode.MarkdownString(doc_);
      if (wordRange) it.range = wordRange;
      return it;
    };
    if (key === 'gpu_type' || key === 'gpu') {
      return GPUS.map((g) => {
        const bf16 = g.dense.bf16 ?? g.dense.fp16;
        return item(g.id, `${bf16 ? formatNum(bf16 / 1e12) : '–'} TFLOP/s dense BF16/FP16 · ${g.memoryGB ?? '–'} GB`, `${g.label}. Source: ${g.source}${g.secondary ? ' (secondary — confirm)' : ''}.`, vscode.CompletionItemKind.EnumMember);
      });
    }
    if (key === 'dtype') return DTYPES.map((d) => item(d, 'training precision', 'Selects the dense peak of the GPU for this precision.'));
    // Law ids: the schemas enumerate them (with markdownEnumDescriptions), so VS Code's JSON service
    // already offers each one; offering them here too listed every id twice.
    return undefined;
  },
};

/** Keep diagnostics and lenses in step with edits (debounced), opens and closes. */
export function watchDocuments(context: vscode.ExtensionContext, lens: ConfigLensProvider): vscode.DiagnosticCollection {
  const collection = vscode.languages.createDiagnosticCollection('scaling-laws-config');
  const update = async (doc: vscode.TextDocument) => {
    const version = doc.version;
    const a = await analysisFor(doc);
    if (!a || doc.isClosed || doc.version !== version) return;
    collection.set(doc.uri, diagnosticsFor(doc, a));
  };
  const debounced = perDocumentDebounce((doc: vscode.TextDocument) => void update(doc));
  const schedule = debounced.schedule;
  context.subscriptions.push(
    collection,
    vscode.workspace.onDidOpenTextDocument((d) => void update(d)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (!configKind(e.document)) return;
      forget(e.document);
      schedule(e.document);
      if (configKind(e.document) === 'arch') {
        // Backward configs referencing this architecture change too.
        for (const d of vscode.workspace.textDocuments) if (d !== e.document && configKind(d) === 'backward') schedule(d);
        lens.refresh();
      }
    }),
    vscode.workspace.onDidCloseTextDocument((d) => {
      collection.delete(d.uri);
      forget(d);
    }),
    debounced,
  );
  vscode.workspace.textDocuments.forEach((d) => void update(d));
  return collection;
}
