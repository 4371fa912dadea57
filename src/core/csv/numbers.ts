/**
 * Reading one numeric CSV cell the way ML practitioners write run tables: plain or scientific notation
 * (1.2e9), quoted numbers ("1.2e9" arrives unquoted from the parser), and the count suffixes papers use
 * (1.3B params, 500M, 2T tokens, 7K steps). Missing-value spellings — pandas' NA strings, the NaN spellings
 * of C printf (-nan), R (NA) and spreadsheets' error values (#N/A, #NUM!, #DIV/0!) — become `missing` (the
 * row is dropped with a reason, like pandas' dropna); anything else is text and a hard error naming the cell.
 *
 * Every parser here is one left-to-right scan (no backtracking regular expression): a cell of 200 KB of
 * digits followed by a letter is refused in linear time. Cells longer than MAX_NUMBER_CHARS are refused
 * outright — no run table needs a 100-character number.
 */

export type CellValue =
  | { kind: 'number'; value: number; suffixed: boolean }
  | { kind: 'missing'; spelling: string }
  | { kind: 'text'; tooLong?: boolean };

/** Longest numeric cell accepted (after trimming); longer cells are text, whatever they contain. */
export const MAX_NUMBER_CHARS = 100;

/** K/k thousand, M million, B/G billion, T trillion. Lower-case m/b are refused (milli? bits?). */
const SUFFIX = new Map<string, number>([['k', 1e3], ['K', 1e3], ['M', 1e6], ['B', 1e9], ['G', 1e9], ['T', 1e12]]);

/**
 * Missing-value spellings, lower-cased: pandas' default na_values (read_csv docs: '', '#N/A', '#N/A N/A', '#NA',
 * '-1.#IND', '-1.#QNAN', '-NaN', '-nan', '1.#IND', '1.#QNAN', '<NA>', 'N/A', 'NA', 'NULL', 'NaN', 'None', 'n/a',
 * 'nan', 'null'), the other spreadsheet error values, and the placeholders people type.
 */
const MISSING = new Set([
  '', 'nan', '-nan', '+nan', 'na', 'n/a', '#n/a', '#n/a n/a', '#na', '-1.#ind', '-1.#qnan', '1.#ind', '1.#qnan', '<na>',
  'null', 'none', 'nil', '-', '--', '?', 'missing', '#num!', '#div/0!', '#value!', '#ref!', '#name?', '#null!', '#calc!',
  '#spill!', '#getting_data', 'nat',
]);
/** C printf's NaN with a payload or sign, e.g. "-nan(ind)", "nan(0x8000)". */
const NAN_PAYLOAD = /^[+-]?nan\([0-9a-z_]*\)$/;
const INFINITE = /^[+-]?(inf|infinity)$/i;

/**
 * End of the longest decimal literal [+-]?(digits[.digits]|.digits)([eE][+-]?digits)? starting at `i`,
 * or `i` when there is none. One pass, no backtracking.
 */
export function scanDecimal(s: string, i = 0): number {
  const digit = (k: number) => {
    const c = s.charCodeAt(k);
    return c >= 48 && c <= 57;
  };
  let k = i;
  if (s[k] === '+' || s[k] === '-') k++;
  let mantissa = 0;
  while (k < s.length && digit(k)) {
    k++;
    mantissa++;
  }
  if (s[k] === '.') {
    k++;
    while (k < s.length && digit(k)) {
      k++;
      mantissa++;
    }
  }
  if (mantissa === 0) return i;
  if (s[k] === 'e' || s[k] === 'E') {
    let e = k + 1;
    if (s[e] === '+' || s[e] === '-') e++;
    const start = e;
    while (e < s.length && digit(e)) e++;
    if (e > start) k = e;
  }
  return k;
}

/** `s` is exactly one decimal literal (1, -2.5, .5, 3., 1e9, 6.02E+23). */
export function isDecimal(s: string): boolean {
  return s.length > 0 && scanDecimal(s) === s.length;
}

/**
 * Fast path for the common case: only digits, '.', 'e', 'E', '+', '-'. Number() then accepts exactly the
 * decimal-literal grammar (and yields NaN for malformed strings such as "1e" or "1.2.3"), without a
 * regular expression per cell (a 1M-row CSV has 3M cells).
 */
export function plainNumber(s: string): number {
  if (s.length === 0 || s.length > MAX_NUMBER_CHARS) return NaN;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // 0-9, '.', '+', '-', 'e', 'E'
    if (!((c >= 48 && c <= 57) || c === 46 || c === 43 || c === 45 || c === 101 || c === 69)) return NaN;
  }
  return Number(s);
}

export function parseCell(raw: string): CellValue {
  const s = raw.trim();
  if (s.length > MAX_NUMBER_CHARS) return { kind: 'text', tooLong: true };
  const fast = plainNumber(s);
  if (fast === fast) return { kind: 'number', value: fast, suffixed: false };
  const end = scanDecimal(s);
  if (end > 0) {
    if (end === s.length) return { kind: 'number', value: Number(s), suffixed: false };
    // One optional space, then a suffix letter that ends the cell.
    const at = s[end] === ' ' || s[end] === '\t' || s[end] === '\u00a0' ? end + 1 : end;
    const mult = at === s.length - 1 ? SUFFIX.get(s[at]) : undefined;
    if (mult !== undefined) return { kind: 'number', value: Number(s.slice(0, end)) * mult, suffixed: true };
  }
  const lower = s.toLowerCase();
  if (MISSING.has(lower) || NAN_PAYLOAD.test(lower)) return { kind: 'missing', spelling: s };
  if (INFINITE.test(s)) return { kind: 'number', value: s.startsWith('-') ? -Infinity : Infinity, suffixed: false };
  return { kind: 'text' };
}
