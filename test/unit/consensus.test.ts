import * as assert from 'assert';
import { allocateCompute, consensus, extrapolationFactor } from '../../src/core/allocation';
import { getLaw } from '../../src/core/laws';

const rel = (a: number, b: number) => Math.abs(a / b - 1);

describe('consensus across laws', () => {
  it('default set at Chinchilla’s budget: the modern loss-bearing laws, median and range, 6·N·D = C in the middle', () => {
    const rows = allocateCompute({ compute: 5.76e23 });
    const c = consensus(rows)!;
    // Kaplan (historical) and the frontier-only laws (A1, A2, DeepSeek, Llama 3, Porian) are left out.
    assert.deepStrictEqual(c.laws, ['hoffmann2022-a3', 'besiroglu2024', 'muennighoff2023']);
    const counted = rows.filter((r) => c.laws.includes(r.law));
    assert.strictEqual(c.N.low, counted.map((r) => r.N).reduce((a, b) => Math.min(a, b), Infinity));
    assert.strictEqual(c.N.high, counted.map((r) => r.N).reduce((a, b) => Math.max(a, b), -Infinity));
    assert.ok(c.N.low <= c.N.mid && c.N.mid <= c.N.high && c.D.low <= c.D.mid && c.D.mid <= c.D.high);
    // Three laws: the middle is one of them (Muennighoff's, Approach-3 form on C4), and the same row's D.
    const mid = counted.find((r) => r.N === c.N.mid)!;
    assert.strictEqual(mid.D, c.D.mid);
    assert.ok(rel(6 * c.N.mid * c.D.mid, 5.76e23) < 1e-9);
    assert.ok(rel(c.tokensPerParam.mid, c.D.mid / c.N.mid) < 1e-12);
    assert.match(c.rule, /predict a loss/);
  });

  it('even count: the geometric mean of the two middle values keeps C = 6ND', () => {
    const rows = allocateCompute({ compute: 1e23, laws: ['hoffmann2022-a3', 'besiroglu2024', 'muennighoff2023', 'kaplan2020'] });
    const c = consensus(rows.filter((r) => r.law !== 'muennighoff2023'))!;
    assert.deepStrictEqual(c.laws, ['hoffmann2022-a3', 'besiroglu2024']);
    const [a, b] = rows;
    assert.ok(rel(c.N.mid, Math.sqrt(a.N * b.N)) < 1e-12);
    assert.ok(rel(6 * c.N.mid * c.D.mid, 1e23) < 1e-9);
  });

  it('most relevant law: least extrapolation, ties to the newer paper (Besiroglu 2024 replicates Approach 3)', () => {
    const c = consensus(allocateCompute({ compute: 1e25 }))!;
    assert.strictEqual(c.relevant.law, 'besiroglu2024');
    const b = allocateCompute({ compute: 1e25, laws: ['besiroglu2024'] })[0];
    const f = extrapolationFactor(getLaw('besiroglu2024'), b.compute, b.N, b.D);
    assert.ok(f > 5, `1e25 FLOPs is far beyond what Chinchilla fitted: ${f}`);
    assert.match(c.relevant.reason, /extrapolates least/);
  });

  it('a binding data cap leaves out laws that assume fresh data and names the repetition-aware law', () => {
    const c = consensus(allocateCompute({ compute: 1e24, uniqueTokens: 1e11 }), { uniqueTokens: 1e11 })!;
    assert.deepStrictEqual(c.laws, ['muennighoff2023']);
    assert.strictEqual(c.relevant.law, 'muennighoff2023');
    assert.match(c.relevant.reason, /data cap binds/);
  });

  it('a non-English language: ATLAS alone, with the reason', () => {
    const c = consensus(allocateCompute({ compute: 1e23, language: 'sw' }), { language: 'sw' })!;
    assert.deepStrictEqual(c.laws, ['atlas2025']);
    assert.match(c.relevant.reason, /only law fitted on Swahili/);
    assert.match(c.rule, /ATLAS alone/);
  });

  it('only frontier laws selected: falls back to them and says so; nothing usable → null', () => {
    const c = consensus(allocateCompute({ compute: 1e23, laws: ['llama3-2024', 'deepseek2024', 'kaplan2020'] }))!;
    assert.deepStrictEqual(c.laws, ['llama3-2024', 'deepseek2024']); // row order
    assert.match(c.rule, /none of them/);
    assert.strictEqual(consensus([]), null);
    assert.strictEqual(consensus(allocateCompute({ compute: 1e23, laws: ['kaplan2020'] })), null);
  });
});

describe('a data cap that makes the budget useless', () => {
  it('ATLAS in Swahili at 1e23 FLOPs: the smallest useful budget, not a 4,000-epoch plan', () => {
    const [r] = allocateCompute({ compute: 1e23, language: 'sw', laws: ['atlas2025'] });
    const epochs = r.D / 770e6;
    assert.ok(r.compute < 1e21, `useful budget ${r.compute}`);
    assert.ok(epochs < 200, `epochs ${epochs}`);
    assert.strictEqual(r.requestedCompute, 1e23);
    assert.ok(rel(6 * r.N * r.D, r.compute) < 1e-9);
    const w = r.warnings.find((x) => x.code === 'data-saturated')!;
    assert.match(w.message, /smallest useful budget/);
    assert.match(w.message, /epochs/);
    assert.ok(!/e-\d{2,}/.test(w.message), `no unreadable exponents: ${w.message}`);
    // A budget that is no longer useless stays as given.
    const [small] = allocateCompute({ compute: 1e19, language: 'sw', laws: ['atlas2025'] });
    assert.strictEqual(small.compute, 1e19);
    assert.strictEqual(small.requestedCompute, undefined);
  });
});
