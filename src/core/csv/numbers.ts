/**
 * Reading one numeric CSV cell the way ML practitioners write run tables: plain or scientific notation
 * (1.2e9), quoted numbers ("1.2e9" arrives unquoted from the parser), and the count suffixes papers use
 * (1.3B params, 500M, 2T tokens, 7K steps). Missing-value spellings become `missing` (the row is dropped with a
 * reason, like pandas' dropna), anything else is text and a hard error naming the cell.
 */

export type CellValue =
  | { kind: 'number'; value: number; suffixed: boolean }
  | { kind: 'missing' }
  | { kind: 'text' };

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SUFFIXED = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s?([kKMBGT])$/;
/** K/k thousand, M million, B/G billion, T trillion. Lower-case m/b are refused (milli? bits?). */
const SUFFIX: Record<string, number> = { k: 1e3, K: 1e3, M: 1e6, B: 1e9, G: 1e9, T: 1e12 };
const MISSING = new Set(['', 'nan', 'na', 'n/a', 'null', 'none', '-', '?']);
const INFINITE = /^[+-]?(inf|infinity)$/i;

/**
 * Fast path for the common case: only digits, '.', 'e', 'E', '+', '-'. Number() then accepts exactly the
 * decimal-literal grammar of NUMBER (and yields NaN for malformed strings such as "1e" or "1.2.3"), without
 * running a regular expression per cell (a 1M-row CSV has 3M cells).
 */
export function plainNumber(s: string): number {
  if (s.length === 0) return NaN;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // 0-9, '.', '+', '-', 'e', 'E'
    if (!((c >= 48 && c <= 57) || c === 46 || c === 43 || c === 45 || c === 101 || c === 69)) return NaN;
  }
  return Number(s);
}

export function parseCell(raw: string): CellValue {
  const s = raw.trim();
  const fast = plainNumber(s);
  if (fast === fast) return { kind: 'number', value: fast, suffixed: false };
  if (NUMBER.test(s)) return { kind: 'number', value: Number(s), suffixed: false };
  const m = SUFFIXED.exec(s);
  if (m) return { kind: 'number', value: Number(m[1]) * SUFFIX[m[2]], suffixed: true };
  if (MISSING.has(s.toLowerCase())) return { kind: 'missing' };
  if (INFINITE.test(s)) return { kind: 'number', value: s.startsWith('-') ? -Infinity : Infinity, suffixed: false };
  return { kind: 'text' };
}
