/**
 * Config files end to end: JSONC errors with line/column, kind detection, old and new shapes, located
 * issues and quick-fix edits, schemas consistent with the GPU table and the law registry, templates,
 * the code-lens/hover text, and the forward/backward CLI.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { formatCount, formatSci } from '../../src/core/format';
import { analyseDocument, detectKind, hoverMarkdown, lineColumn, parseJsoncStrict, plannerPatch, summaryLine, TEMPLATES } from '../../src/core/config';
import { acceptedPlannerPatch } from '../../src/extension/configs/planner';
import { GPUS } from '../../src/core/hardware';
import { LAW_IDS } from '../../src/core/laws';
import { CONSTANT_SET_IDS, LEGACY_LAWS } from '../../src/core/backward';
import { InputError } from '../../src/core/errors';
import { main } from '../../src/cli/main';
import { parseSweepConfig } from '../../src/core/sweep/config';
import * as os from 'os';

const ROOT = path.resolve(__dirname, '../..');
const ex = (f: string) => path.join(ROOT, 'examples', f);
const read = (p: string): string | undefined => {
  try {
    return fs.readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
};
const analyse = (text: string, file = '/tmp/x.backward.jsonc') => analyseDocument(text, file, { readFile: read });
const applyFix = (text: string, e: { offset: number; length: number; text: string }) => text.slice(0, e.offset) + e.text + text.slice(e.offset + e.length);

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => (out += s + '\n'), err: (s) => (err += s + '\n') });
  return { code, out, err };
}

describe('config: JSONC parsing', () => {
  it('reports the line and column of a syntax error', () => {
    const text = '{\n  "a": 1,\n  "b": ,\n}';
    assert.throws(() => parseJsoncStrict(text, 'f.jsonc'), (e: InputError) => e.message === 'f.jsonc:3:8: invalid JSONC: expected a value' && e.exitCode === 2);
  });
  it('accepts comments and trailing commas', () => {
    const p = parseJsoncStrict('{ // c\n "a": [1, 2,], /* x */ }', 'f.jsonc');
    assert.deepStrictEqual(p.value, { a: [1, 2] });
  });
  it('lineColumn is 1-based', () => {
    assert.deepStrictEqual(lineColumn('ab\ncd', 3), { line: 2, column: 1 });
  });
  it('detects the kind by file name, older name and $schema', () => {
    assert.strictEqual(detectKind('a/b/m.arch.jsonc'), 'arch');
    assert.strictEqual(detectKind('run.backward.jsonc'), 'backward');
    assert.strictEqual(detectKind('backward_scaling_besiroglu.jsonc'), 'backward');
    assert.strictEqual(detectKind('s.sweep.jsonc'), 'sweep');
    assert.strictEqual(detectKind('cfg.jsonc', { $schema: '../schemas/backward.schema.json' }), 'backward');
    assert.strictEqual(detectKind('package.json', {}), undefined);
  });
});

describe('config: examples and older shapes', () => {
  it('every example analyses without errors', () => {
    for (const f of fs.readdirSync(path.join(ROOT, 'examples')).filter((x) => /\.(arch|backward)\.jsonc$|^backward_scaling/.test(x))) {
      const a = analyseDocument(read(ex(f))!, ex(f), { readFile: read });
      assert.deepStrictEqual(a.issues.filter((i) => i.severity === 'error').map((i) => i.message), [], f);
      assert.ok(a.forward || a.backward, f);
    }
  });
  it('the older-shape config gives the same N, C and D as the new shape (architecture by path)', () => {
    const oldA = analyseDocument(read(ex('backward_scaling_legacy.jsonc'))!, ex('backward_scaling_legacy.jsonc'), { readFile: read }).backward!;
    const newA = analyseDocument(read(ex('llama-1.3b.backward.jsonc'))!, ex('llama-1.3b.backward.jsonc'), { readFile: read }).backward!;
    assert.strictEqual(oldA.N, 1_294_159_104);
    assert.strictEqual(oldA.N, newA.N);
    assert.strictEqual(oldA.compute, newA.compute);
    assert.strictEqual(oldA.D, newA.D);
    assert.strictEqual(oldA.law.id, 'custom'); // inline Eq. 10 constants
    assert.strictEqual(newA.law.id, 'hoffmann2022-a3');
  });
});

describe('config: located issues and quick fixes', () => {
  const base = read(ex('llama-1.3b.backward.jsonc'))!;
  const file = ex('llama-1.3b.backward.jsonc');

  it('unknown GPU: error on the value, fixes with nearest names that make it valid', () => {
    const text = base.replace('"A100"', '"A10O"');
    const a = analyseDocument(text, file, { readFile: read });
    const issue = a.issues.find((i) => i.code === 'unknown-gpu')!;
    assert.strictEqual(text.slice(issue.offset, issue.offset + issue.length), '"A10O"');
    assert.strictEqual(issue.fixes[0].edit.text, '"A100"');
    const fixed = analyseDocument(applyFix(text, issue.fixes[0].edit), file, { readFile: read });
    assert.ok(!fixed.issues.some((i) => i.severity === 'error'));
  });
  it('MFU above 0.7: warning on expected_mfu, fix sets 0.4', () => {
    const text = base.replace('"expected_mfu": 0.4', '"expected_mfu": 0.9');
    const issue = analyse(text, file).issues.find((i) => i.code === 'mfu-high')!;
    assert.strictEqual(text.slice(issue.offset, issue.offset + issue.length), '0.9');
    assert.match(applyFix(text, issue.fixes[0].edit), /"expected_mfu": 0\.4/);
  });
  it('sparsity headline as peak_flops_per_gpu: fix writes the dense figure', () => {
    const text = base.replace('"dtype": "bf16",', '"dtype": "bf16", "peak_flops_per_gpu": 624e12,');
    const issue = analyse(text, file).issues.find((i) => i.code === 'sparse-peak')!;
    assert.strictEqual(issue.fixes[0].edit.text, '3.12e14');
  });
  it('D beyond the dataset: warning located on total_tokens', () => {
    const text = base.replace('627e9', '50e9');
    const issue = analyse(text, file).issues.find((i) => i.code === 'dataset-exceeded')!;
    assert.strictEqual(text.slice(issue.offset, issue.offset + issue.length), '50e9');
  });
  it('unknown keys are warnings on the key; type errors name the field and its line', () => {
    const typo = base.replace('"uptime": 0.95', '"uptime": 0.95, "uptme": 1');
    const w = analyse(typo, file).issues.find((i) => i.code === 'unknown-key')!;
    assert.strictEqual(w.severity, 'warning');
    assert.strictEqual(typo.slice(w.offset, w.offset + w.length), '"uptme"');
    assert.match(w.message, /unknown key 'uptme' in 'training_efficiency'/);
    const text = base.replace('"num_gpus": 4', '"num_gpus": "four"');
    const a = analyse(text, file);
    const err = a.issues.find((i) => i.severity === 'error')!;
    assert.match(err.message, /training_gear\.num_gpus: expected a whole number/);
    assert.strictEqual(text.slice(err.offset, err.offset + err.length), '"four"');
  });
  it('a syntax error inside the referenced architecture file is reported with its own line and column', () => {
    const archFile = path.join(os.tmpdir(), `h3-arch-${process.pid}.arch.jsonc`);
    fs.writeFileSync(archFile, '{\n  "hidden_size": 2304\n  "num_hidden_layers": 18\n}');
    try {
      const a = analyse(base.replace('./llama-1.3b.arch.jsonc', archFile), file);
      assert.match(a.issues[0].message, new RegExp(`${path.basename(archFile).replace(/[.]/g, '\\.')}:3:3: invalid JSONC: expected ','`));
    } finally {
      fs.unlinkSync(archFile);
    }
  });
  it('architecture path that does not exist → error on "architecture"', () => {
    const a = analyse(base.replace('./llama-1.3b.arch.jsonc', './missing.arch.jsonc'), file);
    assert.match(a.issues[0].message, /cannot read '\.\/missing\.arch\.jsonc'/);
  });
});

describe('config: located input errors share one class', () => {
  it('config and sweep-config errors are located InputErrors: file:line:column: detail, exit code 2', () => {
    const e = new InputError('a.jsonc', 3, 7, 'expected a number');
    assert.deepStrictEqual([e.message, e.exitCode, e.name, e.file, e.line, e.column, e.detail], ['a.jsonc:3:7: expected a number', 2, 'InputError', 'a.jsonc', 3, 7, 'expected a number']);
    assert.deepStrictEqual(e.location, { file: 'a.jsonc', line: 3, column: 7 });
    const plain = new InputError('unknown law');
    assert.deepStrictEqual([plain.message, plain.exitCode, plain.location], ['unknown law', 2, undefined]);
    assert.throws(() => parseJsoncStrict('{\n  "a": 1,,\n}', 'b.jsonc'), (e: unknown) => e instanceof InputError && e.location?.line === 2 && /^b\.jsonc:2:/.test((e as Error).message));
    assert.throws(() => parseSweepConfig('{\n  "budgets": 3\n}', 'c.sweep.jsonc'), (e: unknown) => e instanceof InputError && e.location?.file === 'c.sweep.jsonc' && /^c\.sweep\.jsonc:2:/.test((e as Error).message));
  });
});

describe('config: schemas agree with the code', () => {
  const schema = (n: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', n), 'utf8'));
  it('backward schema lists every GPU id and law id', () => {
    const s = schema('backward.schema.json');
    assert.deepStrictEqual(s.properties.training_gear.properties.gpu_type.anyOf[0].enum, GPUS.map((g) => g.id));
    const lawEnum: string[] = s.properties.scaling_law.anyOf[0].enum;
    for (const id of LAW_IDS) assert.ok(lawEnum.includes(id), id);
    for (const old of Object.keys(LEGACY_LAWS)) assert.ok(lawEnum.includes(old), old);
  });
  it('backward schema: constant_set lists every registry constant set, each with a description', () => {
    const c = schema('backward.schema.json').properties.scaling_law.anyOf[1].properties.constant_set;
    assert.deepStrictEqual(c.enum, CONSTANT_SET_IDS);
    assert.strictEqual(c.markdownEnumDescriptions.length, c.enum.length);
  });
  it('every property in every schema has a markdownDescription', () => {
    const walk = (node: unknown, where: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const o = node as Record<string, unknown>;
      if (o.properties) {
        for (const [k, v] of Object.entries(o.properties as Record<string, Record<string, unknown>>)) {
          assert.ok(typeof v.markdownDescription === 'string', `${where}.${k}`);
          walk(v, `${where}.${k}`);
        }
      }
      for (const key of ['anyOf', 'items']) {
        const sub = o[key];
        if (Array.isArray(sub)) sub.forEach((x, i) => walk(x, `${where}.${key}[${i}]`));
        else walk(sub, `${where}.${key}`);
      }
    };
    for (const n of ['arch.schema.json', 'backward.schema.json', 'sweep.schema.json']) walk(schema(n), n);
  });
  it('sweep schema covers the keys the sweep parser accepts', () => {
    const s = schema('sweep.schema.json');
    // "batchSize" and "hparamsLaw" both set the batch and are refused together: one config with each.
    const all = `{ ${Object.keys(s.properties).filter((k) => k !== '$schema' && k !== 'batchSize').map((k) => `"${k}": ${JSON.stringify(exampleFor(k))}`).join(', ')} }`;
    assert.doesNotThrow(() => parseSweepConfig(all, 'x.sweep.jsonc'));
    assert.doesNotThrow(() => parseSweepConfig(all.replace('"hparamsLaw": "steplaw2025"', '"batchSize": 256').replace(/\{lr\}/g, ''), 'x.sweep.jsonc'));
  });
});

function exampleFor(k: string): unknown {
  const v: Record<string, unknown> = {
    name: 'n', budgets: [1e18, 1e19, 1e20], law: 'hoffmann2022-a3', modelsPerBudget: 5, span: 8, centre: 1, seqLen: 2048, batchSize: 256, hparamsLaw: 'steplaw2025',
    vocabSize: 32000, shapeTolerance: 0.05, flopsPerToken: '6N', gpu: 'H100-SXM', dtype: 'bf16', mfu: 0.4, gpusPerRun: 8, command: 'python train.py',
    mock: { noise: 0.01, seed: 1 }, slurm: { partition: 'gpu' }, skypilot: { accelerators: 'H100:8' },
  };
  return v[k];
}

describe('config: templates, lens and hover', () => {
  for (const [kind, t] of Object.entries(TEMPLATES)) {
    it(`the ${kind} template parses and (arch/backward) analyses without errors or warnings`, () => {
      const a = analyseDocument(t.text, `/tmp/${t.fileName}`, {});
      assert.strictEqual(a.kind, kind);
      assert.deepStrictEqual(a.issues.filter((i) => i.severity !== 'info').map((i) => i.message), []);
      if (kind === 'sweep') assert.doesNotThrow(() => parseSweepConfig(t.text, t.fileName));
    });
  }
  it('summary line of the LLaMA backward example has N, C, D, L̂ and the dataset share', () => {
    const a = analyseDocument(read(ex('llama-1.3b.backward.jsonc'))!, ex('llama-1.3b.backward.jsonc'), { readFile: read });
    const C = 4 * 312e12 * 0.4 * 0.95 * 720 * 3600;
    const D = C / (6 * 1_294_159_104);
    assert.strictEqual(summaryLine(a), `N 1.29B · C 1.23e21 · D ${(D / 1e9).toPrecision(3)}B · L̂ ${a.backward!.loss!.toPrecision(3)} (hoffmann2022-a3, unrounded constants) · lr ${formatSci(a.backward!.hparams[1].learningRate!, 2)} · batch ${formatCount(a.backward!.hparams[1].batchTokens)} tok (steplaw2025) · ${Number((D / 627e9).toPrecision(3))} epochs of the dataset`);
    const legacy = analyseDocument(read(ex('backward_scaling_legacy.jsonc'))!, ex('backward_scaling_legacy.jsonc'), { readFile: read });
    assert.match(summaryLine(legacy)!, /L̂ [\d.]+ \(inline constants\)/);
  });
  it('lens and hover name the constant set: a legacy "hoffmann" config uses eq10-rounded', () => {
    const text = read(ex('llama-1.3b.backward.jsonc'))!.replace('"scaling_law": "hoffmann2022-a3"', '"scaling_law": { "type": "hoffmann" }');
    const a = analyse(text, ex('x.backward.jsonc'));
    assert.match(summaryLine(a)!, /L̂ [\d.]+ \(hoffmann2022-a3, eq10-rounded constants\)/);
    const h = hoverMarkdown(a, text.indexOf('"hoffmann"') + 2)!;
    assert.match(h, /older name 'hoffmann'/);
    assert.match(h, /Constant set \*\*eq10-rounded\*\*: Eq\. 10 as printed/);
    assert.match(h, /`unrounded`, `sardana2024`/);
  });
  it('hover on gpu_type shows the dense peaks and the source; on hidden_size the resulting N', () => {
    const text = read(ex('llama-1.3b.backward.jsonc'))!;
    const a = analyseDocument(text, ex('llama-1.3b.backward.jsonc'), { readFile: read });
    const gpu = hoverMarkdown(a, text.indexOf('"A100"') + 2)!;
    assert.match(gpu, /\| BF16 \| 312 \| 624 \|/);
    assert.match(gpu, /NVIDIA A100 datasheet/);
    const arch = read(ex('llama-1.3b.arch.jsonc'))!;
    const aa = analyseDocument(arch, ex('llama-1.3b.arch.jsonc'), {});
    assert.match(hoverMarkdown(aa, arch.indexOf('"hidden_size"') + 3)!, /1,294,159,104 parameters/);
    assert.match(hoverMarkdown(a, text.indexOf('expected_mfu') + 3)!, /35–45 %/);
  });
});

describe('config: "Open in planner" hand-over', () => {
  it('passes compute, the registry law and the unique tokens the law used; a custom-constants law keeps the planner\'s selection', () => {
    const a = analyseDocument(read(ex('llama-1.3b.backward.jsonc'))!, ex('llama-1.3b.backward.jsonc'), { readFile: read });
    assert.deepStrictEqual(plannerPatch(a), { mode: 'flops', compute: a.backward!.compute, laws: ['hoffmann2022-a3'], uniqueTokens: 627e9 });
    const legacy = analyseDocument(read(ex('backward_scaling_legacy.jsonc'))!, ex('backward_scaling_legacy.jsonc'), { readFile: read });
    const p = plannerPatch(legacy)!;
    assert.strictEqual(legacy.backward!.law.id, 'custom');
    assert.ok(!('laws' in p), 'no registry id to select');
    assert.strictEqual(plannerPatch(analyseDocument(read(ex('llama-1.3b.arch.jsonc'))!, ex('llama-1.3b.arch.jsonc'))), undefined);
  });
  it("is checked with the planner's own validator and degrades to the compute alone, then to nothing", () => {
    const full = { mode: 'flops' as const, compute: 1.2e21, laws: ['hoffmann2022-a3'], uniqueTokens: 627e9, language: 'en' };
    assert.strictEqual(acceptedPlannerPatch(full), full);
    assert.deepStrictEqual(acceptedPlannerPatch({ ...full, language: 'not a code!' }), { mode: 'flops', compute: 1.2e21 });
    assert.strictEqual(acceptedPlannerPatch({ ...full, compute: Infinity }), undefined);
  });
});

describe('config: CLI forward/backward', () => {
  it('forward --json has N and the parameter breakdown', async () => {
    const r = await cli('forward', ex('gpt2-small.arch.jsonc'), '--json');
    assert.strictEqual(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.strictEqual(j.N, 124_439_808);
    assert.strictEqual(j.params.positions, 786_432);
    assert.ok(j.flopsPerToken.sixN > 0 && j.flopsPerToken.exact > 0);
  });
  it('backward --json has N, flopsPerToken, compute, D, loss, memory — equal to the editor analysis', async () => {
    const r = await cli('backward', ex('llama-1.3b.backward.jsonc'), '--json');
    assert.strictEqual(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    const a = analyseDocument(read(ex('llama-1.3b.backward.jsonc'))!, ex('llama-1.3b.backward.jsonc'), { readFile: read }).backward!;
    for (const k of ['N', 'flopsPerToken', 'compute', 'D', 'loss'] as const) assert.strictEqual(j[k], a[k], k);
    assert.ok(j.memory.perGpu > 0);
  });
  it('invalid JSONC → file:line:column: message, exit 2', async () => {
    const tmp = path.join(os.tmpdir(), `h3-bad-${process.pid}.backward.jsonc`);
    fs.writeFileSync(tmp, '{\n  "training_gear": {\n    "num_gpus": 4,,\n  }\n}\n');
    try {
      const r = await cli('backward', tmp);
      assert.strictEqual(r.code, 2);
      assert.match(r.err, new RegExp(`${tmp.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:19: invalid JSONC: expected a property name`));
    } finally {
      fs.unlinkSync(tmp);
    }
  });
  it('a missing file and unknown flags exit 2', async () => {
    assert.strictEqual((await cli('forward', '/nonexistent.arch.jsonc')).code, 2);
    assert.strictEqual((await cli('backward', ex('llama-1.3b.backward.jsonc'), '--bogus')).code, 2);
  });
});
