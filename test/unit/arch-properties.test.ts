/**
 * Property tests (fast-check) of the config core on random valid inputs:
 *  - countParams: the total is the sum of its components and equals an independent count of the weight
 *    tensors a framework would allocate (GQA, MoE, tied/untied, SwiGLU/GELU, biases, position types);
 *  - shapeForParams: random targets 10M–100B are hit within the tolerance by a real shape;
 *  - analyseBackward: random valid configs give finite numbers (or a typed FieldError), never NaN or a crash;
 *  - random JSONC garbage and mutated examples: InputError / InputError with a line and column inside
 *    the text, or editor issues — never another exception.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { applyEdits, modify, parseTree, type JSONPath, type Node } from 'jsonc-parser';
import { countParams, flopsPerToken, normaliseArch, shapeForParams, type ArchConfig } from '../../src/core/arch';
import { analyseBackward, FieldError, readBackwardConfig } from '../../src/core/backward';
import { analyseDocument, parseJsoncStrict } from '../../src/core/config';
import { DTYPES, GPUS } from '../../src/core/hardware';
import { constantSetIds, LANGUAGES, LAW_IDS } from '../../src/core/laws';
import { parseSweepConfig } from '../../src/core/sweep';
import { InputError } from '../../src/core/errors';
import { main } from '../../src/cli/main';

const EXAMPLES = path.join(__dirname, '../../examples');
const SEED = 20240611; // fixed: a failure reproduces; fast-check prints the counterexample

/** Random valid raw architecture objects (what a user writes), with every feature combination. */
const rawArch = fc
  .record({
    headDim: fc.constantFrom(32, 64, 80, 128),
    heads: fc.integer({ min: 1, max: 48 }),
    kvDivisorIndex: fc.nat(),
    layers: fc.integer({ min: 1, max: 80 }),
    vocab: fc.integer({ min: 256, max: 256000 }),
    seq: fc.integer({ min: 64, max: 32768 }),
    ffMult: fc.double({ min: 0.5, max: 6, noNaN: true }),
    style: fc.constantFrom('llama', 'gpt2', 'chinchilla'),
    mlp: fc.option(fc.constantFrom('gelu', 'swiglu'), { nil: undefined }),
    tie: fc.option(fc.boolean(), { nil: undefined }),
    pos: fc.option(fc.constantFrom('learned', 'rope', 'relative', 'alibi', 'none'), { nil: undefined }),
    norm: fc.option(fc.constantFrom('layernorm', 'rmsnorm'), { nil: undefined }),
    bias: fc.option(fc.boolean(), { nil: undefined }),
    moe: fc.option(
      fc.record({ experts: fc.integer({ min: 1, max: 16 }), activeFrac: fc.double({ min: 0, max: 1, noNaN: true }), expertFf: fc.option(fc.integer({ min: 16, max: 8192 }), { nil: undefined }), shared: fc.integer({ min: 0, max: 2 }) }),
      { nil: undefined },
    ),
  })
  .map((r) => {
    const divisors = Array.from({ length: r.heads }, (_, i) => i + 1).filter((k) => r.heads % k === 0);
    const d = r.heads * r.headDim;
    const o: Record<string, unknown> = {
      style: r.style,
      hidden_size: d,
      num_hidden_layers: r.layers,
      num_attention_heads: r.heads,
      num_key_value_heads: divisors[r.kvDivisorIndex % divisors.length],
      intermediate_size: Math.max(1, Math.round(r.ffMult * d)),
      vocab_size: r.vocab,
      seq_length: r.seq,
    };
    if (r.mlp) o.mlp_type = r.mlp;
    if (r.tie !== undefined) o.tie_word_embeddings = r.tie;
    if (r.pos) o.position_embedding = r.pos;
    if (r.norm) o.norm_type = r.norm;
    if (r.bias !== undefined) o.bias = r.bias;
    if (r.moe) {
      const k = Math.max(1, Math.round(r.moe.activeFrac * r.moe.experts));
      o.moe = { num_experts: r.moe.experts, num_experts_per_tok: k, num_shared_experts: r.moe.shared, ...(r.moe.expertFf ? { expert_intermediate_size: r.moe.expertFf } : {}) };
    }
    return o;
  });

/**
 * The weight tensors of the model as a framework allocates them (names as in Hugging Face / nanoGPT),
 * written out independently of countParams' closed form.
 */
function stateDict(a: ArchConfig): Array<[string, number[]]> {
  const d = a.hidden_size;
  const q = a.num_attention_heads * a.head_dim;
  const kv = a.num_key_value_heads * a.head_dim;
  const t: Array<[string, number[]]> = [['embed_tokens', [a.vocab_size, d]]];
  if (a.position_embedding === 'learned') t.push(['embed_positions', [a.seq_length, d]]);
  const norm = (name: string) => {
    t.push([`${name}.weight`, [d]]);
    if (a.norm_type === 'layernorm' && a.bias) t.push([`${name}.bias`, [d]]);
  };
  const linear = (name: string, out: number, inp: number, bias = a.bias) => {
    t.push([`${name}.weight`, [out, inp]]);
    if (bias) t.push([`${name}.bias`, [out]]);
  };
  const mlp = (p: string, ff: number) => {
    if (a.mlp_type === 'swiglu') {
      linear(`${p}.gate_proj`, ff, d);
      linear(`${p}.up_proj`, ff, d);
      linear(`${p}.down_proj`, d, ff);
    } else {
      linear(`${p}.fc_in`, ff, d);
      linear(`${p}.fc_out`, d, ff);
    }
  };
  for (let l = 0; l < a.num_hidden_layers; l++) {
    const p = `layers.${l}`;
    norm(`${p}.input_norm`);
    linear(`${p}.q_proj`, q, d);
    linear(`${p}.k_proj`, kv, d);
    linear(`${p}.v_proj`, kv, d);
    linear(`${p}.o_proj`, d, q);
    if (a.position_embedding === 'relative') {
      // Transformer-XL: projection of the relative encodings and the two global content/position biases.
      linear(`${p}.r_proj`, q, d, false);
      t.push([`${p}.r_w_bias`, [q]], [`${p}.r_r_bias`, [q]]);
    }
    norm(`${p}.post_attention_norm`);
    if (a.moe) {
      linear(`${p}.router`, a.moe.num_experts, d, false);
      for (let e = 0; e < a.moe.num_experts + a.moe.num_shared_experts; e++) mlp(`${p}.experts.${e}`, a.moe.expert_intermediate_size);
    } else {
      mlp(`${p}.mlp`, a.intermediate_size);
    }
  }
  norm('final_norm');
  if (!a.tie_word_embeddings) t.push(['lm_head', [a.vocab_size, d]]);
  return t;
}
const numel = (ts: Array<[string, number[]]>) => ts.reduce((s, [, shape]) => s + shape.reduce((x, y) => x * y, 1), 0);

describe('properties: countParams', function () {
  this.timeout(60000); // property runs; the machine is shared
  it('total = embeddings + positions + attention + MLP + norms + output, and equals the weight tensors counted one by one', () => {
    fc.assert(
      fc.property(rawArch, (raw) => {
        const a = normaliseArch(raw);
        const p = countParams(a);
        assert.strictEqual(p.total, p.embeddings + p.positions + p.attention + p.mlp + p.norms + p.output);
        assert.strictEqual(p.total, numel(stateDict(a)));
        assert.strictEqual(p.nonEmbedding, p.total - p.embeddings - p.positions - p.output);
        assert.ok(Number.isSafeInteger(p.total));
        if (a.moe) {
          const expert = p.perLayer.mlp - a.hidden_size * a.moe.num_experts; // router excluded
          const perExpert = expert / (a.moe.num_experts + a.moe.num_shared_experts);
          assert.strictEqual(p.total - p.active, a.num_hidden_layers * (a.moe.num_experts - a.moe.num_experts_per_tok) * perExpert);
        } else {
          assert.strictEqual(p.active, p.total);
        }
        // Tying removes exactly one V×d matrix; GQA shrinks K and V only.
        const untied = countParams({ ...a, tie_word_embeddings: false }).total;
        const tied = countParams({ ...a, tie_word_embeddings: true }).total;
        assert.strictEqual(untied - tied, a.vocab_size * a.hidden_size);
        const mha = countParams({ ...a, num_key_value_heads: a.num_attention_heads }).total;
        const kvSaved = a.num_hidden_layers * 2 * (a.num_attention_heads - a.num_key_value_heads) * a.head_dim * (a.hidden_size + (a.bias ? 1 : 0));
        assert.strictEqual(mha - p.total, kvSaved);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('FLOPs per token: 6N uses the active parameters; exact ≥ the Table A4 count; all finite and positive', () => {
    fc.assert(
      fc.property(rawArch, (raw) => {
        const a = normaliseArch(raw);
        const f = flopsPerToken(a);
        assert.strictEqual(f.sixN, 6 * countParams(a).active);
        assert.ok(f.exact > f.tableA4 && f.tableA4 > 0);
        for (const x of [f.sixN, f.exact, f.ratio, f.tableA4Ratio]) assert.ok(Number.isFinite(x) && x > 0);
        // Attention scores grow linearly with the context; nothing else does.
        const g = flopsPerToken(a, 2 * a.seq_length);
        assert.ok(Math.abs(g.exact - f.exact - f.components.attentionScores) <= 1e-9 * g.exact);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});

describe('properties: shapeForParams', function () {
  this.timeout(60000); // property runs; the machine is shared
  it('hits random targets 10M–100B within its tolerance with a real shape (heads × head_dim = width, N recounted)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: Math.log(1e7), max: Math.log(1e11), noNaN: true }).map(Math.exp),
        fc.constantFrom({ style: 'llama', vocab_size: 32000 }, { style: 'gpt2', vocab_size: 50257, seq_length: 1024 }, { style: 'llama', vocab_size: 50304, num_key_value_heads: 4 }),
        fc.constantFrom(0.02, 0.05),
        (target, base, tolerance) => {
          const r = shapeForParams(target, { base, tolerance });
          assert.ok(!r.outsideTolerance, `target ${target}: best ${r.N} (${(r.relError * 100).toFixed(2)} %)`);
          assert.ok(Math.abs(r.relError) <= tolerance, `|relError| ${r.relError} > ${tolerance}`);
          assert.strictEqual(r.N, countParams(r.arch).total);
          assert.ok(Math.abs(r.N / target - 1 - r.relError) < 1e-12);
          const a = r.arch;
          assert.strictEqual(a.num_attention_heads * a.head_dim, a.hidden_size);
          assert.strictEqual(a.num_attention_heads % a.num_key_value_heads, 0);
          assert.strictEqual(a.hidden_size % 64, 0);
          assert.strictEqual(a.vocab_size, base.vocab_size);
        },
      ),
      { seed: SEED, numRuns: 40 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------

/** Random valid backward configs (JSON as a user would write it). */
const rawBackward = fc
  .record({
    model: fc.oneof(rawArch.map((a) => ({ architecture: a })), fc.double({ min: 1e5, max: 2e12, noNaN: true }).map((n) => ({ parameters: n }))),
    gpu: fc.oneof(fc.constantFrom(...GPUS.map((g) => ({ gpu_type: g.id }))), fc.double({ min: 1e11, max: 5e15, noNaN: true }).map((p) => ({ peak_flops_per_gpu: p }))),
    dtype: fc.constantFrom(...DTYPES),
    gpus: fc.integer({ min: 1, max: 100000 }),
    hours: fc.double({ min: 0.01, max: 1e5, noNaN: true }),
    mfu: fc.double({ min: 1e-4, max: 1, noNaN: true }),
    uptime: fc.option(fc.double({ min: 1e-3, max: 1, noNaN: true }), { nil: undefined }),
    total: fc.option(fc.double({ min: 1e6, max: 1e15, noNaN: true }), { nil: undefined }),
    unique: fc.option(fc.double({ min: 1e6, max: 1e15, noNaN: true }), { nil: undefined }),
    language: fc.option(fc.constantFrom(...LANGUAGES), { nil: undefined }),
    law: fc.constantFrom(...LAW_IDS).chain((id) => fc.constantFrom<unknown>(id, { id }, ...constantSetIds(id).map((s) => ({ id, constant_set: s })))),
    batch: fc.option(fc.integer({ min: 1, max: 1 << 24 }), { nil: undefined }),
    fpt: fc.option(fc.constantFrom('6N', 'exact'), { nil: undefined }),
    memory: fc.option(fc.record({ micro_batch_size: fc.integer({ min: 1, max: 64 }), flash_attention: fc.boolean(), activation_checkpointing: fc.constantFrom('none', 'selective', 'full'), optimizer: fc.constantFrom('adamw', 'sgd') }), { nil: undefined }),
  })
  .map((r) => ({
    ...r.model,
    training_gear: { ...r.gpu, dtype: r.dtype, num_gpus: r.gpus, available_hours: r.hours },
    training_efficiency: { expected_mfu: r.mfu, ...(r.uptime !== undefined ? { uptime: r.uptime } : {}) },
    dataset: { ...(r.total !== undefined ? { total_tokens: r.total } : {}), ...(r.unique !== undefined ? { unique_tokens: r.unique } : {}), ...(r.language ? { language: r.language } : {}) },
    scaling_law: r.law,
    ...(r.batch !== undefined ? { batch_size_tokens: r.batch } : {}),
    ...(r.fpt ? { flops_per_token: r.fpt } : {}),
    ...(r.memory ? { memory: r.memory } : {}),
  }));

describe('properties: analyseBackward', function () {
  this.timeout(60000); // property runs; the machine is shared
  it('random valid configs give finite, positive numbers (or a FieldError saying the GPU has no peak for the dtype)', () => {
    const seen = { analysed: 0, noPeak: 0, withLoss: 0 };
    fc.assert(
      fc.property(rawBackward, (raw) => {
        let res;
        try {
          res = analyseBackward(readBackwardConfig(raw, { fileName: '/x/run.backward.jsonc' }).config);
        } catch (e) {
          if (e instanceof FieldError && e.problem.path.join('.') === 'training_gear.dtype' && /no .*peak|dense peak/i.test(e.message)) {
            seen.noPeak++;
            return;
          }
          throw e;
        }
        seen.analysed++;
        if (res.loss !== null) seen.withLoss++;
        const positive = (what: string, x: number | undefined) => assert.ok(x !== undefined && Number.isFinite(x) && x > 0, `${what} = ${x}`);
        for (const k of ['N', 'compute', 'peakFlopsPerGpu', 'gpuHours', 'flopsPerToken', 'D', 'tokensPerParam'] as const) positive(k, res[k]);
        positive('lawSize.N', res.lawSize.N);
        assert.ok(res.loss === null || (Number.isFinite(res.loss) && res.loss > 0), `loss ${res.loss}`);
        if (res.optimum) {
          positive('optimum.N', res.optimum.N);
          positive('optimum.D', res.optimum.D);
          assert.ok(res.optimum.loss === null || Number.isFinite(res.optimum.loss));
          positive('sizeVsOptimum', res.sizeVsOptimum ?? undefined);
        }
        if (res.steps !== undefined) positive('steps', res.steps);
        if (res.dataset.epochs !== undefined) positive('epochs', res.dataset.epochs);
        if (res.memory) for (const [k, v] of Object.entries(res.memory)) if (typeof v === 'number') assert.ok(Number.isFinite(v) && v >= 0, `memory.${k} = ${v}`);
        for (const f of res.findings) assert.ok(!/NaN|undefined|Infinity/.test(f.message), f.message);
        // C = GPUs × peak × MFU × uptime × hours × 3600.
        const g = raw.training_gear;
        const expected = g.num_gpus * res.peakFlopsPerGpu * raw.training_efficiency.expected_mfu * (raw.training_efficiency.uptime ?? 1) * g.available_hours * 3600;
        assert.ok(Math.abs(res.compute / expected - 1) < 1e-12);
      }),
      { seed: SEED, numRuns: 300 },
    );
    // The generator must exercise the analysis itself, not mostly the no-peak refusal.
    assert.ok(seen.analysed >= 200 && seen.withLoss >= 100, JSON.stringify(seen));
  });
});

// ---------------------------------------------------------------------------------------------------------

/** 1-based (line, column) must point inside the text (column may be one past the end of its line). */
function assertInside(text: string, line: number, column: number): void {
  const lines = text.split('\n');
  assert.ok(Number.isInteger(line) && line >= 1 && line <= lines.length, `line ${line} of ${lines.length}`);
  assert.ok(Number.isInteger(column) && column >= 1 && column <= lines[line - 1].length + 1, `column ${column} of line ${line} (${lines[line - 1].length} chars)`);
}

const examples = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.jsonc')).map((f) => ({ name: f, text: fs.readFileSync(path.join(EXAMPLES, f), 'utf8') }));
const JSONISH = ['{', '}', '[', ']', '"', ':', ',', '/', '*', '\n', ' ', '\\', '1', 'e', '-', '.', 'true', 'null', '//', '/*', '*/', '"a"', 'é', '\u2028', '\t', '\r\n'];
const garbage = fc.array(fc.oneof(fc.constantFrom(...JSONISH), fc.string({ maxLength: 4 })), { maxLength: 60 }).map((xs) => xs.join(''));
/** An example with a few random insertions and deletions (mostly-valid configs are the realistic input). */
const mutated = fc
  .record({ ex: fc.constantFrom(...examples), edits: fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), del: fc.integer({ min: 0, max: 6 }), ins: fc.constantFrom('', ...JSONISH) }), { minLength: 1, maxLength: 4 }) })
  .map(({ ex, edits }) => {
    let t = ex.text;
    for (const e of edits) {
      const i = Math.floor(e.at * t.length);
      t = t.slice(0, i) + e.ins + t.slice(i + e.del);
    }
    return { name: ex.name, text: t };
  });
/** Every JSON path of a document's values (objects' properties and array items, nested). */
function valuePaths(text: string): JSONPath[] {
  const out: JSONPath[] = [];
  const walk = (n: Node | undefined, at: JSONPath) => {
    if (!n) return;
    if (n.type === 'object') for (const prop of n.children ?? []) { const [k, v] = prop.children ?? []; if (k) { out.push([...at, String(k.value)]); walk(v, [...at, String(k.value)]); } }
    if (n.type === 'array') (n.children ?? []).forEach((c, i) => { out.push([...at, i]); walk(c, [...at, i]); });
  };
  walk(parseTree(text), []);
  return out;
}
/** An example with one value replaced by random JSON, deleted, or a random key added (comments kept; still valid JSONC). */
const valueMutated = fc
  .record({ ex: fc.constantFrom(...examples), which: fc.nat(), value: fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }), newKey: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }) })
  .map(({ ex, which, value, newKey }) => {
    const paths = valuePaths(ex.text);
    const target = paths[which % paths.length];
    const at = newKey !== undefined ? [...target.slice(0, -1), newKey] : target;
    const edits = modify(ex.text, at, value, { formattingOptions: { insertSpaces: true, tabSize: 2 } });
    return { name: ex.name, text: applyEdits(ex.text, edits) };
  });
const anyText = fc.oneof(garbage.map((text) => ({ name: 'garbage.backward.jsonc', text })), mutated, valueMutated);

describe('properties: JSONC garbage', function () {
  this.timeout(60000); // property runs; the machine is shared
  it('parseJsoncStrict: InputError with a line and column inside the text, or an object', () => {
    const seen = { ok: 0, errors: 0 };
    fc.assert(
      fc.property(anyText, ({ name, text }) => {
        try {
          const p = parseJsoncStrict(text, name);
          assert.strictEqual(p.root?.type, 'object');
          seen.ok++;
        } catch (e) {
          seen.errors++;
          assert.ok(e instanceof InputError, `${(e as Error).name}: ${(e as Error).message}`);
          assert.strictEqual(e.file, name);
          assertInside(text, e.line, e.column);
          assert.strictEqual(e.message, `${name}:${e.line}:${e.column}: ${e.detail}`);
        }
      }),
      { seed: SEED, numRuns: 500 },
    );
    assert.ok(seen.ok >= 50 && seen.errors >= 200, JSON.stringify(seen)); // both outcomes exercised
  });

  it('parseSweepConfig: InputError with a line and column inside the text, or a config', () => {
    fc.assert(
      fc.property(anyText, ({ text }) => {
        try {
          parseSweepConfig(text, 'x.sweep.jsonc');
        } catch (e) {
          assert.ok(e instanceof InputError, `${(e as Error).name}: ${(e as Error).message}`);
          assertInside(text, e.line, e.column);
        }
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('analyseDocument (code lens, hovers, diagnostics) never throws; every issue lies inside the text', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom('x.arch.jsonc', 'x.backward.jsonc', 'backward_scaling_1.jsonc'), ({ text }, fileName) => {
        const archText = examples.find((e) => e.name === 'llama-1.3b.arch.jsonc')!.text;
        const a = analyseDocument(text, `/w/${fileName}`, { readFile: (p) => (p.endsWith('.arch.jsonc') ? archText : undefined) });
        for (const i of a.issues) {
          assert.ok(i.offset >= 0 && i.offset + i.length <= Math.max(text.length, 1) + 1, `${i.code} at ${i.offset}+${i.length} of ${text.length}`);
          for (const f of i.fixes) assert.ok(f.edit.offset >= 0 && f.edit.offset + f.edit.length <= text.length);
        }
        if (a.backward) for (const k of ['N', 'compute', 'D'] as const) assert.ok(Number.isFinite(a.backward[k]));
        if (a.forward) assert.ok(Number.isSafeInteger(a.forward.N));
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('CLI forward/backward on garbage: exit 0, or exit 1/2 with one line on stderr — never a stack trace', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'garbage-'));
    const codes: Record<number, number> = {};
    try {
      await fc.assert(
        fc.asyncProperty(anyText, fc.constantFrom('forward', 'backward'), async ({ text }, cmd) => {
          const file = path.join(dir, cmd === 'forward' ? 'g.arch.jsonc' : 'g.backward.jsonc');
          fs.writeFileSync(file, text);
          fs.writeFileSync(path.join(dir, 'llama-1.3b.arch.jsonc'), examples.find((e) => e.name === 'llama-1.3b.arch.jsonc')!.text);
          const err: string[] = [];
          const code = await main([cmd, file, '--json'], { out: () => undefined, err: (s) => err.push(s) });
          codes[code] = (codes[code] ?? 0) + 1;
          if (code === 0) return;
          assert.ok(code === 1 || code === 2, `exit ${code}`);
          assert.ok(err.length >= 1 && !err.join('\n').includes('    at '), err.join('\n'));
          const m = /:(\d+):(\d+): /.exec(err[0]);
          if (m && err[0].includes(file)) assertInside(text, Number(m[1]), Number(m[2]));
        }),
        { seed: SEED, numRuns: 150 },
      );
      assert.ok((codes[0] ?? 0) >= 10 && (codes[2] ?? 0) >= 50, JSON.stringify(codes));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
