/** minOf / maxOf: Math.min/Math.max semantics, without spreading (which overflows past ~125k elements). */
import { strict as assert } from 'assert';
import { maxOf, minOf } from '../../src/core/stats/extent';

describe('stats: minOf / maxOf', () => {
  it('agree with Math.min / Math.max, including NaN and the empty list', () => {
    // [list, Math.min of it, Math.max of it]: NaN wins, and the empty list gives Infinity / -Infinity.
    const cases: Array<[number[], number, number]> = [[[3, 1, 2], 1, 3], [[-5], -5, -5], [[2, NaN, 1], NaN, NaN], [[], Infinity, -Infinity], [[Infinity, -Infinity], -Infinity, Infinity]];
    for (const [xs, min, max] of cases) {
      assert.ok(Object.is(minOf(xs), min), `min ${xs}`);
      assert.ok(Object.is(maxOf(xs), max), `max ${xs}`);
    }
  });
  it('handle a million elements (spreading that many into Math.min overflows the stack)', () => {
    const xs = Array.from({ length: 1_000_000 }, (_, i) => (i * 7919) % 1_000_003);
    assert.equal(minOf(xs), 0);
    assert.equal(maxOf(xs), xs.reduce((a, b) => (b > a ? b : a)));
  });
});
