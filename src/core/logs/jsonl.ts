/**
 * JSONL metrics: one JSON object per line, as written by many trainers (`{"step": 100, "val/loss": 3.2}`,
 * Lightning's / HF Trainer's log_history dumped per line, nanoGPT-style loggers). Nested objects are
 * flattened with '/' ({"val": {"loss": 3.2}} → "val/loss"). A line without any number but with a `config`
 * object (or a line `{"config": {...}}`) is the run's config: batch size and sequence length are read from it
 * for tokens = steps × batch × sequence length. Lines that are not objects are errors at file:line:column.
 */
import { LogError, shown, DEFAULT_MAX_LOG_ROWS } from './errors';
import type { Cell, LogTable } from './types';
import { baseName, cellOf, type CsvLogOptions } from './csvLog';

function flatten(o: Record<string, unknown>, prefix: string, out: Record<string, Cell>): void {
  for (const [k, v] of Object.entries(o)) {
    const key = prefix ? `${prefix}/${k}` : k;
    if (typeof v === 'number') out[key] = Number.isFinite(v) ? v : undefined;
    else if (typeof v === 'string') out[key] = cellOf(v);
    else if (v && typeof v === 'object' && !Array.isArray(v)) flatten(v as Record<string, unknown>, key, out);
  }
}

export function readJsonl(text: string, file: string, opts: CsvLogOptions = {}): LogTable {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const maxRows = opts.maxRows ?? DEFAULT_MAX_LOG_ROWS;
  const objs: Array<Record<string, Cell>> = [];
  const lines: number[] = [];
  let config: Record<string, unknown> = {};
  const src = text.split(/\r\n|\n|\r/);
  for (let i = 0; i < src.length; i++) {
    const s = src[i].trim();
    if (s === '') continue;
    let v: unknown;
    try {
      v = JSON.parse(s);
    } catch (e) {
      const pos = /position (\d+)/.exec((e as Error).message);
      throw new LogError(file, i + 1, pos ? Number(pos[1]) + 1 : 1, `not a JSON object ('${shown(s)}'): expected one object per line, e.g. {"step": 100, "loss": 3.2}`);
    }
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new LogError(file, i + 1, 1, `expected a JSON object per line, got '${shown(s)}'`);
    const o = v as Record<string, unknown>;
    if (o.config && typeof o.config === 'object' && !Array.isArray(o.config)) config = { ...config, ...(o.config as Record<string, unknown>) };
    const flat: Record<string, Cell> = {};
    const { config: _c, ...metrics } = o;
    flatten(metrics, '', flat);
    if (!Object.values(flat).some((x) => typeof x === 'number')) continue;
    if (objs.length >= maxRows) throw new LogError(file, i + 1, 1, `more than ${maxRows} logged points: raise the limit (CLI: --max-rows) or thin the log`);
    objs.push(flat);
    lines.push(i + 1);
  }
  if (objs.length === 0) throw new LogError(file, 1, 1, 'no line with a number: expected one JSON object per logged point, e.g. {"step": 100, "loss": 3.2}');
  const headers: string[] = [];
  const seen = new Set<string>();
  for (const o of objs) for (const k of Object.keys(o)) if (!seen.has(k)) (seen.add(k), headers.push(k));
  const rows = objs.map((o) => headers.map((h) => o[h]));
  return { file, headers, rows, lines, defaultRun: opts.defaultRun ?? baseName(file), config, notes: [] };
}
