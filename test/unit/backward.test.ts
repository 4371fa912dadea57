/**
 * Backward analysis oracles: C from the cluster, D = C/6N, L̂ under Chinchilla Eq. 10 for the
 * LLaMA-style 1.29B model (≈ 2.372 at D = 84.72B), the law's optimum, dataset and memory checks.
 */
import * as assert from 'assert';
import { analyseBackward } from '../../src/core/backward';
import { readBackwardConfig, type BackwardConfig } from '../../src/core/config';
import { allocate } from '../../src/core/allocation';
import { chinchillaLoss } from '../../src/core/laws/forms';
import { HOFFMANN_EQ10_ROUNDED } from '../../src/core/laws/hoffmann2022';
import { lawLoss } from '../../src/core/laws';

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

  it('older law names map to registry ids: hoffmann → hoffmann2022-a3, besiroglu → besiroglu2024', () => {
    const h = analyseBackward(config({ scaling_law: { type: 'hoffmann' } }));
    assert.strictEqual(h.law.id, 'hoffmann2022-a3');
    assert.strictEqual(h.loss, lawLoss('hoffmann2022-a3', h.N, h.D));
    const b = analyseBackward(config({ scaling_law: { type: 'besiroglu' } }));
    assert.strictEqual(b.law.id, 'besiroglu2024');
    assert.strictEqual(b.loss, lawLoss('besiroglu2024', b.N, b.D));
  });

  it("the law's optimum for the same C comes from the allocation engine", () => {
    const r = analyseBackward(config());
    const row = allocate({ compute: r.compute, laws: ['hoffmann2022-a3'] })[0];
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
