/**
 * "Scaling Laws: Export Results…" — the active panel's results as JSON, CSV, a Markdown report (with the
 * plots as PNG files beside it) or the plots alone as PNG. Dialogs are skipped when a target is given
 * (the panels' own export buttons and tests pass one). No existing file is replaced without a modal
 * confirmation — neither a given target nor the PNGs written beside a report — unless `overwrite: true`.
 */
import * as path from 'path';
import { fromBase64, utf8 } from './bytes';
import * as vscode from 'vscode';
import { EXPORT_FORMATS, type ExportFormat } from '../../shared/protocol';
import { PanelBase } from './panelBase';

const EXT: Record<ExportFormat, string> = { json: 'json', csv: 'csv', markdown: 'md', png: 'png' };
const LABEL: Record<ExportFormat, string> = { json: 'Results as JSON', csv: 'Results as CSV', markdown: 'Markdown report (with plots)', png: 'Plots as PNG' };

function defaultFolder(): vscode.Uri | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

/** Whether a file exists (any file system VS Code knows). */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * Files that exist among `uris` are replaced only after a modal confirmation (or with `overwrite`): a save
 * dialog confirms the file it names, but not the plots written beside it (`report-plot-nd.png`).
 */
async function mayReplace(uris: vscode.Uri[], overwrite: boolean): Promise<boolean> {
  if (overwrite) return true;
  const existing: vscode.Uri[] = [];
  for (const u of uris) if (await exists(u)) existing.push(u);
  if (existing.length === 0) return true;
  const names = existing.map((u) => path.basename(u.path));
  const ok = await vscode.window.showWarningMessage(
    `${names.length === 1 ? `${names[0]} already exists` : `${names.length} files already exist (${names.join(', ')})`}. Replace ${names.length === 1 ? 'it' : 'them'}?`,
    { modal: true },
    'Replace',
  );
  return ok === 'Replace';
}

type Png = { uri: vscode.Uri; bytes: Uint8Array };

async function renderPngs(panel: PanelBase, folder: vscode.Uri, base: string): Promise<Png[]> {
  const charts = await panel.collectPngs();
  return charts.map((c) => ({ uri: vscode.Uri.joinPath(folder, `${base}-${c.name}.png`), bytes: fromBase64(c.dataUrl.slice(c.dataUrl.indexOf(',') + 1)) }));
}

/** Returns the files written (empty when the user cancelled). */
export async function exportResults(format?: unknown, target?: unknown, opts: { overwrite?: unknown } = {}): Promise<vscode.Uri[]> {
  const panel = PanelBase.lastActive;
  const payload = panel?.exportable();
  if (!panel || !payload) {
    void vscode.window.showWarningMessage('Nothing to export yet: open the planner or fit a CSV first.');
    return [];
  }
  let fmt: ExportFormat | undefined = typeof format === 'string' && (EXPORT_FORMATS as readonly string[]).includes(format) ? (format as ExportFormat) : undefined;
  fmt ??= (await vscode.window.showQuickPick(EXPORT_FORMATS.map((f) => ({ label: LABEL[f], format: f })), { title: 'Export Results' }))?.format;
  if (!fmt) return [];

  let dest = target instanceof vscode.Uri ? target : undefined;
  // A save dialog confirms replacing the file it returns; a given target is checked like the plots below.
  const confirmed = opts.overwrite === true || !dest;
  const folder = defaultFolder();
  if (!dest) {
    dest = fmt === 'png'
      ? (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, defaultUri: folder, openLabel: 'Save plots here' }))?.[0]
      : await vscode.window.showSaveDialog({
        defaultUri: folder ? vscode.Uri.joinPath(folder, `${payload.baseName}.${EXT[fmt]}`) : undefined,
        filters: { [LABEL[fmt]]: [EXT[fmt]] },
      });
  }
  if (!dest) return [];

  const written: vscode.Uri[] = [];
  const write = async (uri: vscode.Uri, text: string) => {
    await vscode.workspace.fs.writeFile(uri, utf8(text));
    written.push(uri);
  };
  switch (fmt) {
    case 'json':
    case 'csv':
      if (!(await mayReplace(confirmed ? [] : [dest], false))) return [];
      await write(dest, fmt === 'json' ? JSON.stringify(payload.json, null, 2) + '\n' : payload.csv);
      break;
    case 'markdown': {
      const stem = path.parse(dest.path).name;
      const pngs = await renderPngs(panel, vscode.Uri.joinPath(dest, '..'), stem).catch(() => [] as Png[]);
      if (!(await mayReplace([...(confirmed ? [] : [dest]), ...pngs.map((p) => p.uri)], opts.overwrite === true))) return [];
      for (const p of pngs) await vscode.workspace.fs.writeFile(p.uri, p.bytes);
      written.push(...pngs.map((p) => p.uri));
      await write(dest, payload.markdown(pngs.map((p) => path.basename(p.uri.path))));
      break;
    }
    case 'png': {
      const pngs = await renderPngs(panel, dest, payload.baseName);
      if (!(await mayReplace(pngs.map((p) => p.uri), opts.overwrite === true))) return [];
      for (const p of pngs) await vscode.workspace.fs.writeFile(p.uri, p.bytes);
      written.push(...pngs.map((p) => p.uri));
      break;
    }
  }
  void vscode.window.showInformationMessage(`Exported ${written.length} file${written.length === 1 ? '' : 's'}: ${written.map((u) => path.basename(u.path)).join(', ')}`);
  return written;
}
