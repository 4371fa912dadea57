/**
 * Training logs from disk for the CLI: files and folders expanded into log files (a folder is searched to
 * depth 3, as TensorBoard keeps one directory per run), each read by src/core/logs, with a sidecar
 * `<log>.json` (e.g. {"n_params": 1.3e9, "batch_size": 512, "seq_len": 2048}) merged into the log's config.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { curvesFromTable, isLogFile, readLog, LogError, type CurveOptions, type CurveSet, type LogTable } from '../../core/logs';
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

/** A sidecar next to a log: `<name>.json` beside `<name>.csv` (not for JSON logs themselves). */
function sidecarOf(file: string): Record<string, unknown> {
  if (/\.(jsonl|ndjson|json)$/i.test(file)) return {};
  const side = file.replace(/\.[^./\\]+$/, '') + '.json';
  if (side === file || !fs.existsSync(side)) return {};
  let v: unknown;
  try {
    v = JSON.parse(fs.readFileSync(side, 'utf8'));
  } catch (e) {
    throw new LogError(side, 1, 1, `sidecar is not valid JSON (${(e as Error).message}): expected e.g. {"n_params": 1.3e9}`);
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new LogError(side, 1, 1, 'sidecar must be a JSON object, e.g. {"n_params": 1.3e9}');
  return v as Record<string, unknown>;
}

export function readLogTable(file: string, maxRows?: number): LogTable {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new LogError(file, 1, 1, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const t = readLog(bytes, file, { maxRows });
  const side = sidecarOf(file);
  if (Object.keys(side).length) {
    t.config = { ...t.config, ...side };
    t.notes.push(`sidecar ${path.basename(file.replace(/\.[^./\\]+$/, ''))}.json read`);
  }
  return t;
}

/** Curves of every log under `paths`, merged into one set. */
export function loadCurves(paths: string[], opts: CurveOptions & { maxRows?: number } = {}): CurveSet & { files: string[] } {
  const files = expandLogPaths(paths);
  const merged: CurveSet & { files: string[] } = { curves: [], columns: {}, notes: [], warnings: [], files };
  for (const f of files) {
    const s = curvesFromTable(readLogTable(f, opts.maxRows), opts);
    merged.curves.push(...s.curves);
    merged.notes.push(...s.notes);
    merged.warnings.push(...s.warnings);
    for (const [k, v] of Object.entries(s.columns)) {
      const role = k as keyof CurveSet['columns'];
      if (merged.columns[role] === undefined) merged.columns[role] = v;
      else if (merged.columns[role] !== v && !merged.columns[role]!.split(' | ').includes(v)) merged.columns[role] += ` | ${v}`;
    }
  }
  const names = new Map<string, number>();
  for (const c of merged.curves) names.set(c.run, (names.get(c.run) ?? 0) + 1);
  for (const c of merged.curves) if (names.get(c.run)! > 1) c.run = `${c.run} (${path.basename(c.file)})`;
  return merged;
}
