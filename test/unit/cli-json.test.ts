/**
 * The CLI's --json text (src/cli/lib/json.ts): the same value as JSON.stringify, indented the same way, except that
 * long arrays of flat records are one record per line.
 */
import * as assert from 'assert';
import { cliJson } from '../../src/cli/lib/json';
import { mulberry32 } from '../../src/core/stats/rng';

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ line: i + 2, N: 1e8 * (i + 1), D: 2e9, loss: 3 - i / 1e3, run: `r${i}`, ok: i % 2 === 0, note: null }));

describe('CLI JSON text: one line per record in long tables', () => {
  it('parses to the same value; a 1,000-row table takes 1,000 lines, not 9,000', () => {
    const value = { formula: 'L = E + A/N^α', params: { E: 1.7, alpha: 0.34 }, residuals: rows(1000), nested: { runs: rows(60), tags: ['a', 'b'] }, last: 1 };
    const text = cliJson(value);
    assert.deepStrictEqual(JSON.parse(text), value);
    const lines = text.split('\n');
    assert.ok(lines.length < 1100 + 60 + 30, `${lines.length} lines`);
    assert.ok(lines.includes('  "residuals": ['), 'the key keeps its indentation');
    assert.ok(lines.includes('    {"line":2,"N":100000000,"D":2000000000,"loss":3,"run":"r0","ok":true,"note":null},'), 'a record per line, indented one level deeper');
    assert.ok(lines.includes('  "last": 1'), 'what follows the table is intact');
  });

  it('small outputs are exactly JSON.stringify(value, null, 2); so are short or nested arrays', () => {
    for (const value of [{ a: rows(3), b: [1, 2, 3] }, [1, 'x', null], 'text', 42, { deep: [{ x: [1, 2] }, { x: [3] }] }, { many: Array.from({ length: 80 }, (_, i) => i) }]) {
      assert.strictEqual(cliJson(value), JSON.stringify(value, null, 2));
    }
  });

  it('a table at the top, tables inside arrays, and strings that look like the placeholder all survive', () => {
    assert.deepStrictEqual(JSON.parse(cliJson(rows(100))), rows(100));
    const value = { sets: [{ name: 'a', residuals: rows(55) }, { name: 'b', residuals: rows(70) }], trick: '\u00010\u0001', trick2: '\u0001abc:0\u0001' };
    assert.deepStrictEqual(JSON.parse(cliJson(value)), value);
  });

  it('property: random nested values round-trip (300 values)', () => {
    const rng = mulberry32(5);
    const leaf = (): unknown => [() => rng(), () => `s${Math.floor(rng() * 100)}\u0001\n"`, () => null, () => rng() < 0.5][Math.floor(rng() * 4)]();
    const gen = (d: number): unknown => {
      const r = rng();
      if (d > 3 || r < 0.3) return leaf();
      if (r < 0.5) return Array.from({ length: Math.floor(rng() * 120) }, () => ({ a: leaf(), b: leaf() }));
      if (r < 0.7) return Array.from({ length: Math.floor(rng() * 5) }, () => gen(d + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(rng() * 5) }, (_, i) => [`k${i}`, gen(d + 1)]));
    };
    for (let i = 0; i < 300; i++) {
      const v = gen(0);
      assert.deepStrictEqual(JSON.parse(cliJson(v)), JSON.parse(JSON.stringify(v)));
    }
  });
});
