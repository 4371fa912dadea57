/** `scaling-laws laws` and `scaling-laws optimal`, run in-process through main() with a capturing io. */
import * as assert from 'assert';
import { existsSync } from 'fs';
import { execFileSync } from 'child_process';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { LAW_IDS } from '../../src/core/laws';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err };
}

interface Row {
  law: string;
  N: number;
  D: number;
  compute: number;
  loss: number | null;
  tokensPerParam: number;
  warnings: Array<{ code: string; severity: string; message: string }>;
  [k: string]: unknown;
}

const DEFAULT_LAWS = LAW_IDS.filter((id) => id !== 'atlas2025');

describe('CLI: scaling-laws optimal', () => {
  it('--compute 5.76e23 --json: one row per applicable law with the documented fields', async () => {
    const r = await run('optimal', '--compute', '5.76e23', '--json');
    assert.strictEqual(r.code, 0, r.err.join('\n'));
    const { results } = JSON.parse(r.out) as { results: Row[] };
    assert.deepStrictEqual(results.map((x) => x.law), DEFAULT_LAWS);
    for (const x of results) {
      for (const k of ['N', 'D', 'compute', 'tokensPerParam'] as const) assert.ok(Number.isFinite(x[k]) && x[k] > 0, `${x.law}.${k}`);
      assert.ok(x.loss === null || Number.isFinite(x.loss));
      assert.ok(Array.isArray(x.warnings));
      assert.ok(Math.abs((6 * x.N * x.D) / 5.76e23 - 1) < 1e-9, `${x.law}: 6ND = C`);
    }
    const a1 = results.find((x) => x.law === 'hoffmann2022-a1') as Row;
    assert.ok(Math.abs(a1.N / 67e9 - 1) < 0.05, 'Chinchilla Table 3: 67B at 5.76e23');
  });

  it('--language adds the ATLAS row for that language', async () => {
    const r = await run('optimal', '--compute', '1e22', '--language', 'fr', '--json');
    const { results } = JSON.parse(r.out) as { results: Row[] };
    const at = results.find((x) => x.law === 'atlas2025') as Row;
    assert.strictEqual(at.language, 'fr');
    assert.ok(at.warnings.some((w) => w.code === 'provisional'));
    assert.strictEqual(results.length, LAW_IDS.length);
  });

  it('--unique-tokens and --inference-tokens reach the core', async () => {
    const r = await run('optimal', '--compute', '1e22', '--unique-tokens', '25e9', '--law', 'muennighoff2023', '--json');
    const [row] = (JSON.parse(r.out) as { results: Row[] }).results;
    assert.ok(Math.abs(row.N / 7.02e9 - 1) < 0.01 && Math.abs(row.D / 2.373e11 - 1) < 0.01);
    const i = await run('optimal', '--compute', '1e23', '--law', 'hoffmann2022-a3', '--inference-tokens', '1e13', '--json');
    const [inf] = (JSON.parse(i.out) as { results: Row[] }).results;
    assert.ok(inf.warnings.some((w) => w.code === 'inference-aware'));
    assert.ok((inf.trainingOnly as { N: number }).N > inf.N);
  });

  it('--target-loss with --law gives the minimum-compute allocation', async () => {
    const r = await run('optimal', '--target-loss', '2.1', '--law', 'hoffmann2022-a3', '--json');
    assert.strictEqual(r.code, 0, r.err.join('\n'));
    const [row] = (JSON.parse(r.out) as { results: Row[] }).results;
    assert.ok(Math.abs((row.loss as number) - 2.1) < 1e-9);
    assert.ok(Math.abs((6 * row.N * row.D) / row.compute - 1) < 1e-9);
  });

  it('prints a readable table by default', async () => {
    const r = await run('optimal', '--compute', '1e23');
    assert.strictEqual(r.code, 0);
    assert.match(r.out, /^Compute-optimal allocation for C = 1e23 FLOPs/);
    assert.match(r.out, /law +N +D \(tokens\) +D\/N +C \(FLOPs\) +loss +warnings/);
    for (const id of DEFAULT_LAWS) assert.match(r.out, new RegExp(`^${id} `, 'm'));
    assert.match(r.out, /besiroglu2024 +\d+(\.\d+)?B +\d+(\.\d+)?B/);
    assert.match(r.out, /DeepSeek predicts M/);
  });

  for (const [argv, re, code] of [
    [['--compute', '-5'], /--compute must be greater than 0, got -5/, 2],
    [['--compute', 'abc'], /--compute expects a number \(e\.g\. 1e23\), got 'abc'/, 2],
    [['--compute'], /--compute needs a value/, 2],
    [['--compute', '1e23', '--frobnicate'], /unknown option '--frobnicate'/, 2],
    [['--compute', '1e23', '--law', 'chinchilla'], /unknown law 'chinchilla' \(valid ids: hoffmann2022-a1, .*atlas2025\)/, 2],
    [['--compute', '1e23', '--language', 'de'], /unknown language 'de' \(valid languages: en, fr, ru, zh, hi, sw\)/, 2],
    [['--compute', '1e23', '--atlas-vocab', 'bilingual'], /unknown ATLAS vocabulary 'bilingual'/, 2],
    [[], /give --compute <FLOPs> or --target-loss <L>/, 2],
    [['--compute', '1e23', '--target-loss', '2'], /either --compute or --target-loss/, 2],
    [['--target-loss', '2'], /--target-loss needs --law/, 2],
    [['--target-loss', '1.5', '--law', 'hoffmann2022-a3'], /irreducible loss E = 1\.693/, 1],
    [['--target-loss', '2', '--law', 'llama3-2024'], /predicts no loss/, 1],
  ] as Array<[string[], RegExp, number]>) {
    it(`optimal ${argv.join(' ') || '(no arguments)'} → exit ${code}, one clear line`, async () => {
      const r = await run('optimal', ...argv);
      assert.strictEqual(r.code, code);
      assert.strictEqual(r.err.length, 1, r.err.join('\n'));
      assert.match(r.err[0], re);
      assert.doesNotMatch(r.err[0], /\n|at .*\(.*:\d+:\d+\)/, 'no stack trace');
      assert.strictEqual(r.out, '');
    });
  }
});

describe('CLI: scaling-laws laws', () => {
  it('lists every law with its citation', async () => {
    const r = await run('laws');
    assert.strictEqual(r.code, 0);
    for (const id of LAW_IDS) assert.match(r.out, new RegExp(`^${id} `, 'm'));
    assert.match(r.out, /https:\/\/arxiv\.org\/abs\/2203\.15556/);
    assert.match(r.out, /provisional/);
  });
  it('--json is the registry', async () => {
    const r = await run('laws', '--json');
    const { laws } = JSON.parse(r.out) as { laws: Array<{ id: string; constants: Record<string, { value: number; source: string }> }> };
    assert.deepStrictEqual(laws.map((l) => l.id), [...LAW_IDS]);
    assert.strictEqual(laws.find((l) => l.id === 'besiroglu2024')?.constants.B.value, 2085.43);
  });
});

describe('CLI: built dist/cli.js', () => {
  const cli = path.resolve(__dirname, '../../dist/cli.js');
  it('node dist/cli.js optimal --compute 5.76e23 --json returns a row for every applicable law', function () {
    if (!existsSync(cli)) {
      console.warn(`SKIPPED: ${cli} is not built (run \`npm run build\`; \`npm test\` builds it first)`);
      this.skip();
    }
    const out = execFileSync(process.execPath, [cli, 'optimal', '--compute', '5.76e23', '--json'], { encoding: 'utf8' });
    const { results } = JSON.parse(out) as { results: Row[] };
    assert.deepStrictEqual(results.map((x) => x.law), DEFAULT_LAWS);
  });
  it('exits 2 with one line on a bad argument', function () {
    if (!existsSync(cli)) {
      console.warn(`SKIPPED: ${cli} is not built`);
      this.skip();
    }
    try {
      execFileSync(process.execPath, [cli, 'optimal', '--compute', 'abc'], { encoding: 'utf8', stdio: 'pipe' });
      assert.fail('should exit non-zero');
    } catch (e) {
      const err = e as { status: number; stderr: string };
      assert.strictEqual(err.status, 2);
      assert.strictEqual(err.stderr.trim().split('\n').length, 1);
    }
  });
});
