/**
 * Training logs in every supported format recover the law they were generated from (issue 14, "Done when"):
 * synthetic learning curves from L = E + A/N^α + B/D^β (Hoffmann et al. 2022 Eq. 10 constants, rounded:
 * E 1.69, A 406.4, B 410.7, α 0.34, β 0.28) with seeded 0.3 % multiplicative noise, written as a folder of
 * per-run CSVs, a W&B chart export, JSONL metrics and TensorBoard event files (real TFRecord framing with
 * masked CRC32C, Event protobufs encoded with protobufjs), then fitted through the CLI: α and β within 10 %,
 * E within 2 %.
 */
import * as assert from 'assert';
import { mkdtempSync, mkdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../src/cli/main';
import protobuf from 'protobufjs/light';
import { frameRecord, readTensorboard, maskedCrc32c } from '../../src/core/logs';
import { mulberry32 } from '../../src/core/stats/rng';

/**
 * The writer's side: tensorflow/core/util/event.proto and summary.proto (the fields TensorBoard scalars use),
 * encoded by protobufjs's reflection encoder, independent of the reader's hand-decoded fields.
 */
const EventType = protobuf.Root.fromJSON({
  nested: {
    tb: {
      nested: {
        Event: { fields: { wall_time: { type: 'double', id: 1 }, step: { type: 'int64', id: 2 }, file_version: { type: 'string', id: 3 }, summary: { type: 'Summary', id: 5 } } },
        Summary: { fields: { value: { rule: 'repeated', type: 'Value', id: 1 } } },
        Value: {
          fields: {
            node_name: { type: 'string', id: 7 },
            tag: { type: 'string', id: 1 },
            simple_value: { type: 'float', id: 2 },
            image: { type: 'Image', id: 4 },
            tensor: { type: 'TensorProto', id: 8 },
            metadata: { type: 'SummaryMetadata', id: 9 },
          },
        },
        Image: { fields: { height: { type: 'int32', id: 1 }, width: { type: 'int32', id: 2 }, encoded_image_string: { type: 'bytes', id: 4 } } },
        SummaryMetadata: { fields: { plugin_data: { type: 'PluginData', id: 1 }, display_name: { type: 'string', id: 2 } } },
        PluginData: { fields: { plugin_name: { type: 'string', id: 1 }, content: { type: 'bytes', id: 2 } } },
        TensorProto: {
          fields: {
            dtype: { type: 'int32', id: 1 },
            tensor_content: { type: 'bytes', id: 4 },
            float_val: { rule: 'repeated', type: 'float', id: 5 },
            double_val: { rule: 'repeated', type: 'double', id: 6 },
          },
        },
        // The same TensorProto with float_val / double_val unpacked (proto2 writers emit one field per value).
        TensorProtoUnpacked: {
          fields: {
            dtype: { type: 'int32', id: 1 },
            float_val: { rule: 'repeated', type: 'float', id: 5, options: { packed: false } },
            double_val: { rule: 'repeated', type: 'double', id: 6, options: { packed: false } },
          },
        },
      },
    },
  },
}).lookupType('tb.Event');

const LAW = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };
const lawLoss = (N: number, D: number) => LAW.E + LAW.A / N ** LAW.alpha + LAW.B / D ** LAW.beta;
/** Runs: size name, N, final tokens (20–80 tokens per parameter), tokens per step. */
const SIZES: Array<[string, number]> = [['20M', 20e6], ['60M', 60e6], ['150M', 150e6], ['400M', 400e6], ['1B', 1e9], ['2.7B', 2.7e9]];
const TPS = 524288; // 256 × 2048 tokens per step
const WARMUP_STEPS = 20;

interface Point { step: number; tokens: number; loss: number; lr: number }
function curve(N: number, i: number, seed: number): Point[] {
  const rng = mulberry32(seed);
  const finalTokens = N * (20 + 12 * i);
  const steps = Math.ceil(finalTokens / TPS);
  const every = Math.max(1, Math.floor(steps / 60));
  const out: Point[] = [];
  for (let s = every; s <= steps; s += every) {
    const noise = 1 + 0.003 * (2 * rng() - 1);
    // Warm-up: lr ramps to 3e-4 over WARMUP_STEPS, then constant (a constant-LR run: checkpoints are fair).
    out.push({ step: s, tokens: s * TPS, loss: lawLoss(N, s * TPS) * noise, lr: 3e-4 * Math.min(1, s / WARMUP_STEPS) });
  }
  return out;
}

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function fitJson(args: string[]) {
  const r = await cli(['fit', ...args, '--json', '--bootstrap', '0', '--cv', '0', '--no-loo']);
  assert.strictEqual(r.code, 0, r.err);
  return JSON.parse(r.out);
}

function assertRecovers(j: { params: Record<string, number> }, what: string) {
  const rel = (k: keyof typeof LAW) => Math.abs(j.params[k] - LAW[k]) / LAW[k];
  assert.ok(rel('alpha') < 0.1, `${what}: α = ${j.params.alpha} (law ${LAW.alpha})`);
  assert.ok(rel('beta') < 0.1, `${what}: β = ${j.params.beta} (law ${LAW.beta})`);
  assert.ok(rel('E') < 0.02, `${what}: E = ${j.params.E} (law ${LAW.E})`);
}

describe('training logs: every format recovers the generating law', function () {
  this.timeout(120000);
  const dir = mkdtempSync(join(tmpdir(), 'sl-logs-'));

  it('a folder of per-run CSV logs (N from the file name, tokens column, lr → constant schedule)', async () => {
    const folder = join(dir, 'csv');
    mkdirSync(folder);
    SIZES.forEach(([name, N], i) => {
      const rows = curve(N, i, 100 + i).map((p) => `${p.step},${p.tokens},${p.loss},${p.lr}`);
      writeFileSync(join(folder, `gpt-${name}.csv`), ['step,tokens,val_loss,lr', ...rows].join('\n'));
    });
    const j = await fitJson([folder]);
    assertRecovers(j, 'CSV folder');
    assert.strictEqual(j.curves.runs.length, 6);
    assert.deepStrictEqual(j.curves.runs.map((r: { N: number }) => r.N).sort((a: number, b: number) => a - b), SIZES.map(([, N]) => N));
    for (const r of j.curves.runs) assert.ok(r.schedule === 'constant' && /name '/.test(r.nSource), JSON.stringify(r));
    assert.strictEqual(j.curves.weighting.method, 'resampled');
    assert.strictEqual(j.curves.dropWarmup, 0.1);
    assert.strictEqual(j.columns.loss, 'val_loss');
  });

  it('a W&B chart export (Step, "<run> - val/loss", __MIN/__MAX), tokens = step × --tokens-per-step', async () => {
    const curves = SIZES.map(([, N], i) => curve(N, i, 200 + i));
    const steps = [...new Set(curves.flatMap((c) => c.map((p) => p.step)))].sort((a, b) => a - b);
    const header = ['Step', ...SIZES.flatMap(([name]) => [`gpt-${name} - val/loss`, `gpt-${name} - val/loss__MIN`, `gpt-${name} - val/loss__MAX`])];
    const lines = steps.map((s) => [s, ...curves.flatMap((c): Array<number | string> => {
      const p = c.find((q) => q.step === s);
      return p ? [p.loss, p.loss * 0.99, p.loss * 1.01] : ['', '', ''];
    })].join(','));
    const file = join(dir, 'wandb_export.csv');
    writeFileSync(file, [header.map((h) => `"${h}"`).join(','), ...lines].join('\n'));
    const j = await fitJson([file, '--logs', '--tokens-per-step', String(TPS)]);
    assertRecovers(j, 'W&B export');
    assert.strictEqual(j.curves.runs.length, 6);
    assert.ok(j.summary.notes.some((n: string) => /W&B chart export: 6 runs/.test(n)));
    assert.ok(j.summary.notes.some((n: string) => /__MIN\/__MAX columns \(12\) ignored/.test(n)));
    // No learning rate in a chart export: the output says what was assumed.
    assert.ok(j.summary.notes.some((n: string) => /no learning rate logged for 6 runs/.test(n)));
  });

  it('JSONL metrics with a config line (tokens = steps × batch × seq_len, N from config)', async () => {
    const folder = join(dir, 'jsonl');
    mkdirSync(folder);
    SIZES.forEach(([, N], i) => {
      const lines = [JSON.stringify({ config: { batch_size: 256, seq_len: 2048, n_params: N } })];
      for (const p of curve(N, i, 300 + i)) {
        lines.push(JSON.stringify({ step: p.step, train: { loss: p.loss * 1.02 } }));
        lines.push(JSON.stringify({ step: p.step, val: { loss: p.loss }, lr: p.lr }));
      }
      writeFileSync(join(folder, `run${i}.jsonl`), lines.join('\n'));
    });
    const j = await fitJson([folder]);
    assertRecovers(j, 'JSONL');
    assert.ok(j.curves.runs.every((r: { nSource: string }) => r.nSource === "config 'n_params'"));
    assert.ok(j.summary.notes.some((n: string) => /tokens = step × 524288 \(batch_size 256 × seq_len 2048/.test(n)), j.summary.notes.join('\n'));
    assert.strictEqual(j.columns.loss, 'val/loss');
  });

  it('TensorBoard event files (one directory per run, simple_value and TF2 tensor scalars)', async () => {
    const folder = join(dir, 'tb');
    SIZES.forEach(([name, N], i) => {
      const runDir = join(folder, `gpt-${name}`);
      mkdirSync(runDir, { recursive: true });
      const records: Uint8Array[] = [frameRecord(EventType.encode(EventType.create({ wall_time: 1, file_version: 'brain.Event:2' })).finish())];
      for (const p of curve(N, i, 400 + i)) {
        // val/loss as PyTorch's SummaryWriter writes it (simple_value); lr as TF2 does (a scalar tensor).
        const ev = EventType.fromObject({
          wall_time: 2,
          step: p.step,
          summary: {
            value: [
              { tag: 'val/loss', simple_value: p.loss },
              { tag: 'lr', tensor: { dtype: 1, float_val: [p.lr] }, metadata: { plugin_data: { plugin_name: 'scalars' } } },
            ],
          },
        });
        records.push(frameRecord(EventType.encode(ev).finish()));
      }
      writeFileSync(join(runDir, 'events.out.tfevents.1700000000.host.1.0'), Buffer.concat(records));
    });
    const j = await fitJson([folder, '--tokens-per-step', String(TPS)]);
    // simple_value is a float32: the loss is stored to ~1e-7 relative, far below the noise.
    assertRecovers(j, 'TensorBoard');
    assert.strictEqual(j.curves.runs.length, 6);
    assert.ok(j.curves.runs.every((r: { schedule: string; nSource: string }) => r.schedule === 'constant' && /run name/.test(r.nSource)));
  });

  it('TensorBoard Event decoding: every scalar encoding, other plugins and unknown fields skipped, 64-bit steps', () => {
    const root = EventType.root;
    const Unpacked = root.lookupType('tb.TensorProtoUnpacked');
    // A Value whose tensor is encoded with unpacked repeated fields, framed by hand with protobufjs's Writer.
    const unpackedValue = (tag: string, tensor: Record<string, unknown>) => {
      const t = Unpacked.encode(Unpacked.fromObject(tensor)).finish();
      const v = protobuf.Writer.create().uint32((1 << 3) | 2).string(tag).uint32((8 << 3) | 2).bytes(t).finish();
      return protobuf.Writer.create().uint32((2 << 3) | 0).int64(7).uint32((5 << 3) | 2).fork().uint32((1 << 3) | 2).bytes(v).ldelim().finish();
    };
    const f32 = new Uint8Array(new Float32Array([2.5]).buffer);
    const f64 = new Uint8Array(new Float64Array([1 / 3]).buffer);
    const bigStep = 2 ** 33 + 5;
    const events = [
      { step: 1, summary: { value: [{ tag: 'a', simple_value: 0.5 }, { tag: 'b', tensor: { dtype: 1, tensor_content: f32 } }] } },
      { step: 1, summary: { value: [{ tag: 'c', tensor: { dtype: 2, tensor_content: f64 } }, { tag: 'd', tensor: { dtype: 2, double_val: [0.25] } }] } },
      // An image (another plugin) and a value with unknown fields only: no column.
      { step: 2, summary: { value: [{ tag: 'img', image: { height: 1, width: 1, encoded_image_string: new Uint8Array([1, 2, 3]) }, metadata: { plugin_data: { plugin_name: 'images' } } }, { tag: 'x', node_name: 'n' }] } },
      { step: bigStep, summary: { value: [{ tag: 'a', simple_value: 0.75, metadata: { display_name: 'A', plugin_data: { plugin_name: 'scalars', content: new Uint8Array([9]) } } }] } },
      // A two-element tensor is not a scalar.
      { step: 3, summary: { value: [{ tag: 'vec', tensor: { dtype: 1, float_val: [1, 2] } }] } },
    ].map((e) => frameRecord(EventType.encode(EventType.fromObject(e)).finish()));
    events.push(frameRecord(unpackedValue('u', { dtype: 1, float_val: [4.5] })), frameRecord(unpackedValue('w', { dtype: 2, double_val: [0.125] })));
    const t = readTensorboard(Buffer.concat(events), 'run/events.out.tfevents.2');
    assert.deepStrictEqual(t.headers, ['step', 'a', 'b', 'c', 'd', 'u', 'w']);
    const byStep = new Map(t.rows.map((r) => [r[0], Object.fromEntries(t.headers.map((h, i) => [h, r[i]]))]));
    assert.deepStrictEqual([...byStep.keys()], [1, 7, bigStep]);
    assert.deepStrictEqual(byStep.get(1), { step: 1, a: 0.5, b: 2.5, c: 1 / 3, d: 0.25, u: undefined, w: undefined });
    assert.deepStrictEqual(byStep.get(7), { step: 7, a: undefined, b: undefined, c: undefined, d: undefined, u: 4.5, w: 0.125 });
    assert.strictEqual(byStep.get(bigStep)!.a, 0.75, 'the scalars plugin is read, and a 64-bit step kept exactly');
    // A record whose CRC is right but whose bytes are not an Event: located, named.
    const junk = frameRecord(new Uint8Array([(5 << 3) | 2, 50, 1]));
    assert.throws(() => readTensorboard(junk, 'g'), /g:1:1: record 1: not an Event protobuf/);
  });

  it('TensorBoard framing: the masked CRC32C matches TensorFlow, a flipped byte is refused, a torn tail is skipped', () => {
    // CRC32C("123456789") = 0xE3069283 (the standard check value); TF's mask rotates by 15 and adds 0xa282ead8.
    const crc = 0xe3069283;
    const masked = ((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) >>> 0;
    assert.strictEqual(maskedCrc32c(new TextEncoder().encode('123456789')), masked);
    const ev = EventType.fromObject({ step: 5, summary: { value: [{ tag: 'loss', simple_value: 3.5 }] } });
    const rec = frameRecord(EventType.encode(ev).finish());
    const t = readTensorboard(rec, 'x/run/events.out.tfevents.1');
    assert.deepStrictEqual(t.headers, ['step', 'loss']);
    assert.strictEqual(t.defaultRun, 'run');
    const bad = Uint8Array.from(rec);
    bad[14] ^= 1;
    assert.throws(() => readTensorboard(bad, 'f'), /f:1:1: record 1 .*data CRC mismatch/);
    const torn = Buffer.concat([rec, rec.subarray(0, rec.length - 3)]);
    assert.ok(readTensorboard(torn, 'f').notes.some((n) => /record 2 is truncated/.test(n)));
  });
});
