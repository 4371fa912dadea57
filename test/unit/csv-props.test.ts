/**
 * Property tests of the CSV reader under hostile input (fast-check): whatever the text, parseRunsCsv either
 * returns a table whose every row has finite positive N, D and loss (and C, U when present), or throws a
 * CsvError whose 1-based line lies inside the text — never a TypeError, a RangeError or a NaN in a row.
 */
import * as assert from 'assert';
import fc from 'fast-check';
import { parseRunsCsv, CsvError } from '../../src/core/csv';

/** PROPS_SOAK=20 multiplies the runs for a longer hunt (not in CI). */
const RUNS = 300 * Number(process.env.PROPS_SOAK ?? 1);

/** Lines of `text` as an editor counts them (CRLF, LF and lone CR all end a line). */
const lineCount = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r\n|\n|\r/).length;

function check(text: string, opts: Parameters<typeof parseRunsCsv>[1] = {}): void {
  let table: ReturnType<typeof parseRunsCsv>;
  try {
    table = parseRunsCsv(text, { fileName: 'f.csv', ...opts });
  } catch (e) {
    if (!(e instanceof CsvError)) throw new Error(`expected CsvError, got ${(e as Error)?.name}: ${(e as Error)?.message}\n${(e as Error)?.stack}`);
    assert.strictEqual(e.exitCode, 2);
    assert.ok(Number.isInteger(e.line) && e.line >= 1 && e.line <= lineCount(text), `line ${e.line} outside 1..${lineCount(text)}: ${e.message}`);
    assert.ok(Number.isInteger(e.column) && e.column >= 1, `column ${e.column}: ${e.message}`);
    assert.ok(e.message.startsWith(`f.csv:${e.line}:${e.column}: `), e.message);
    assert.ok(!/[\n\r\u2028\u2029]/.test(e.message), `one line: ${JSON.stringify(e.message)}`);
    // Outside the quoted text from the file ('…'), no undefined or NaN leaks into the message.
    assert.ok(!/undefined|NaN/.test(e.detail.replace(/'.*'/g, '')), `no undefined/NaN in the message: ${e.message}`);
    return;
  }
  const positive = (x: number | undefined) => typeof x === 'number' && Number.isFinite(x) && x > 0;
  for (const r of table.rows) {
    assert.ok(positive(r.N) && positive(r.D) && positive(r.loss), `row at line ${r.line}: N=${r.N} D=${r.D} loss=${r.loss}`);
    if (table.columns.C !== undefined) assert.ok(positive(r.C), `C=${r.C} at line ${r.line}`);
    if (table.columns.U !== undefined) assert.ok(positive(r.U), `U=${r.U} at line ${r.line}`);
    assert.ok(r.line >= 2 && r.line <= lineCount(text), `row line ${r.line}`);
  }
  for (const d of table.summary.dropped) assert.ok(!/[\n\r\u2028\u2029]/.test(d.reason), `one-line drop reason: ${JSON.stringify(d.reason)}`);
  assert.strictEqual(table.summary.used, table.rows.length);
  assert.strictEqual(table.summary.read, table.rows.length + table.summary.dropped.length);
}

/** A numeric-looking cell: plain, scientific, suffixed, huge, tiny, negative, zero, missing, quoted, garbage. */
const cell = fc.oneof(
  fc.double({ noNaN: false }).map(String),
  fc.double({ min: 1e-300, max: 1e300, noNaN: true }).map((x) => x.toExponential()),
  fc.constantFrom('0', '-1', '1e400', '1e-400', '-0', 'inf', '-Infinity', 'NaN', '', ' ', 'null', '1.3B', '500M', '2T', '7k', '1e308T', '1.3b', 'abc', '1e', '"1e9"', '"', '""', '1,5', '1;5', '\t', '?', '-'),
  fc.string({ maxLength: 6 }),
);
const header = fc.constantFrom('N', 'params', 'D', 'tokens', 'loss', 'val_loss', 'C', 'compute', 'U', 'unique_tokens', 'Model Size', 'Training FLOP', 'note', 'train_loss', 'eval_loss', '', 'N');
const delim = fc.constantFrom(',', ';', '\t', '|');
const eol = fc.constantFrom('\n', '\r\n', '\r');

/** CSV-ish text: a random header from the alias lists, rows of random cells, random separators and line ends. */
const csvish = fc
  .tuple(fc.array(header, { minLength: 0, maxLength: 6 }), fc.array(fc.array(cell, { maxLength: 7 }), { maxLength: 8 }), delim, delim, eol, fc.boolean(), fc.boolean())
  .map(([hs, rows, d, d2, nl, bom, trailing]) => {
    const lines = [hs.join(d), ...rows.map((r, i) => r.join(i === 2 ? d2 : d))];
    return (bom ? '\ufeff' : '') + lines.join(nl) + (trailing ? nl : '');
  });

/** Always-recognised columns, so the row-level paths (derivations, suffixes, drops) are exercised. */
const wellHeaded = fc
  .tuple(
    fc.constantFrom(['N', 'D', 'loss'], ['N', 'C', 'loss'], ['D', 'C', 'loss'], ['N', 'D', 'loss', 'U'], ['params', 'tokens', 'val_loss', 'compute', 'note']),
    fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
    eol,
  )
  .map(([hs, rows, nl]) => [hs.join(','), ...rows.map((r) => r.slice(0, hs.length).join(','))].join(nl));

/** Extreme but valid magnitudes: C/(6N) and C/(6D) can underflow to 0 or overflow to Infinity. */
const extremes = fc
  .tuple(fc.constantFrom(['N', 'C', 'loss'], ['D', 'C', 'loss']), fc.array(fc.tuple(fc.double({ min: 1e-300, max: 1e300, noNaN: true }), fc.double({ min: 1e-300, max: 1e300, noNaN: true }), fc.double({ min: 1e-3, max: 10, noNaN: true })), { minLength: 1, maxLength: 6 }))
  .map(([hs, rows]) => [hs.join(','), ...rows.map((r) => r.map((x) => x.toExponential()).join(','))].join('\n'));

describe('CSV ingest under hostile input (property tests)', function () {
  this.timeout(20000);

  it('arbitrary strings: a clean table or a located CsvError', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => check(s)), { numRuns: RUNS });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => check(s)), { numRuns: RUNS });
  });

  it('arbitrary bytes decoded as UTF-8 (binary garbage): a clean table or a located CsvError', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => check(Buffer.from(b).toString('utf8'))), { numRuns: RUNS });
  });

  it('CSV-ish text (alias headers, random cells, delimiters, line ends, BOM): a clean table or a located CsvError', () => {
    fc.assert(fc.property(csvish, (s) => check(s)), { numRuns: 2 * RUNS });
    fc.assert(fc.property(csvish, fc.integer({ min: 0, max: 3 }), (s, maxRows) => check(s, { maxRows })), { numRuns: RUNS });
  });

  it('recognised headers with random cells: rows are finite and positive, bad rows dropped or located', () => {
    fc.assert(fc.property(wellHeaded, (s) => check(s)), { numRuns: 2 * RUNS });
  });

  it('derived D = C/(6N) and N = C/(6D) at extreme magnitudes never yield 0 or Infinity', () => {
    fc.assert(fc.property(extremes, (s) => check(s)), { numRuns: RUNS });
  });

  it('invalid options are refused by name, not ignored', () => {
    for (const maxRows of [-1, 1.5, NaN, -Infinity]) {
      assert.throws(() => parseRunsCsv('N,D,loss\n1,2,3', { maxRows }), (e: unknown) => e instanceof RangeError && /maxRows/.test((e as Error).message), String(maxRows));
    }
    assert.strictEqual(parseRunsCsv('N,D,loss\n1,2,3', { maxRows: Infinity }).rows.length, 1);
    assert.throws(() => parseRunsCsv('a,b,loss\n1,2,3', { fileName: 'f.csv', columns: { N: 'a', D: 'a' } }), (e: unknown) => e instanceof CsvError && /f\.csv:1:1: column 'a' is chosen for both N \(parameters\) and D/.test(e.message));
  });
});
