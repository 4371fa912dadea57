/**
 * Training logs for the fit panel: which invocations are logs (a folder, several files, a JSONL or
 * TensorBoard file), reading them with vscode.workspace.fs within size bounds (located errors, never a hang
 * on a huge folder), the panel's options as fit/curve options, and the "what was read" block at the top of
 * the panel with each run's predicted final loss. Parsing and fitting happen in the worker (src/extension/fit/worker.ts).
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { InputError } from '../../core/errors';
import { MODELS, type FitResultJSON, type FormId } from '../../core/fit';
import type { WorkerFitOutcome } from '../../core/fit/workerProtocol';
import { isLogFile, sidecarPath } from '../../core/logs/format';
import type { LogFileBytes } from '../../core/logs/load';
import type { FitColumnRole, FitDataInfo, FitPanelOptions } from '../../shared/protocol';
import { isDirectory } from '../common/fileText';

/** Bounds on what one panel reads (a fit of more is a CLI job): files, bytes per file, bytes in all. */
export const LOG_LIMITS = { files: 2000, fileBytes: 64 * 2 ** 20, totalBytes: 256 * 2 ** 20, depth: 3 };

/** Folders, several files, or one file that is not a runs CSV: fitted as training logs. */
export async function isLogInput(uris: readonly vscode.Uri[]): Promise<boolean> {
  if (uris.length !== 1) return true;
  if (!/\.(csv|tsv|txt)$/i.test(uris[0].path)) return true;
  return isDirectory(uris[0]);
}

/** The log files under `uris` (folders searched to depth 3, as TensorBoard keeps a directory per run). */
export async function expandLogUris(uris: readonly vscode.Uri[]): Promise<vscode.Uri[]> {
  const out: vscode.Uri[] = [];
  const walk = async (dir: vscode.Uri, depth: number): Promise<void> => {
    const entries = (await vscode.workspace.fs.readDirectory(dir)).sort((a, b) => a[0].localeCompare(b[0]));
    for (const [name, type] of entries) {
      const u = vscode.Uri.joinPath(dir, name);
      if (type & vscode.FileType.Directory) {
        if (depth < LOG_LIMITS.depth && !name.startsWith('.')) await walk(u, depth + 1);
      } else if (isLogFile(name)) out.push(u);
      if (out.length > LOG_LIMITS.files) throw new InputError(`more than ${LOG_LIMITS.files} log files under '${dir.fsPath}': fit a smaller folder, or use the CLI (scaling-laws fit <folder>)`);
    }
  };
  for (const u of uris) {
    const st = await vscode.workspace.fs.stat(u);
    if (st.type & vscode.FileType.Directory) {
      const before = out.length;
      await walk(u, 0);
      if (out.length === before) throw new InputError(`no training logs in folder '${u.fsPath}' (expected *.csv, *.jsonl or events.out.tfevents.* files)`);
    } else out.push(u);
  }
  return out;
}

/** Read the logs (and their sidecars) with vscode.workspace.fs, refusing files or totals over LOG_LIMITS. */
export async function readLogUris(uris: readonly vscode.Uri[]): Promise<LogFileBytes[]> {
  const files = await expandLogUris(uris);
  let total = 0;
  const out: LogFileBytes[] = [];
  const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
  for (const u of files) {
    const st = await vscode.workspace.fs.stat(u);
    if (st.size > LOG_LIMITS.fileBytes) throw new InputError(u.fsPath, 1, 1, `the log is ${mb(st.size)}, more than the panel reads (${mb(LOG_LIMITS.fileBytes)}): fit it with the CLI (scaling-laws fit)`);
    total += st.size;
    if (total > LOG_LIMITS.totalBytes) throw new InputError(`the logs add up to more than ${mb(LOG_LIMITS.totalBytes)}: fit a smaller folder, or use the CLI (scaling-laws fit <folder>)`);
    const bytes = await vscode.workspace.fs.readFile(u);
    const side = sidecarPath(u.path);
    let sidecar: LogFileBytes['sidecar'];
    if (side) {
      const su = u.with({ path: side });
      try {
        sidecar = { file: su.fsPath, text: new TextDecoder().decode(await vscode.workspace.fs.readFile(su)) };
      } catch {
        sidecar = undefined; // no sidecar: the usual case
      }
    }
    out.push({ file: u.fsPath, bytes, ...(sidecar ? { sidecar } : {}) });
  }
  return out;
}

/** "alpha=0.34, B=410" → { alpha: 0.34, B: 410 }, with the offending item named. */
export function parseFixed(text: string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of (text ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(\w+)\s*=\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)$/.exec(item);
    if (!m) throw new InputError(`'${item}' is not NAME=VALUE (e.g. alpha=0.34)`);
    out[m[1]] = Number(m[2]);
  }
  return out;
}

/** The panel's extra options as fit-engine options (beyond form, δ, bootstrap, E and α = β). */
export function extraFitOptions(o: FitPanelOptions): { fixed?: Record<string, number>; cv?: number; loo?: boolean; dropHighestLoss?: number; compute?: number; unique?: number } {
  const fixed = { ...parseFixed(o.fix), ...(o.fixE !== null ? { E: o.fixE } : {}) };
  return {
    ...(Object.keys(fixed).length ? { fixed } : {}),
    ...(o.cv !== undefined ? { cv: o.cv } : {}),
    ...(o.loo !== undefined ? { loo: o.loo } : {}),
    ...(o.dropHighestLoss ? { dropHighestLoss: o.dropHighestLoss } : {}),
    ...(o.compute ? { compute: o.compute } : {}),
    ...(o.unique ? { unique: o.unique } : {}),
  };
}

/** The user's column choices for one kind of input ('' or absent = detected). */
export function chosenColumns(o: FitPanelOptions, roles: readonly FitColumnRole[]): Partial<Record<FitColumnRole, string>> {
  const out: Partial<Record<FitColumnRole, string>> = {};
  for (const r of roles) {
    const v = o.columns?.[r];
    if (v) out[r] = v;
  }
  return out;
}

/** The fitted law's loss at (N, D), or null when the form cannot say. */
function predictAt(r: FitResultJSON, N: number, D: number): number | null {
  const model = MODELS[r.form as FormId];
  const y = r.form === 'loss-vs-compute' ? model.predict(r.params, 0, 0, undefined, 6 * N * D) : model.predict(r.params, N, D);
  return Number.isFinite(y) ? y : null;
}

/** The block at the top of the panel: columns used, repeats, and (logs) each run's predicted final loss. */
export function dataInfo(o: WorkerFitOutcome, opts: FitPanelOptions, following: boolean): FitDataInfo {
  const t = o.table;
  const used = (t.logs ? t.logs.columns : t.columns) as Partial<Record<FitColumnRole, string>>;
  const runs = (t.logs?.runs ?? []).slice(0, 50).map((x) => {
    const planned = opts.finalTokens ?? x.plannedTokens;
    return {
      run: x.run,
      N: x.N,
      tokens: x.finalTokens,
      loss: x.finalLoss,
      plannedTokens: planned,
      plannedHow: opts.finalTokens ? 'given' : x.plannedHow,
      predictedFinal: planned ? predictAt(o.result, x.N, planned) : null,
    };
  });
  const rep = t.repeated ?? null;
  return {
    kind: t.logs ? 'logs' : 'runs',
    headers: t.headers.slice(0, 500),
    used: Object.fromEntries(Object.entries(used).filter(([, v]) => v !== undefined)),
    repeated: rep ? { column: rep.column, groups: rep.groups, kept: rep.kept, note: rep.note } : null,
    runs,
    following,
  };
}

export const baseNameOf = (u: vscode.Uri): string => path.basename(u.path);
