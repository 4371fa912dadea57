/**
 * The JSON schemas in schemas/ against the code that really reads the configs: each schema compiles under
 * Ajv's strict mode (unknown keywords are typos, except VS Code's documented schema extensions); every
 * example in examples/ and every "New … Config" template validates against the schema VS Code assigns it
 * (package.json jsonValidation, and its $schema); the keys each parser accepts are exactly the schema's
 * properties; and on a table of valid and invalid configs the schema and the parser give the same verdict
 * (the editor must not flag what the CLI accepts, nor stay silent on what it rejects).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { type ValidateFunction } from 'ajv';
import { parse as parseJsoncValue } from 'jsonc-parser';
import { ARCH_ALIASES, ARCH_FIELDS, countParams, MOE_FIELDS, normaliseArch } from '../../src/core/arch';
import { analyseDocument, TEMPLATES } from '../../src/core/config';
import { FieldError, readBackwardConfig, SECTION_KEYS, TOP_KEYS } from '../../src/core/backward';
import { DTYPE_SPELLINGS } from '../../src/core/hardware';
import { parseSweepConfig, SWEEP_KEYS, SWEEP_SECTION_KEYS } from '../../src/core/sweep';

const ROOT = path.join(__dirname, '../..');
const KINDS = ['arch', 'backward', 'sweep'] as const;
type Kind = (typeof KINDS)[number];
type Schema = Record<string, unknown> & { properties: Record<string, Schema> };

const schemaText = (k: Kind) => fs.readFileSync(path.join(ROOT, 'schemas', `${k}.schema.json`), 'utf8');
const schema = (k: Kind) => JSON.parse(schemaText(k)) as Schema;

/** VS Code's JSON-schema extensions (https://code.visualstudio.com/docs/languages/json): not typos. */
const VSCODE_KEYWORDS = ['markdownDescription', 'markdownEnumDescriptions', 'enumDescriptions', 'defaultSnippets', 'doNotSuggest', 'deprecationMessage', 'errorMessage', 'patternErrorMessage', 'suggestSortText', 'allowComments', 'allowTrailingCommas'];

// strictRequired off: `anyOf: [{ required: [a] }, { required: [alias] }]` is the standard idiom for "one of these spellings".
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
ajv.addVocabulary(VSCODE_KEYWORDS);
const validators = {} as Record<Kind, ValidateFunction>;

function valid(kind: Kind, value: unknown): { ok: boolean; errors: string } {
  const v = validators[kind];
  const ok = v(value) as boolean;
  return { ok, errors: ajv.errorsText(v.errors) };
}

/** package.json jsonValidation: file glob → schema kind. */
function schemaForFile(fileName: string): Kind | undefined {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { jsonValidation: Array<{ fileMatch: string | string[]; url: string }> } };
  for (const jv of pkg.contributes.jsonValidation) {
    const globs = Array.isArray(jv.fileMatch) ? jv.fileMatch : [jv.fileMatch];
    const re = (g: string) => new RegExp(`^${g.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    if (globs.some((g) => re(g).test(path.basename(fileName)))) return /schemas\/(\w+)\.schema\.json$/.exec(jv.url)![1] as Kind;
  }
  return undefined;
}

describe('schemas: valid JSON Schema (draft-07, Ajv strict mode)', () => {
  for (const k of KINDS) {
    it(`${k}.schema.json compiles with no unknown keyword, and its $id is unique`, () => {
      validators[k] = ajv.compile(schema(k));
    });
  }
});

describe('schemas: every example and template validates against the schema VS Code assigns it', () => {
  const examples = fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.jsonc'));
  it('there are examples of every kind', () => {
    assert.deepStrictEqual([...new Set(examples.map(schemaForFile))].sort(), [...KINDS]);
  });
  for (const f of examples) {
    it(`examples/${f}`, () => {
      const text = fs.readFileSync(path.join(ROOT, 'examples', f), 'utf8');
      const value = parseJsoncValue(text, [], { allowTrailingComma: true }) as Record<string, unknown>;
      const kind = schemaForFile(f);
      assert.ok(kind, `no jsonValidation fileMatch for ${f}`);
      if (typeof value.$schema === 'string') assert.strictEqual(value.$schema, `../schemas/${kind}.schema.json`);
      const r = valid(kind, value);
      assert.ok(r.ok, `${f}: ${r.errors}`);
      // …and the code accepts it too.
      if (kind === 'sweep') parseSweepConfig(text, f);
      else {
        const a = analyseDocument(text, path.join(ROOT, 'examples', f), { readFile: (p) => fs.readFileSync(p, 'utf8') });
        assert.deepStrictEqual(a.issues.filter((i) => i.severity === 'error').map((i) => i.message), []);
      }
    });
  }
  for (const [kind, t] of Object.entries(TEMPLATES)) {
    it(`the "New ${kind} config" template (${t.fileName})`, () => {
      assert.strictEqual(schemaForFile(t.fileName), kind);
      const r = valid(kind as Kind, parseJsoncValue(t.text, [], { allowTrailingComma: true }));
      assert.ok(r.ok, r.errors);
    });
  }
});

describe('schemas: the keys each parser accepts are exactly the schema properties', () => {
  const keys = (s: Schema) => Object.keys(s.properties).sort();
  const sorted = (xs: readonly string[]) => [...new Set(xs)].sort();
  const moeNames = Object.values(MOE_FIELDS).flat();

  it('arch: canonical fields, their aliases and the top-level MoE fields of Hugging Face configs', () => {
    const s = schema('arch');
    assert.deepStrictEqual(keys(s), sorted([...ARCH_FIELDS, ...Object.keys(ARCH_ALIASES), ...moeNames]));
    assert.deepStrictEqual(keys(s.properties.moe), sorted(moeNames));
    // An alias is valid but not suggested, and says what it stands for.
    for (const alias of Object.keys(ARCH_ALIASES)) {
      assert.match(String(s.properties[alias].markdownDescription), new RegExp(`\`${ARCH_ALIASES[alias]}\``), alias);
    }
  });

  it('backward: the inline architecture is the arch schema; every section matches its parser', () => {
    const b = schema('backward');
    const inline = (b.properties.architecture.anyOf as Schema[])[1];
    const arch = schema('arch');
    for (const k of ['type', 'properties', 'allOf', 'defaultSnippets']) assert.deepStrictEqual(inline[k], arch[k], k);
    assert.deepStrictEqual(keys(b), sorted(TOP_KEYS));
    for (const [section, ks] of Object.entries(SECTION_KEYS)) {
      const node = section === 'scaling_law' ? (b.properties.scaling_law.anyOf as Schema[])[1] : b.properties[section];
      assert.deepStrictEqual(keys(node), sorted(ks), section);
    }
    const dtypes = b.properties.training_gear.properties.dtype.enum as string[];
    for (const d of DTYPE_SPELLINGS) assert.ok(dtypes.includes(d), `dtype '${d}' is accepted by the parser but not in the schema enum`);
  });

  it('sweep: top level and every nested object', () => {
    const s = schema('sweep');
    assert.deepStrictEqual(keys(s), sorted(SWEEP_KEYS));
    const budgetsObject = (s.properties.budgets.anyOf as Schema[])[1];
    assert.deepStrictEqual(keys(budgetsObject), sorted(SWEEP_SECTION_KEYS.budgets));
    for (const section of ['mock', 'slurm', 'skypilot'] as const) assert.deepStrictEqual(keys(s.properties[section]), sorted(SWEEP_SECTION_KEYS[section]), section);
    assert.deepStrictEqual((s.properties.dtype.enum as string[]).filter((d) => !DTYPE_SPELLINGS.includes(d)), []);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Same verdict from schema and parser.

const LLAMA = { style: 'llama', hidden_size: 2304, num_hidden_layers: 18, num_attention_heads: 18, intermediate_size: 6144, vocab_size: 32000, seq_length: 2048 };
const BACKWARD = {
  architecture: LLAMA,
  training_gear: { num_gpus: 4, gpu_type: 'A100', dtype: 'bf16', available_hours: 720 },
  training_efficiency: { expected_mfu: 0.4, uptime: 0.95 },
  dataset: { total_tokens: 627e9 },
  scaling_law: 'hoffmann2022-a3',
  batch_size_tokens: 1048576,
};
const SWEEP = { name: 's', budgets: [1e18, 1e19, 1e20], law: 'hoffmann2022-a3', modelsPerBudget: 5, span: 8, gpu: 'H100-SXM', mfu: 0.4, command: 'python train.py', slurm: { partition: 'gpu', extra: ['--qos=high'] } };

function archAccepts(v: unknown): boolean {
  try {
    normaliseArch(v);
    return true;
  } catch {
    return false;
  }
}
function backwardAccepts(v: unknown): boolean {
  try {
    readBackwardConfig(v, { fileName: '/x/run.backward.jsonc', loadArch: () => LLAMA });
    return true;
  } catch (e) {
    if (e instanceof FieldError) return false;
    throw e;
  }
}
function sweepAccepts(v: unknown): boolean {
  try {
    parseSweepConfig(JSON.stringify(v), 'x.sweep.jsonc');
    return true;
  } catch {
    return false;
  }
}
const ACCEPTS: Record<Kind, (v: unknown) => boolean> = { arch: archAccepts, backward: backwardAccepts, sweep: sweepAccepts };

type Case = [Kind, string, Record<string, unknown>, boolean];
const without = <T extends Record<string, unknown>>(o: T, ...ks: string[]) => Object.fromEntries(Object.entries(o).filter(([k]) => !ks.includes(k)));
const CASES: Case[] = [
  ['arch', 'the LLaMA example', LLAMA, true],
  ['arch', 'nanoGPT spellings (n_embd, n_layer, n_head, block_size)', { style: 'gpt2', n_embd: 768, n_layer: 12, n_head: 12, vocab_size: 50257, block_size: 1024 }, true],
  ["arch", "Meta's params.json spellings (dim, n_layers, n_heads, n_kv_heads)", { dim: 4096, n_layers: 32, n_heads: 32, n_kv_heads: 8, vocab_size: 128256 }, true],
  ['arch', 'Chinchilla-table spellings (d_model, ffw_size)', { style: 'chinchilla', d_model: 640, num_layers: 10, num_heads: 10, ffw_size: 2560, vocab_size: 32000 }, true],
  ['arch', 'missing vocab_size', without(LLAMA, 'vocab_size'), false],
  ['arch', 'missing the layer count under every spelling', without(LLAMA, 'num_hidden_layers'), false],
  ['arch', 'hidden_size 0', { ...LLAMA, hidden_size: 0 }, false],
  ['arch', 'fractional hidden_size', { ...LLAMA, hidden_size: 2304.5 }, false],
  ['arch', 'hidden_size as a string', { ...LLAMA, hidden_size: '2304' }, false],
  ['arch', 'an unknown style', { ...LLAMA, style: 'mistral' }, false],
  ['arch', 'an unknown mlp_type', { ...LLAMA, mlp_type: 'relu' }, false],
  ['arch', 'tie_word_embeddings as a string', { ...LLAMA, tie_word_embeddings: 'yes' }, false],
  ['arch', 'moe with canonical names', { ...LLAMA, moe: { num_experts: 8, num_experts_per_tok: 2 } }, true],
  ['arch', 'moe with top_k and moe_intermediate_size', { ...LLAMA, moe: { num_local_experts: 8, top_k: 2, moe_intermediate_size: 1024 } }, true],
  ['arch', 'moe without the active-expert count', { ...LLAMA, moe: { num_experts: 8 } }, false],
  ['arch', 'moe with 0 experts', { ...LLAMA, moe: { num_experts: 0, num_experts_per_tok: 1 } }, false],
  ['arch', 'moe as a number', { ...LLAMA, moe: 8 }, false],
  ['arch', 'Mixtral config.json (top-level num_local_experts)', { ...LLAMA, num_local_experts: 8, num_experts_per_tok: 2 }, true],
  ['arch', 'Qwen-MoE / OLMoE config.json (top-level num_experts)', { ...LLAMA, num_experts: 60, num_experts_per_tok: 4, moe_intermediate_size: 1408 }, true],
  ['backward', 'the LLaMA backward example', BACKWARD, true],
  ['backward', 'architecture by path', { ...BACKWARD, architecture: './llama.arch.jsonc' }, true],
  ['backward', 'a parameter count and a peak override instead of architecture and GPU name', { ...without(BACKWARD, 'architecture'), parameters: 1.3e9, training_gear: { num_gpus: 8, peak_flops_per_gpu: 5e14, available_hours: 24 } }, true],
  ['backward', 'neither architecture nor parameters', without(BACKWARD, 'architecture'), false],
  ['backward', 'neither gpu_type nor peak_flops_per_gpu', { ...BACKWARD, training_gear: { num_gpus: 4, available_hours: 720 } }, false],
  ['backward', 'no training_gear', without(BACKWARD, 'training_gear'), false],
  ['backward', 'fractional num_gpus', { ...BACKWARD, training_gear: { ...BACKWARD.training_gear, num_gpus: 2.5 } }, false],
  ['backward', 'expected_mfu 1.5', { ...BACKWARD, training_efficiency: { expected_mfu: 1.5 } }, false],
  ['backward', 'expected_mfu 0', { ...BACKWARD, training_efficiency: { expected_mfu: 0 } }, false],
  ['backward', 'uptime 0', { ...BACKWARD, training_efficiency: { expected_mfu: 0.4, uptime: 0 } }, false],
  ['backward', 'dtype bfloat16 and half', { ...BACKWARD, training_gear: { ...BACKWARD.training_gear, dtype: 'half' } }, true],
  ['backward', 'an unknown dtype', { ...BACKWARD, training_gear: { ...BACKWARD.training_gear, dtype: 'fp4' } }, false],
  ['backward', 'an older law name', { ...BACKWARD, scaling_law: 'hoffmann' }, true],
  ['backward', 'an unknown law', { ...BACKWARD, scaling_law: 'chinchilla2' }, false],
  ['backward', 'the older inline-constant law object', { ...BACKWARD, scaling_law: { base: 'hoffmann_2022', E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 } }, true],
  ['backward', 'a law object with a constant set', { ...BACKWARD, scaling_law: { id: 'hoffmann2022-a3', constant_set: 'eq10-rounded' } }, true],
  ['backward', 'a law object with an unknown constant set', { ...BACKWARD, scaling_law: { id: 'hoffmann2022-a3', constant_set: 'nope' } }, false],
  ['backward', 'flops_per_token 7N', { ...BACKWARD, flops_per_token: '7N' }, false],
  ['backward', 'an unknown checkpointing mode', { ...BACKWARD, memory: { activation_checkpointing: 'partial' } }, false],
  ['backward', 'an unknown language', { ...BACKWARD, dataset: { total_tokens: 1e12, language: 'tlh' } }, false],
  ['backward', 'a fractional batch_size_tokens', { ...BACKWARD, batch_size_tokens: 1.5 }, false],
  ['sweep', 'the sweep base', SWEEP, true],
  ['sweep', 'budgets as { from, to, count }', { ...SWEEP, budgets: { from: 1e18, to: 1e20, count: 5 } }, true],
  ['sweep', 'an empty budget list', { ...SWEEP, budgets: [] }, false],
  ['sweep', 'budgets count 1', { ...SWEEP, budgets: { from: 1e18, to: 1e20, count: 1 } }, false],
  ['sweep', 'budgets object missing count', { ...SWEEP, budgets: { from: 1e18, to: 1e20 } }, false],
  ['sweep', 'a misspelt key', { ...SWEEP, modelPerBudget: 5 }, false],
  ['sweep', 'modelsPerBudget 2', { ...SWEEP, modelsPerBudget: 2 }, false],
  ['sweep', 'span 1', { ...SWEEP, span: 1 }, false],
  ['sweep', 'shapeTolerance 1 (the parser wants < 1)', { ...SWEEP, shapeTolerance: 1 }, false],
  ['sweep', 'mfu 1.2', { ...SWEEP, mfu: 1.2 }, false],
  ['sweep', 'flopsPerToken "8N"', { ...SWEEP, flopsPerToken: '8N' }, false],
  ['sweep', 'mock.noise -1', { ...SWEEP, mock: { noise: -1 } }, false],
  ['sweep', 'a fractional mock.seed', { ...SWEEP, mock: { seed: 1.5 } }, false],
  ['sweep', 'slurm.extra as a string', { ...SWEEP, slurm: { extra: '--qos=high' } }, false],
  ['sweep', 'an empty name', { ...SWEEP, name: '' }, false],
  ['sweep', 'a blank name', { ...SWEEP, name: '   ' }, false],
  ['sweep', 'a name with spaces and quotes (one line)', { ...SWEEP, name: "it's a sweep" }, false],
  ['sweep', 'a name of letters, digits and _ . -', { ...SWEEP, name: 'chinchilla_v2.1-small' }, true],
  ['sweep', 'a name with U+2028 (a YAML 1.1 line break)', { ...SWEEP, name: 'a\u2028setup: x' }, false],
  ['sweep', 'a SLURM partition with U+0085', { ...SWEEP, slurm: { partition: 'gpu\u0085x' } }, false],
  ['sweep', 'a dtype that is an Object.prototype key', { ...SWEEP, dtype: 'constructor' }, false],
  ['sweep', 'a name with a line break', { ...SWEEP, name: 'a\nb' }, false],
  ['sweep', 'a SLURM partition with a line break', { ...SWEEP, slurm: { partition: 'gpu\nrm -rf ~' } }, false],
  ['sweep', 'an #SBATCH extra option with a line break', { ...SWEEP, slurm: { extra: ['--qos=x\nrm -rf ~'] } }, false],
  ['sweep', 'an empty command', { ...SWEEP, command: ' ' }, false],
  ['sweep', 'a multi-line command (allowed: it is a script)', { ...SWEEP, command: 'cd run\npython train.py' }, true],
];

describe('schemas: schema and parser give the same verdict', () => {
  before(function () {
    if (KINDS.some((k) => !validators[k])) for (const k of KINDS) validators[k] = ajv.getSchema(String(schema(k).$id)) ?? ajv.compile(schema(k));
  });
  for (const [kind, what, value, expected] of CASES) {
    it(`${kind}: ${what} → ${expected ? 'accepted' : 'rejected'} by both`, () => {
      assert.strictEqual(ACCEPTS[kind](value), expected, 'parser');
      const r = valid(kind, value);
      assert.strictEqual(r.ok, expected, `schema: ${r.errors}`);
    });
  }
  it('a top-level Qwen-MoE config is counted as MoE (total > active), not silently as a dense model', () => {
    const p = countParams(normaliseArch({ ...LLAMA, num_experts: 60, num_experts_per_tok: 4, moe_intermediate_size: 1408 }));
    assert.ok(p.total > 2 * p.active, `total ${p.total}, active ${p.active}`);
  });
});
