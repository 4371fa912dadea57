/**
 * Training logs from disk for the CLI: files and folders expanded into log files (a folder is searched to
 * depth 3, as TensorBoard keeps one directory per run), each read by src/core/logs, with a sidecar
 * `<log>.json` (e.g. {"n_params": 1.3e9, "batch_size": 512, "seq_len": 2048}) merged into the log's config.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isLogFile, LogError, type CurveOptions } from '../../core/logs';
import { curvesFromFiles, sidecarPath, type LoadedCurves, type LogFileBytes } from '../../core/logs/load';
import { InputError } from '../../core/errors';

const MAX_FILES = 10_000;

export function expandLogPaths(paths: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && depth < 3 && !e.name.startsWith('.')) walk(p, depth + 1);
      else if (e.isFile() && isLogFile(p)) out.push(p);
      if (out.length > MAX_FILES) throw new InputError(`more than ${MAX_FILES} log files under '${paths.join(', ')}': point at a smaller folder`);
    }
  };
  for (const p of paths) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new InputError(`cannot read '${p}'${code === 'ENOENT' ? ': no such file or folder' : code ? ` (${code})` : ''}`);
    }
    if (st.isDirectory()) {
      const before = out.length;
      walk(p, 0);
      if (out.length === before) throw new InputError(`no training logs in folder '${p}' (expected *.csv, *.jsonl or events.out.tfevents.* files)`);
    } else out.push(p);
  }
  return out;
}

/** Read a file for the log readers, with a located error when it cannot be read. */
function readBytes(file: string): Uint8Array {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new LogError(file, 1, 1, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** A log's bytes with its sidecar `<name>.json` when one exists (src/core/logs/load.ts merges it). */
export function logFileBytes(file: string): LogFileBytes {
  const side = sidecarPath(file);
  return { file, bytes: readBytes(file), ...(side && fs.existsSync(side) ? { sidecar: { file: side, text: fs.readFileSync(side, 'utf8') } } : {}) };
}

/** Curves of every log under `paths`, merged into one set. */
export function loadCurves(paths: string[], opts: CurveOptions & { maxRows?: number } = {}): LoadedCurves {
  return curvesFromFiles(expandLogPaths(paths).map(logFileBytes), opts);
}
