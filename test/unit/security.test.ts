/**
 * Issue 12, one describe per class of the red-team report, each with its reproducers and a fast-check
 * property over hostile inputs:
 *   1. exports never execute config text — the SkyPilot YAML is parsed by a YAML 1.1 parser (the `yaml`
 *      package in 1.1 mode, and PyYAML itself — SkyPilot's parser — when python3 has it), and the SLURM script
 *      and the YAML's setup/run are executed by bash in a sandbox whose PATH holds only stub commands;
 *      no `$(touch …)` marker may appear;
 *   2. hard limits with located errors (budgets × models, nesting depth, columns, cell length);
 *   3. linear-time parsing (correctness here; the timing ratio is in `npm run bench`, scripts/bench-parsing.ts);
 *   4. nothing lost silently (row limits count records, every NaN spelling dropped with a reason);
 *   5. input errors are input errors (own-property lookups, terminal neutralisation, hover escaping).
 */
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import YAML from 'yaml';
import {
  DEFAULT_PLAN_DEPS, exportPlan, fillTemplate, parseSweepConfig, planSweep, MAX_RUNS, type SweepConfig, type SweepPlan,
} from '../../src/core/sweep';
import { CsvError, parseRunsCsv, MAX_COLUMNS } from '../../src/core/csv';
import { isDecimal, parseCell, MAX_NUMBER_CHARS } from '../../src/core/csv/numbers';
import { MAX_JSONC_DEPTH, parseJsonc, parseJsoncStrict } from '../../src/core/config/jsonc';
import { InputError } from '../../src/core/errors';
import { analyseDocument, hoverMarkdown } from '../../src/core/config';
import { escapeNonPrinting, forTerminal, isSingleLine, markdownText, MAYBE_NON_PRINTING_EXCEPT_LF_TAB } from '../../src/core/text';
import { parseDtype } from '../../src/core/hardware';
import { main, processIO } from '../../src/cli/main';

const LINE_BREAKS = ['\n', '\r', '\u0085', '\u2028', '\u2029', '\u000b', '\u000c', '\u001b', '\u200e', '\u202e', '\ufeff'];

let dir: string;
let bin: string;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-security-'));
  bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  // The sandbox: PATH is only this folder. `train` logs its arguments; `touch` creates its argument, so any
  // injected `touch <marker>` that runs leaves evidence; nothing else exists.
  const stub = (name: string, body: string) => fs.writeFileSync(path.join(bin, name), `#!/bin/bash\n${body}\n`, { mode: 0o755 });
  stub('train', 'printf "%s\\n" "$@" >> "$SANDBOX_LOG"');
  stub('touch', 'for f in "$@"; do : > "$f"; done');
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const marker = () => path.join(dir, 'pwned');
const cleanMarker = () => fs.rmSync(marker(), { force: true });

/** Run a script with bash in the sandbox; returns what the stub `train` was called with (one line per argument). */
function sandbox(script: string, env: Record<string, string>): string[] {
  const file = path.join(dir, `s${Math.random().toString(36).slice(2)}.sh`);
  const log = `${file}.log`;
  fs.writeFileSync(file, script);
  fs.writeFileSync(log, '');
  execFileSync('/bin/bash', [file], { cwd: dir, env: { PATH: bin, SANDBOX_LOG: log, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return fs.readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

/** PyYAML (what SkyPilot's `sky` uses), when python3 has it; undefined (with a loud note) otherwise. */
let pyYamlAvailable: boolean | undefined;
function pyYaml(text: string): unknown {
  pyYamlAvailable ??= spawnSync('python3', ['-c', 'import yaml'], { stdio: 'ignore' }).status === 0;
  if (!pyYamlAvailable) {
    console.warn('    SKIPPED the PyYAML cross-check: python3 with PyYAML not found (the `yaml` package in 1.1 mode still runs)');
    return undefined;
  }
  const r = spawnSync('python3', ['-c', 'import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))'], { input: text, encoding: 'utf8' });
  assert.strictEqual(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

const BASE = { budgets: [1e18, 1e19, 1e20], modelsPerBudget: 3, span: 8, batchSize: 32 };

function planned(fields: Record<string, unknown>, fileName = 'audit.sweep.jsonc'): { config: SweepConfig; plan: SweepPlan } {
  const config = parseSweepConfig(JSON.stringify({ ...BASE, ...fields }), fileName);
  return { config, plan: planSweep(config, DEFAULT_PLAN_DEPS) };
}

/** Every check an exported pair must pass: YAML 1.1 keys, sandboxed runs, no marker. */
function checkExports(config: SweepConfig, plan: SweepPlan, yamlFileName: string): void {
  cleanMarker();
  const slurm = exportPlan(plan, config, 'slurm');
  const sky = exportPlan(plan, config, 'skypilot', yamlFileName);
  const expectedKeys = ['envs', 'name', 'run', 'workdir', ...(config.gpu || config.skypilot.accelerators ? ['resources'] : []), ...(config.skypilot.setup ? ['setup'] : [])].sort();
  const doc = YAML.parse(sky, { version: '1.1' }) as Record<string, unknown>;
  assert.deepStrictEqual(Object.keys(doc).sort(), expectedKeys, 'yaml (1.1) top-level keys');
  const py = pyYaml(sky) as Record<string, unknown> | undefined;
  if (py) assert.deepStrictEqual(Object.keys(py).sort(), expectedKeys, 'PyYAML top-level keys');
  for (const i of [0, plan.runs.length - 1]) {
    const viaSlurm = sandbox(slurm, { SLURM_ARRAY_TASK_ID: String(i) });
    const viaSky = sandbox(`${(py ?? doc).setup ?? ''}\n${(py ?? doc).run as string}`, { RUN_INDEX: String(i) });
    assert.deepStrictEqual(viaSky, viaSlurm);
    assert.ok(viaSlurm.some((a) => a.includes(plan.runs[i].id)), `run ${i} reached the stub: ${JSON.stringify(viaSlurm)}`);
  }
  assert.ok(!fs.existsSync(marker()), 'a config value executed a command');
}

describe('security 1: exports never execute config text', function () {
  this.timeout(120_000);

  it('reproducer: a name with U+2028/U+2029/U+0085 that would add a top-level `setup:` is refused, located', () => {
    for (const br of ['\u2028', '\u2029', '\u0085']) {
      const name = `x${br}setup: touch ${marker()}`;
      assert.throws(() => planned({ name, command: 'train {name}' }), (e: unknown) => e instanceof InputError && /^audit\.sweep\.jsonc:1:\d+: "name" must be a single line/.test((e as Error).message), JSON.stringify(br));
    }
  });

  it('reproducer: the same name from the config file name becomes a safe name and the YAML keeps its keys', () => {
    for (const br of ['\u2028', '\u2029', '\u0085']) {
      const fileName = `x${br}setup: touch ${marker()}.sweep.jsonc`;
      const { config, plan } = planned({ command: 'train --run-name "{name}-{run_id}"' }, fileName);
      assert.match(plan.name, /^[A-Za-z0-9_.-]+$/);
      checkExports(config, plan, `x${br}setup: touch ${marker()}.yaml`);
    }
  });

  it('reproducer: {name} inside double or single quotes cannot run $(…): the name cannot hold it, the filler refuses it', () => {
    assert.throws(() => planned({ name: `$(touch ${marker()})`, command: 'train --run-name "{name}-{run_id}"' }), InputError);
    for (const q of ['"{name}-{run_id}"', "'{name}' {run_id}", '{name} {run_id}']) {
      const { config, plan } = planned({ command: `train --run-name ${q}` });
      checkExports(config, plan, 'a.sky.yaml');
      assert.throws(() => fillTemplate(`train ${q}`, { name: `$(touch ${marker()})`, run_id: 'b0-m0' }), /refusing to put it in a script/);
    }
    assert.ok(!fs.existsSync(marker()));
  });

  it('reproducer: {constructor} and other Object.prototype names are unknown placeholders, located at "command"', () => {
    for (const p of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      assert.throws(() => planned({ command: `train {${p}}` }), (e: unknown) => e instanceof InputError && new RegExp(`^audit\\.sweep\\.jsonc:1:\\d+: unknown placeholder \\{${p}\\}`).test((e as Error).message), p);
      assert.throws(() => fillTemplate(`train {${p}}`, {}), /unknown placeholder/);
    }
    assert.strictEqual(fillTemplate('echo ${HOME} {name}', { name: 'x' }), 'echo ${HOME} x', '${VAR} stays the shell\'s');
  });

  it('property: any name, partition, workdir, accelerators or file name — refused with a location, or exported inertly', () => {
    const hostile = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.constantFrom(...LINE_BREAKS).map((b) => `a${b}setup: touch MARKER`),
      fc.constantFrom('$(touch MARKER)', '`touch MARKER`', "'; touch MARKER; '", '"; touch MARKER; "', 'a b', '{layers}', '*', '--wrap=touch MARKER'),
    ).map((s) => s.replaceAll('MARKER', marker()));
    fc.assert(
      fc.property(fc.record({ name: hostile, partition: hostile, workdir: hostile, accelerators: hostile, file: hostile }), (v) => {
        let out: { config: SweepConfig; plan: SweepPlan };
        try {
          out = planned({ name: v.name, gpu: 'H100-SXM', command: 'train --run "{name}-{run_id}" --layers {layers}', slurm: { partition: v.partition }, skypilot: { workdir: v.workdir, accelerators: v.accelerators, setup: 'train setup' } }, `${v.file}.sweep.jsonc`);
        } catch (e) {
          assert.ok(e instanceof InputError, String(e));
          assert.match((e as Error).message, /^.*\.sweep\.jsonc:\d+:\d+: /s);
          return;
        }
        checkExports(out.config, out.plan, `${v.file}.yaml`);
      }),
      { numRuns: 25, seed: 12 },
    );
  });

  it('property: single-line validation treats every non-printing character as a line break', () => {
    fc.assert(fc.property(fc.string({ maxLength: 8 }), fc.constantFrom(...LINE_BREAKS), (s, br) => !isSingleLine(s + br + s)));
  });
});

describe('security 2: hard limits with located errors', () => {
  it('reproducer: modelsPerBudget 1500 and budgets.count 1e9 are refused before planning, located', () => {
    assert.throws(() => parseSweepConfig('{ "budgets": [1e18, 1e19], "modelsPerBudget": 1500 }', 'x.sweep.jsonc'), /x\.sweep\.jsonc:1:47: "modelsPerBudget" must be a whole number from 3/);
    assert.throws(() => parseSweepConfig('{ "budgets": { "from": 1e18, "to": 1e20, "count": 1e9 } }', 'x.sweep.jsonc'), /x\.sweep\.jsonc:1:51: "budgets\.count" must be a whole number from 2 to 1000/);
    assert.throws(() => parseSweepConfig('{ "budgets": { "from": 1e18, "to": 1e20, "count": 100 }, "modelsPerBudget": 100 }', 'x.sweep.jsonc'), new RegExp(`x\\.sweep\\.jsonc:1:\\d+: 100 budgets × 100 models = 10000 runs: at most ${MAX_RUNS}`));
  });

  it('reproducer: 100,000-deep nesting is a located input error in every JSONC reader (no stack overflow)', () => {
    const deep = `{"a": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    assert.throws(() => parseSweepConfig(deep, 'd.sweep.jsonc'), new RegExp(`d\\.sweep\\.jsonc:1:${6 + MAX_JSONC_DEPTH}: nested deeper than ${MAX_JSONC_DEPTH}`));
    assert.throws(() => parseJsoncStrict(deep, 'd.backward.jsonc'), (e: unknown) => e instanceof InputError && e.exitCode === 2);
    const a = analyseDocument(deep, 'd.backward.jsonc', { readFile: () => undefined, kind: 'backward' });
    assert.ok(a.issues.some((i) => /nested deeper/.test(i.message)));
    assert.strictEqual(parseJsonc('{"a": [[[1]]]}', 'ok.jsonc').errors.length, 0);
  });

  it(`reproducer: more than ${MAX_COLUMNS} columns and over-long numeric cells are located CSV errors`, () => {
    const header = Array.from({ length: MAX_COLUMNS + 1 }, (_, i) => (i === 0 ? 'N' : i === 1 ? 'D' : i === 2 ? 'loss' : `c${i}`)).join(',');
    assert.throws(() => parseRunsCsv(`${header}\n1,2,3\n`), (e: unknown) => e instanceof CsvError && e.line === 1 && /columns: at most/.test(e.message));
    const cell = '1'.repeat(200_000) + 'x';
    assert.throws(() => parseRunsCsv(`N,D,loss\n${cell},1,1\n`), (e: unknown) => e instanceof CsvError && e.line === 2 && e.column === 1 && /a cell of 200,001 characters|a cell of 200K characters/.test(e.message));
  });

  it('property: 100k-column-ish headers with duplicates are reported at the second occurrence', () => {
    fc.assert(fc.property(fc.integer({ min: 3, max: 2000 }), fc.nat(), (n, k) => {
      const names = ['N', 'D', 'loss', ...Array.from({ length: n - 3 }, (_, i) => `c${i}`)];
      const dup = 3 + (k % Math.max(1, n - 3));
      if (dup >= n) return;
      const headers = [...names, names[dup]];
      try {
        parseRunsCsv(`${headers.join(',')}\n${headers.map(() => '1').join(',')}\n`);
        assert.fail('accepted a duplicate header');
      } catch (e) {
        assert.ok(e instanceof CsvError && e.column === headers.length && e.message.includes(`also column ${dup + 1}`), String(e));
      }
    }), { numRuns: 30 });
  });
});

describe('security 3: linear-time number, suffix and argument parsing', () => {
  it('property: the one-pass scanner accepts exactly the decimal-literal grammar', () => {
    const GRAMMAR = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/; // unambiguous: linear in V8 too
    fc.assert(fc.property(fc.stringMatching(/^[-+0-9.eEkMBx ]{0,12}$/), (s) => assert.strictEqual(isDecimal(s), GRAMMAR.test(s), JSON.stringify(s))), { numRuns: 2000 });
  });

  it('property: suffixed counts parse like the number times the suffix; long digit runs + a letter are text', () => {
    fc.assert(fc.property(fc.double({ min: 0.001, max: 1e6, noNaN: true }), fc.constantFrom(['K', 1e3], ['k', 1e3], ['M', 1e6], ['B', 1e9], ['G', 1e9], ['T', 1e12]), fc.constantFrom('', ' '), (x, [s, m], sp) => {
      const txt = `${x}${sp}${s}`;
      if (txt.length > MAX_NUMBER_CHARS) return;
      const c = parseCell(txt);
      assert.ok(c.kind === 'number' && c.suffixed && Math.abs(c.value - x * (m as number)) <= 1e-9 * x * (m as number), txt);
    }));
    for (const n of [50, 100, 50_000, 200_000]) assert.strictEqual(parseCell('1'.repeat(n) + 'x').kind, 'text');
  });

  it('reproducer: a 200 KB CLI number is a one-line usage error quoting at most 60 characters', async () => {
    const err: string[] = [];
    const code = await main(['optimal', '--compute', '1'.repeat(200_000) + 'x'], { out: () => undefined, err: (s) => err.push(s) });
    assert.strictEqual(code, 2);
    assert.strictEqual(err.length, 1);
    assert.ok(err[0].length < 300, `${err[0].length} characters`);
  });
});

describe('security 4: nothing lost silently', () => {
  it('reproducer: --max-rows counts records, not lines (multi-line quoted cells)', () => {
    const rows = Array.from({ length: 5 }, (_, i) => `${1e8 * (i + 1)},${1e9 * (i + 1)},${3 - i * 0.1},"note\nline two\nline three"`);
    const text = `N,D,loss,note\n${rows.join('\n')}\n`;
    assert.strictEqual(parseRunsCsv(text, { maxRows: 5 }).rows.length, 5);
    assert.throws(() => parseRunsCsv(text, { maxRows: 4 }), (e: unknown) => e instanceof CsvError && /more than 4 data rows/.test(e.message));
  });

  it('property: with any number of line breaks inside quoted cells, maxRows = records accepts all, records − 1 refuses', () => {
    fc.assert(fc.property(fc.array(fc.nat({ max: 4 }), { minLength: 1, maxLength: 30 }), (breaks) => {
      const rows = breaks.map((b, i) => `${1e8 * (i + 1)},${1e9},${3},"${'x\n'.repeat(b)}y"`);
      const text = `N,D,loss,note\n${rows.join('\n')}\n`;
      const t = parseRunsCsv(text, { maxRows: rows.length });
      assert.strictEqual(t.rows.length, rows.length);
      assert.deepStrictEqual(t.rows.map((r) => r.extra.note), breaks.map((b) => `${'x\n'.repeat(b)}y`));
      assert.throws(() => parseRunsCsv(text, { maxRows: rows.length - 1 }), CsvError);
    }), { numRuns: 60 });
  });

  const NANS = ['nan', 'NaN', 'NAN', '-nan', '+nan', '-NaN', 'nan(ind)', '-nan(0x8000)', '#N/A', '#NUM!', '#DIV/0!', '#VALUE!', '#NA', 'NA', 'N/A', '<NA>', 'null', 'None', '', '1.#QNAN', '-1.#IND', 'NaT'];
  it('property: every NaN spelling in any role column is dropped with a reason naming it; the other rows are used', () => {
    fc.assert(fc.property(fc.constantFrom(...NANS), fc.constantFrom(0, 1, 2), (nan, col) => {
      const good = ['1e8,1e9,3.1', '2e8,2e9,2.9'];
      const bad = ['3e8', '3e9', '2.8'];
      bad[col] = nan;
      const t = parseRunsCsv(`N,D,loss\n${good[0]}\n${bad.join(',')}\n${good[1]}\n`);
      assert.strictEqual(t.rows.length, 2);
      assert.strictEqual(t.summary.dropped.length, 1);
      assert.strictEqual(t.summary.dropped[0].line, 3);
      assert.match(t.summary.dropped[0].reason, new RegExp(`^${['N', 'D', 'loss'][col]} is missing`));
      if (nan) assert.ok(t.summary.dropped[0].reason.includes(nan), t.summary.dropped[0].reason);
    }));
  });

  it('reproducer: the CLI text output of fit and isoflop lists the dropped lines', async () => {
    const file = path.join(dir, 'dropped.csv');
    const rows = Array.from({ length: 12 }, (_, i) => {
      const N = 1e7 * 2 ** (i % 6);
      const D = 2e8 * 3 ** Math.floor(i / 2);
      return `${N},${D},${1.7 + 400 / N ** 0.34 + 400 / D ** 0.28}`;
    });
    fs.writeFileSync(file, ['N,D,loss', ...rows, '1e8,1e9,-nan', '1e8,#N/A,3'].join('\n'));
    const out: string[] = [];
    assert.strictEqual(await main(['fit', file, '--bootstrap', '0', '--cv', '0'], { out: (s) => out.push(s), err: () => undefined }), 0);
    const text = out.join('\n');
    assert.match(text, /dropped 2 rows:/);
    assert.match(text, /dropped\.csv:14: loss is missing \('-nan'\)/);
    assert.match(text, /dropped\.csv:15: D is missing \('#N\/A'\)/);
  });
});

describe('security 5: input errors are input errors, user text neutralised', () => {
  it('reproducer: "dtype": "constructor" and other prototype keys are located input errors, never lookups', () => {
    for (const k of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      assert.strictEqual(parseDtype(k), undefined, k);
      assert.throws(() => planned({ dtype: k, gpu: 'H100-SXM', mfu: 0.4 }), (e: unknown) => e instanceof InputError && /^audit\.sweep\.jsonc:1:\d+: "dtype" must be one of/.test((e as Error).message), k);
    }
  });

  it('reproducer: `scaling-laws constructor` is an unknown command (exit 2)', async () => {
    const err: string[] = [];
    assert.strictEqual(await main(['constructor'], { out: () => undefined, err: (s) => err.push(s) }), 2);
    assert.match(err[0], /unknown command 'constructor'/);
  });

  it('property: terminal output never carries an escape or control character except \\n and \\t', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
      const t = forTerminal(s);
      assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u202e]/.test(t), JSON.stringify(t));
    }));
    assert.strictEqual(forTerminal('a\u001b[31mred\u009b2J'), 'a\\u001b[31mred\\u009b2J');
    // Line feeds and tabs pass through; everything else is escaped exactly as escapeNonPrinting escapes it.
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
      const expected = s.split(/([\n\t])/).map((part) => (part === '\n' || part === '\t' ? part : escapeNonPrinting(part))).join('');
      assert.strictEqual(forTerminal(s), expected);
    }));
  });

  it('forTerminal\'s quick pre-check covers every code point the escape applies to (all of U+0000…U+10FFFF)', () => {
    const exact = /[^\P{Cc}\t\n]|[\p{Cf}\p{Zl}\p{Zp}]/u;
    let matched = 0;
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue; // lone surrogates: the pre-check takes them all
      const c = String.fromCodePoint(cp);
      if (!exact.test(c)) continue;
      matched++;
      assert.ok(MAYBE_NON_PRINTING_EXCEPT_LF_TAB.test(c), `U+${cp.toString(16)} is escaped but the pre-check misses it`);
    }
    assert.ok(matched > 150, `${matched} code points escaped`);
    assert.ok(!MAYBE_NON_PRINTING_EXCEPT_LF_TAB.test('{"N": 1.5e9, "run": "r01 ÄÖ é 中文"}\n\t'), 'ordinary text passes the pre-check');
  });

  it('reproducer: a CSV header with escape sequences reaches stderr escaped', async () => {
    const file = path.join(dir, 'esc.csv');
    fs.writeFileSync(file, 'N,D,loss,"\u001b]8;;https://evil\u0007x"\n1e8,1e9,three,1\n');
    const err: string[] = [];
    assert.strictEqual(await main(['fit', file], { out: () => undefined, err: (s) => err.push(s) }), 2);
    const written: string[] = [];
    const real = process.stderr.write.bind(process.stderr);
    (process.stderr as { write: unknown }).write = (s: string) => (written.push(s), true);
    try {
      processIO.err(`${err[0]} \u001b[2J`);
    } finally {
      (process.stderr as { write: unknown }).write = real;
    }
    assert.ok(!written.join('').includes('\u001b'), JSON.stringify(written));
  });

  it('property: hover Markdown of a gpu_type never contains a live link, HTML or line break', () => {
    const evil = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.constantFrom('[click](command:workbench.action.terminal.new)', '<img src=x onerror=alert(1)>', 'https://evil.example/x', 'www.evil.example', '![i](https://x/y.png)', 'a\u2028# heading'),
    );
    fc.assert(fc.property(evil, (gpu) => {
      const text = JSON.stringify({ architecture: { hidden_size: 512, num_hidden_layers: 8, num_attention_heads: 8, vocab_size: 32000, intermediate_size: 2048 }, training_gear: { gpu_type: gpu, num_gpus: 8, available_hours: 24 }, training_efficiency: { expected_mfu: 0.4 } });
      const a = analyseDocument(text, 'x.backward.jsonc', { readFile: () => undefined, kind: 'backward' });
      const md = hoverMarkdown(a, text.indexOf('gpu_type') + 2);
      if (md === undefined) return;
      const head = md.split('\n')[0];
      assert.ok(!/(^|[^\\])\]\(/.test(head) && !/<[a-z]/i.test(head) && !/(^|[^\\])https?:\/\//.test(head) && !/\u2028/.test(head), head);
    }));
    assert.strictEqual(markdownText('[x](command:y)'), '\\[x\\]\\(command:y\\)');
  });
});
