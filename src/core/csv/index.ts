/**
 * Ingest a CSV of training runs into a RunsTable: one row per run with N (parameters), D (tokens), loss and
 * optionally C (compute) and U (unique tokens), plus every other column kept as text for filters and groups.
 *
 * Parsing is papaparse (RFC 4180 quoting, CRLF/LF/CR); this module adds what a fit needs on top: header
 * aliases, delimiter sniffing from the header line (so a file mixing ',' and ';' fails on the offending line
 * instead of being silently re-guessed), a BOM strip, binary detection, count suffixes (1.3B), D = C/(6N) when
 * only N and C are given and N = C/(6D) when only D and C are (Chinchilla's C ≈ 6ND, Kaplan et al. 2020 §2.1;
 * Llama 3's IsoFLOP points give only budget and tokens), a row limit, and errors that name
 * file:line:column and what was expected. Rows with missing or non-positive values are dropped with a reason.
 */
import { InputError } from '../errors';
import Papa from 'papaparse';
import { MAX_NUMBER_CHARS, parseCell, plainNumber } from './numbers';
import { matchRole, ROLES, ROLE_LABEL, ALIASES, type Role } from './columns';
import { formatCount } from '../format';
import { escapeNonPrinting } from '../text';

export type { Role } from './columns';

export interface RunRow {
  N: number;
  D: number;
  loss: number;
  U?: number;
  C?: number;
  /** 1-based line of the row in the file (header is line 1). */
  line: number;
  /** Every non-role column, verbatim (trimmed). */
  extra: Record<string, string>;
}

export interface RunsTable {
  /** The header chosen for each role; N or D is absent when it was derived from C (see summary.notes). */
  columns: { N?: string; D?: string; loss: string; C?: string; U?: string };
  rows: RunRow[];
  summary: { read: number; used: number; dropped: Array<{ line: number; reason: string }>; notes: string[] };
  headers: string[];
  meta: { fileName: string; delimiter: string; linebreak: string };
}

/** A CSV problem at file:line:column (see InputError); exit code 2 in the CLI. */
export class CsvError extends InputError {
  override readonly name = 'CsvError';
  constructor(file: string, line: number, column: number, detail: string) {
    // Header names in a detail come from the file too.
    super(file, line, column, oneLine(detail));
  }
}

export interface ParseOptions {
  fileName?: string;
  /** Refuse files with more data rows than this (default 1,000,000). */
  maxRows?: number;
  /** Force the header used for a role, e.g. { loss: 'val_loss_c4' }. */
  columns?: Partial<Record<Role, string>>;
}

export const DEFAULT_MAX_ROWS = 1_000_000;
/** Hard limit on columns: far above any run table, low enough that per-column work stays instant. */
export const MAX_COLUMNS = 10_000;
const DELIMITERS: Array<[string, string]> = [[',', "','"], [';', "';'"], ['\t', 'tab'], ['|', "'|'"]];
const EMPTY_EXTRA: Record<string, string> = Object.freeze({}) as Record<string, string>;

/**
 * @types/papaparse types `chunk` for files only, but papaparse's StringStreamer honours chunkSize + chunk for
 * string input too (synchronously), which is what we use.
 */
const parseChunked = Papa.parse as unknown as (
  input: string,
  config: Papa.ParseConfig<string[]> & { chunkSize: number; chunk: (res: Papa.ParseResult<string[]>) => void },
) => void;

/**
 * A cell as quoted in a message: trimmed, at most 40 characters, and on one line — a quoted field may hold
 * line breaks, and an error must stay one line (control characters are shown escaped: \n, \u0000).
 */
function shown(cell: string): string {
  const s = cell.trim();
  return oneLine(s.length > 40 ? `${s.slice(0, 40)}…` : s);
}

/** Control, format and line-separator characters escaped, so text from the file cannot break a one-line message. */
const oneLine = escapeNonPrinting;

/** The file's line break: that of the first line (CRLF, LF or a lone CR). */
function linebreakOf(text: string): '\r\n' | '\n' | '\r' {
  const i = text.search(/\r\n|\n|\r/);
  if (i < 0 || text[i] === '\n') return '\n';
  return text[i + 1] === '\n' ? '\r\n' : '\r';
}

export function parseRunsCsv(text: string, opts: ParseOptions = {}): RunsTable {
  const file = opts.fileName ?? '<csv>';
  const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
  // NaN would disable the limit silently (every comparison is false): refuse it, as a caller's bug.
  if (!(maxRows >= 0 && (Number.isInteger(maxRows) || maxRows === Infinity))) {
    throw new RangeError(`parseRunsCsv: maxRows must be a whole number ≥ 0 (or Infinity), got ${maxRows}`);
  }
  const fail: (line: number, column: number, detail: string) => never = (line, column, detail) => {
    throw new CsvError(file, line, column, detail);
  };

  const tooMany = (line: number) =>
    fail(line, 1, `more than ${formatCount(maxRows)} data rows: raise the limit with maxRows (CLI: --max-rows) or aggregate the runs first`);

  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    // Lines end at CRLF, LF or a lone CR, as everywhere else in this reader.
    const lines = text.slice(0, nul).split(/\r\n|\n|\r/);
    fail(lines.length, lines[lines.length - 1].length + 1, 'binary data (NUL byte): expected a text CSV of training runs');
  }
  if (text.trim() === '') fail(1, 1, `file is empty: expected a header row naming ${ROLE_LABEL.N}, ${ROLE_LABEL.D} or ${ROLE_LABEL.C}, and loss`);

  // Delimiter: the candidate that occurs most often in the header line.
  const headerEnd = text.search(/\r\n|\n|\r/);
  const headerLine = headerEnd < 0 ? text : text.slice(0, headerEnd);
  let delimiter = ',';
  let best = 0;
  for (const [d] of DELIMITERS) {
    const count = headerLine.split(d).length - 1;
    if (count > best) {
      best = count;
      delimiter = d;
    }
  }
  const delimName = DELIMITERS.find(([d]) => d === delimiter)![1];
  if (best === 0) fail(1, 1, `the header has a single column ('${shown(headerLine)}'): expected columns separated by ',', ';', tab or '|'`);

  // Row limit, counted in records (a quoted cell may span lines). Without quotes every non-blank line after the
  // header is a record, so count them and refuse a huge file (say 100 MB) before parsing anything; with quotes,
  // the chunked parse below counts records and stops at the first one past the limit.
  const nl = linebreakOf(text);
  if (!text.includes('"')) {
    for (let pos = headerEnd + nl.length, rowsSeen = 0, line = 2; headerEnd >= 0 && pos < text.length; line++) {
      let end = text.indexOf(nl, pos);
      if (end < 0) end = text.length;
      if (end - pos > 0 && text.slice(pos, end).trim() !== '' && ++rowsSeen > maxRows) {
        tooMany(line);
      }
      pos = end + nl.length;
    }
  }
  const linebreak = nl;
  const nlChar = nl.includes('\n') ? '\n' : '\r';
  const headerParse = Papa.parse<string[]>(headerLine, { delimiter, newline: nl, header: false });
  const headers = (headerParse.data[0] ?? []).map((h) => h.trim());
  if (headers.length > MAX_COLUMNS) fail(1, 1, `${formatCount(headers.length)} columns: at most ${formatCount(MAX_COLUMNS)} are read (a run table needs N, D or C, loss and a few labels)`);
  const firstColumn = new Map<string, number>(); // O(columns): one pass, not indexOf per header
  headers.forEach((h, i) => {
    if (h === '') fail(1, i + 1, `column ${i + 1} has an empty header: every column needs a name`);
    const first = firstColumn.get(h);
    if (first !== undefined) fail(1, i + 1, `duplicate column '${h}' (also column ${first + 1}): column names must be unique`);
    firstColumn.set(h, i);
  });

  // Roles.
  const taken = new Set<number>();
  const idx: Partial<Record<Role, number>> = {};
  const notes: string[] = [];
  for (const role of ROLES) {
    const forced = opts.columns?.[role];
    if (forced !== undefined) {
      const i = headers.indexOf(forced);
      if (i < 0) fail(1, 1, `no column named '${forced}' for ${ROLE_LABEL[role]} (headers: ${headers.join(', ')})`);
      const twice = ROLES.find((r) => r !== role && idx[r] === i);
      if (twice) fail(1, i + 1, `column '${forced}' is chosen for both ${ROLE_LABEL[twice]} and ${ROLE_LABEL[role]}: each role needs its own column`);
      idx[role] = i;
      taken.add(i);
    }
  }
  for (const role of ROLES) {
    if (idx[role] !== undefined) continue;
    const m = matchRole(role, headers, taken);
    if (!m) continue;
    if (m.index < 0) fail(1, 1, `several columns could be ${ROLE_LABEL[role]} (${m.alternatives.join(', ')}): choose one with columns.${role} (CLI: --column ${role}=<header>)`);
    idx[role] = m.index;
    taken.add(m.index);
    if (m.alternatives.length) notes.push(`${role} read from '${headers[m.index]}' (also present: ${m.alternatives.join(', ')})`);
  }
  const expect = (role: Role) => `expected one of: ${ALIASES[role].slice(0, 6).join(', ')}…`;
  // Two of N, D, C determine the third through C ≈ 6ND.
  if (idx.N === undefined && (idx.D === undefined || idx.C === undefined))
    fail(1, 1, `no column for ${ROLE_LABEL.N} (${expect('N')}), nor both D and C to derive it as C/(6D); headers: ${headers.join(', ')}`);
  if (idx.loss === undefined) fail(1, 1, `no column for loss (${expect('loss')}); headers: ${headers.join(', ')}`);
  if (idx.D === undefined && idx.C === undefined)
    fail(1, 1, `no column for ${ROLE_LABEL.D} or ${ROLE_LABEL.C} (${expect('D')}); headers: ${headers.join(', ')}`);
  const deriveD = idx.D === undefined;
  const deriveN = idx.N === undefined;
  if (deriveD) notes.push(`D computed as C/(6N) from '${headers[idx.C!]}' (no token column; C ≈ 6ND)`);
  if (deriveN) notes.push(`N computed as C/(6D) from '${headers[idx.C!]}' and '${headers[idx.D!]}' (no parameter column; C ≈ 6ND)`);

  // Rows.
  const width = headers.length;
  const extraCols = headers.map((_, i) => i).filter((i) => !taken.has(i));
  const rows: RunRow[] = [];
  const dropped: Array<{ line: number; reason: string }> = [];
  let read = 0;
  let suffixed = false;
  const roleIdx = ROLES.filter((r) => idx[r] !== undefined).map((r) => [r, idx[r]!] as const);
  const val: Partial<Record<Role, number>> = {};
  const handleRow = (fields: string[], line: number): void => {
    if (fields.length === 1 && fields[0].trim() === '') return; // blank line
    read++;
    if (read > maxRows) tooMany(line);
    if (fields.length !== width) {
      fail(line, Math.min(fields.length, width) + 1, `expected ${width} fields separated by ${delimName} (as in the header), found ${fields.length}${fields.length < width ? '' : ' — mixed delimiters or an unquoted separator in a value?'}`);
    }
    let reason: string | null = null;
    for (const [role, i] of roleIdx) {
      const fast = plainNumber(fields[i]); // common case without trimming or allocating
      if (fast > 0 && fast < Infinity) {
        val[role] = fast;
        continue;
      }
      const cell = parseCell(fields[i]);
      if (cell.kind === 'text') {
        fail(line, i + 1, `${headers[i]}: expected a number for ${ROLE_LABEL[role]} (e.g. 1.2e9 or 1.3B), got ${cell.tooLong ? `a cell of ${formatCount(fields[i].trim().length)} characters (at most ${MAX_NUMBER_CHARS})` : `'${shown(fields[i])}'`}`);
      }
      if (cell.kind === 'missing') {
        reason ??= `${headers[i]} is missing${cell.spelling ? ` ('${shown(cell.spelling)}')` : ''}`;
        continue;
      }
      suffixed ||= cell.suffixed;
      if (!Number.isFinite(cell.value) || !(cell.value > 0)) reason ??= `${headers[i]} = ${shown(fields[i])} is not a positive finite number`;
      val[role] = cell.value;
    }
    if (reason) {
      dropped.push({ line, reason });
      return;
    }
    const N = deriveN ? val.C! / (6 * val.D!) : val.N!;
    const D = deriveD ? val.C! / (6 * N) : val.D!;
    // A derived value can overflow or underflow (C = 1e9 with D = 1e-300): drop it like any bad value.
    if (!(N > 0 && N < Infinity && D > 0 && D < Infinity)) {
      dropped.push({ line, reason: `${deriveN ? 'N = C/(6D)' : 'D = C/(6N)'} = ${deriveN ? N : D} is not a positive finite number` });
      return;
    }
    let extra = EMPTY_EXTRA;
    if (extraCols.length) {
      extra = {};
      for (const i of extraCols) extra[headers[i]] = fields[i].trim();
    }
    const row: RunRow = { N, D, loss: val.loss!, line, extra };
    if (idx.C !== undefined) row.C = val.C;
    if (idx.U !== undefined) row.U = val.U;
    rows.push(row);
  };

  // Data rows, parsed in 4 MB chunks so the intermediate string arrays of a large file die young (cheap GC)
  // instead of all being held at once. Line numbers count line breaks embedded in quoted fields.
  const bodyStart = headerEnd < 0 ? text.length : headerEnd + nl.length;
  const hasQuotes = text.includes('"');
  let nextLine = 2;
  parseChunked(text.slice(bodyStart), {
    delimiter,
    newline: nl,
    header: false,
    skipEmptyLines: false,
    chunkSize: 4 << 20,
    chunk: (res) => {
      const lines = new Uint32Array(res.data.length);
      for (let r = 0; r < res.data.length; r++) {
        lines[r] = nextLine++;
        if (hasQuotes) for (const f of res.data[r]) if (f.includes(nlChar)) nextLine += f.split(nlChar).length - 1;
      }
      const quoteError = res.errors.find((e) => e.type === 'Quotes');
      if (quoteError) fail(lines[Math.min(quoteError.row ?? 0, lines.length - 1)] ?? nextLine, 1, `${quoteError.message.replace(/\.$/, '')}: expected a closing '"'`);
      for (let r = 0; r < res.data.length; r++) handleRow(res.data[r], lines[r]);
    },
  });
  // Line 2 is where a run was expected; a file without a line break has only the header line.
  if (read === 0) fail(headerEnd < 0 ? 1 : 2, 1, `no data rows after the header: expected at least one run (${headers.join(', ')})`);
  if (suffixed) notes.push('count suffixes read as K = 1e3, M = 1e6, B/G = 1e9, T = 1e12');

  const columns: RunsTable['columns'] = { ...(idx.N !== undefined && { N: headers[idx.N] }), loss: headers[idx.loss!] };
  if (idx.D !== undefined) columns.D = headers[idx.D];
  if (idx.C !== undefined) columns.C = headers[idx.C];
  if (idx.U !== undefined) columns.U = headers[idx.U];
  return {
    columns,
    rows,
    summary: { read, used: rows.length, dropped, notes },
    headers,
    meta: { fileName: file, delimiter, linebreak },
  };
}
