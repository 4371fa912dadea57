/**
 * Repeated (N, D) are recognised by their 6 significant digits (src/core/sweepTable/repeated.ts). The key is
 * numeric (no string per row); these tests hold it to what `toPrecision(6)` says, away from a rounding tie.
 */
import * as assert from 'assert';
import { collapseRepeated, groupByND, hasRepeatedND, type RepeatItem } from '../../src/core/sweepTable/repeated';
import { mulberry32 } from '../../src/core/stats/rng';

const item = (N: number, D: number, loss = 3): RepeatItem => ({ N, D, loss, fields: {} });

/** A value with a random 6-digit mantissa and exponent, its 7th digit and beyond well away from a tie. */
function value(rng: () => number, eMin: number, eMax: number): number {
  const e = eMin + Math.floor(rng() * (eMax - eMin + 1));
  const m = 100000 + Math.floor(rng() * 900000);
  const frac = rng() < 0.5 ? 0.1 + 0.3 * rng() : 0.6 + 0.3 * rng();
  return (m + frac) * 10 ** (e - 5);
}

describe('repeated (N, D) keys: 6 significant digits, as toPrecision(6)', () => {
  it('property: two values share a key exactly when their toPrecision(6) strings are equal (20,000 pairs, 1 … 1e35)', () => {
    const rng = mulberry32(11);
    let same = 0;
    for (let i = 0; i < 20000; i++) {
      const a = value(rng, 0, 35);
      // A neighbour: the same value nudged within its 6 digits (same string), or a different one.
      const b = rng() < 0.5 ? a * (1 + (rng() - 0.5) * 1e-8) : value(rng, 0, 35);
      const ref = a.toPrecision(6) === b.toPrecision(6);
      if (ref) same++;
      assert.strictEqual(hasRepeatedND([item(a, 1e9), item(b, 1e9)]), ref, `${a} vs ${b}: ${a.toPrecision(6)} / ${b.toPrecision(6)}`);
      assert.strictEqual(hasRepeatedND([item(1e9, a), item(1e9, b)]), ref, `D: ${a} vs ${b}`);
    }
    assert.ok(same > 8000, `enough equal pairs to test (${same})`);
  });

  it('values at and around powers of ten, and below 1 or non-finite, group as toPrecision(6) does', () => {
    const vs: number[] = [];
    for (let e = -3; e <= 33; e++) for (const f of [1, 1.0000001, 0.99999951, 0.9999990, 9.99999e-1, 1.00001]) vs.push(f * 10 ** e);
    vs.push(0.5, 0.25, Number.NaN, Number.POSITIVE_INFINITY);
    for (const a of vs) {
      for (const b of vs) {
        const ref = a.toPrecision(6) === b.toPrecision(6);
        assert.strictEqual(hasRepeatedND([item(a, 7e9), item(b, 7e9)]), ref, `${a} vs ${b}`);
      }
    }
  });

  it('groups keep first-seen order; a table without repeats is returned as it is, with no summary', () => {
    const items = [item(1e8, 2e9), item(3e8, 2e9), item(1.000001e8, 2.0000001e9, 2.9), item(1e8, 2e9, 3.1)];
    assert.deepStrictEqual(groupByND(items), [[0, 2, 3], [1]]);
    const best = collapseRepeated(items, 'best');
    assert.deepStrictEqual(best.keep.map((k) => k.index), [2, 1]);
    assert.strictEqual(best.summary!.groups, 1);
    const none = collapseRepeated([item(1e8, 2e9), item(1e8, 3e9)]);
    assert.strictEqual(none.summary, null);
    assert.deepStrictEqual(none.keep.map((k) => k.index), [0, 1]);
  });
});
