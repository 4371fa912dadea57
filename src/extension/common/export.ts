/**
 * "Scaling Laws: Export Results…" — the active panel's results as JSON, CSV, a Markdown report (with the
 * plots as PNG files beside it) or the plots alone as PNG. Dialogs are skipped when a target is given
 * (the panels' own export buttons and tests pass one).
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

async function writePngs(panel: PanelBase, folder: vscode.Uri, base: string): Promise<vscode.Uri[]> {
  const charts = await panel.collectPngs();
  const out: vscode.Uri[] = [];
  for (const c of charts) {
    const uri = vscode.Uri.joinPath(folder, `${base}-${c.name}.png`);
    await vscode.workspace.fs.writeFile(uri, fromBase64(c.dataUrl.slice(c.dataUrl.indexOf(',') + 1)));
    out.push(uri);
  }
  return out;
}

/** Returns the files written (empty when the user cancelled). */
export async function exportResults(format?: unknown, target?: unknown): Promise<vscode.Uri[]> {
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
      await write(dest, JSON.stringify(payload.json, null, 2) + '\n');
      break;
    case 'csv':
      await write(dest, payload.csv);
      break;
    case 'markdown': {
      const dir = vscode.Uri.joinPath(dest, '..');
      const stem = path.parse(dest.path).name;
      const pngs = await writePngs(panel, dir, stem).catch(() => [] as vscode.Uri[]);
      written.push(...pngs);
      await write(dest, payload.markdown(pngs.map((u) => path.basename(u.path))));
      break;
    }
    case 'png':
      written.push(...(await writePngs(panel, dest, payload.baseName)));
      break;
  }
  void vscode.window.showInformationMessage(`Exported ${written.length} file${written.length === 1 ? '' : 's'}: ${written.map((u) => path.basename(u.path)).join(', ')}`);
  return written;
}
