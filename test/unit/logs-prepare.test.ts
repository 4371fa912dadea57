/** Curve preparation pieces: schedule detection, sizes from names, resampling for equal run weight. */
import * as assert from 'assert';
import { detectSchedule, sizeFromName, resampleLogTokens } from '../../src/core/logs';

const pts = (lr: (f: number) => number) => Array.from({ length: 100 }, (_, i) => ({ lr: lr((i + 1) / 100), tokens: (i + 1) * 1e7, step: i + 1 }));
const warm = (f: number) => Math.min(1, f / 0.02);

describe('training logs: preparation', () => {
  it('detects cosine and linear decay, warmup-stable-decay and constant schedules from a logged lr', () => {
    assert.strictEqual(detectSchedule(pts((f) => 3e-4 * warm(f) * (0.1 + 0.45 * (1 + Math.cos(Math.PI * f))))).schedule, 'decay');
    assert.strictEqual(detectSchedule(pts((f) => 3e-4 * warm(f) * (1 - 0.9 * f))).schedule, 'decay');
    const wsd = detectSchedule(pts((f) => 3e-4 * warm(f) * (f < 0.8 ? 1 : 1 - (f - 0.8) / 0.2 * 0.99)));
    assert.strictEqual(wsd.schedule, 'wsd');
    assert.ok(wsd.decayStart >= 79 && wsd.decayStart <= 82, String(wsd.decayStart));
    const constant = detectSchedule(pts((f) => 3e-4 * warm(f)));
    assert.strictEqual(constant.schedule, 'constant');
    assert.strictEqual(constant.peakIndex, 1);
    assert.strictEqual(detectSchedule(pts(() => NaN).map((p) => ({ ...p, lr: null }))).schedule, 'unknown');
  });

  it('reads sizes from names, refuses ambiguous ones, uses a size table', () => {
    assert.deepStrictEqual(sizeFromName('opt-125m'), { N: 125e6, token: '125m', via: 'name' });
    assert.strictEqual(sizeFromName('pythia-1.3B-deduped').N, 1.3e9);
    assert.strictEqual(sizeFromName('lm1-2b8-55b-c4').N, 55e9); // one size token only: 2b8 is not a size token
    assert.strictEqual(sizeFromName('run-1b-20b-tokens').N, null);
    assert.strictEqual(sizeFromName('nanochat-d32').N, null);
    assert.deepStrictEqual(sizeFromName('nanochat-d32', { d32: 1.88e9 }), { N: 1.88e9, token: 'd32', via: 'table' });
  });

  it('resamples a curve to K points evenly spaced in log tokens, interpolating ln loss', () => {
    const curve = [1e8, 1e9, 1e10].map((d, i) => ({ step: i, tokens: d, loss: 4 - i, lr: null, line: i + 2 }));
    const r = resampleLogTokens(curve, 5);
    assert.deepStrictEqual(r.map((p) => Math.round(Math.log10(p.tokens) * 1e9) / 1e9), [8, 8.5, 9, 9.5, 10]);
    assert.ok(Math.abs(r[1].loss - Math.sqrt(4 * 3)) < 1e-12);
    assert.strictEqual(r[4].loss, 2);
    assert.strictEqual(resampleLogTokens([curve[2]], 3).length, 3);
  });
});
