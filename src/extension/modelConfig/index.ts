/**
 * Model configs in the editor (issue 13): a Hugging Face `config.json` (any JSON with a `model_type`),
 * a nanoGPT config `.py` and a Megatron-LM launch `.sh` get a code lens (N, FLOPs/token, training memory,
 * and the tokens a compute-optimal run wants for this N), hovers on the size keys, diagnostics on every
 * assumption (with quick fixes where one exists, e.g. a misspelt model_type) and *Open in planner*.
 * All numbers come from src/core/arch (the same code as `scaling-laws forward`). Reading is bounded:
 * files above MAX_CHARS are not analysed, and nothing in them is executed.
 */
import * as vscode from 'vscode';
import { getLocation } from 'jsonc-parser';
import { analyseModelConfig, detectModelConfig, type ModelConfigAnalysis } from '../../core/config/modelConfig';
import { lawTokenLines, LENS_LAW, modelHoverMarkdown, modelLensLine, modelReport, type ModelReport } from '../../core/modelConfig';
import { command, registerCommands } from '../common/command';
import { perDocumentDebounce } from '../common/debounce';
import type { FeatureDeps } from '../common/host';
import { RefreshableLensProvider } from '../common/lensBase';

const SELECTOR: vscode.DocumentSelector = [{ language: 'json' }, { language: 'jsonc' }, { language: 'python' }, { language: 'shellscript' }];
/** Larger files are not model configs worth a lens (the biggest real config.json is a few KB). */
const MAX_CHARS = 1_000_000;

interface Entry {
  version: number;
  seq: number;
  analysis?: ModelConfigAnalysis;
  report?: ModelReport;
}
const cache = new Map<string, Entry>();

/** The training sequence length from scalingLaws.modelConfig.seqLength (0 = not set). */
let seqSetting = (): number => 0;

/** The analysis of a model-config document, cached per version (lens, hover and diagnostics share it). */
function entryFor(doc: vscode.TextDocument): Entry | undefined {
  if (doc.getText().length > MAX_CHARS) return undefined;
  const key = doc.uri.toString();
  const seq = seqSetting();
  const hit = cache.get(key);
  if (hit && hit.version === doc.version && hit.seq === seq) return hit.analysis ? hit : undefined;
  const text = doc.getText();
  const format = detectModelConfig(doc.fileName, text);
  const entry: Entry = { version: doc.version, seq };
  if (format) {
    // nanoGPT and Megatron files name their training length; config.json only when the setting gives one.
    entry.analysis = analyseModelConfig(text, doc.fileName, format, format === 'huggingface' && seq ? { seqLength: seq } : {});
    if (entry.analysis.read) entry.report = modelReport(entry.analysis.read);
  }
  cache.set(key, entry);
  return entry.analysis ? entry : undefined;
}

const range = (doc: vscode.TextDocument, offset: number, length: number) => new vscode.Range(doc.positionAt(offset), doc.positionAt(offset + length));

class ModelConfigLens extends RefreshableLensProvider {
  protected lenses(doc: vscode.TextDocument, top: vscode.Range): vscode.CodeLens[] {
    const e = entryFor(doc);
    if (!e) return [];
    const err = e.analysis!.issues.find((i) => i.severity === 'error');
    if (err || !e.report) return [new vscode.CodeLens(top, { title: `⚠ ${err?.message ?? 'cannot read this model config'}`, command: '' })];
    const read = e.analysis!.read!;
    const lenses = [
      new vscode.CodeLens(top, { title: modelLensLine(read, e.report), command: '' }),
      new vscode.CodeLens(top, { title: 'Tokens per law…', command: 'scalingLaws.showModelTokens', arguments: [doc.uri] }),
    ];
    const row = e.report.lawTokens.rows.find((r) => r.law === LENS_LAW);
    if (row) {
      // The budget at which the law picks this N, handed over like a backward config's (same command and patch).
      const patch = { mode: 'flops' as const, compute: row.compute, laws: [row.law], uniqueTokens: 0 };
      lenses.push(new vscode.CodeLens(top, { title: 'Open in planner', command: 'scalingLaws.openConfigInPlanner', arguments: [patch] }));
    }
    return lenses;
  }
}

/** The key under the cursor: a JSON property, a Python assignment name, or a `--flag`. */
function keyAt(doc: vscode.TextDocument, pos: vscode.Position, format: ModelConfigAnalysis['format']): string | undefined {
  if (format === 'huggingface') {
    const path = getLocation(doc.getText(), doc.offsetAt(pos)).path;
    return [...path].reverse().find((s): s is string => typeof s === 'string');
  }
  const word = doc.getWordRangeAtPosition(pos, format === 'megatron' ? /--[a-z0-9-]+/ : /[A-Za-z_][A-Za-z0-9_]*/);
  if (!word) return undefined;
  const w = doc.getText(word);
  return format === 'megatron' ? w.replace(/^--/, '') : w;
}

const hoverProvider: vscode.HoverProvider = {
  provideHover(doc, pos) {
    const e = entryFor(doc);
    if (!e?.report) return undefined;
    const key = keyAt(doc, pos, e.analysis!.format);
    const md = key && modelHoverMarkdown(e.analysis!.read!, e.report, key);
    if (!md) return undefined;
    const m = new vscode.MarkdownString(md);
    m.supportHtml = false;
    m.isTrusted = false;
    return new vscode.Hover(m);
  },
};

const fixesByDiagnostic = new WeakMap<vscode.Diagnostic, ModelConfigAnalysis['issues'][number]['fixes']>();

const codeActions: vscode.CodeActionProvider = {
  provideCodeActions(doc, _range, ctx) {
    const out: vscode.CodeAction[] = [];
    for (const d of ctx.diagnostics) {
      (fixesByDiagnostic.get(d) ?? []).forEach((f, i) => {
        const a = new vscode.CodeAction(f.title, vscode.CodeActionKind.QuickFix);
        a.edit = new vscode.WorkspaceEdit();
        a.edit.replace(doc.uri, range(doc, f.offset, f.length), f.text);
        a.diagnostics = [d];
        a.isPreferred = i === 0;
        out.push(a);
      });
    }
    return out;
  },
};

/** "Show Compute-Optimal Tokens for This Model Config": the per-law list for a document (the lens passes it; the palette uses the active editor). */
async function showTokens(uri?: vscode.Uri): Promise<void> {
  const doc = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  const e = doc && entryFor(doc);
  if (!e?.report) {
    void vscode.window.showInformationMessage('Open a Hugging Face config.json (with a model_type), a nanoGPT config .py or a Megatron-LM launch script first.');
    return;
  }
  await vscode.window.showQuickPick(lawTokenLines(e.report), { title: `Compute-optimal tokens for N = ${e.report.N.toLocaleString('en-US')}${e.report.params.active !== e.report.N ? ` (${e.report.params.active.toLocaleString('en-US')} active)` : ''}, per law` });
}

export function register(context: vscode.ExtensionContext, deps: FeatureDeps): void {
  seqSetting = () => {
    const v = deps.settings().modelConfigSeqLength;
    return Number.isInteger(v) && v > 0 ? v : 0;
  };
  const lens = new ModelConfigLens(() => deps.settings().codeLensEnabled);
  const diagnostics = vscode.languages.createDiagnosticCollection('scaling-laws-model-config');
  const update = (doc: vscode.TextDocument) => {
    const e = entryFor(doc);
    if (!e) {
      diagnostics.delete(doc.uri);
      return;
    }
    diagnostics.set(doc.uri, e.analysis!.issues.map((i) => {
      const d = new vscode.Diagnostic(range(doc, i.offset, i.length), i.message, i.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      d.source = 'scaling-laws';
      fixesByDiagnostic.set(d, i.fixes);
      return d;
    }));
  };
  const debounced = perDocumentDebounce(update);
  registerCommands(context, command('scalingLaws.showModelTokens', (uri?: vscode.Uri) => showTokens(uri)));
  context.subscriptions.push(
    diagnostics,
    vscode.languages.registerCodeLensProvider(SELECTOR, lens),
    vscode.languages.registerHoverProvider(SELECTOR, hoverProvider),
    vscode.languages.registerCodeActionsProvider(SELECTOR, codeActions, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.workspace.onDidOpenTextDocument(update),
    vscode.workspace.onDidChangeTextDocument((e) => debounced.schedule(e.document)),
    vscode.workspace.onDidCloseTextDocument((d) => {
      diagnostics.delete(d.uri);
      cache.delete(d.uri.toString());
    }),
    deps.onSettingsChanged(['modelConfigSeqLength', 'codeLensEnabled'], () => {
      lens.refresh();
      vscode.workspace.textDocuments.forEach(update);
    }),
    debounced,
  );
  vscode.workspace.textDocuments.forEach(update);
}
