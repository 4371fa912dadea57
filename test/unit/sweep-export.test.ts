/**
 * Sweep exports as artefacts a scheduler will really run: the SLURM script passes `bash -n` and each array
 * index runs its own row; the SkyPilot YAML parses and its `run` script selects the row by RUN_INDEX; CSV
 * and JSON round-trip through the shared CSV reader; config values with shell metacharacters cannot inject
 * commands (the scripts are executed here with a stub "training command" that only echoes its arguments).
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Papa from 'papaparse';
import { DEFAULT_PLAN_DEPS, exportPlan, mockResults, mockToCsv, parseSweepConfig, planSweep, sweepLaw, type SweepConfig, type SweepPlan } from '../../src/core/sweep';
import { InputError } from '../../src/core/errors';
import { parseRunsCsv } from '../../src/core/csv';
import { main } from '../../src/cli/main';

// js-yaml ships without types; it is only needed here to check that the SkyPilot export is valid YAML.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require('js-yaml') as { load(text: string): unknown };

const EXAMPLE = path.join(__dirname, '../../examples/small.sweep.jsonc');
/** The stub training command: prints one line with every placeholder the row needs to be checked. */
const ECHO = 'echo RUN {run_id} {index} {name} {layers} {width} {heads} {ffn} {steps} {tokens} {params}';

function planned(extra: Record<string, unknown> = {}): { config: SweepConfig; plan: SweepPlan } {
  const config = parseSweepConfig(
    JSON.stringify({ name: 'audit', budgets: [1e18, 1e19, 1e20], modelsPerBudget: 5, span: 8, batchSize: 32, command: ECHO, ...extra }),
    'audit.sweep.jsonc',
  );
  return { config, plan: planSweep(config, DEFAULT_PLAN_DEPS) };
}

/** What the stub prints for run i of the plan. */
function expectedLine(plan: SweepPlan, i: number): string {
  const r = plan.runs[i];
  const a = r.arch;
  return ['RUN', r.id, i, plan.name, a.num_hidden_layers, a.hidden_size, a.num_attention_heads, a.intermediate_size, r.steps, r.D, Math.round(r.N)].join(' ');
}

let dir: string;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sweep-export-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function scriptFile(script: string): string {
  const file = path.join(dir, `s${Math.random().toString(36).slice(2)}.sh`);
  fs.writeFileSync(file, script);
  return file;
}

/** Run a bash script with extra environment; returns stdout (throws on a non-zero exit). */
function bash(script: string, env: Record<string, string>): string {
  const file = scriptFile(script);
  return execFileSync('bash', [file], { cwd: dir, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** `bash -n`: throws on a syntax error. */
const bashSyntax = (script: string) => execFileSync('bash', ['-n', scriptFile(script)], { stdio: ['ignore', 'pipe', 'pipe'] });

describe('sweep export — SLURM job array', () => {
  it('the example exported by the CLI passes bash -n and has --array=0-(runs-1)', async () => {
    const out: string[] = [];
    assert.strictEqual(await main(['plan', EXAMPLE, '--format', 'slurm'], { out: (s) => out.push(s), err: () => undefined }), 0);
    const script = out.join('\n') + '\n';
    bashSyntax(script);
    const runs = planSweep(parseSweepConfig(fs.readFileSync(EXAMPLE, 'utf8'), EXAMPLE), DEFAULT_PLAN_DEPS).runs.length;
    assert.match(script, new RegExp(`^#SBATCH --array=0-${runs - 1}$`, 'm'));
    // sbatch stops reading directives at the first command: every #SBATCH line precedes `set -euo pipefail`.
    const lines = script.split('\n');
    const firstCommand = lines.findIndex((l) => l.trim() !== '' && !l.startsWith('#'));
    assert.ok(lines.every((l, i) => !l.startsWith('#SBATCH') || i < firstCommand));
    // SLURM does not create the directory of --output; a missing logs/ would make every task fail silently.
    const output = script.match(/^#SBATCH --output=(.*)$/m)![1];
    assert.ok(!output.includes('/'), `--output=${output} writes into a directory sbatch does not create`);
  });

  it('each SLURM_ARRAY_TASK_ID runs exactly its own row; an out-of-range or missing index fails', () => {
    const { config, plan } = planned();
    const script = exportPlan(plan, config, 'slurm');
    const n = plan.runs.length;
    assert.match(script, new RegExp(`^#SBATCH --array=0-${n - 1}$`, 'm'));
    // Array task i runs row i of the exported run table (the CSV the results are joined to by run_id).
    const table = Papa.parse<Record<string, string>>(exportPlan(plan, config, 'csv'), { header: true, skipEmptyLines: true }).data;
    for (const i of [0, 1, Math.floor(n / 2), n - 1]) {
      const line = bash(script, { SLURM_ARRAY_TASK_ID: String(i) }).trim();
      assert.strictEqual(line, expectedLine(plan, i), `task ${i}`);
      const [, runId, , , layers, width] = line.split(' ');
      assert.deepStrictEqual([runId, layers, width], [table[i].run_id, table[i].layers, table[i].hidden_size], `task ${i} vs CSV row ${i}`);
    }
    assert.throws(() => bash(script, { SLURM_ARRAY_TASK_ID: String(n) }), (e: { status?: number; stderr?: string }) => e.status === 1 && /no run with index/.test(String(e.stderr)));
    assert.throws(() => bash(script, {}), (e: { stderr?: string }) => /submit with sbatch/.test(String(e.stderr)));
  });
});

describe('sweep export — SkyPilot task YAML', () => {
  it('parses as YAML with name, resources.accelerators, workdir, envs.RUN_INDEX, setup and run', () => {
    const { config, plan } = planned({ gpu: 'H100-SXM', mfu: 0.4, gpusPerRun: 4, skypilot: { setup: '  pip install -r requirements.txt\necho ready', workdir: 'my dir: "x"' } });
    const doc = yaml.load(exportPlan(plan, config, 'skypilot')) as Record<string, unknown>;
    assert.deepStrictEqual(Object.keys(doc).sort(), ['envs', 'name', 'resources', 'run', 'setup', 'workdir']);
    assert.strictEqual(doc.name, 'audit');
    assert.deepStrictEqual(doc.resources, { accelerators: 'H100:4' });
    assert.strictEqual(doc.workdir, 'my dir: "x"');
    assert.deepStrictEqual(doc.envs, { RUN_INDEX: 0 });
    // A setup script whose first line is indented must survive intact (YAML block indentation).
    assert.strictEqual(doc.setup, '  pip install -r requirements.txt\necho ready\n');
    assert.strictEqual(typeof doc.run, 'string');
  });

  it('the run script selects the row by RUN_INDEX', () => {
    const { config, plan } = planned();
    const run = (yaml.load(exportPlan(plan, config, 'skypilot')) as { run: string }).run;
    for (const i of [0, plan.runs.length - 1]) assert.strictEqual(bash(run, { RUN_INDEX: String(i) }).trim(), expectedLine(plan, i));
  });
});

describe('sweep export — CSV and JSON round trips', () => {
  it('the plan CSV, once a loss column is filled in, re-reads through parseRunsCsv with the planned N, D and compute', () => {
    const { config, plan } = planned();
    // A plan has no losses yet; the results file is the plan CSV with a loss per run appended.
    const lines = exportPlan(plan, config, 'csv').trimEnd().split('\n');
    const csv = lines.map((l, i) => `${l},${i === 0 ? 'loss' : (3 + i / 100).toFixed(2)}`).join('\n');
    const table = parseRunsCsv(csv, { fileName: 'plan.csv' });
    assert.strictEqual(table.columns.N, 'N');
    assert.strictEqual(table.columns.D, 'D');
    assert.strictEqual(table.columns.C, 'compute');
    assert.strictEqual(table.rows.length, plan.runs.length);
    table.rows.forEach((row, i) => {
      const r = plan.runs[i];
      assert.strictEqual(row.extra.run_id, r.id);
      assert.strictEqual(row.N, Math.round(r.N));
      assert.strictEqual(row.D, r.D);
      assert.ok(Math.abs(row.C! / r.compute - 1) < 1e-5, `compute ${row.C} vs ${r.compute}`);
    });
  });

  it('the mock results CSV re-reads with the same N, D, compute and loss, grouped by its budget column', () => {
    const { plan } = planned();
    const rows = mockResults(plan.runs, sweepLaw('hoffmann2022-a3'), { noise: 0.01, seed: 5 });
    const table = parseRunsCsv(mockToCsv(rows), { fileName: 'mock.csv' });
    assert.strictEqual(table.rows.length, rows.length);
    table.rows.forEach((row, i) => {
      assert.strictEqual(row.N, Math.round(rows[i].N));
      assert.strictEqual(row.D, rows[i].D);
      assert.ok(Math.abs(row.C! / rows[i].compute - 1) < 1e-7);
      assert.ok(Math.abs(row.loss - rows[i].loss) <= 5e-7);
      assert.strictEqual(Number(row.extra.budget), rows[i].budget);
    });
  });

  it('the JSON export parses and carries the same runs and totals', () => {
    const { config, plan } = planned();
    const j = JSON.parse(exportPlan(plan, config, 'json'));
    assert.strictEqual(j.name, 'audit');
    assert.strictEqual(j.totals.runs, plan.runs.length);
    assert.deepStrictEqual(
      j.runs.map((r: { run_id: string; N: number; D: number }) => [r.run_id, r.N, r.D]),
      plan.runs.map((r) => [r.id, Math.round(r.N), r.D]),
    );
  });
});

describe('sweep export — no injection from config values', () => {
  const marker = () => path.join(dir, 'pwned');
  const hostile = () => `x'; touch ${marker()}; echo '$(touch ${marker()})\`touch ${marker()}\`;&|<>*?`;

  it('a name with quotes, $(…), backticks, ; & | < > * ? is refused by the reader, and by the export if planned programmatically', () => {
    assert.throws(() => planned({ name: hostile(), command: 'printf "<%s>\\n" {name}' }), (e: unknown) => e instanceof InputError && /audit\.sweep\.jsonc:1:9: "name" must be a name of letters/.test((e as Error).message));
    const { config, plan } = planned({ command: 'printf "<%s>\\n" "{name}"' });
    const evil = { ...plan, name: hostile() };
    for (const format of ['slurm', 'skypilot'] as const) {
      assert.throws(() => exportPlan(evil, { ...config, name: evil.name }, format), /value of \{name\}.*refusing to put it in a script/);
    }
    assert.ok(!fs.existsSync(marker()), 'a config value executed a command');
    assert.match(exportPlan(plan, config, 'slurm'), /^#SBATCH --job-name=[A-Za-z0-9_.-]+$/m);
  });

  it('a plain name stays unquoted in the command (the common case reads naturally)', () => {
    const { config, plan } = planned({ command: 'train --run {name}-{run_id}' });
    assert.ok(exportPlan(plan, config, 'slurm').includes('train --run audit-b0-m0\n'));
  });

  it('a newline cannot smuggle a line into the script header or an #SBATCH directive', () => {
    for (const extra of [{ name: 'a\ntouch pwned' }, { slurm: { partition: 'gpu\ntouch pwned' } }, { slurm: { extra: ['--qos=x\ntouch pwned'] } }]) {
      assert.throws(() => planned(extra), (e: unknown) => e instanceof InputError && /line break|control character/.test((e as Error).message), JSON.stringify(extra));
    }
    // Planned programmatically (no parser in between), the header still cannot gain a line.
    const { config, plan } = planned({ command: 'echo RUN {run_id}' });
    const evil = { ...plan, name: 'a\ntouch pwned' };
    for (const format of ['slurm', 'skypilot'] as const) {
      const text = exportPlan(evil, { ...config, name: evil.name }, format, 'my sweep\ntouch pwned.yaml');
      assert.ok(!/^touch pwned/m.test(text), format);
    }
    // The launch loop quotes the YAML's file name (the extension passes the name the user saved it under).
    assert.match(exportPlan(plan, config, 'skypilot', 'my sweep.yaml'), /--env RUN_INDEX=\$i 'my sweep\.yaml'; done$/m);
  });
});
