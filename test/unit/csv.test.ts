import * as assert from 'assert';
import { readFileSync, writeFileSync, unlinkSync, openSync, writeSync, closeSync } from 'fs';
import { join } from 'path';
import { tmpdir } from 'os';
import { parseRunsCsv, CsvError, type RunsTable } from '../../src/core/csv';
import { parseCell } from '../../src/core/csv/numbers';
import { sharedData } from './sharedData';

const FIX = join(__dirname, '../fixtures/csv');
const read = (name: string) => readFileSync(join(FIX, name), 'utf8');
const parse = (name: string, opts = {}) => parseRunsCsv(read(name), { fileName: name, ...opts });

/** Assert a CsvError at file:line:column whose message matches `re`. */
function rejects(fn: () => unknown, line: number, column: number, re: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof CsvError, `expected CsvError, got ${String(e)}`);
    assert.strictEqual(e.exitCode, 2);
    assert.strictEqual(e.line, line, e.message);
    assert.strictEqual(e.column, column, e.message);
    assert.match(e.message, re);
    assert.ok(e.message.startsWith(`${e.file}:${line}:${column}: `), e.message);
    assert.ok(!e.message.includes('\n'), 'one line');
    return true;
  });
}

describe('CSV ingest (src/core/csv)', () => {
  describe('cells', () => {
    it('reads plain, scientific, signed and suffixed numbers; missing spellings; text', () => {
      const num = (s: string) => {
        const c = parseCell(s);
        assert.strictEqual(c.kind, 'number', s);
        return c.kind === 'number' ? c.value : NaN;
      };
      assert.strictEqual(num('1.2e9'), 1.2e9);
      assert.strictEqual(num(' 42 '), 42);
      assert.strictEqual(num('-.5'), -0.5);
      assert.strictEqual(num('1.3B'), 1.3e9);
      assert.strictEqual(num('500M'), 5e8);
      assert.strictEqual(num('2T'), 2e12);
      assert.strictEqual(num('7k'), 7e3);
      assert.strictEqual(num('inf'), Infinity);
      for (const m of ['', 'NaN', 'NA', 'null', 'None', '-']) assert.strictEqual(parseCell(m).kind, 'missing', m);
      for (const t of ['abc', '1e', '1.2.3', '0x10', '1_000', '1,000', '1.3b', '5 apples']) assert.strictEqual(parseCell(t).kind, 'text', t);
    });
  });

  describe('well-formed tables', () => {
    it('maps "Model Size" / "Training FLOP" and derives D = C/(6N), saying so', () => {
      const t = parse('compute-only.csv');
      assert.deepStrictEqual(t.columns, { N: 'Model Size', loss: 'loss', C: 'Training FLOP' });
      assert.strictEqual(t.rows[0].D, 1.2e18 / (6 * 1e8));
      assert.strictEqual(t.rows[1].C, 4.8e18);
      assert.ok(t.summary.notes.some((n) => /D computed as C\/\(6N\)/.test(n)), t.summary.notes.join('; '));
    });
    it('derives N = C/(6D) when only a budget and tokens are given (Llama 3 IsoFLOP layout), saying so', () => {
      const t = parse('budget-tokens.csv');
      assert.deepStrictEqual(t.columns, { loss: 'validation_loss', C: 'compute_budget', D: 'training_tokens' });
      assert.deepStrictEqual(t.rows.map((r) => r.N), [6e18 / (6 * 1e9), 6e18 / (6 * 2e9)]);
      assert.deepStrictEqual(t.rows.map((r) => [r.C, r.D, r.extra.note]), [[6e18, 1e9, 'a'], [6e18, 2e9, 'b']]);
      assert.ok(t.summary.notes.some((n) => /N computed as C\/\(6D\) from 'compute_budget' and 'training_tokens'/.test(n)), t.summary.notes.join('; '));
      assert.ok(!t.summary.notes.some((n) => /D computed/.test(n)));
    });
    it('prefers a run\'s own compute to a nominal budget column, which stays an extra column', () => {
      const t = parseRunsCsv('N,D,budget,compute,loss\n1e8,2e9,1e18,1.2e18,3.1\n', { fileName: 'b.csv' });
      assert.deepStrictEqual(t.columns, { N: 'N', D: 'D', loss: 'loss', C: 'compute' });
      assert.strictEqual(t.rows[0].C, 1.2e18);
      assert.deepStrictEqual(t.rows[0].extra, { budget: '1e18' });
      // Only a budget: it plays C.
      assert.strictEqual(parseRunsCsv('N,budget,loss\n1e8,6e17,3\n').rows[0].D, 6e17 / (6 * 1e8));
    });
    it('the digitised Llama 3 IsoFLOP points (shared data) read with N = C/(6D)', function () {
      const f = sharedData('llama3_isoflop_digitized/isoflops_points.csv');
      let text: string;
      try {
        text = readFileSync(f, 'utf8');
      } catch {
        console.warn(`SKIPPED: ${f} is absent (unlicensed data, read from the shared data folder only)`);
        return this.skip();
      }
      const t = parseRunsCsv(text, { fileName: f });
      assert.strictEqual(t.summary.used, 133); // PROVENANCE.md: 133 points at 10 budgets
      assert.strictEqual(new Set(t.rows.map((r) => r.C)).size, 10);
      for (const r of t.rows) assert.ok(Math.abs((6 * r.N * r.D) / r.C! - 1) < 1e-12, `line ${r.line}`);
      assert.deepStrictEqual(Object.keys(t.rows[0].extra), ['x_page', 'y_page']);
    });
    it('strips a BOM, handles CRLF and blank lines, and keeps line numbers', () => {
      const t = parse('bom-crlf.csv');
      assert.deepStrictEqual(t.headers, ['params', 'tokens', 'val_loss']);
      assert.deepStrictEqual(t.rows.map((r) => r.line), [2, 3, 5]);
      assert.strictEqual(t.meta.linebreak, '\r\n');
      assert.deepStrictEqual(t.summary, { read: 3, used: 3, dropped: [], notes: [] });
    });
    it('sniffs ";" and tab delimiters and keeps extra columns', () => {
      const s = parse('semicolon.csv');
      assert.strictEqual(s.meta.delimiter, ';');
      assert.deepStrictEqual(s.columns, { N: 'n_params', D: 'n_tokens', loss: 'L' });
      const t = parse('tab.csv');
      assert.strictEqual(t.meta.delimiter, '\t');
      assert.deepStrictEqual(t.rows.map((r) => r.extra.group), ['a', 'b']);
    });
    it('reads quoted numbers and counts lines inside quoted multi-line fields', () => {
      // Line 3 is the second line of the quoted note; the 'bad' loss is on line 5, column 3.
      rejects(() => parse('quoted.csv'), 5, 3, /loss: expected a number for loss .* got 'bad'/);
      const t = parseRunsCsv(read('quoted.csv').replace(',bad,', ',2.9,'), { fileName: 'quoted.csv' });
      assert.deepStrictEqual(t.rows.map((r) => r.line), [2, 4, 5]);
      assert.strictEqual(t.rows[0].N, 1.5e8);
      assert.strictEqual(t.rows[0].extra.note, 'first run,\nsecond line of note');
    });
    it('accepts K/M/B/G/T suffixes and notes it; refuses lower-case b', () => {
      const t = parse('suffixes.csv');
      assert.deepStrictEqual(t.rows.map((r) => [r.N, r.D]), [[5e8, 1e10], [1.3e9, 2e12], [7e3, 1.5e9]]);
      assert.ok(t.summary.notes.some((n) => /suffixes/.test(n)));
      assert.deepStrictEqual(t.rows.map((r) => r.extra.model), ['small', 'big', 'huge']);
      rejects(() => parse('bad-suffix.csv'), 2, 1, /expected a number .* got '1.3b'/);
    });
    it('drops NaN / Inf / negative / zero / missing values with the line and reason', () => {
      const t = parse('bad-values.csv');
      assert.strictEqual(t.summary.read, 7);
      assert.strictEqual(t.summary.used, 2);
      assert.deepStrictEqual(t.summary.dropped, [
        { line: 3, reason: "N is missing ('NaN')" },
        { line: 4, reason: 'D = inf is not a positive finite number' },
        { line: 5, reason: 'N = -5 is not a positive finite number' },
        { line: 6, reason: 'D = 0 is not a positive finite number' },
        { line: 7, reason: 'loss is missing' },
      ]);
    });
    it('honours explicit column choices', () => {
      const t = parse('ambiguous-loss.csv', { columns: { loss: 'val_loss_b' } });
      assert.strictEqual(t.columns.loss, 'val_loss_b');
      assert.strictEqual(t.rows[0].loss, 3.2);
      assert.strictEqual(t.rows[0].extra.train_loss_a, '3.1');
    });
  });

  describe('hostile files give a specific error (file:line:column)', () => {
    const cases: Array<[string, number, number, RegExp]> = [
      ['empty.csv', 1, 1, /file is empty: expected a header row/],
      ['header-only.csv', 2, 1, /no data rows after the header/],
      ['text-in-numeric.csv', 3, 2, /D: expected a number for D \(training tokens\) .* got 'lots'/],
      ['duplicate-headers.csv', 1, 3, /duplicate column 'loss' \(also column 2\)/],
      ['mixed-delimiters.csv', 3, 2, /expected 3 fields separated by ',' \(as in the header\), found 1/],
      ['ambiguous-loss.csv', 1, 1, /several columns could be loss \(train_loss_a, val_loss_b\)/],
      ['unclosed-quote.csv', 2, 1, /expected a closing '"'/],
      ['no-roles.csv', 1, 1, /no column for N \(parameters\) .*headers: x, y, z/],
      ['tokens-only.csv', 1, 1, /no column for N \(parameters\) .*nor both D and C to derive it as C\/\(6D\); headers: tokens, loss/],
    ];
    for (const [file, line, col, re] of cases) it(file, () => rejects(() => parse(file), line, col, re));

    it('a one-row file parses (the fit, not the parser, refuses it)', () => {
      const t: RunsTable = parse('one-row.csv');
      assert.strictEqual(t.rows.length, 1);
    });
    it('binary garbage', () => {
      const bytes = Buffer.alloc(4096);
      for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
      bytes[100] = 0;
      const p = join(tmpdir(), `scaling-laws-garbage-${process.pid}.csv`);
      writeFileSync(p, bytes);
      try {
        assert.throws(() => parseRunsCsv(readFileSync(p, 'utf8'), { fileName: p }), (e: unknown) => e instanceof CsvError && /binary data \(NUL byte\)/.test(e.message));
      } finally {
        unlinkSync(p);
      }
    });
    it('a 100 MB file beyond the row limit is refused quickly, naming the first row over the limit', function () {
      this.timeout(30000);
      const p = join(tmpdir(), `scaling-laws-100mb-${process.pid}.csv`);
      const fd = openSync(p, 'w');
      const chunk = '1.5e8,3.0e9,3.0512\n'.repeat(100_000); // 1.9 MB
      writeSync(fd, 'N,D,loss\n');
      for (let i = 0; i < 53; i++) writeSync(fd, chunk);
      closeSync(fd);
      try {
        const text = readFileSync(p, 'utf8');
        assert.ok(text.length >= 100e6, `${text.length} bytes`);
        const t0 = Date.now();
        rejects(() => parseRunsCsv(text, { fileName: p }), 1_000_002, 1, /more than 1M data rows: raise the limit with maxRows/);
        assert.ok(Date.now() - t0 < 5000, 'refusal should not parse the whole file');
      } finally {
        unlinkSync(p);
      }
    });
    it('a configurable maximum, also for quoted files', () => {
      rejects(() => parse('bom-crlf.csv', { maxRows: 2 }), 5, 1, /more than 2 data rows/);
      const quoted = 'N,D,loss\n"1",2,3\n"1",2,3\n"1",2,3\n';
      rejects(() => parseRunsCsv(quoted, { fileName: 'q.csv', maxRows: 2 }), 4, 1, /more than 2 data rows/);
    });
    it('an unknown forced column', () => {
      rejects(() => parse('tab.csv', { columns: { U: 'unique' } }), 1, 1, /no column named 'unique' for U/);
    });
  });
});
