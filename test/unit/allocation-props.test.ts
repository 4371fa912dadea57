/**
 * Property tests of the published-law API under hostile requests (fast-check): allocate, optimalLine and
 * lawLoss never return NaN or Infinity for a valid request, and refuse an invalid one with a InputError
 * (or, for a target no budget reaches, an AllocationRefusal) whose message names the field.
 */
import * as assert from 'assert';
import fc from 'fast-check';
import { allocateCompute, optimalLine, AllocationRefusal, type AllocationRequest } from '../../src/core/allocation';
import { LAW_IDS, LANGUAGES, lawLoss, type LawId } from '../../src/core/laws';
import { InputError } from '../../src/core/errors';

/** PROPS_SOAK=20 multiplies the runs for a longer hunt (not in CI). */
const SOAK = Number(process.env.PROPS_SOAK ?? 1);

/** Log-uniform in [lo, hi] over the decades (fast-check's doubles cluster at the bounds). */
const logU = (lo: number, hi: number) => fc.integer({ min: Math.round(100 * Math.log10(lo)), max: Math.round(100 * Math.log10(hi)) }).map((e) => 10 ** (e / 100));

function assertFiniteDeep(x: unknown, path: string): void {
  if (typeof x === 'number') assert.ok(Number.isFinite(x), `${path} = ${x}`);
  else if (Array.isArray(x)) x.forEach((v, i) => assertFiniteDeep(v, `${path}[${i}]`));
  else if (x !== null && typeof x === 'object') for (const [k, v] of Object.entries(x)) assertFiniteDeep(v, `${path}.${k}`);
}

/** Any valid request: a budget from 1 to 1e40 FLOPs or a target loss, U from 1 to 1e40 tokens, up to 1e40 inference tokens, any laws, language, vocabulary, constant set, U, inference demand, cost settings. */
const requests: fc.Arbitrary<AllocationRequest> = fc
  .record({
    budget: fc.oneof(fc.record({ compute: logU(1, 1e40) }), fc.record({ targetLoss: fc.oneof(logU(0.1, 10), fc.integer({ min: 150, max: 400 }).map((x) => x / 100)) })),
    laws: fc.option(fc.subarray([...LAW_IDS], { minLength: 1, maxLength: 3 }), { nil: undefined }),
    language: fc.option(fc.constantFrom(...LANGUAGES), { nil: undefined }),
    atlasVocab: fc.option(fc.constantFrom('monolingual' as const, 'multilingual' as const), { nil: undefined }),
    uniqueTokens: fc.option(logU(1, 1e40), { nil: undefined }),
    inferenceTokens: fc.option(fc.oneof(fc.constant(0), logU(1e-3, 1e40)), { nil: undefined }),
    constantSet: fc.option(fc.constantFrom('unrounded', 'eq10-rounded', 'sardana2024'), { nil: undefined }),
    // Anywhere in the accepted ranges (COST_LIMITS), not only plausible hardware.
    cost: fc.option(
      fc.record(
        {
          trainPeakFlops: logU(1e6, 1e22), inferencePeakFlops: logU(1e6, 1e22), trainDollarsPerHour: logU(1e-6, 1e6), inferenceDollarsPerHour: logU(1e-6, 1e6),
          trainMfu: logU(1e-6, 1), prefillMfu: logU(1e-6, 1), decodeMfu: logU(1e-6, 1), inputTokenFraction: fc.integer({ min: 0, max: 100 }).map((x) => x / 100),
        },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    ),
  })
  .map((r) => {
    // A target loss needs laws with a loss (the CLI insists on --law); the cost objective needs inference demand.
    const laws = 'targetLoss' in r.budget && !r.laws ? ['hoffmann2022-a3', 'muennighoff2023', 'kaplan2020'] : r.laws;
    const inferenceTokens = r.cost && !r.inferenceTokens ? 1e12 : r.inferenceTokens;
    // hoffmann2022-a3 is the law with alternative constant sets: ask for one only when it is selected.
    const constantSet = !laws || laws.includes('hoffmann2022-a3') ? r.constantSet : undefined;
    return { ...r.budget, laws, language: r.language, atlasVocab: r.atlasVocab, uniqueTokens: r.uniqueTokens, inferenceTokens, costSettings: r.cost, constantSet };
  });

describe('published laws under hostile requests (property tests)', function () {
  this.timeout(20000);

  it('allocate: every numeric field finite (loss may be null), or an AllocationRefusal for an unreachable target', () => {
    const seen = { ok: 0, refused: 0 };
    fc.assert(
      fc.property(requests, (req) => {
        try {
          const rows = allocateCompute(req);
          assert.ok(rows.length > 0);
          for (const r of rows) {
            assertFiniteDeep({ ...r, loss: r.loss ?? 0 }, `${r.law}`);
            assert.ok(r.N > 0 && r.D > 0 && r.compute > 0, r.law);
          }
          seen.ok++;
        } catch (e) {
          if (!(e instanceof AllocationRefusal)) throw e;
          assert.ok(req.targetLoss !== undefined && /target loss/.test(e.message), e.message);
          seen.refused++;
        }
      }),
      { numRuns: 250 * SOAK },
    );
    assert.ok(seen.ok > 0 && seen.refused > 0, JSON.stringify(seen));
  });

  it('optimalLine: a finite positive (N, D) for every law and every positive finite budget (1e-300…1e300)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LAW_IDS), fc.array(logU(1e-300, 1e300), { minLength: 1, maxLength: 5 }), fc.option(logU(1, 1e40), { nil: undefined }), fc.option(fc.constantFrom(...LANGUAGES), { nil: undefined }), (id, computes, uniqueTokens, language) => {
        const line = optimalLine(id, computes, { uniqueTokens, language });
        assert.strictEqual(line.length, computes.length);
        for (const p of line) assert.ok(p.N > 0 && p.N < Infinity && p.D > 0 && p.D < Infinity, `${id} at C = ${p.compute}: N = ${p.N}, D = ${p.D}`);
      }),
      { numRuns: 300 * SOAK },
    );
  });

  it('lawLoss: finite over any run a lab could train (N, D, U from 1 to 1e20), and never NaN at the extremes', () => {
    const opts = (U: number | undefined, language: (typeof LANGUAGES)[number] | undefined, noDataCap: boolean) => ({ uniqueTokens: U, language, noDataCap });
    fc.assert(
      fc.property(fc.constantFrom(...LAW_IDS), logU(1, 1e20), logU(1, 1e20), fc.option(logU(1, 1e20), { nil: undefined }), fc.option(fc.constantFrom(...LANGUAGES), { nil: undefined }), fc.boolean(), (id, N, D, U, language, noDataCap) => {
        const L = lawLoss(id, N, D, opts(U, language, noDataCap));
        assert.ok(L === null || (Number.isFinite(L) && L > 0), `${id}(${N}, ${D}, U = ${U}) = ${L}`);
      }),
      { numRuns: 500 * SOAK },
    );
    fc.assert(
      fc.property(fc.constantFrom(...LAW_IDS), logU(1e-300, 1e300), logU(1e-300, 1e300), fc.option(logU(1, 1e40), { nil: undefined }), (id, N, D, U) => {
        try {
          const L = lawLoss(id, N, D, { uniqueTokens: U });
          assert.ok(L === null || Number.isFinite(L), `${id}(${N}, ${D}, U = ${U}) = ${L}`);
        } catch (e) {
          assert.ok(e instanceof InputError && /overflows|non-embedding/.test(e.message), String(e));
        }
      }),
      { numRuns: 500 * SOAK },
    );
  });

  it('invalid requests are refused with an InputError naming the field', () => {
    const bad: Array<[string, () => unknown, RegExp]> = [
      ['negative compute', () => allocateCompute({ compute: -1 }), /compute must be/],
      ['NaN compute', () => allocateCompute({ compute: NaN }), /compute must be/],
      ['infinite compute', () => allocateCompute({ compute: Infinity }), /compute must be/],
      ['compute beyond 1e40', () => allocateCompute({ compute: 1e41 }), /compute must be between 1 and 1e40/],
      ['compute and target', () => allocateCompute({ compute: 1e22, targetLoss: 2 }), /exactly one of compute/],
      ['neither', () => allocateCompute({}), /exactly one of compute/],
      ['zero target', () => allocateCompute({ targetLoss: 0, laws: ['hoffmann2022-a3'] }), /targetLoss must be/],
      ['NaN inference tokens', () => allocateCompute({ compute: 1e22, inferenceTokens: NaN }), /inferenceTokens must be/],
      ['negative unique tokens', () => allocateCompute({ compute: 1e22, uniqueTokens: -5 }), /uniqueTokens must be between 1 and 1e40/],
      ['a fraction of a unique token', () => allocateCompute({ compute: 1e22, uniqueTokens: 1e-300 }), /uniqueTokens must be between 1 and 1e40/],
      ['1e300 inference tokens', () => allocateCompute({ compute: 1e22, inferenceTokens: 1e300 }), /inferenceTokens must be between 0 and 1e40/],
      ['a 1e-300 FLOP/s inference GPU', () => allocateCompute({ compute: 1e22, inferenceTokens: 1e12, costSettings: { inferencePeakFlops: 1e-300 } }), /costSettings.inferencePeakFlops must be between 1e6 and 1e22/],
      ['unknown law', () => allocateCompute({ compute: 1e22, laws: ['nope'] }), /unknown law 'nope'/],
      ['unknown language', () => allocateCompute({ compute: 1e22, language: 'xx' as never }), /unknown language 'xx'/],
      ['unknown vocabulary', () => allocateCompute({ compute: 1e22, laws: ['atlas2025'], atlasVocab: 'foo' as never }), /unknown ATLAS vocabulary 'foo'/],
      ['unknown constant set', () => allocateCompute({ compute: 1e22, constantSet: 'nope' }), /constant set 'nope'/],
      ['unknown cost field', () => allocateCompute({ compute: 1e22, inferenceTokens: 1e12, costSettings: { foo: 1 } as never }), /unknown costSettings field 'foo'/],
      ['MFU above 1', () => allocateCompute({ compute: 1e22, inferenceTokens: 1e12, costSettings: { trainMfu: 2 } }), /costSettings.trainMfu/],
      ['optimalLine: negative budget', () => optimalLine('hoffmann2022-a3', [1e22, -1]), /computes\[1\] must be/],
      ['optimalLine: NaN budget', () => optimalLine('hoffmann2022-a3', [NaN]), /computes\[0\] must be/],
      ['optimalLine: unknown law', () => optimalLine('nope', [1e22]), /unknown law 'nope'/],
      ['optimalLine: unknown language', () => optimalLine('atlas2025', [1e22], { language: 'xx' as never }), /unknown language 'xx'/],
      ['optimalLine: zero unique tokens', () => optimalLine('muennighoff2023', [1e22], { uniqueTokens: 0 }), /uniqueTokens must be/],
      ['lawLoss: negative N', () => lawLoss('hoffmann2022-a3', -1, 1e9), /^N must be/],
      ['lawLoss: NaN D', () => lawLoss('hoffmann2022-a3', 1e9, NaN), /^D must be/],
      ['lawLoss: infinite N (frontier-only law too)', () => lawLoss('llama3-2024', Infinity, 1e9), /^N must be/],
      ['lawLoss: zero unique tokens', () => lawLoss('muennighoff2023', 1e9, 1e10, { uniqueTokens: 0 }), /uniqueTokens must be/],
      ['lawLoss: NaN unique tokens', () => lawLoss('hoffmann2022-a3', 1e9, 1e10, { uniqueTokens: NaN }), /uniqueTokens must be/],
      ['lawLoss: unknown vocabulary', () => lawLoss('atlas2025', 1e9, 1e10, { atlasVocab: 'foo' as never }), /unknown ATLAS vocabulary/],
      ['lawLoss: unknown language (any law)', () => lawLoss('kaplan2020', 1e9, 1e10, { language: 'xx' as never }), /unknown language 'xx'/],
      ['lawLoss: unknown law', () => lawLoss('nope' as LawId, 1e9, 1e10), /unknown law 'nope'/],
    ];
    for (const [name, fn, re] of bad) {
      assert.throws(fn, (e: unknown) => e instanceof InputError && e.exitCode === 2 && re.test(e.message) && !/NaN loss|undefined/.test(e.message), name);
    }
  });
});
