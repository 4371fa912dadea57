/**
 * Framework model configs (issue 13): Hugging Face config.json per model_type, nanoGPT config files and
 * Megatron-LM launch scripts, counted as the framework instantiates them and compared with each
 * checkpoint's PUBLISHED count. Fixtures: test/fixtures/configs (README there gives each source).
 *
 * Published counts used:
 *   [K] keras-team/keras-hub presets ("params" of the checkpoint converted from the Hub), commit 71453d0:
 *       keras_hub/src/models/<family>/<family>_presets.py
 *   [HF] the Hub's safetensors parameter metadata for the repo (as quoted)
 *   [P] the model's paper / model card
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  countParams, flopsPerToken, inferenceMemory, readHfConfig, readMegatronScript, readNanoGptConfig, nanoGptReportedParams, trainingMemory,
} from '../../src/core/arch';
import { analyseDocument, analyseModelConfig, detectModelConfig } from '../../src/core/config';
import { modelHoverMarkdown, modelLensLine, modelReport, tokensForModel } from '../../src/core/modelConfig';
import { main } from '../../src/cli/main';
import { formatCount, formatNum } from '../../src/core/format';

const FIX = path.join(__dirname, '..', 'fixtures', 'configs');
const hf = (name: string) => JSON.parse(fs.readFileSync(path.join(FIX, 'hf', `${name}.config.json`), 'utf8'));
const text = (dir: string, name: string) => fs.readFileSync(path.join(FIX, dir, name), 'utf8');

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => (out += s + '\n'), err: (s) => (err += s + '\n') });
  return { code, out, err };
}

interface Oracle {
  file: string;
  type: string;
  /** Published total, exact, with its source. */
  total?: number;
  /** Published total rounded to `roundTo` (only a rounded figure is published). */
  rounded?: { value: number; roundTo: number };
  active?: number;
  activeRounded?: { value: number; roundTo: number; excludingInputEmbedding?: boolean };
  nonEmbedding?: number;
  source: string;
}

const ORACLES: Oracle[] = [
  { file: 'gpt2', type: 'gpt2', total: 124_439_808, source: '[K] gpt2_base_en; the issue\'s oracle (wte + wpe, lm_head tied)' },
  { file: 'pythia-160m', type: 'gpt_neox', total: 162_322_944, source: 'EleutherAI/pythia README model table (GPTNeoXForCausalLM incl. embed_out)' },
  // KerasHub's OPT keeps 2048 position rows; transformers' OPTLearnedPositionalEmbedding has 2048 + 2 (offset 2).
  { file: 'opt-125m', type: 'opt', total: 125_237_760 + 2 * 768, source: '[K] opt_125m_en 125,237,760 + the 2 offset rows × 768 of transformers\' OPTLearnedPositionalEmbedding' },
  { file: 'Llama-2-7b-hf', type: 'llama', total: 6_738_415_616, source: '[K] llama2_7b_en; the issue\'s oracle' },
  { file: 'Mistral-7B-v0.1', type: 'mistral', total: 7_241_732_096, source: '[K] mistral_7b_en' },
  { file: 'Mixtral-8x7B-v0.1', type: 'mixtral', total: 46_702_792_704, active: 12_879_925_248, source: '[K] mixtral_8_7b_en; the issue\'s oracles (total and active)' },
  { file: 'Qwen2.5-0.5B', type: 'qwen2', total: 494_032_768, source: '[K] qwen2.5_0.5b_en' },
  { file: 'Qwen1.5-MoE-A2.7B', type: 'qwen2_moe', total: 14_315_784_192, activeRounded: { value: 2.7e9, roundTo: 0.1e9 }, source: '[K] qwen1.5_moe_2.7b_en; [P] model card "2.7B activated"' },
  { file: 'Qwen3-0.6B', type: 'qwen3', total: 596_049_920, nonEmbedding: undefined, source: '[K] qwen3_0.6b_en' },
  { file: 'Qwen3-30B-A3B', type: 'qwen3_moe', total: 30_532_122_624, activeRounded: { value: 3.3e9, roundTo: 0.1e9 }, source: '[K] qwen3_moe_30b_a3b_en; [P] model card "3.3B activated"' },
  { file: 'gemma-2b', type: 'gemma', total: 2_506_172_416, nonEmbedding: 1_981_884_416, source: '[K] gemma_2b_en; Gemma report (arXiv 2403.08295) Table 2 non-embedding 1,981,884,416' },
  { file: 'gemma-2-2b', type: 'gemma2', total: 2_614_341_888, nonEmbedding: 2_024_517_888, source: '[K] gemma2_2b_en; Gemma 2 report (arXiv 2408.00118) Table 1 non-embedding 2,024,517,888' },
  { file: 'gemma-3-1b-pt', type: 'gemma3_text', total: 999_885_952, source: '[K] gemma3_1b' },
  { file: 'phi-2', type: 'phi', total: 2_779_683_840, source: '[HF] microsoft/phi-2 safetensors parameters F16 2,779,683,840' },
  { file: 'Phi-3-mini-4k-instruct', type: 'phi3', total: 3_821_079_552, source: '[K] phi3_mini_4k_instruct_en' },
  { file: 'OLMo-1B-hf', type: 'olmo', total: 1_176_764_416, source: 'allenai/OLMo-1B-hf: 1,176,764,416 = sum(p.numel()) as reported for the checkpoint (model card: 1B, 1.18B on the Hub)' },
  { file: 'OLMo-2-1124-7B', type: 'olmo2', total: 7_298_617_344, source: '[HF] allenai/OLMo-2-1124-7B safetensors.total 7,298,617,344' },
  { file: 'falcon-rw-1b', type: 'falcon', total: 1_311_625_216, source: '[K] falcon_refinedweb_1b_en (model_card tiiuae/falcon-rw-1b)' },
  { file: 'DeepSeek-V2-Lite', type: 'deepseek_v2', total: 15_706_484_224, activeRounded: { value: 2.4e9, roundTo: 0.1e9, excludingInputEmbedding: true }, source: '[P] model card "15.7B total, 2.4B activated"; 15,706,484,224 as printed by a model server loading the checkpoint' },
  { file: 'DeepSeek-V3', type: 'deepseek_v3', rounded: { value: 671e9, roundTo: 1e9 }, activeRounded: { value: 37e9, roundTo: 1e9, excludingInputEmbedding: true }, source: '[P] DeepSeek-V3 README: "671B of the Main Model weights" (+14B MTP module, not instantiated by transformers), 37B activated' },
];

describe('model configs: Hugging Face config.json counted as transformers instantiates it', () => {
  for (const o of ORACLES) {
    it(`${o.type}: ${o.file} — ${o.source}`, () => {
      const r = readHfConfig(hf(o.file), { seqLength: 512 });
      assert.strictEqual(r.family, o.type);
      const p = countParams(r.arch);
      if (o.total !== undefined) assert.strictEqual(p.total, o.total);
      if (o.rounded) assert.ok(Math.abs(p.total - o.rounded.value) <= o.rounded.roundTo / 2, `${p.total} vs ${o.rounded.value}`);
      if (o.active !== undefined) assert.strictEqual(p.active, o.active);
      if (o.activeRounded) {
        const active = o.activeRounded.excludingInputEmbedding ? p.active - p.embeddings : p.active;
        // Model cards give activated counts to one digit, rounded or truncated: within one unit of it.
        assert.ok(Math.abs(active - o.activeRounded.value) <= o.activeRounded.roundTo, `active ${active} vs ${o.activeRounded.value}`);
      }
      if (o.nonEmbedding !== undefined) assert.strictEqual(p.nonEmbedding, o.nonEmbedding);
      // Real configs carry only keys the count reads or knows to be irrelevant: no "unknown key" noise.
      const noise = r.warnings.filter((w) => /is not read by/.test(w.message));
      assert.deepStrictEqual(noise.map((w) => w.message), []);
    });
  }

  it('falcon-7b: multi_query → one KV head, GELU MLP, tied by default; the Hub stores the tied lm_head again (7,217,189,760)', () => {
    const r = readHfConfig(hf('falcon-7b'), { seqLength: 2048 });
    assert.strictEqual(r.arch.num_key_value_heads, 1);
    assert.strictEqual(r.arch.tie_word_embeddings, true);
    const p = countParams(r.arch);
    // Stored checkpoint size (safetensors/bin, lm_head.weight saved separately) as published for tiiuae/falcon-7b.
    assert.strictEqual(p.total + r.arch.vocab_size * r.arch.hidden_size, 7_217_189_760);
  });

  it('the issue\'s failure is gone: GPT-2 is no longer counted as 162,148,608 (SwiGLU, untied, bias-free)', () => {
    const p = countParams(readHfConfig(hf('gpt2'), { seqLength: 1024 }).arch);
    assert.notStrictEqual(p.total, 162_148_608);
    assert.strictEqual(p.positions, 1024 * 768);
    assert.strictEqual(p.output, 0);
  });

  it('MoE layouts: DeepSeek first_k_dense_replace dense layers, Qwen2-MoE shared expert and its gate', () => {
    const v3 = readHfConfig(hf('DeepSeek-V3'), { seqLength: 4096 }).arch;
    assert.strictEqual(v3.moe!.moe_layers, 61 - 3);
    assert.ok(v3.detail!.mla && v3.detail!.mla.q_lora_rank === 1536);
    const q = readHfConfig(hf('Qwen1.5-MoE-A2.7B'), { seqLength: 4096 }).arch;
    assert.strictEqual(q.moe!.shared_intermediate_size, 5632);
    assert.strictEqual(q.moe!.shared_expert_gate, true);
    // Removing the shared expert changes the count by exactly its three matrices and the gate, per layer.
    const without = countParams({ ...q, moe: { ...q.moe!, shared_intermediate_size: 0, shared_expert_gate: false } }).total;
    assert.strictEqual(countParams(q).total - without, 24 * (3 * 2048 * 5632 + 2048));
  });
});

describe('model configs: never silently assume', () => {
  it('the training sequence length is flagged on max_position_embeddings, not taken from it', () => {
    const r = readHfConfig(hf('DeepSeek-V3'));
    assert.strictEqual(r.seqLengthFrom, 'assumed');
    assert.strictEqual(r.arch.seq_length, 2048);
    const w = r.warnings.find((x) => /training sequence length/.test(x.message))!;
    assert.deepStrictEqual(w.path, ['max_position_embeddings']);
    assert.match(w.message, /163840/);
    assert.ok(!readHfConfig(hf('DeepSeek-V3'), { seqLength: 4096 }).warnings.some((x) => /training sequence length/.test(x.message)));
  });
  it('an unknown model_type warns, says what was assumed and offers the nearest families as fixes', () => {
    const r = readHfConfig({ ...hf('Llama-2-7b-hf'), model_type: 'lama' }, { seqLength: 4096 });
    const w = r.warnings.find((x) => x.path[0] === 'model_type')!;
    assert.match(w.message, /unknown model_type 'lama'.*Llama-style/);
    assert.strictEqual(w.fixes![0].value, 'llama');
  });
  it('an unknown activation and an unknown key warn by name; dropout, token ids and RoPE settings stay silent', () => {
    const r = readHfConfig({ ...hf('gpt2'), activation_function: 'swishy', mystery_width: 5, attn_pdrop: 0.3, bos_token_id: 7, rope_theta: 1e6 }, { seqLength: 1024 });
    const msgs = r.warnings.map((w) => w.message).join('\n');
    assert.match(msgs, /unknown activation 'swishy'/);
    assert.match(msgs, /key 'mystery_width' is not read/);
    assert.doesNotMatch(msgs, /attn_pdrop|bos_token_id|rope_theta/);
  });
  it('quantised checkpoints say the count is of the unquantised model', () => {
    assert.ok(readHfConfig(hf('DeepSeek-V3'), { seqLength: 4096 }).warnings.some((w) => w.path[0] === 'quantization_config'));
  });
  it('warnings are located on the key in the file (for the editor diagnostic and file:line:column)', () => {
    const t = fs.readFileSync(path.join(FIX, 'hf', 'gpt2.config.json'), 'utf8').replace('"gpt2"', '"gtp2"');
    const a = analyseModelConfig(t, 'config.json', 'huggingface', { seqLength: 1024 });
    const w = a.issues.find((i) => /unknown model_type/.test(i.message))!;
    assert.strictEqual(t.slice(w.offset, w.offset + w.length), '"model_type"');
    assert.strictEqual(w.fixes[0].text, '"gpt2"');
    assert.strictEqual(t.slice(w.fixes[0].offset, w.fixes[0].offset + w.fixes[0].length), '"gtp2"');
  });
});

describe('model configs: nanoGPT config files (read, never run)', () => {
  it('config/train_gpt2.py: train.py defaults bias False, vocab 50304 → nanoGPT prints "number of parameters: 123.59M"', () => {
    const r = readNanoGptConfig(text('nanogpt', 'train_gpt2.py'));
    const p = countParams(r.arch);
    // nanoGPT's log line for this config (get_num_params(), position table excluded), e.g. sample.py on its checkpoint.
    assert.strictEqual((nanoGptReportedParams(p.total, r.arch) / 1e6).toFixed(2), '123.59');
    assert.strictEqual(p.total - nanoGptReportedParams(p.total, r.arch), 1024 * 768);
    assert.strictEqual(r.arch.seq_length, 1024);
    assert.strictEqual(r.seqLengthFrom, 'config');
  });
  it('config/train_shakespeare_char.py: the vocabulary comes from meta.pkl — flagged; with 65 characters nanoGPT prints 10.65M', () => {
    const t = text('nanogpt', 'train_shakespeare_char.py');
    const flagged = readNanoGptConfig(t);
    assert.ok(flagged.warnings.some((w) => w.path[0] === 'dataset' && /meta\.pkl/.test(w.message)));
    const r = readNanoGptConfig(t, { vocabSize: 65 });
    assert.strictEqual((nanoGptReportedParams(countParams(r.arch).total, r.arch) / 1e6).toFixed(2), '10.65');
  });
  it('config/finetune_shakespeare.py: init_from gpt2-xl → GPT-2 XL as Hugging Face counts it (1,557,611,200, [K] gpt2_extra_large_en)', () => {
    const r = readNanoGptConfig(text('nanogpt', 'finetune_shakespeare.py'));
    assert.strictEqual(countParams(r.arch).total, 1_557_611_200);
  });
  it('a non-literal model value is an error naming the line, never evaluated', () => {
    const a = analyseModelConfig('n_layer = int(open("/etc/passwd").read())\nn_embd = 768\n', 'cfg.py', 'nanogpt');
    assert.strictEqual(a.issues[0].severity, 'error');
    assert.match(a.issues[0].message, /not a literal.*does not run Python/);
    assert.strictEqual(a.issues[0].offset, 0);
  });
  it('a misspelt setting warns (nanoGPT would ignore it silently)', () => {
    const r = readNanoGptConfig('n_layers = 24\nn_embd = 1024\nn_head = 16\n');
    assert.match(r.warnings.map((w) => w.message).join(), /'n_layers' is not a train.py setting.*n_layer/);
  });
});

describe('model configs: Megatron-LM launch scripts (read, never run)', () => {
  it('examples/gpt3/train_gpt3_175b_distributed.sh names only a vocab file → a clear error asking for the vocabulary', () => {
    const a = analyseModelConfig(text('megatron', 'train_gpt3_175b_distributed.sh'), 'x.sh', 'megatron');
    assert.strictEqual(a.issues[0].severity, 'error');
    assert.match(a.issues[0].message, /vocabulary size unknown.*--vocab-size.*128 × TP 8 = 1024/);
  });
  it('GPT-3 175B with --vocab-size 50257 (padded to 51200 for TP 8) = Narayanan et al. 2021 Eq. for P + the final LayerNorm', () => {
    const r = readMegatronScript(text('megatron', 'train_gpt3_175b_distributed.sh'), { vocabSize: 50257 });
    assert.strictEqual(r.arch.vocab_size, 51200);
    const [l, h, V, s] = [96, 12288, 51200, 2048];
    // Narayanan et al. 2021 (SC21, arXiv 2104.04473) §5.1: P = 12·l·h²·(1 + 13/(12h) + (V + s)/(12·l·h)) — no final LayerNorm.
    const P = 12 * l * h * h + 13 * l * h + (V + s) * h;
    assert.strictEqual(countParams(r.arch).total, P + 2 * h);
    assert.ok(Math.abs(countParams(r.arch).total - 175e9) < 0.5e9); // Brown et al. 2020, Table 2.1: 175.0B
  });
  it('examples/llama/train_llama3_8b_h100_fp8.sh: Llama-3-8B\'s shape with Megatron\'s default LayerNorm (biases) instead of RMSNorm', () => {
    const r = readMegatronScript(text('megatron', 'train_llama3_8b_h100_fp8.sh'));
    assert.strictEqual(r.arch.seq_length, 8192); // $SEQ_LENGTH expanded from the script's own assignment
    assert.strictEqual(r.arch.num_key_value_heads, 8);
    // [K] llama3_8b_en 8,030,261,248 (RMSNorm); the script keeps LayerNorm: + a bias on each of 2·32 + 1 norms.
    assert.strictEqual(countParams(r.arch).total, 8_030_261_248 + 65 * 4096);
  });
});

describe('model configs: memory people plan with', () => {
  const llama = readHfConfig(hf('Llama-2-7b-hf'), { seqLength: 4096 }).arch;
  it('ZeRO stages shard optimizer (1), + gradients (2), + weights (3) over the data-parallel degree (Rajbhandari et al. 2020, Fig. 1)', () => {
    const N = countParams(llama).total;
    const st = (z: 0 | 1 | 2 | 3) => trainingMemory(llama, { dataParallel: 64, zeroStage: z }).statesPerGpu;
    assert.strictEqual(st(0), 16 * N);
    assert.strictEqual(st(1), 2 * N + 2 * N + (12 * N) / 64);
    assert.strictEqual(st(2), 2 * N + (14 * N) / 64);
    assert.strictEqual(st(3), (16 * N) / 64);
  });
  it('tensor parallelism follows Korthikanti et al. 2022 Table 2; sequence parallelism divides all 34 by t', () => {
    const [s, b, h, L, t] = [4096, 1, 4096, 32, 8];
    const logits = (4 * s * b * 32000) / t;
    const tp = trainingMemory(llama, { tensorParallel: t, checkpointing: 'selective' }).activations;
    assert.strictEqual(tp, L * s * b * h * (10 + 24 / t) + logits);
    const sp = trainingMemory(llama, { tensorParallel: t, sequenceParallel: true, checkpointing: 'selective' }).activations;
    assert.strictEqual(sp, (L * s * b * h * 34) / t + logits);
  });
  it('KV cache: GQA stores n_kv heads; MLA stores the latent + RoPE key (DeepSeek-V2 Table 1: (d_c + d_h^R)·l per token)', () => {
    const mistral = readHfConfig(hf('Mistral-7B-v0.1'), { seqLength: 4096 }).arch;
    assert.strictEqual(inferenceMemory(mistral, { context: 1 }).kvPerToken, 2 * 32 * 8 * 128 * 2);
    const lite = readHfConfig(hf('DeepSeek-V2-Lite'), { seqLength: 4096 }).arch;
    assert.strictEqual(inferenceMemory(lite, { context: 1 }).kvPerToken, 27 * (512 + 64) * 2);
  });
  it('MLA FLOPs: scores use qk (nope + rope) width for Q·K and v_head_dim for softmax·V', () => {
    const lite = readHfConfig(hf('DeepSeek-V2-Lite'), { seqLength: 4096 }).arch;
    const f = flopsPerToken(lite);
    const h = 16;
    assert.strictEqual(f.components.attentionScores, 3 * 27 * (2 * 4096 * h * 192 + 3 * h * 4096 + 2 * 4096 * h * 128));
  });
  it('tokens per law for this N: every law\'s frontier at the returned budget picks this N', () => {
    const t = tokensForModel(countParams(llama));
    assert.ok(t.rows.length >= 8, JSON.stringify(t.skipped));
    for (const r of t.rows) assert.ok(Math.abs(r.D / r.tokensPerParam - r.N) / r.N < 1e-6, r.law);
  });
});

describe('model configs: CLI and backward', () => {
  it('forward config.json --json: the exact count, family and the warnings list', async () => {
    const r = await cli('forward', path.join(FIX, 'hf', 'gpt2.config.json'), '--json');
    assert.strictEqual(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.strictEqual(j.N, 124_439_808);
    assert.strictEqual(j.family, 'gpt2');
    assert.strictEqual(j.seqLengthFrom, 'assumed');
    assert.ok(j.warnings.some((w: { message: string; line: number }) => /training sequence length/.test(w.message) && w.line > 1));
    assert.match(r.err, /gpt2\.config\.json:\d+:\d+: warning: training sequence length not given/);
  });
  it('forward nanoGPT .py and Megatron .sh; a tokenizer-only script exits 2 with file:line:column', async () => {
    const nano = await cli('forward', path.join(FIX, 'nanogpt', 'train_gpt2.py'));
    assert.strictEqual(nano.code, 0, nano.err);
    assert.match(nano.out, /nanoGPT prints "number of parameters: 123\.59M"/);
    const bad = await cli('forward', path.join(FIX, 'megatron', 'train_gpt3_175b_distributed.sh'));
    assert.strictEqual(bad.code, 2);
    assert.match(bad.err, /train_gpt3_175b_distributed\.sh:\d+:\d+: vocabulary size unknown/);
    const ok = await cli('forward', path.join(FIX, 'megatron', 'train_gpt3_175b_distributed.sh'), '--vocab-size', '50257', '--tp', '8', '--pp', '16', '--dp', '8', '--zero', '1', '--json');
    assert.strictEqual(ok.code, 0, ok.err);
    assert.strictEqual(JSON.parse(ok.out).memory.options.tensorParallel, 8);
  });
  it('backward accepts a config.json as its architecture, with the sequence length from the backward config', () => {
    const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'h13-'));
    fs.copyFileSync(path.join(FIX, 'hf', 'Llama-2-7b-hf.config.json'), path.join(dir, 'config.json'));
    const cfg = JSON.stringify({ architecture: './config.json', sequence_length: 4096, training_gear: { num_gpus: 64, gpu_type: 'A100-SXM4-80GB', dtype: 'bf16', available_hours: 720 }, training_efficiency: { expected_mfu: 0.4 }, scaling_law: 'hoffmann2022-a3' });
    const file = path.join(dir, 'run.backward.jsonc');
    fs.writeFileSync(file, cfg);
    const a = analyseDocument(cfg, file, { readFile: (p) => (fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined) });
    assert.strictEqual(a.backward!.N, 6_738_415_616);
    assert.ok(!a.issues.some((i) => /training sequence length/.test(i.message)), a.issues.map((i) => i.message).join());
  });
  it('detects formats by name and content only', () => {
    assert.strictEqual(detectModelConfig('config.json', '{"model_type": "llama"}'), 'huggingface');
    assert.strictEqual(detectModelConfig('package.json', '{"name": "x"}'), undefined);
    assert.strictEqual(detectModelConfig('a.arch.jsonc', '{"model_type": "llama"}'), undefined);
    assert.strictEqual(detectModelConfig('train.py', 'n_layer = 6\n'), 'nanogpt');
    assert.strictEqual(detectModelConfig('model.py', 'class GPT:\n  pass\nn_layer = 6\n'), undefined);
    assert.strictEqual(detectModelConfig('run.sh', 'torchrun pretrain_gpt.py --num-layers 2 --hidden-size 64'), 'megatron');
  });
});

describe('model configs: what the editor shows', () => {
  it('the lens line: N, active, FLOPs/token with the sequence-length source, memory, and the reference law\'s D* and loss', () => {
    const read = readHfConfig(hf('Mixtral-8x7B-v0.1'));
    const r = modelReport(read);
    const line = modelLensLine(read, r);
    assert.match(line, /^N 46\.7B · active 12\.9B · /);
    assert.match(line, /FLOPs\/token \(6N; seq 2048 assumed\)/);
    const row = r.lawTokens.rows.find((x) => x.law === 'hoffmann2022-a3')!;
    assert.ok(line.includes(`hoffmann2022-a3: D* ${formatCount(row.D)}`) && line.includes(`L̂ ${formatNum(row.loss!, 4)}`), line);
    assert.strictEqual(row.N, 12_879_925_248); // MoE: the law is evaluated at the active count
  });
  it('hovers only on size keys, and escape the key (text from the user\'s file)', () => {
    const read = readHfConfig(hf('gpt2'), { seqLength: 1024 });
    const r = modelReport(read, { laws: false });
    assert.strictEqual(modelHoverMarkdown(read, r, 'attn_pdrop'), undefined);
    const md = modelHoverMarkdown(read, r, 'n_embd')!;
    assert.match(md, /124,439,808 parameters/);
    assert.match(md, /\| positions \| 786,432 \|/);
    assert.match(md, /`n\\_embd`/);
  });
  it('nanoGPT hovers say what nanoGPT prints', () => {
    const read = readNanoGptConfig(text('nanogpt', 'train_gpt2.py'));
    assert.match(modelHoverMarkdown(read, modelReport(read, { laws: false }), 'n_layer')!, /nanoGPT prints 123\.59M/);
  });
});
