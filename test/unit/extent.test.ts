/** minOf / maxOf: Math.min/Math.max semantics, without spreading (which overflows past ~125k elements). */
import { strict as assert } from 'assert';
import { maxOf, minOf } from '../../src/core/stats/extent';

describe('stats: minOf / maxOf', () => {
  it('agree with Math.min / Math.max, including NaN and the empty list', () => {
    for (const xs of [[3, 1, 2], [-5], [2, NaN, 1], [], [Infinity, -Infinity]]) {
      assert.ok(Object.is(minOf(xs), Math.min(...xs)), `min ${xs}`);
      assert.ok(Object.is(maxOf(xs), Math.max(...xs)), `max ${xs}`);
    }
  });
  it('handle a million elements, where spreading into Math.min overflows the stack', () => {
    const xs = Array.from({ length: 1_000_000 }, (_, i) => (i * 7919) % 1_000_003);
    assert.throws(() => Math.min(...xs), RangeError);
    assert.equal(minOf(xs), 0);
    assert.equal(maxOf(xs), xs.reduce((a, b) => (b > a ? b : a)));
  });
});
