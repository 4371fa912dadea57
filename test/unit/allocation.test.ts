/**
 * Compute-optimal allocation against the papers' worked examples (tolerances stated per test) and
 * invariants checked with fast-check.
 */
import * as assert from 'assert';
import * as fc from 'fast-check';
import {
  allocateCompute,
  allocateDetailed,
  optimalLine,
  inferenceAware,
  costAware,
  lifetimeOptimum,
  lawModel,
  SARDANA_COST_DEFAULTS,
  dataConstrainedOptimum,
  AllocationRefusal,
  SARDANA_CONSTANTS,
  type AllocationResult,
} from '../../src/core/allocation';
import { LAW_IDS, atlasParams, lawLoss, type LawId } from '../../src/core/laws';
import { InputError } from '../../src/core/errors';
import { chinchillaLoss, chinchillaOptimal, dataConstrainedLoss, optimalParamsForTokens } from '../../src/core/laws/forms';
import { dataConstrainedSaturation } from '../../src/core/allocation/dataConstrained';
import { MUENNIGHOFF_PARAMS } from '../../src/core/laws/muennighoff2023';

const rel = (x: number, y: number) => Math.abs(x / y - 1);
const one = (law: string, req: Parameters<typeof allocateCompute>[0] = {}): AllocationResult => {
  const rows = allocateCompute({ ...req, laws: [law] });
  assert.strictEqual(rows.length, 1);
  return rows[0];
};
const codes = (r: AllocationResult) => r.warnings.map((w) => w.code);

describe('allocation oracles', () => {
  it('Muennighoff: C = 1e22, U = 25e9 → ≈7.02e9 params on ≈2.373e11 tokens (9.49 epochs), within 1 %', () => {
    const r = one('muennighoff2023', { compute: 1e22, uniqueTokens: 25e9 });
    assert.ok(rel(r.N, 7.02e9) < 0.01, `N = ${r.N}`);
    assert.ok(rel(r.D, 2.373e11) < 0.01, `D = ${r.D}`);
    assert.ok(rel(r.epochs as number, 9.49) < 0.01, `epochs = ${r.epochs}`);
    assert.match(r.method, /numeric/);
    assert.ok(codes(r).includes('repetition'));
  });

  it('Sardana Fig. 1: 13B on 576B + 2e12 inference tokens → 6.97e9 params on 1.25e12 tokens (1 %), saving 1.69e22 FLOPs ≈ 17.4 % (±0.5 pt)', () => {
    const S = SARDANA_CONSTANTS;
    const r = inferenceAware(S, { targetLoss: chinchillaLoss(S, 13e9, 576e9), inferenceTokens: 2e12, baseline: { N: 13e9, D: 576e9 } });
    assert.ok(rel(r.N, 6.97e9) < 0.01, `N = ${r.N}`);
    assert.ok(rel(r.D, 1.25e12) < 0.01, `D = ${r.D}`);
    assert.ok(rel(r.savedFlops, 1.69e22) < 0.01, `saved = ${r.savedFlops}`);
    assert.ok(Math.abs(r.savedFraction - 0.174) < 0.005, `fraction = ${r.savedFraction}`);
    assert.ok(rel(r.baseline.totalFlops, 9.7e22) < 0.01, 'baseline lifetime FLOPs 9.7e22 (Fig. 1), within 1 %');
  });

  it('Sardana README: target loss 1.947 → Chinchilla-style 3.408e10 / 1.810e12; with 2e12 inference tokens 2.418e10 / 2.657e12 (0.1 %), 95.22 % of FLOPs', () => {
    const r = inferenceAware(SARDANA_CONSTANTS, { targetLoss: 1.947, inferenceTokens: 2e12 });
    assert.ok(rel(r.baseline.N, 3.408e10) < 1e-3, `baseline N = ${r.baseline.N}`);
    assert.ok(rel(r.baseline.D, 1.81e12) < 1e-3, `baseline D = ${r.baseline.D}`);
    assert.ok(rel(r.N, 2.418e10) < 1e-3, `N = ${r.N}`);
    assert.ok(rel(r.D, 2.657e12) < 1e-3, `D = ${r.D}`);
    // The README prints these ratios to 4 digits: ±5e-4 absolute.
    assert.ok(Math.abs(r.totalFlops / r.baseline.totalFlops - 0.9522) < 5e-4);
    assert.ok(Math.abs(r.N / r.baseline.N - 0.7096) < 5e-4);
  });

  it('Sardana cost variant (README example: A100-80 $1.40/h MFU 0.5 → A100-40 INT8 $0.60/h, prefill 0.4, decode 0.2, 1e10 × (1000 + 250) tokens) → 2.053e10 / 3.302e12, 88.76 % of cost (0.1 %)', () => {
    const r = costAware(SARDANA_CONSTANTS, {
      targetLoss: 1.947,
      inferenceTokens: 1e10 * 1250,
      settings: {
        trainPeakFlops: 3.12e14, trainDollarsPerHour: 1.4, trainMfu: 0.5,
        inferencePeakFlops: 6.24e14, inferenceDollarsPerHour: 0.6, prefillMfu: 0.4, decodeMfu: 0.2,
        inputTokenFraction: 1000 / 1250,
      },
    });
    assert.ok(rel(r.N, 2.053e10) < 1e-3, `N = ${r.N}`);
    assert.ok(rel(r.D, 3.302e12) < 1e-3, `D = ${r.D}`);
    assert.ok(Math.abs(r.totalCost / r.baseline.totalCost - 0.8876) < 5e-4, 'printed to 4 digits: ±5e-4');
  });

  it('cost variant defaults are the paper\'s (H100 BF16 9.89e14 $2/h MFU 0.5; FP8 1.978e15, prefill 0.5, decode 0.01; 70 + 215 tokens)', () => {
    const r = costAware(SARDANA_CONSTANTS, { targetLoss: 1.947, inferenceTokens: 2e12 });
    assert.strictEqual(r.settings.trainPeakFlops, 9.89e14);
    assert.strictEqual(r.settings.decodeMfu, 0.01);
    assert.ok(rel(r.settings.inputTokenFraction, 70 / 285) < 1e-12);
    assert.ok(r.N < r.baseline.N && r.totalCost < r.baseline.totalCost);
  });

  it('Llama 3 at 3.8e25 FLOPs → ≈402B params on ≈16.55T tokens, within 5 %', () => {
    // α = 0.537 is printed to 3 decimals: ±0.0005 moves D* by ±3 % at 3.8e25, and the paper's own pair
    // gives 6·402B·16.55T = 3.99e25, so it is not exactly on C = 6ND either. We get 389B / 16.27T.
    const r = one('llama3-2024', { compute: 3.8e25 });
    assert.ok(rel(r.N, 402e9) < 0.05, `N = ${r.N}`);
    assert.ok(rel(r.D, 16.55e12) < 0.05, `D = ${r.D}`);
    assert.ok(codes(r).includes('outside-fitted-compute'));
  });

  for (const C of [1e21, 1e22, 1e23]) {
    it(`Besiroglu: ≈20 tokens/param at ${C.toExponential()} FLOPs (within ±10 %)`, () => {
      const r = one('besiroglu2024', { compute: C });
      assert.ok(Math.abs(r.tokensPerParam / 20 - 1) < 0.1, `tokens/param = ${r.tokensPerParam}`);
    });
  }

  it('DeepSeek reports M and D with C = M·D, N ≈ M/6 (rel 1e-12), printed D_opt agrees (rel 1e-3), and says so', () => {
    const r = one('deepseek2024', { compute: 1e20 });
    const M = r.M as number;
    assert.ok(rel(M * r.D, 1e20) < 1e-12);
    assert.ok(rel(r.N, M / 6) < 1e-12);
    assert.ok(rel(M, 0.1715 * 1e20 ** 0.5243) < 1e-12);
    assert.ok(rel(r.DPrinted as number, r.D) < 1e-3, 'printed D_opt = 5.8316·C^0.4757 agrees with C/M');
    const w = r.warnings.find((x) => x.code === 'approximate-params');
    assert.ok(w && /M\/6/.test(w.message));
    assert.ok(r.optimalBatchTokens && r.optimalLearningRate);
  });

  it('Kaplan: N = 1.3e9·C^0.73 in PF-days, D = C/(6N) = 1.1077e10·C^0.27 (rel 1e-12); non-embedding, historical, units in warnings', () => {
    const r = one('kaplan2020', { compute: 8.64e19 * 1000 });
    assert.ok(rel(r.N, 1.3e9 * 1000 ** 0.73) < 1e-12);
    assert.ok(rel(r.D, (8.64e19 / (6 * 1.3e9)) * 1000 ** 0.27) < 1e-12);
    assert.ok(rel(8.64e19 / (6 * 1.3e9), 1.1077e10) < 1e-4);
    // The frontier fit L(C_min) = (3.1e8/C)^0.05 (Eq. 1.3) is kept as a labelled extra, not as the row's loss.
    assert.ok(rel(r.frontierLoss as number, (3.1e8 / 1000) ** 0.05) < 1e-12);
    assert.match(r.frontierLossSource as string, /Eq\. 1\.3/);
    for (const c of ['non-embedding-params', 'historical', 'compute-units']) assert.ok(codes(r).includes(c), c);
  });

  it('Kaplan: the row\'s loss is the joint fit at (N*, D*), = lawLoss(N*, D*) exactly; the frontier fit is higher (2.328 vs 2.122 at 1.23e21)', () => {
    const r = one('kaplan2020', { compute: 1.23e21 });
    assert.strictEqual(r.loss, lawLoss('kaplan2020', r.N, r.D));
    assert.ok(Math.abs((r.loss as number) - 2.122) < 5e-4, String(r.loss));
    assert.ok(Math.abs((r.frontierLoss as number) - 2.328) < 5e-4, String(r.frontierLoss));
    assert.match(r.method, /L\(N, D\) \(Eq\. 1\.5/);
  });

  it('Porian: N excludes the input embedding, said in a warning (and not called total or non-embedding)', () => {
    const r = one('porian2024', { compute: 1e21 });
    assert.strictEqual(r.paramConvention, 'non-embedding incl. head');
    assert.ok(codes(r).includes('params-exclude-input-embedding'));
    assert.ok(!codes(r).includes('non-embedding-params'));
  });

  it('warns when the budget is outside the fitted compute range, and by what factor', () => {
    const r = one('hoffmann2022-a2', { compute: 5.76e23 });
    const w = r.warnings.find((x) => x.code === 'outside-fitted-compute');
    assert.ok(w, 'warning present');
    assert.match(w.message, /192× above the largest budget the paper fitted \(3e21 FLOPs\)/);
    const inside = one('hoffmann2022-a2', { compute: 1e20 });
    assert.ok(!codes(inside).includes('outside-fitted-compute'));
    const below = one('llama3-2024', { compute: 6e17 });
    assert.match(below.warnings.find((x) => x.code === 'outside-fitted-compute')?.message ?? '', /10× below/);
  });

  it('loss rows carry a comparability note; ATLAS\'s is a warning (vocabulary-insensitive loss)', () => {
    const a3 = one('hoffmann2022-a3', { compute: 1e21 });
    assert.strictEqual(a3.warnings.find((w) => w.code === 'loss-not-comparable')?.severity, 'info');
    const at = one('atlas2025', { compute: 1e21, language: 'fr' });
    const w = at.warnings.find((x) => x.code === 'loss-not-comparable');
    assert.strictEqual(w?.severity, 'warning');
    assert.match(w.message, /vocabulary-insensitive/);
    assert.ok(codes(at).includes('provisional'));
  });

  it('a language adds the ATLAS row with its MADLAD-400 unique-token cap and the repetition penalty, and says so', () => {
    const rows = allocateCompute({ compute: 1e22, language: 'sw' });
    assert.strictEqual(rows.length, LAW_IDS.length);
    const at = rows.find((r) => r.law === 'atlas2025') as AllocationResult;
    assert.strictEqual(at.language, 'sw');
    assert.strictEqual(at.uniqueTokens, 770e6);
    assert.match(at.warnings.find((w) => w.code === 'default-unique-tokens')?.message ?? '', /770M unique Swahili tokens/);
    assert.ok(codes(at).includes('repetition'), 'D far above 770M unique tokens');
    assert.ok(rel(at.loss as number, lawLoss('atlas2025', at.N, at.D, { language: 'sw', uniqueTokens: 770e6 }) as number) < 1e-12);
    const other = rows.find((r) => r.law === 'hoffmann2022-a3') as AllocationResult;
    assert.ok(codes(other).includes('language-mismatch'));
    assert.ok(!allocateCompute({ compute: 1e22 }).some((r) => r.law === 'atlas2025'), 'no ATLAS row without a language');
  });

  it('the ATLAS vocabulary variant selects its Table C.1 row: N* is the Eq. 4 optimum of that row (rel 1e-9)', () => {
    for (const atlasVocab of ['monolingual', 'multilingual'] as const) {
      // Free data (U huge) so the row is the plain Chinchilla-form optimum of the Table C.1 constants.
      const r = one('atlas2025', { compute: 1e21, language: 'en', atlasVocab, uniqueTokens: 1e30 });
      const o = chinchillaOptimal(atlasParams('en', atlasVocab), 1e21);
      assert.ok(rel(r.N, o.N) < 1e-9, `${atlasVocab}: ${r.N} vs ${o.N}`);
    }
    const mono = one('atlas2025', { compute: 1e21, language: 'en' });
    const multi = one('atlas2025', { compute: 1e21, language: 'en', atlasVocab: 'multilingual' });
    assert.ok(rel(mono.N, multi.N) > 0.01, 'the two rows differ by more than 1 %');
  });

  it('D > U on a law without a repetition model: warns and points to muennighoff2023', () => {
    const r = one('hoffmann2022-a3', { compute: 1e23, uniqueTokens: 1e11 });
    const w = r.warnings.find((x) => x.code === 'repetition');
    assert.ok(w && /assumes fresh data/.test(w.message) && /muennighoff2023/.test(w.message));
  });

  it('inference tokens: equal-loss rows (loss equal rel 1e-9) get smaller and longer-trained; frontier-only rows say it was not applied', () => {
    const base = one('hoffmann2022-a3', { compute: 1e23 });
    const inf = one('hoffmann2022-a3', { compute: 1e23, inferenceTokens: 1e13 });
    assert.ok(inf.N < base.N && inf.D > base.D);
    assert.ok(rel(lawLoss('hoffmann2022-a3', inf.N, inf.D) as number, base.loss as number) < 1e-9, 'same loss');
    assert.ok(rel(inf.compute, 6 * inf.N * inf.D) < 1e-12);
    assert.ok(codes(inf).includes('inference-aware'));
    const fr = one('llama3-2024', { compute: 1e23, inferenceTokens: 1e13 });
    assert.ok(codes(fr).includes('inference-not-applied'));
  });
});

describe('cost objective through allocate (Sardana et al. 2024, Sec. 4)', () => {
  it('costSettings: the row is costAware on the law\'s surface (rel 1e-12), with dollars and FLOPs reported', () => {
    const settings = { trainDollarsPerHour: 1.4, trainPeakFlops: 3.12e14, inferenceDollarsPerHour: 0.6 };
    const r = one('hoffmann2022-a3', { compute: 1e23, inferenceTokens: 5e12, costSettings: settings });
    const base = r.trainingOnly as { N: number; D: number };
    const c = costAware(lawModel('hoffmann2022-a3', {}).surface!, { inferenceTokens: 5e12, baseline: base, settings });
    assert.ok(rel(r.N, c.N) < 1e-12 && rel(r.D, c.D) < 1e-12);
    assert.ok(rel(r.lifetimeCost as number, c.totalCost) < 1e-9 && rel(r.trainingOnlyLifetimeCost as number, c.baseline.totalCost) < 1e-9);
    assert.deepStrictEqual(r.costSettings, { ...SARDANA_COST_DEFAULTS, ...settings });
    assert.ok(rel(r.compute, 6 * r.N * r.D) < 1e-12);
    assert.ok(codes(r).includes('cost-aware') && !codes(r).includes('inference-aware'));
    // Decode at 1 % MFU makes serving dear, so the dollar optimum is smaller than the FLOPs optimum.
    const flops = one('hoffmann2022-a3', { compute: 1e23, inferenceTokens: 5e12 });
    assert.ok(r.N < flops.N, `${r.N} < ${flops.N}`);
  });

  it('rejects bad cost settings with a typed input error naming the field', () => {
    assert.throws(() => allocateCompute({ compute: 1e23, inferenceTokens: 1e12, costSettings: { trainMfu: 1.5 } }), /costSettings\.trainMfu must be between 1e-6 and 1, got 1\.5/);
    assert.throws(() => allocateCompute({ compute: 1e23, inferenceTokens: 1e12, costSettings: { inferencePeakFlops: -1 } }), InputError);
    assert.throws(() => allocateCompute({ compute: 1e23, inferenceTokens: 1e12, costSettings: { inputTokenFraction: 1.2 } }), /inputTokenFraction must be between 0 and 1, got 1\.2/);
  });
});

describe('target loss', () => {
  for (const [law, req] of [
    ['hoffmann2022-a3', {}],
    ['besiroglu2024', {}],
    ['kaplan2020', {}],
    ['muennighoff2023', { uniqueTokens: 25e9 }],
    ['atlas2025', { language: 'ru' }],
  ] as Array<[LawId, { uniqueTokens?: number; language?: 'ru' }]>) {
    it(`${law}: the minimum compute reaching the frontier loss at C is C (round trip, rel 1e-6)`, () => {
      const fwd = one(law, { compute: 3e22, ...req });
      const back = one(law, { targetLoss: fwd.loss as number, ...req });
      assert.ok(rel(back.compute, 3e22) < 1e-6, `compute ${back.compute}`);
      assert.ok(rel(back.N, fwd.N) < 1e-6);
    });
  }

  it('matches Sardana\'s closed form for the Chinchilla-style model (N = (A(α/β + 1)/(L − E))^(1/α)), rel 1e-6', () => {
    const p = { E: 1.6934, A: 406.4, B: 410.7, alpha: 0.3392, beta: 0.2849 };
    const r = one('hoffmann2022-a3', { targetLoss: 2.1 });
    const N = ((p.A * (p.alpha / p.beta + 1)) / (2.1 - p.E)) ** (1 / p.alpha);
    assert.ok(rel(r.N, N) < 1e-6, `${r.N} vs ${N}`);
    assert.ok(rel(r.loss as number, 2.1) < 1e-9);
  });

  it('refuses a target at or below the irreducible loss E, clearly', () => {
    assert.throws(() => allocateCompute({ targetLoss: 1.6, laws: ['hoffmann2022-a3'] }), (e: unknown) =>
      e instanceof AllocationRefusal && e.exitCode === 1 && /irreducible loss E = 1\.693/.test(e.message));
  });

  it('refuses a target the data constraint makes unreachable', () => {
    assert.throws(() => allocateCompute({ targetLoss: 1.95, laws: ['muennighoff2023'], uniqueTokens: 1e9 }), /lowest loss reachable with 1B unique tokens/);
  });

  it('refuses frontier-only laws when asked by name; leaves them out (listed) by default', () => {
    assert.throws(() => allocateCompute({ targetLoss: 2, laws: ['llama3-2024'] }), /predicts no loss/);
    const out = allocateDetailed({ targetLoss: 1.8 });
    assert.ok(out.results.every((r) => r.law !== 'llama3-2024'));
    assert.ok(out.skipped.some((s) => s.law === 'besiroglu2024' && /irreducible/.test(s.reason)), 'E = 1.817 > 1.8');
  });

  it('rejects bad requests with a typed input error', () => {
    assert.throws(() => allocateCompute({}), InputError);
    assert.throws(() => allocateCompute({ compute: 1e21, targetLoss: 2 }), InputError);
    assert.throws(() => allocateCompute({ compute: -5 }), InputError);
    assert.throws(() => allocateCompute({ compute: 1e21, laws: ['nope'] }), /valid ids: hoffmann2022-a1/);
  });
});

describe('allocation invariants (fast-check)', () => {
  const log10C = fc.double({ min: 17, max: 27, noNaN: true });
  const laws6ND = LAW_IDS; // DeepSeek: 6·(M/6)·D = M·D = C, so all ten obey it

  it('6·N*·D* = C under the 6ND convention (rel 1e-9), with and without a data constraint', () => {
    // A data cap that makes part of the budget useless gives the smallest useful budget instead (flagged
    // data-saturated, requestedCompute = C): then 6ND equals that smaller row compute.
    fc.assert(
      fc.property(log10C, fc.constantFrom(...laws6ND), fc.option(fc.double({ min: 8, max: 13, noNaN: true })), (x, law, u) => {
        const C = 10 ** x;
        const r = one(law, { compute: C, language: 'en', uniqueTokens: u === null ? undefined : 10 ** u });
        const saturated = codes(r).includes('data-saturated');
        return rel(6 * r.N * r.D, r.compute) < 1e-9 && (saturated ? r.compute < C && r.requestedCompute === C : r.compute === C);
      }),
      { numRuns: 200 },
    );
  });

  it('N* and D* increase with C (every law, also data-constrained)', () => {
    fc.assert(
      fc.property(log10C, fc.double({ min: 0.05, max: 2, noNaN: true }), fc.constantFrom(...LAW_IDS), fc.boolean(), (x, dx, law, constrained) => {
        const req = { language: 'hi' as const, uniqueTokens: constrained ? 5e10 : undefined };
        const a = one(law, { compute: 10 ** x, ...req });
        const b = one(law, { compute: 10 ** (x + dx), ...req });
        // Past data saturation both rows are the same smallest useful budget (rel 1e-9: bisection tolerance).
        if (codes(a).includes('data-saturated')) return rel(b.N, a.N) < 1e-9 && rel(b.D, a.D) < 1e-9;
        return b.N > a.N && b.D > a.D;
      }),
      { numRuns: 200 },
    );
  });

  it('adding inference tokens never increases N* (raw Sardana solvers: slack rel 1e-7; allocate: rel 1e-9)', () => {
    // allocateCompute() keeps the training-only row when the solver's answer is not smaller, so testing through
    // allocate alone could not fail: test the solvers themselves on every law's loss surface. A
    // golden-section search locates a smooth minimum only to ~√ε ≈ 1.5e-8 (the objective is flat to
    // second order there), so with a tiny inference demand the raw N can exceed the baseline by ~1e-8
    // (measured worst 1.3e-8 over 3,000 random cases, in saturated data-constrained runs): slack 1e-7.
    const surfaces = LAW_IDS.map((id) => lawModel(id, { language: 'zh', uniqueTokens: id === 'muennighoff2023' ? 5e10 : undefined }).surface)
      .filter((s): s is NonNullable<typeof s> => s !== undefined);
    assert.strictEqual(surfaces.length, 4, 'A3, Besiroglu, Muennighoff, ATLAS have Chinchilla-form loss surfaces');
    fc.assert(
      fc.property(log10C, fc.double({ min: 6, max: 15, noNaN: true }), fc.constantFrom(...surfaces), fc.boolean(), (x, t, s, dollars) => {
        const C = 10 ** x;
        const N0 = Math.sqrt(C / 6 / 20); // any quality: a 20-tokens/param model of this budget
        const baseline = { N: N0, D: C / (6 * N0) };
        const base = lifetimeOptimum(s, s.logExcess(baseline.N, baseline.D), { perParamTrainToken: 6, perParam: 0 });
        const r = dollars
          ? costAware(s, { inferenceTokens: 10 ** t, baseline: base })
          : inferenceAware(s, { inferenceTokens: 10 ** t, baseline: base });
        return r.N <= base.N * (1 + 1e-7);
      }),
      { numRuns: 150 },
    );
    // …and through allocate, for every law (with and without the cost objective).
    fc.assert(
      fc.property(log10C, fc.double({ min: 6, max: 15, noNaN: true }), fc.constantFrom(...LAW_IDS), fc.boolean(), (x, t, law, dollars) => {
        const C = 10 ** x;
        const a = one(law, { compute: C, language: 'zh' });
        const b = one(law, { compute: C, language: 'zh', inferenceTokens: 10 ** t, costSettings: dollars ? {} : undefined });
        return b.N <= a.N * (1 + 1e-9);
      }),
      { numRuns: 100 },
    );
  });

  it('D ≤ U never predicts a repetition penalty (loss equal rel 1e-12)', () => {
    const p = MUENNIGHOFF_PARAMS;
    fc.assert(
      fc.property(fc.double({ min: 8, max: 13, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true }), (u, fd, fn) => {
        const U = 10 ** u;
        const D = fd * U;
        const N = fn * optimalParamsForTokens(p, U);
        const withU = lawLoss('muennighoff2023', N, D, { uniqueTokens: U }) as number;
        return rel(withU, chinchillaLoss(p, N, D)) < 1e-12;
      }),
      { numRuns: 200 },
    );
    // …and the allocation: when the unconstrained optimum fits in U it is returned unchanged, with no repetition warning.
    fc.assert(
      fc.property(log10C, fc.double({ min: 1, max: 100, noNaN: true }), fc.constantFrom<LawId>('muennighoff2023', 'atlas2025'), (x, slack, law) => {
        const C = 10 ** x;
        const free = one(law, { compute: C, language: 'en', uniqueTokens: 1e30 });
        const r = one(law, { compute: C, language: 'en', uniqueTokens: free.D * slack });
        return rel(r.N, free.N) < 1e-12 && rel(r.loss as number, free.loss as number) < 1e-12 && !codes(r).includes('repetition');
      }),
      { numRuns: 100 },
    );
  });

  it('the data-constrained optimum is never worse than any other split of the same budget (slack 1e-12)', () => {
    fc.assert(
      fc.property(fc.double({ min: 19, max: 24, noNaN: true }), fc.double({ min: 8, max: 11, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), (x, u, shift) => {
        const C = 10 ** x;
        const U = 10 ** u;
        const o = dataConstrainedOptimum(p(), C, U);
        const N = o.N * 10 ** shift;
        return o.loss <= (lawLoss('muennighoff2023', N, C / (6 * N), { uniqueTokens: U }) as number) + 1e-12;
      }),
      { numRuns: 100 },
    );
    function p() {
      return MUENNIGHOFF_PARAMS;
    }
  });
});

describe('optimalLine', () => {
  it('optimalLine matches allocate (rel 1e-12) and rises with C', () => {
    const Cs = [1e19, 1e21, 1e23];
    for (const law of LAW_IDS) {
      const line = optimalLine(law, Cs, { language: 'fr' });
      assert.strictEqual(line.length, 3);
      line.forEach((pt, i) => {
        const r = one(law, { compute: Cs[i], language: 'fr' });
        assert.ok(rel(pt.N, r.N) < 1e-12 && rel(pt.D, r.D) < 1e-12, law);
      });
      assert.ok(line[2].N > line[0].N);
    }
  });

});

describe('data-constrained log-excess', () => {
  it('equals ln(L − floor) computed directly where that is well conditioned (rel 1e-9)', () => {
    const p = MUENNIGHOFF_PARAMS;
    const U = 25e9;
    const sat = dataConstrainedSaturation(p, U);
    for (const [N, D] of [[1e8, 1e9], [6.34e9, 242e9], [8.67e9, 178e9], [1e11, 1e12], [1e10, 3e11]]) {
      const direct = Math.log(dataConstrainedLoss(p, N, D, U) - sat.floor);
      assert.ok(Math.abs(sat.logExcess(N, D) - direct) < 1e-9 * Math.max(1, Math.abs(direct)), `${N}, ${D}`);
    }
  });

  it('warns when the budget saturates the unique data', () => {
    const r = one('muennighoff2023', { compute: 1e26, uniqueTokens: 1e9 });
    assert.ok(codes(r).includes('data-saturated'));
    assert.ok(!codes(one('muennighoff2023', { compute: 1e22, uniqueTokens: 25e9 })).includes('data-saturated'));
  });
});

describe('constant sets through allocate', () => {
  it('eq10-rounded for hoffmann2022-a3 = Eq. 4 with the printed constants (rel 1e-12), labelled in the row', () => {
    const r = one('hoffmann2022-a3', { compute: 5.76e23, constantSet: 'eq10-rounded' });
    const o = chinchillaOptimal({ E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 }, 5.76e23);
    assert.ok(rel(r.N, o.N) < 1e-12 && rel(r.D, o.D) < 1e-12 && rel(r.loss as number, o.loss) < 1e-12);
    assert.strictEqual(r.constantSet, 'eq10-rounded');
    assert.ok(codes(r).includes('constant-set'));
    assert.strictEqual(one('hoffmann2022-a3', { compute: 5.76e23 }).constantSet, 'unrounded');
    assert.ok(!codes(one('hoffmann2022-a3', { compute: 5.76e23 })).includes('constant-set'));
  });

  it('applies only to laws that have the set; other rows are unchanged', () => {
    const withSet = allocateCompute({ compute: 1e22, constantSet: 'eq10-rounded' });
    const plain = allocateCompute({ compute: 1e22 });
    for (const r of withSet) {
      const p = plain.find((x) => x.law === r.law) as AllocationResult;
      if (r.law === 'hoffmann2022-a3') assert.ok(rel(r.N, p.N) > 0.05);
      else assert.strictEqual(r.N, p.N, r.law);
    }
  });

  it('sardana2024 reproduces Sardana Fig. 1 end to end: 13B/576B + 2e12 inference → ≈6.97B on ≈1.25T (1 %)', () => {
    const r = one('hoffmann2022-a3', { compute: 6 * 13e9 * 576e9, constantSet: 'sardana2024', inferenceTokens: 2e12 });
    assert.ok(rel(r.N, 6.97e9) < 0.01 && rel(r.D, 1.25e12) < 0.01, `${r.N} ${r.D}`);
  });

  it('a set no selected law has is an input error listing the sets', () => {
    assert.throws(() => allocateCompute({ compute: 1e22, laws: ['besiroglu2024'], constantSet: 'eq10-rounded' }),
      (e: unknown) => e instanceof InputError && /no selected law has constant set 'eq10-rounded' \(constant sets: hoffmann2022-a3: unrounded, eq10-rounded, sardana2024\)/.test(e.message));
    assert.throws(() => optimalLine('besiroglu2024', [1e22], { constantSet: 'eq10-rounded' }), /besiroglu2024 has a single constant set/);
    assert.ok(rel(optimalLine('hoffmann2022-a3', [1e22], { constantSet: 'eq10-rounded' })[0].N, chinchillaOptimal({ E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 }, 1e22).N) < 1e-12);
  });
});
