/** `scaling-laws laws` and `scaling-laws optimal`, run in-process through main() with a capturing io. */
import * as assert from 'assert';
import { existsSync } from 'fs';
import { execFileSync } from 'child_process';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { LAW_IDS } from '../../src/core/laws';
import { costAware, lawModel, SARDANA_COST_DEFAULTS } from '../../src/core/allocation';

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

/** `optimal <argv>` is refused: exit 2, exactly one stderr line matching `re`, nothing on stdout. */
function usageError(argv: string[], re: RegExp): void {
  it(`optimal ${argv.join(' ')} → exit 2, one clear line`, async () => {
    const r = await run('optimal', ...argv);
    assert.strictEqual(r.code, 2);
    assert.strictEqual(r.err.length, 1, r.err.join('\n'));
    assert.match(r.err[0], re);
    assert.strictEqual(r.out, '');
  });
}

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

  it('--unique-tokens and --inference-tokens reach the core (Muennighoff C=1e22, U=25e9 → 7.02e9 / 2.373e11 within 1 %)', async () => {
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
    [[], /give --compute <FLOPs>, a GPU budget \(--gpus <n> --gpu <type> --hours <h> --mfu <f>\) or --target-loss <L>/, 2],
    [['--compute', '1e23', '--target-loss', '2'], /give one budget, not --compute and --target-loss/, 2],
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

const rel = (x: number, y: number) => Math.abs(x / y - 1);
const H100_BF16 = 989.4e12; // NVIDIA H100 SXM dense BF16 (src/core/hardware/gpus.ts)

describe('CLI: scaling-laws optimal with a GPU budget', () => {
  const gpuArgs = ['--gpus', '64', '--gpu', 'H100', '--hours', '720', '--mfu', '0.4', '--uptime', '0.95'];
  const C = 64 * H100_BF16 * 0.4 * 0.95 * 720 * 3600;

  it('C = GPUs × dense peak × MFU × uptime × hours × 3600 (rel 1e-12), same rows as --compute C', async () => {
    const r = await run('optimal', ...gpuArgs, '--json');
    assert.strictEqual(r.code, 0, r.err.join('\n'));
    const out = JSON.parse(r.out) as { results: Row[]; budget: { compute: number; gpu: string; gpuHours: number; derivation: string } };
    assert.ok(rel(out.budget.compute, C) < 1e-12, `C = ${out.budget.compute}`);
    assert.strictEqual(out.budget.gpu, 'H100-SXM BF16');
    assert.strictEqual(out.budget.gpuHours, 64 * 720);
    const direct = JSON.parse((await run('optimal', '--compute', String(C), '--json')).out) as { results: Row[] };
    assert.deepStrictEqual(out.results.map((x) => x.law), DEFAULT_LAWS);
    out.results.forEach((x, i) => assert.ok(rel(x.N, direct.results[i].N) < 1e-12 && rel(x.compute, C) < 1e-12, x.law));
  });

  it('prints how C was derived', async () => {
    const r = await run('optimal', ...gpuArgs, '--law', 'hoffmann2022-a3');
    assert.strictEqual(r.code, 0, r.err.join('\n'));
    assert.match(r.out, /^Compute-optimal allocation for C = 6\.24e22 FLOPs/);
    assert.match(r.out, /Budget: C = 64 × H100-SXM BF16 \(989\.4 TFLOP\/s dense\) × 40 % MFU × 95 % uptime × 720 h × 3600 s\/h = 6\.24e22 FLOPs; 46\.1K GPU-hours; peak from NVIDIA H100 datasheet/);
  });

  it('--dtype and --peak-flops change the peak; uptime defaults to 1', async () => {
    const fp8 = JSON.parse((await run('optimal', '--gpus', '8', '--gpu', 'h100-sxm5', '--dtype', 'fp8', '--hours', '10', '--mfu', '0.3', '--json')).out);
    assert.ok(rel(fp8.budget.compute, 8 * 1978.9e12 * 0.3 * 10 * 3600) < 1e-12);
    const own = JSON.parse((await run('optimal', '--gpus', '2', '--peak-flops', '1e15', '--hours', '1', '--mfu', '0.5', '--json')).out);
    assert.ok(rel(own.budget.compute, 2 * 1e15 * 0.5 * 3600) < 1e-12);
  });

  for (const [argv, re] of [
    [['--gpus', '8', '--gpu', 'H1000', '--hours', '10', '--mfu', '0.4'], /--gpu: unknown GPU 'H1000' \(did you mean H100-SXM, .*or give --peak-flops <FLOP\/s>\)/],
    [['--gpus', '8', '--gpu', 'V100', '--hours', '10', '--mfu', '0.4'], /--dtype: V100 has no bf16 peak in the table \(it has: fp16, fp32\)/],
    [['--gpus', '8', '--hours', '10'], /a GPU budget needs --gpu, --mfu/],
    [['--gpus', '2.5', '--gpu', 'A100', '--hours', '10', '--mfu', '0.4'], /--gpus expects a whole number of GPUs, got 2\.5/],
    [['--gpus', '8', '--gpu', 'A100', '--hours', '10', '--mfu', '40'], /--mfu is a fraction in \(0, 1\]/],
    [['--gpus', '8', '--gpu', 'A100', '--hours', '10', '--mfu', '0.4', '--uptime', '0'], /--uptime must be greater than 0/],
    [['--compute', '1e23', '--gpus', '8', '--gpu', 'A100', '--hours', '10', '--mfu', '0.4'], /give one budget, not --compute and a GPU budget/],
    [['--compute', '1e23', '--gpu', 'A100'], /--gpu describes the training hardware/],
  ] as Array<[string[], RegExp]>) {
    usageError(argv, re);
  }
});

describe('CLI: scaling-laws optimal, cost objective (Sardana et al. 2024, Sec. 4)', () => {
  it('--cost alone uses the paper\'s defaults and the row is the core costAware optimum (rel 1e-12)', async () => {
    const r = await run('optimal', '--compute', '1e23', '--law', 'hoffmann2022-a3', '--inference-tokens', '1e13', '--cost', '--json');
    assert.strictEqual(r.code, 0, r.err.join('\n'));
    const out = JSON.parse(r.out) as { results: Row[]; costSettings: typeof SARDANA_COST_DEFAULTS };
    assert.deepStrictEqual(out.costSettings, SARDANA_COST_DEFAULTS);
    const [row] = out.results;
    const base = row.trainingOnly as { N: number; D: number };
    const core = costAware(lawModel('hoffmann2022-a3', {}).surface!, { inferenceTokens: 1e13, baseline: base });
    assert.ok(rel(row.N, core.N) < 1e-12 && rel(row.D, core.D) < 1e-12, `${row.N} vs ${core.N}`);
    assert.ok(rel(row.lifetimeCost as number, core.totalCost) < 1e-9);
    assert.ok((row.lifetimeCost as number) < (row.trainingOnlyLifetimeCost as number));
    assert.ok(row.warnings.some((w) => w.code === 'cost-aware'));
  });

  it('flags map onto the cost settings exactly (Sardana README example hardware: A100 $1.40/h → 624 TOP/s $0.60/h, 1000 + 250 tokens)', async () => {
    const r = await run(
      'optimal', '--compute', '1e23', '--law', 'besiroglu2024', '--inference-tokens', '1.25e13',
      '--gpu', 'A100', '--mfu', '0.5', '--train-price-per-hour', '1.4',
      '--inference-peak-flops', '6.24e14', '--inference-price-per-hour', '0.6', '--prefill-mfu', '0.4', '--decode-mfu', '0.2',
      '--prompt-tokens', '1000', '--output-tokens', '250', '--json',
    );
    assert.strictEqual(r.code, 0, r.err.join('\n'));
    const { costSettings, results } = JSON.parse(r.out) as { costSettings: typeof SARDANA_COST_DEFAULTS; results: Row[] };
    assert.deepStrictEqual(costSettings, {
      trainPeakFlops: 312e12, trainDollarsPerHour: 1.4, trainMfu: 0.5,
      inferencePeakFlops: 6.24e14, inferenceDollarsPerHour: 0.6, prefillMfu: 0.4, decodeMfu: 0.2, inputTokenFraction: 0.8,
    });
    const [row] = results;
    const core = costAware(lawModel('besiroglu2024', {}).surface!, { inferenceTokens: 1.25e13, baseline: row.trainingOnly as { N: number; D: number }, settings: costSettings });
    assert.ok(rel(row.N, core.N) < 1e-12, `${row.N} vs ${core.N}`);
  });

  it('--price-per-hour and --inference-mfu set both sides; --inference-gpu uses its FP8 peak', async () => {
    const r = await run('optimal', '--compute', '1e22', '--law', 'hoffmann2022-a3', '--inference-tokens', '1e12', '--price-per-hour', '3', '--inference-mfu', '0.2', '--inference-gpu', 'L40S', '--json');
    const { costSettings } = JSON.parse(r.out) as { costSettings: typeof SARDANA_COST_DEFAULTS };
    assert.strictEqual(costSettings.trainDollarsPerHour, 3);
    assert.strictEqual(costSettings.inferenceDollarsPerHour, 3);
    assert.strictEqual(costSettings.prefillMfu, 0.2);
    assert.strictEqual(costSettings.decodeMfu, 0.2);
    assert.strictEqual(costSettings.inferencePeakFlops, 733e12);
    assert.strictEqual(costSettings.trainPeakFlops, SARDANA_COST_DEFAULTS.trainPeakFlops);
  });

  it('a GPU budget prices training on that GPU and MFU; the table shows lifetime dollars', async () => {
    const r = await run('optimal', '--gpus', '256', '--gpu', 'A100', '--hours', '500', '--mfu', '0.45', '--law', 'hoffmann2022-a3,llama3-2024', '--inference-tokens', '2e12', '--cost');
    assert.strictEqual(r.code, 0, r.err.join('\n'));
    assert.match(r.out, /Cost objective \(Sardana et al\. 2024, Sec\. 4\): training A100 BF16 3\.12e14 FLOP\/s at \$2\/GPU-h, MFU 45 %; inference H100 FP8 \(paper default\) 1\.98e15 FLOP\/s/);
    assert.match(r.out, /law +N +D \(tokens\) +D\/N +C \(FLOPs\) +loss +lifetime \$ +warnings/);
    assert.match(r.out, /^hoffmann2022-a3 .* \$\d+(\.\d+)?[KMB] +\d+$/m);
    assert.match(r.out, /^llama3-2024 .* – +\d+$/m, 'no loss surface → no cost');
    assert.match(r.out, /their C exceeds the GPU budget/);
  });

  for (const [argv, re] of [
    [['--compute', '1e23', '--cost'], /the cost objective .* needs --inference-tokens <T> > 0/],
    [['--compute', '1e23', '--inference-tokens', '1e12', '--decode-mfu', '2'], /--decode-mfu is a fraction in \(0, 1\]/],
    [['--compute', '1e23', '--inference-tokens', '1e12', '--inference-gpu', 'A100'], /--inference-dtype: A100 has no fp8 peak/],
    [['--compute', '1e23', '--inference-tokens', '1e12', '--prompt-tokens', '0', '--output-tokens', '0'], /cannot both be 0/],
  ] as Array<[string[], RegExp]>) {
    usageError(argv, re);
  }
});

describe('CLI: optimal --constants', () => {
  it('--constants eq10-rounded: L̂ for hoffmann2022-a3 from the printed Eq. 10, the set named in the row and the header', async () => {
    const r = await run('optimal', '--compute', '5.76e23', '--law', 'hoffmann2022-a3', '--constants', 'eq10-rounded', '--json');
    assert.strictEqual(r.code, 0, r.err.join('\n'));
    const [row] = (JSON.parse(r.out) as { results: Row[] }).results;
    assert.strictEqual(row.constantSet, 'eq10-rounded');
    // Eq. 4 with E=1.69, A=406.4, B=410.7, α=0.34, β=0.28 at 5.76e23: G = (αA/βB)^(1/(α+β)), N = G·(C/6)^(β/(α+β)).
    const G = ((0.34 * 406.4) / (0.28 * 410.7)) ** (1 / 0.62);
    assert.ok(Math.abs(row.N / (G * (5.76e23 / 6) ** (0.28 / 0.62)) - 1) < 1e-12);
    const t = await run('optimal', '--compute', '5.76e23', '--law', 'hoffmann2022-a3', '--constants', 'eq10-rounded');
    assert.match(t.out, /constant set eq10-rounded/);
  });
  it('an unknown set → exit 2, one line listing the valid sets', async () => {
    const r = await run('optimal', '--compute', '1e22', '--constants', 'rounded');
    assert.strictEqual(r.code, 2);
    assert.strictEqual(r.err.length, 1);
    assert.match(r.err[0], /no selected law has constant set 'rounded' \(constant sets: hoffmann2022-a3: unrounded, eq10-rounded, sardana2024\)/);
  });
  it('laws lists the constant sets', async () => {
    const r = await run('laws');
    assert.match(r.out, /constant sets \(--constants\): unrounded \(default\), eq10-rounded, sardana2024/);
    const md = await run('laws', '--markdown');
    assert.match(md.out, /`porian2024`.*N: all linear layers incl\. the output head, without the input embedding/);
  });
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
  it('--markdown is a 6-column Markdown table with one row per law and its arXiv link', async () => {
    const r = await run('laws', '--markdown');
    assert.strictEqual(r.code, 0);
    const lines = r.out.split('\n');
    assert.strictEqual(lines[0], '| id | paper | form | conventions | fitted ranges | notes |');
    assert.strictEqual(lines[1], '| --- | --- | --- | --- | --- | --- |');
    assert.strictEqual(lines.length, 2 + LAW_IDS.length);
    const { laws } = JSON.parse((await run('laws', '--json')).out) as { laws: Array<{ id: string; citation: { arxiv: string } }> };
    laws.forEach((l, i) => {
      const row = lines[i + 2];
      // Cells split on unescaped pipes: 6 cells → 7 separators.
      assert.strictEqual(row.split(/(?<!\\)\|/).length - 2, 6, row);
      assert.ok(row.startsWith(`| \`${l.id}\` | [`), row);
      assert.ok(row.includes(`](https://arxiv.org/abs/${l.citation.arxiv})`), `${l.id} arXiv link`);
    });
    assert.match(r.out, /`atlas2025`.*provisional.*vocabulary-insensitive/);
    assert.match(r.out, /`kaplan2020`.*historical, non-embedding N/);
    assert.match(r.out, /`hoffmann2022-a2`.*C 6e18–3e21 FLOPs/);
  });
  it('--json --markdown → exit 2', async () => {
    const r = await run('laws', '--json', '--markdown');
    assert.strictEqual(r.code, 2);
    assert.match(r.err[0], /--json or --markdown, not both/);
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

describe('optimal: one recommendation across the laws', () => {
  it('--json carries consensus {N, D: {low, mid, high}, laws, rule, relevant} equal to the rows it names', async () => {
    const r = await run('optimal', '--compute', '5.76e23', '--json');
    assert.strictEqual(r.code, 0);
    const j = JSON.parse(r.out) as { results: Row[]; consensus: { N: Record<string, number>; D: Record<string, number>; laws: string[]; rule: string; relevant: { law: string; reason: string } } };
    const c = j.consensus;
    assert.deepStrictEqual(Object.keys(c.N).sort(), ['high', 'low', 'mid']);
    assert.deepStrictEqual(c.laws, ['hoffmann2022-a3', 'besiroglu2024', 'muennighoff2023']);
    const rows = j.results.filter((x) => c.laws.includes(x.law));
    assert.strictEqual(c.N.low, rows.map((x) => x.N).reduce((a, b) => Math.min(a, b), Infinity));
    assert.strictEqual(c.D.high, rows.map((x) => x.D).reduce((a, b) => Math.max(a, b), -Infinity));
    assert.ok(c.laws.includes(c.relevant.law) && c.relevant.reason.length > 10);
  });
  it('the table ends with the consensus footer, rule and most relevant law; no consensus for a target loss', async () => {
    const r = await run('optimal', '--compute', '5.76e23');
    assert.match(r.out, /\nconsensus: N\* 70B \(40\.3B–72\.2B\) · D\* 1\.37T \(1\.33T–2\.38T\) tokens/);
    assert.match(r.out, /most relevant: besiroglu2024 — /);
    const t = await run('optimal', '--target-loss', '2.1', '--law', 'hoffmann2022-a3', '--json');
    assert.strictEqual(JSON.parse(t.out).consensus, undefined);
  });
  it('--language sw: the ATLAS row is added, the consensus is ATLAS, and its row is the smallest useful budget', async () => {
    const r = await run('optimal', '--compute', '1e23', '--language', 'sw', '--json');
    const j = JSON.parse(r.out) as { results: Row[]; consensus: { laws: string[] } };
    const atlas = j.results.find((x) => x.law === 'atlas2025')!;
    assert.deepStrictEqual(j.consensus.laws, ['atlas2025']);
    assert.ok(atlas.compute < 1e23 && atlas.requestedCompute === 1e23);
    assert.ok(atlas.warnings.some((w) => w.code === 'data-saturated' && /epochs/.test(w.message) && !/e-\d\d/.test(w.message)));
  });
});
