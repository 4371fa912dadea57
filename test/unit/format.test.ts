import * as assert from 'assert';
import { formatCount, formatNum, formatPercent, formatSci } from '../../src/core/format';

describe('shared number formatting', () => {
  it('formatNum prints ordinary magnitudes positionally (1480, not 1.48e+3)', () => {
    assert.strictEqual(formatNum(1480, 3), '1480');
    assert.strictEqual(formatNum(2143.4, 4), '2143');
    assert.strictEqual(formatNum(0.34731, 4), '0.3473');
    assert.strictEqual(formatNum(1.8172, 5), '1.8172');
    assert.strictEqual(formatNum(2.5e-5, 3), '2.5e-5');
    assert.strictEqual(formatNum(5.76e23, 3), '5.76e23');
  });
  it('formatCount uses the suffixes papers use', () => {
    assert.strictEqual(formatCount(1_294_159_104), '1.29B');
    assert.strictEqual(formatCount(84.72e9), '84.7B');
    assert.strictEqual(formatCount(1.5e12), '1.5T');
    assert.strictEqual(formatCount(500e6), '500M');
    assert.strictEqual(formatCount(12), '12');
  });
  it('formatSci and formatPercent', () => {
    assert.strictEqual(formatSci(1.23e21), '1.23e21');
    assert.strictEqual(formatSci(1e22), '1e22');
    assert.strictEqual(formatPercent(0.134), '13.4 %');
  });
});
