/**
 * Backward analysis oracles: C from the cluster, D = C/6N, L̂ under Chinchilla Eq. 10 for the
 * LLaMA-style 1.29B model (≈ 2.372 at D = 84.72B), the law's optimum, dataset and memory checks.
 */
import * as assert from 'assert';
import { analyseBackward, readBackwardConfig, type BackwardConfig } from '../../src/core/backward';
import { allocateCompute } from '../../src/core/allocation';
import { chinchillaLoss } from '../../src/core/laws/forms';
import { HOFFMANN_EQ10_ROUNDED } from '../../src/core/laws/hoffmann2022';
import { lawLoss, MADLAD_UNIQUE_TOKENS } from '../../src/core/laws';
import { PEARCE_SONG_EMBEDDING_COEF } from '../../src/core/arch';
import { formatPercent } from '../../src/core/format';

const N_LLAMA = 1_294_159_104;
const llamaArch = { hidden_size: 2304, num_hidden_layers: 18, num_attention_heads: 18, intermediate_size: 6144, vocab_size: 32000, max_position_embeddings: 2048, tie_word_embeddings: false };

function config(over: Record<string, unknown> = {}): BackwardConfig {
  const value = {
    architecture: llamaArch,
    training_gear: { num_gpus: 4, gpu_type: 'A100', dtype: 'bfloat16', available_hours: 720 },
    training_efficiency: { expected_mfu: 0.4, uptime: 0.95 },
    dataset: { total_tokens: 627e9 },
    scaling_law: 'hoffmann2022-a3',
    batch_size_tokens: 1048576,
    ...over,
  };
  return readBackwardConfig(value, { fileName: 'x.backward.jsonc' }).config;
}

describe('backward: compute, tokens, loss', () => {
  it('C = 4 × 312e12 × 0.4 × 0.95 × 720 h × 3600 = 1.229e21; D = C / 6N', () => {
    const r = analyseBackward(config());
    const C = 4 * 312e12 * 0.4 * 0.95 * 720 * 3600;
    assert.strictEqual(r.N, N_LLAMA);
    assert.strictEqual(r.compute, C);
    assert.ok(Math.abs(r.D / (C / (6 * N_LLAMA)) - 1) < 1e-12);
    assert.strictEqual(r.flopsConvention, '6N');
    assert.ok(Math.abs(r.steps! - r.D / 1048576) < 1e-6);
    assert.ok(Math.abs(r.dataset.fraction! - r.D / 627e9) < 1e-12);
    assert.strictEqual(r.gpuHours, 2880);
  });

  it('LLaMA 1.29B oracle: L̂ ≈ 2.372 at D = 84.72B under Chinchilla Eq. 10 (rounded constants, inline in an older-shape config)', () => {
    // Hours chosen so that D = 84.72B under 6N: the whole path (hardware → D → law) is exercised.
    const hours = (84.72e9 * 6 * N_LLAMA) / (4 * 312e12 * 0.4 * 0.95 * 3600);
    const r = analyseBackward(config({
      training_gear: { num_gpus: 4, gpu_type: 'A100', dtype: 'bfloat16', available_hours: hours },
      scaling_law: { base: 'hoffmann_2022', E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 },
    }));
    assert.ok(Math.abs(r.D - 84.72e9) < 1e3, `D ${r.D}`);
    assert.strictEqual(r.law.id, 'custom');
    // The oracle is printed to 3 decimals: ±0.0005.
    assert.ok(Math.abs(r.loss! - 2.372) < 5e-4, `L̂ ${r.loss}`);
    assert.strictEqual(r.loss, chinchillaLoss(HOFFMANN_EQ10_ROUNDED, N_LLAMA, r.D));
  });

  it('LLaMA 1.29B oracle through a legacy config WITHOUT inline constants: "hoffmann" → hoffmann2022-a3, Eq. 10 rounded', () => {
    const hours = (84.72e9 * 6 * N_LLAMA) / (4 * 312e12 * 0.4 * 0.95 * 3600);
    for (const scaling_law of [{ base: 'hoffmann_2022' }, { type: 'hoffmann' }, 'chinchilla']) {
      const r = analyseBackward(config({ training_gear: { num_gpus: 4, gpu_type: 'A100', dtype: 'bfloat16', available_hours: hours }, scaling_law }));
      assert.deepStrictEqual([r.law.id, r.law.constantSet], ['hoffmann2022-a3', 'eq10-rounded'], JSON.stringify(scaling_law));
      assert.ok(Math.abs(r.loss! - 2.372) < 5e-4, `L̂ ${r.loss}`);
      assert.strictEqual(r.loss, chinchillaLoss(HOFFMANN_EQ10_ROUNDED, N_LLAMA, r.D));
      assert.match(r.law.label, /eq10-rounded/);
      // the optimum uses the same set
      const row = allocateCompute({ compute: r.compute, laws: ['hoffmann2022-a3'], constantSet: 'eq10-rounded' })[0];
      assert.strictEqual(r.optimum!.N, row.N);
    }
    // the registry id alone keeps the registry default (unrounded): a different, documented L̂
    const d = analyseBackward(config({ training_gear: { num_gpus: 4, gpu_type: 'A100', dtype: 'bfloat16', available_hours: hours } }));
    assert.strictEqual(d.law.constantSet, 'unrounded');
    assert.strictEqual(d.loss, lawLoss('hoffmann2022-a3', N_LLAMA, d.D, { constantSet: 'unrounded' }));
    assert.ok(Math.abs(d.loss! - 2.372) > 5e-3, `unrounded L̂ ${d.loss} should differ from the rounded oracle`);
  });

  it('scaling_law.constant_set picks a labelled set; it overrides a legacy default and is validated', () => {
    const s = analyseBackward(config({ scaling_law: { id: 'hoffmann2022-a3', constant_set: 'sardana2024' } }));
    assert.strictEqual(s.law.constantSet, 'sardana2024');
    assert.strictEqual(s.loss, lawLoss('hoffmann2022-a3', N_LLAMA, s.D, { constantSet: 'sardana2024' }));
    const o = analyseBackward(config({ scaling_law: { type: 'hoffmann', constant_set: 'unrounded' } }));
    assert.strictEqual(o.loss, lawLoss('hoffmann2022-a3', N_LLAMA, o.D));
    assert.throws(() => config({ scaling_law: { id: 'hoffmann2022-a3', constant_set: 'eq10' } }), /unknown constant set 'eq10' for hoffmann2022-a3 \(expected one of: unrounded, eq10-rounded, sardana2024\)/);
    assert.throws(() => config({ scaling_law: { id: 'besiroglu2024', constant_set: 'eq10-rounded' } }), /besiroglu2024 has a single constant set/);
    assert.throws(() => config({ scaling_law: { type: 'hoffmann', constant_set: 'eq10-rounded', E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 } }), /cannot be combined with inline constants/);
  });

  it('older law names map to registry ids: hoffmann → hoffmann2022-a3, besiroglu → besiroglu2024', () => {
    const h = analyseBackward(config({ scaling_law: { type: 'hoffmann' } }));
    assert.strictEqual(h.law.id, 'hoffmann2022-a3');
    assert.strictEqual(h.loss, lawLoss('hoffmann2022-a3', h.N, h.D, { constantSet: 'eq10-rounded' }));
    const b = analyseBackward(config({ scaling_law: { type: 'besiroglu' } }));
    assert.strictEqual(b.law.id, 'besiroglu2024');
    assert.strictEqual(b.loss, lawLoss('besiroglu2024', b.N, b.D));
  });

  it("the law's optimum for the same C comes from the allocation engine", () => {
    const r = analyseBackward(config());
    const row = allocateCompute({ compute: r.compute, laws: ['hoffmann2022-a3'] })[0];
    assert.strictEqual(r.optimum!.N, row.N);
    assert.strictEqual(r.sizeVsOptimum, r.N / row.N);
    // the optimum is the optimum: no worse than the configured model at the same compute
    assert.ok(r.optimum!.loss! <= r.loss! + 1e-12);
  });

  it('exact FLOPs/token gives fewer tokens than 6N', () => {
    const six = analyseBackward(config());
    const exact = analyseBackward(config({ flops_per_token: 'exact' }));
    assert.strictEqual(exact.flopsConvention, 'exact');
    assert.strictEqual(exact.flopsPerToken, exact.flops!.exact);
    assert.ok(exact.D < six.D);
  });

  it('a parameter count works without an architecture (6N)', () => {
    const r = analyseBackward(config({ architecture: undefined, parameters: 1e9 }));
    assert.strictEqual(r.N, 1e9);
    assert.strictEqual(r.memory, undefined);
  });
});

describe('backward: findings', () => {
  it('D beyond the dataset → warning with a fix for available_hours (one pass)', () => {
    const r = analyseBackward(config({ dataset: { total_tokens: 50e9 } }));
    const f = r.findings.find((x) => x.code === 'dataset-exceeded')!;
    assert.ok(f, 'expected dataset-exceeded');
    assert.deepStrictEqual(f.path, ['dataset', 'total_tokens']);
    const hours = f.fixes[0].value as number;
    assert.ok(Math.abs(hours / (720 * (50e9 / r.D)) - 1) < 0.01);
  });
  it('max_epochs allows repetition', () => {
    const r = analyseBackward(config({ dataset: { total_tokens: 30e9, max_epochs: 10 } }));
    assert.ok(!r.findings.some((x) => x.code === 'dataset-exceeded'));
    assert.ok(r.findings.some((x) => x.code === 'many-epochs'));
  });
  it('MFU above 0.7 → warning with a fix to 0.4', () => {
    const r = analyseBackward(config({ training_efficiency: { expected_mfu: 0.85 } }));
    const f = r.findings.find((x) => x.code === 'mfu-high')!;
    assert.deepStrictEqual(f.fixes[0].value, 0.4);
  });
  it('a peak equal to a sparsity headline → warning with the dense figure', () => {
    const r = analyseBackward(config({ training_gear: { num_gpus: 8, gpu_type: 'H100', dtype: 'bf16', available_hours: 10, peak_flops_per_gpu: 1979e12 } }));
    const f = r.findings.find((x) => x.code === 'sparse-peak')!;
    assert.strictEqual(f.fixes[0].value, 989.4e12);
  });
  it('an unknown GPU is a located error with nearest-name fixes', () => {
    assert.throws(
      () => analyseBackward(config({ training_gear: { num_gpus: 8, gpu_type: 'H100-SXMM', available_hours: 10 } })),
      (e: { problem: { path: string[]; fixes: Array<{ value: string }> } }) =>
        e.problem.path.join('.') === 'training_gear.gpu_type' && e.problem.fixes[0].value === 'H100-SXM',
    );
  });
  it('memory beyond the GPU → warning', () => {
    const r = analyseBackward(config({ training_gear: { num_gpus: 1, gpu_type: 'RTX-4090', dtype: 'bf16', available_hours: 10 }, memory: { micro_batch_size: 4 } }));
    assert.ok(r.findings.some((x) => x.code === 'memory'), '1.29B with AdamW: 20.7 GB of states + ~12 GB of activations at micro-batch 4 on a 24 GB card');
  });
});

describe('backward: each law sees the model in its own convention', () => {
  const rel = (x: number, y: number) => Math.abs(x / y - 1);

  it('kaplan2020 (non-embedding N): L̂ and N/N* use the non-embedding count from the architecture', () => {
    const r = analyseBackward(config({ scaling_law: 'kaplan2020' }));
    const nonEmb = r.params!.nonEmbedding;
    assert.strictEqual(nonEmb, N_LLAMA - 2 * 32000 * 2304, 'LLaMA untied: total − 2·V·H');
    assert.deepStrictEqual([r.lawSize.convention, r.lawSize.N], ['non-embedding', nonEmb]);
    assert.strictEqual(r.loss, lawLoss('kaplan2020', nonEmb, r.D));
    assert.notStrictEqual(r.loss, lawLoss('kaplan2020', N_LLAMA, r.D), 'the total count would be the wrong convention');
    const row = allocateCompute({ compute: r.compute, laws: ['kaplan2020'], uniqueTokens: 627e9 })[0];
    assert.strictEqual(r.sizeVsOptimum, nonEmb / row.N);
    assert.ok(r.findings.some((f) => f.code === 'law' && /non-embedding parameters/.test(f.message)));
    // N/N* ≈ 0.127: the message must say the model is ≈12.7 % of the optimal size (not its inverse).
    const size = r.findings.find((f) => /optimum for this compute/.test(f.message))!;
    assert.ok(size.message.includes(`${formatPercent(r.sizeVsOptimum!)} of the optimal size`), size.message);
    assert.ok(r.sizeVsOptimum! < 1 && /over-trained/.test(size.message));
  });

  it('kaplan2020 with only a parameter count: Pearce & Song 2024 (N = N_ne + 47491·N_ne^(1/3)) inverted, rel 1e-12', () => {
    const r = analyseBackward(config({ architecture: undefined, parameters: 1.3e9, scaling_law: 'kaplan2020' }));
    const x = r.lawSize.N;
    assert.ok(rel(x + PEARCE_SONG_EMBEDDING_COEF * Math.cbrt(x), 1.3e9) < 1e-12, String(x));
    assert.ok(x < 1.3e9 && x > 1.2e9, 'embeddings are ≈4.6 % of a 1.3B model by this fit');
    assert.strictEqual(r.loss, lawLoss('kaplan2020', x, r.D));
  });

  it('deepseek2024 (M = non-embedding FLOPs/token): N/N* compares M/6 with M*/6; M matches 72·L·d² + 12·L·d·s within 0.1 %', () => {
    const r = analyseBackward(config({ scaling_law: 'deepseek2024' }));
    const [L, d, s] = [18, 2304, 2048];
    const M = 72 * L * d * d + 12 * L * d * s;
    assert.strictEqual(r.lawSize.convention, 'M/6');
    assert.ok(rel(6 * r.lawSize.N, M) < 1e-3, `${6 * r.lawSize.N} vs ${M}`);
    const row = allocateCompute({ compute: r.compute, laws: ['deepseek2024'], uniqueTokens: 627e9 })[0];
    assert.strictEqual(r.sizeVsOptimum, r.lawSize.N / row.N);
    assert.strictEqual(r.loss, null);
  });

  it('total-parameter laws are unchanged: lawSize.N = N', () => {
    const r = analyseBackward(config());
    assert.deepStrictEqual([r.lawSize.convention, r.lawSize.N], ['total', N_LLAMA]);
  });

  it('atlas2025 without a dataset size: L̂ and the optimum both use the MADLAD-400 cap (as allocate does), and say so', () => {
    const r = analyseBackward(config({ scaling_law: 'atlas2025', dataset: { language: 'sw' } }));
    assert.strictEqual(r.lawUniqueTokens, MADLAD_UNIQUE_TOKENS.sw);
    assert.strictEqual(r.loss, lawLoss('atlas2025', N_LLAMA, r.D, { language: 'sw', uniqueTokens: 770e6 }));
    assert.strictEqual(r.loss, lawLoss('atlas2025', N_LLAMA, r.D, { language: 'sw' }), 'the registry applies the same default cap');
    assert.notStrictEqual(r.loss, lawLoss('atlas2025', N_LLAMA, r.D, { language: 'sw', noDataCap: true }));
    const row = allocateCompute({ compute: r.compute, laws: ['atlas2025'], language: 'sw' })[0];
    assert.strictEqual(r.optimum!.N, row.N);
    assert.strictEqual(r.optimum!.loss, row.loss);
    assert.ok(r.findings.some((f) => /MADLAD-400/.test(f.message)));
  });

  it('a repetition-aware law uses the dataset size as the unique-token count when unique_tokens is absent', () => {
    const r = analyseBackward(config({ scaling_law: 'muennighoff2023', dataset: { total_tokens: 30e9 } }));
    assert.strictEqual(r.lawUniqueTokens, 30e9);
    assert.strictEqual(r.loss, lawLoss('muennighoff2023', N_LLAMA, r.D, { uniqueTokens: 30e9 }));
    const u = analyseBackward(config({ scaling_law: 'muennighoff2023', dataset: { total_tokens: 30e9, unique_tokens: 10e9 } }));
    assert.strictEqual(u.lawUniqueTokens, 10e9);
  });
});
