/**
 * The CLI's --json text: indented as JSON.stringify(value, null, 2) does, except that a long array of flat records
 * (each an object of numbers, strings, booleans and nulls: a fit's residuals, an IsoFLOP analysis's runs) is
 * written one record per line. A million residuals took 142 MB indented — one line per field — and about 3.5 s of
 * a 20 s fit to build, escape and write; one line per record is about half the size, and still reads and diffs
 * line by line. The text parses to the same value.
 */

/** Arrays shorter than this stay fully indented (small outputs look as they always did). */
const MIN_FLAT_ROWS = 50;

const isFlatRecord = (x: unknown): boolean =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && Object.values(x).every((v) => v === null || typeof v !== 'object');

function isFlatTable(v: unknown): v is object[] {
  return Array.isArray(v) && v.length >= MIN_FLAT_ROWS && v.every(isFlatRecord);
}

export function cliJson(value: unknown): string {
  const tables: object[][] = [];
  // A placeholder: control characters around a per-call random tag (a string of the data would have to be exactly
  // this to be taken for it).
  const tag = Math.random().toString(36).slice(2, 10);
  const mark = (i: number) => `\u0001${tag}:${i}\u0001`;
  const text = JSON.stringify(value, (_key, v: unknown) => (isFlatTable(v) ? mark(tables.push(v) - 1) : v), 2);
  if (tables.length === 0) return text;
  // Each placeholder sits on its own line after its key: `<indent>"residuals": "\u0001<i>\u0001"`.
  const placeholder = new RegExp(`^( *)(.*)"\\\\u0001${tag}:(\\d+)\\\\u0001"`, 'gm');
  return text.replace(placeholder, (_m, indent: string, head: string, i: string) => {
    const inner = `${indent}  `;
    return `${indent}${head}[\n${tables[Number(i)].map((row) => inner + JSON.stringify(row)).join(',\n')}\n${indent}]`;
  });
}
