/**
 * CSV training logs: a per-run log (step/tokens, loss, maybe lr), a long table with a run column (several runs
 * in one file, as the Hitchhiker's datablations and OPT trajectory files are laid out), and Weights & Biases
 * chart exports (wandb.ts), recognised by their "<run> - <metric>" headers. Parsing is papaparse; this adds
 * line numbers, numeric cells (count suffixes as in csv/numbers.ts) and errors at file:line:column.
 */
import Papa from 'papaparse';
import { parseCell } from '../csv/numbers';
import { LogError, shown, DEFAULT_MAX_LOG_ROWS } from './errors';
import type { Cell, LogTable } from './types';
import { isWandbChartExport, wandbChartToTable } from './wandb';

export interface CsvLogOptions {
  /** Run name when the file has no run column (default: the file name without extension). */
  defaultRun?: string;
  maxRows?: number;
}

/** File name without folders and extension(s): "logs/opt-125m.csv" → "opt-125m". */
export function baseName(file: string): string {
  const b = file.split(/[\\/]/).pop() ?? file;
  return b.replace(/\.(csv|tsv|jsonl|ndjson|json|txt)$/i, '');
}

/** A cell: a number (plain, scientific or 1.3B), missing (empty, NaN…) or text. */
export function cellOf(raw: string): Cell {
  const c = parseCell(raw);
  if (c.kind === 'number') return c.value;
  if (c.kind === 'missing') return undefined;
  return raw.trim();
}

export function readCsvLog(text: string, file: string, opts: CsvLogOptions = {}): LogTable {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\0')) throw new LogError(file, 1, 1, 'binary data (NUL byte): expected a text CSV log (TensorBoard event files are read by name: events.out.tfevents.*)');
  if (text.trim() === '') throw new LogError(file, 1, 1, 'file is empty: expected a header row (step or tokens, and loss)');
  const maxRows = opts.maxRows ?? DEFAULT_MAX_LOG_ROWS;
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false });
  const quote = parsed.errors.find((e) => e.type === 'Quotes');
  if (quote) throw new LogError(file, (quote.row ?? 0) + 1, 1, `${quote.message.replace(/\.$/, '')}: expected a closing '"'`);
  const data = parsed.data;
  const headers = (data[0] ?? []).map((h) => h.trim());
  if (headers.length < 2) throw new LogError(file, 1, 1, `the header has a single column ('${shown(headers[0] ?? '')}'): expected columns separated by ',', ';', tab or '|'`);
  headers.forEach((h, i) => {
    if (h === '') throw new LogError(file, 1, i + 1, `column ${i + 1} has an empty header: every column needs a name`);
    const first = headers.indexOf(h);
    if (first !== i) throw new LogError(file, 1, i + 1, `duplicate column '${shown(h)}' (also column ${first + 1}): column names must be unique`);
  });
  const rows: Cell[][] = [];
  const lines: number[] = [];
  let line = 2;
  for (let r = 1; r < data.length; r++, line++) {
    const fields = data[r];
    const here = line;
    for (const f of fields) if (f.includes('\n')) line += f.split('\n').length - 1;
    if (fields.length === 1 && fields[0].trim() === '') continue;
    if (rows.length >= maxRows) throw new LogError(file, here, 1, `more than ${maxRows} logged points: raise the limit (CLI: --max-rows) or thin the log`);
    if (fields.length !== headers.length) {
      throw new LogError(file, here, Math.min(fields.length, headers.length) + 1, `expected ${headers.length} fields (as in the header), found ${fields.length}`);
    }
    rows.push(fields.map(cellOf));
    lines.push(here);
  }
  if (rows.length === 0) throw new LogError(file, 2, 1, `no data rows after the header: expected logged points (${headers.map(shown).join(', ')})`);
  const table: LogTable = { file, headers, rows, lines, defaultRun: opts.defaultRun ?? baseName(file), config: {}, notes: [] };
  return isWandbChartExport(headers) ? wandbChartToTable(table) : table;
}
