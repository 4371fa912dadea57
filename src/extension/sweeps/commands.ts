/**
 * The sweep commands. Each takes the config (or results CSV) as a Uri argument — from the code lens, the
 * explorer context menu, or a test — and otherwise uses the active editor, then an open dialog. Files are
 * written only where the user chose in a save dialog (which confirms replacing a file), or where the
 * caller passed `target`; an existing target is replaced only after a modal confirmation or with
 * `overwrite: true`. Errors are shown as messages naming file, line and column; commands then resolve to
 * undefined rather than throwing into VS Code's command service.
 */
import * as path from 'path';
import { utf8 } from '../common/bytes';
import * as vscode from 'vscode';
import {
  SWEEP_EXPORT_FORMATS, exportPlan, mockResults, mockToCsv, sweepLaw, type SweepExportFormat,
} from '../../core/sweep';
import { InputError } from '../../core/errors';
import { exists } from '../common/export';
import { planDocument, type PlannedDocument } from './lens';
import { IsoflopPanel } from './panel';
import { DEFAULT_ISOFLOP_OPTIONS, planMarkdown } from './view';

const isSweep = (uri: vscode.Uri) => /\.sweep\.jsonc?$/i.test(uri.path);
const isCsv = (uri: vscode.Uri) => /\.csv$/i.test(uri.path);

/**
 * The file a command refers to: its Uri argument, else the active editor's document, else a QuickPick of
 * the workspace's matching files (`find`, e.g. every *.sweep.jsonc) with "Browse…", else an open dialog.
 */
async function targetFile(arg: unknown, accept: (u: vscode.Uri) => boolean, dialog: { title: string; filters: Record<string, string[]>; find?: string }): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && arg) return vscode.Uri.file(arg);
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && accept(active)) return active;
  const found = dialog.find ? await vscode.workspace.findFiles(dialog.find, '**/node_modules/**', 200) : [];
  if (found.length) {
    const browse = { label: '$(folder-opened) Browse…', uri: undefined as vscode.Uri | undefined };
    const items = found
      .sort((a, b) => a.path.localeCompare(b.path))
      .map((uri) => ({ label: path.basename(uri.path), description: vscode.workspace.asRelativePath(uri, false), uri }));
    const choice = await vscode.window.showQuickPick([...items, browse], { title: dialog.title, placeHolder: 'Sweep configs in this workspace', matchOnDescription: true });
    if (!choice) return undefined;
    if (choice.uri) return choice.uri;
  }
  const picked = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: dialog.title, filters: dialog.filters, defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri });
  return picked?.[0];
}

const sweepDialog = { title: 'Select sweep config', filters: { 'Sweep config': ['jsonc', 'json'] }, find: '**/*.sweep.{jsonc,json}' };

async function plannedSweep(arg: unknown, command: string): Promise<{ uri: vscode.Uri; planned: PlannedDocument } | undefined> {
  const uri = await targetFile(arg, isSweep, sweepDialog);
  if (!uri) return undefined;
  let doc: vscode.TextDocument;
  try {
    doc = await vscode.workspace.openTextDocument(uri);
  } catch (e) {
    void vscode.window.showErrorMessage(`${command}: cannot open ${uri.fsPath}: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  const planned = await planDocument(doc);
  if (planned instanceof Error) {
    void showConfigError(command, doc, planned);
    return undefined;
  }
  return { uri, planned };
}

/** An error message; for a config error with a position, a "Go to error" button that reveals it. */
async function showConfigError(command: string, doc: vscode.TextDocument, e: Error): Promise<void> {
  if (!(e instanceof InputError && e.location)) {
    void vscode.window.showErrorMessage(`${command}: ${e.message}`);
    return;
  }
  const choice = await vscode.window.showErrorMessage(`${command}: ${e.message}`, 'Go to error');
  if (choice) {
    const pos = new vscode.Position(Math.max(0, e.line - 1), Math.max(0, e.column - 1));
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos) });
  }
}

/** Sibling file name: runs.sweep.jsonc + ".slurm" → runs.slurm. */
function sibling(uri: vscode.Uri, suffix: string): vscode.Uri {
  const stem = path.basename(uri.path).replace(/\.sweep\.jsonc?$/i, '').replace(/\.[^.]*$/, '');
  return vscode.Uri.joinPath(uri, '..', `${stem}${suffix}`);
}

interface WriteOptions {
  target?: unknown;
  overwrite?: boolean;
}

const asUri = (v: unknown) => (v instanceof vscode.Uri ? v : typeof v === 'string' && v ? vscode.Uri.file(v) : undefined);

/** Where to write: the caller's target (confirmed if it exists) or a save dialog (which confirms itself). */
async function destination(opts: WriteOptions, suggested: vscode.Uri, filters: Record<string, string[]>, title: string): Promise<vscode.Uri | undefined> {
  const given = asUri(opts.target);
  if (!given) return vscode.window.showSaveDialog({ defaultUri: suggested, filters, title });
  if (!opts.overwrite && (await exists(given))) {
    const ok = await vscode.window.showWarningMessage(`${path.basename(given.path)} already exists. Replace it?`, { modal: true }, 'Replace');
    if (ok !== 'Replace') return undefined;
  }
  return given;
}

async function write(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, utf8(text));
}

const FORMAT_INFO: Record<SweepExportFormat, { label: string; detail: string; suffix: string; filter: string[] }> = {
  csv: { label: 'CSV', detail: 'the run table: id, budget, shape, N, D, steps, GPU-hours', suffix: '.runs.csv', filter: ['csv'] },
  json: { label: 'JSON', detail: 'the run table with totals and warnings', suffix: '.runs.json', filter: ['json'] },
  slurm: { label: 'SLURM job array', detail: 'one array task per run; submit with sbatch', suffix: '.slurm', filter: ['slurm', 'sh'] },
  skypilot: { label: 'SkyPilot task YAML', detail: 'one managed job per run via RUN_INDEX', suffix: '.sky.yaml', filter: ['yaml', 'yml'] },
};

/** Scheme of the read-only plan documents (never dirty, nothing to save when closed). */
export const PLAN_SCHEME = 'scaling-laws';

/** scaling-laws:/<stem>.plan.md?<config uri>: the plan of that sweep config. */
export function planUri(config: vscode.Uri): vscode.Uri {
  const stem = path.basename(config.path).replace(/\.sweep\.jsonc?$/i, '');
  return vscode.Uri.from({ scheme: PLAN_SCHEME, path: `/${stem}.plan.md`, query: config.toString() });
}

/**
 * The plan as a virtual Markdown document, re-planned from the config's current text whenever VS Code asks
 * (and refreshed as the config is edited), so the preview always matches the file.
 */
export class PlanDocumentProvider implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const config = vscode.Uri.parse(uri.query);
    const planned = await planDocument(await vscode.workspace.openTextDocument(config));
    if (planned instanceof Error) return `# Plan unavailable\n\n${path.basename(config.path)}: ${planned.message}\n`;
    return planMarkdown(planned.plan, path.basename(config.path));
  }

  /** The config changed: any open plan of it re-renders. */
  refresh(config: vscode.Uri): void {
    this.changed.fire(planUri(config));
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Plan IsoFLOP Sweep: the plan in a read-only Markdown preview beside the config (tables render). */
export async function planSweepCommand(arg?: unknown): Promise<string | undefined> {
  const s = await plannedSweep(arg, 'Plan IsoFLOP Sweep');
  if (!s) return undefined;
  const uri = planUri(s.uri);
  let doc = await vscode.workspace.openTextDocument(uri);
  if (doc.languageId !== 'markdown') doc = await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
  try {
    await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
  } catch {
    // No Markdown preview (the built-in extension disabled): the read-only document itself.
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  }
  return uri.toString();
}

export async function exportSweepCommand(arg?: unknown, opts: WriteOptions & { format?: unknown } = {}): Promise<string | undefined> {
  const s = await plannedSweep(arg, 'Export Sweep');
  if (!s) return undefined;
  let format = typeof opts.format === 'string' && (SWEEP_EXPORT_FORMATS as readonly string[]).includes(opts.format) ? (opts.format as SweepExportFormat) : undefined;
  format ??= (await vscode.window.showQuickPick(
    SWEEP_EXPORT_FORMATS.map((f) => ({ label: FORMAT_INFO[f].label, detail: FORMAT_INFO[f].detail, format: f })),
    { title: `Export ${s.planned.plan.runs.length} runs of "${s.planned.plan.name}"`, placeHolder: 'Format' },
  ))?.format;
  if (!format) return undefined;
  const info = FORMAT_INFO[format];
  const dest = await destination(opts, sibling(s.uri, info.suffix), { [info.label]: info.filter }, `Export sweep as ${info.label}`);
  if (!dest) return undefined;
  let text: string;
  try {
    text = exportPlan(s.planned.plan, s.planned.config, format, path.basename(dest.path));
  } catch (e) {
    // e.g. SLURM/SkyPilot without a "command" template: say what to add rather than write a broken script.
    void vscode.window.showErrorMessage(`Export Sweep: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  await write(dest, text);
  const warnings = s.planned.plan.warnings.length;
  void vscode.window.showInformationMessage(
    `Exported ${s.planned.plan.runs.length} runs to ${path.basename(dest.path)}${warnings ? ` (the plan has ${warnings} warning${warnings === 1 ? '' : 's'}: see Plan IsoFLOP Sweep)` : ''}.`,
  );
  return dest.toString();
}

export async function mockSweepCommand(arg?: unknown, opts: WriteOptions & { law?: unknown; noise?: unknown; seed?: unknown } = {}): Promise<string | undefined> {
  const s = await plannedSweep(arg, 'Mock IsoFLOP Results');
  if (!s) return undefined;
  const { config, plan } = s.planned;
  let rows;
  try {
    const law = sweepLaw(typeof opts.law === 'string' ? opts.law : config.mock.law ?? config.law);
    const noise = typeof opts.noise === 'number' && opts.noise >= 0 ? opts.noise : config.mock.noise;
    const seed = typeof opts.seed === 'number' && Number.isInteger(opts.seed) ? opts.seed : config.mock.seed;
    rows = mockResults(plan.runs, law, { noise, seed });
  } catch (e) {
    void vscode.window.showErrorMessage(`Mock IsoFLOP Results: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  const dest = await destination(opts, sibling(s.uri, '.results.csv'), { 'Results CSV': ['csv'] }, 'Save mock results');
  if (!dest) return undefined;
  await write(dest, mockToCsv(rows));
  void vscode.window.showInformationMessage(`Wrote ${rows.length} mock results to ${path.basename(dest.path)}.`, 'Analyse').then((choice) => {
    if (choice) void vscode.commands.executeCommand('scalingLaws.analyseIsoflop', dest);
  });
  return dest.toString();
}

export async function analyseIsoflopCommand(extensionUri: vscode.Uri, arg?: unknown): Promise<string | undefined> {
  const t0 = performance.now();
  const uri = await targetFile(arg, isCsv, { title: 'Analyse IsoFLOP results', filters: { 'Results CSV': ['csv'] } });
  if (!uri) return undefined;
  if (!isCsv(uri)) {
    void vscode.window.showErrorMessage('Analyse IsoFLOP Results: choose a .csv of finished runs (loss and two of compute, N, D; a "budget" column groups them).');
    return undefined;
  }
  const panel = IsoflopPanel.show(extensionUri, uri, { ...DEFAULT_ISOFLOP_OPTIONS }, t0);
  return panel.uri.toString();
}
