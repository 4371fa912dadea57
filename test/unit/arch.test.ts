/**
 * Architecture oracles: parameter counts against published/nanoGPT counts, FLOPs per token against
 * Chinchilla Table A4, and the shape search used by sweep planning.
 */
import * as assert from 'assert';
import * as fc from 'fast-check';
import { ArchError, countParams, flopsPerToken, normaliseArch, seqLengthScaling, shapeForParams, swigluIntermediate, trainingMemory } from '../../src/core/arch';

const gpt2 = normaliseArch({ style: 'gpt2', hidden_size: 768, num_hidden_layers: 12, num_attention_heads: 12, vocab_size: 50257, seq_length: 1024 });
const chinchilla73m = normaliseArch({ style: 'chinchilla', hidden_size: 640, num_hidden_layers: 10, num_attention_heads: 10, intermediate_size: 2560, vocab_size: 32000, seq_length: 2048 });
const llama = normaliseArch({ hidden_size: 2304, num_hidden_layers: 18, num_attention_heads: 18, intermediate_size: 6144, vocab_size: 32000 });

describe('arch: parameter counts', () => {
  it('GPT-2 small = 124,439,808; 123,653,376 without position embeddings (nanoGPT)', () => {
    const p = countParams(gpt2);
    assert.strictEqual(p.total, 124_439_808);
    assert.strictEqual(p.total - p.positions, 123_653_376);
    assert.strictEqual(p.output, 0, 'tied embeddings: no separate head');
  });

  it('Chinchilla Table A9 row (d 640, 10 layers, ffw 2560, V 32000) = 73,825,280', () => {
    assert.strictEqual(countParams(chinchilla73m).total, 73_825_280);
  });

  it('LLaMA-style 18 × 2304, SwiGLU 6144, V 32000, untied = 1,294,159,104 = 2VH + L(4H² + 3H·D_ff + 2H) + H', () => {
    const p = countParams(llama);
    const [V, H, L, F] = [32000, 2304, 18, 6144];
    assert.strictEqual(p.total, 2 * V * H + L * (4 * H * H + 3 * H * F + 2 * H) + H);
    assert.strictEqual(p.total, 1_294_159_104);
  });

  it('components sum to the total', () => {
    for (const a of [gpt2, chinchilla73m, llama]) {
      const p = countParams(a);
      assert.strictEqual(p.embeddings + p.positions + p.attention + p.mlp + p.norms + p.output, p.total);
    }
  });

  it('GQA shrinks K and V by n_kv/n_heads', () => {
    const mha = countParams(llama).perLayer.attention;
    const gqa = countParams({ ...llama, num_key_value_heads: 6 }).perLayer.attention;
    const d = 2304;
    // K and V go from 18 to 6 heads of 128: each loses d × 12·128 weights.
    assert.strictEqual(mha - gqa, 2 * d * (18 - 6) * 128);
  });

  it('MoE: Mixtral 8x7B shape ≈ 46.7B total, ≈ 12.9B active (Jiang et al. 2024)', () => {
    const mixtral = normaliseArch({ hidden_size: 4096, num_hidden_layers: 32, num_attention_heads: 32, num_key_value_heads: 8, intermediate_size: 14336, vocab_size: 32000, moe: { num_experts: 8, num_experts_per_tok: 2 } });
    const p = countParams(mixtral);
    assert.ok(Math.abs(p.total / 46.7e9 - 1) < 0.01, `total ${p.total}`);
    assert.ok(Math.abs(p.active / 12.9e9 - 1) < 0.01, `active ${p.active}`);
  });

  it('accepts aliases and Hugging Face names', () => {
    const a = normaliseArch({ n_embd: 768, n_layer: 12, n_head: 12, vocab_size: 50257, n_positions: 1024, style: 'gpt2' });
    assert.strictEqual(countParams(a).total, 124_439_808);
    const hf = normaliseArch({ hidden_size: 2304, num_hidden_layers: 18, num_attention_heads: 18, intermediate_size: 6144, vocab_size: 32000, hidden_act: 'silu', max_position_embeddings: 2048 });
    assert.strictEqual(hf.mlp_type, 'swiglu');
    assert.strictEqual(countParams(hf).total, 1_294_159_104);
  });

  it('LLaMA SwiGLU width rule: d 4096 → 11008', () => {
    assert.strictEqual(swigluIntermediate(4096), 11008);
  });

  it('bad input names the field', () => {
    assert.throws(() => normaliseArch({ hidden_size: 768, num_hidden_layers: 12, num_attention_heads: 12 }), (e: ArchError) => /vocab_size/.test(e.message));
    assert.throws(() => normaliseArch({ hidden_size: 768.5, num_hidden_layers: 12, num_attention_heads: 12, vocab_size: 10 }, ['architecture']), (e: ArchError) => e.path.join('.') === 'architecture.hidden_size');
    assert.throws(() => normaliseArch({ hidden_size: 768, num_hidden_layers: 12, num_attention_heads: 12, num_key_value_heads: 5, vocab_size: 10 }), /must divide/);
  });
});

describe('arch: FLOPs per token', () => {
  it('Chinchilla 73M: App. F (Table A4 convention) / 6ND ≈ 1.025 at seq 2048', () => {
    const f = flopsPerToken(chinchilla73m);
    // Table A4 prints the ratio to 3 figures; tolerance ±0.001.
    assert.ok(Math.abs(f.tableA4Ratio - 1.025) < 0.001, `ratio ${f.tableA4Ratio}`);
    assert.strictEqual(f.sixN, 6 * 73_825_280);
  });

  it('exact = layers + output logits; ratio = exact / 6N', () => {
    const f = flopsPerToken(llama);
    assert.strictEqual(f.exact, f.tableA4 + 3 * 2 * 2304 * 32000);
    assert.ok(Math.abs(f.ratio - f.exact / f.sixN) < 1e-15);
  });

  it('attention cost grows linearly with context: Δexact = 3·L·(4·s·h·d_k + 3·h·s)', () => {
    const rows = seqLengthScaling(llama, [1024, 2048, 4096]);
    const per = 3 * 18 * (4 * 2304 + 3 * 18);
    assert.strictEqual(rows[1].exact - rows[0].exact, per * 1024);
    assert.strictEqual(rows[2].exact - rows[1].exact, per * 2048);
    assert.ok(rows[2].attentionScoresShare > rows[0].attentionScoresShare);
  });

  it('MoE FLOPs follow active, not total, parameters', () => {
    const dense = normaliseArch({ hidden_size: 1024, num_hidden_layers: 8, num_attention_heads: 8, vocab_size: 32000, intermediate_size: 2816 });
    const moe = normaliseArch({ ...dense, moe: { num_experts: 8, num_experts_per_tok: 1 } });
    const fd = flopsPerToken(dense);
    const fm = flopsPerToken(moe);
    // one active expert = the dense MLP; the difference is the router (2·d·E per layer, ×3 training)
    assert.strictEqual(fm.exact - fd.exact, 3 * 8 * 2 * 1024 * 8);
  });
});

describe('arch: training memory', () => {
  it('mixed-precision AdamW holds 16 bytes per parameter (ZeRO §3.1)', () => {
    const m = trainingMemory(llama);
    assert.strictEqual((m.weights + m.gradients + m.optimizer) / countParams(llama).total, 16);
  });
  it('activations: Korthikanti Eq. 2 without FlashAttention, 34·sbh with it, 2·sbh checkpointed', () => {
    const s = 2048, b = 1, h = 2304, L = 18, a = 18;
    const logits = 4 * s * b * 32000;
    const noFlash = trainingMemory(llama, { flashAttention: false });
    assert.strictEqual(noFlash.activations, L * s * b * h * (34 + (5 * a * s) / h) + logits);
    assert.strictEqual(trainingMemory(llama, { flashAttention: true }).activations, L * 34 * s * b * h + logits);
    const ck = trainingMemory(llama, { checkpointing: 'full' });
    assert.strictEqual(ck.activations, L * 2 * s * b * h + 34 * s * b * h + logits);
  });
  it('sharding divides model states, not activations', () => {
    const one = trainingMemory(llama);
    const eight = trainingMemory(llama, { shardAcross: 8 });
    assert.ok(Math.abs(eight.perGpu - (one.total - one.activations) / 8 - one.activations) < 1);
  });
});

describe('arch: shapeForParams', () => {
  it('hits targets from 10M to 70B within 2 % with a real shape', () => {
    for (const target of [1e7, 1.3e8, 1e9, 7e9, 7e10]) {
      const r = shapeForParams(target);
      assert.ok(!r.outsideTolerance && Math.abs(r.relError) <= 0.02, `${target}: ${r.relError}`);
      assert.strictEqual(countParams(r.arch).total, r.N);
      assert.strictEqual(r.arch.hidden_size % 64, 0);
      assert.strictEqual(r.arch.hidden_size, r.arch.num_attention_heads * r.arch.head_dim);
    }
  });
  it('property: any target in [2e7, 2e10] is met within tolerance (fast-check)', () => {
    fc.assert(
      fc.property(fc.double({ min: Math.log(2e7), max: Math.log(2e10), noNaN: true }), (logN) => {
        const r = shapeForParams(Math.exp(logN), { base: { style: 'gpt2', vocab_size: 50257, seq_length: 1024 } });
        return Math.abs(r.relError) <= 0.02;
      }),
      { numRuns: 15 },
    );
  });
});
