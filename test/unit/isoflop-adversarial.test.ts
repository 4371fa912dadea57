/**
 * IsoFLOP analysis on adversarial results CSVs (read by the shared CSV reader, as the CLI does): budgets
 * a few percent apart, one run per budget, duplicated rows, replicate seeds at too few sizes, and losses
 * monotone in N (no minimum to find). Each must give the right typed refusal (IsoflopRefusal code, exit 1)
 * or a warning — never a number that looks fine, and never a raw linear-algebra exception.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyseIsoflop, IsoflopRefusal, runsFromCsv, type IsoflopOptions, type IsoflopRefusalCode } from '../../src/core/isoflop';
import { chinchillaLoss, chinchillaOptimal, type ChinchillaParams } from '../../src/core/laws/forms';
import { main } from '../../src/cli/main';

// Hoffmann et al. 2022 Eq. 10 as printed; the noise-free optimum exponent is a = β/(α+β).
const LAW: ChinchillaParams = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };

interface Row { budget: number; compute: number; N: number; D: number; loss: number }

/** m runs per budget, log-spaced over `span` around the law's optimum, D = C/(6N), noise-free loss. */
function grid(budgets: number[], m: number, span = 8): Row[] {
  return budgets.flatMap((C) => {
    const centre = chinchillaOptimal(LAW, C).N;
    return Array.from({ length: m }, (_, i) => {
      const N = m === 1 ? centre : centre * Math.pow(span, i / (m - 1) - 0.5);
      const D = C / (6 * N);
      return { budget: C, compute: C, N, D, loss: chinchillaLoss(LAW, N, D) };
    });
  });
}

/** The CSV a sweep writes (with or without the nominal budget column). */
function csv(rows: Row[], withBudget = false): string {
  const head = withBudget ? 'budget,compute,N,D,loss' : 'compute,N,D,loss';
  return [head, ...rows.map((r) => [...(withBudget ? [r.budget] : []), r.compute, r.N, r.D, r.loss].join(','))].join('\n') + '\n';
}

const analyse = (text: string, opts: IsoflopOptions = {}) => analyseIsoflop(runsFromCsv(text, 'runs.csv'), opts);

function refuses(text: string, code: IsoflopRefusalCode, re: RegExp, opts: IsoflopOptions = {}): void {
  assert.throws(
    () => analyse(text, opts),
    (e: unknown) => {
      assert.ok(e instanceof IsoflopRefusal, `expected an IsoflopRefusal, got ${(e as Error).name}: ${(e as Error).message}`);
      assert.strictEqual(e.code, code, e.message);
      assert.strictEqual(e.exitCode, 1);
      assert.match(e.message, re);
      return true;
    },
  );
}

let dir: string;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isoflop-adv-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The CLI on a CSV text: exit code and stderr lines. */
async function cli(text: string, ...args: string[]): Promise<{ code: number; err: string[]; out: string[] }> {
  const file = path.join(dir, `r${Math.random().toString(36).slice(2)}.csv`);
  fs.writeFileSync(file, text);
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['isoflop', file, '--no-joint', ...args], { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, err, out };
}

describe('IsoFLOP adversarial CSVs — budgets a few percent apart', () => {
  it('without a budget column, runs 3 % apart in compute are one budget (label: geometric mean), as documented', () => {
    const a = analyse(csv(grid([1e18, 1.03e18, 1e19, 1e20], 5)));
    assert.strictEqual(a.budgets.length, 3);
    assert.strictEqual(a.budgets[0].runs.length, 10);
    assert.ok(Math.abs(a.budgets[0].compute / Math.sqrt(1e18 * 1.03e18) - 1) < 1e-12);
    assert.deepStrictEqual(a.budgets[0].computeRange, [1e18, 1.03e18]);
  });

  it('…and when merging leaves 2 budgets the analysis refuses (too-few-budgets), exit 1 with one line', async () => {
    const text = csv(grid([1e18, 1.03e18, 1e19], 5));
    refuses(text, 'too-few-budgets', /^2 usable budgets \(1\.01e18, 1e19\); the frontier fit needs at least 3/);
    const r = await cli(text);
    assert.strictEqual(r.code, 1);
    assert.strictEqual(r.err.length, 1);
  });

  it('with a nominal budget column, budgets 3 % apart are merged WITH a warning naming them', () => {
    const a = analyse(csv(grid([1e18, 1.03e18, 1e19, 1e20], 5), true));
    assert.strictEqual(a.budgets.length, 3);
    assert.match(a.warnings.join('\n'), /budgets 1e18, 1\.03e18 are within 10 % of each other and were analysed as one budget/);
    // A tolerance below their gap keeps them apart: four budgets, no merge warning.
    const b = analyse(csv(grid([1e18, 1.03e18, 1e19, 1e20], 5), true), { groupTolerance: 0.01 });
    assert.strictEqual(b.budgets.length, 4);
    assert.ok(!/analysed as one budget/.test(b.warnings.join('\n')));
  });

  it('well-separated planned budgets never get the merge warning', () => {
    assert.deepStrictEqual(analyse(csv(grid([1e18, 1e19, 1e20], 5), true)).warnings.filter((w) => /one budget/.test(w)), []);
  });
});

describe('IsoFLOP adversarial CSVs — one run per budget', () => {
  const text = csv(grid([1e18, 1e19, 1e20, 1e21], 1));
  it('refuses with too-few-points naming every budget', () => {
    refuses(text, 'too-few-points', /budget 1e18 FLOPs has 1 run; a parabola needs at least 3; budget 1e19 FLOPs has 1 run;.*budget 1e21 FLOPs has 1 run/);
  });
  it('with skipBadBudgets, nothing usable is left: too-few-budgets ("0 usable budgets (none)")', () => {
    refuses(text, 'too-few-budgets', /^0 usable budgets \(none\)/, { skipBadBudgets: true });
  });
  it('the CLI exits 1 with a single line', async () => {
    const r = await cli(text);
    assert.deepStrictEqual([r.code, r.err.length], [1, 1]);
    assert.match(r.err[0], /has 1 run; a parabola needs at least 3/);
  });
});

describe('IsoFLOP adversarial CSVs — duplicated runs', () => {
  const rows = grid([1e18, 1e19, 1e20], 5);
  it('a file whose rows appear twice gives the single file’s minima AND intervals, with a warning naming the duplicates', () => {
    const once = analyse(csv(rows));
    const twiceText = csv(rows) + csv(rows).split('\n').slice(1).join('\n');
    const twice = analyse(twiceText);
    assert.deepStrictEqual(twice.budgets.map((b) => [b.N, b.NInterval, b.runs.length]), once.budgets.map((b) => [b.N, b.NInterval, b.runs.length]));
    assert.strictEqual(twice.nFrontier.exponent, once.nFrontier.exponent);
    assert.match(twice.warnings.join('\n'), /ignored 15 duplicate rows \(identical compute, N, D and loss\): runs\.csv:17 \(= runs\.csv:2\)/);
    assert.deepStrictEqual(once.warnings.filter((w) => /duplicate/.test(w)), []);
  });

  it('replicate seeds (same size, different loss) are kept: they are real measurements', () => {
    const seeds = rows.flatMap((r) => [r, { ...r, loss: r.loss + 0.002 }]);
    const a = analyse(csv(seeds));
    assert.deepStrictEqual(a.budgets.map((b) => b.runs.length), [10, 10, 10]);
    assert.ok(!/duplicate/.test(a.warnings.join('\n')));
  });

  it('duplicated rows of only 2 sizes: too-few-points (the duplicates are one run each), not a singular-matrix crash', async () => {
    const two = grid([1e18, 1e19, 1e20], 2);
    const text = csv([...two, ...two]);
    refuses(text, 'too-few-points', /^budget 1e18 FLOPs has 2 runs; a parabola needs at least 3/);
    const r = await cli(text);
    assert.deepStrictEqual([r.code, r.err.length], [1, 1]);
    assert.ok(!/singular/i.test(r.err[0]), r.err[0]);
  });

  it('replicate seeds at only 2 sizes: too-few-points (4 runs, 2 distinct sizes)', () => {
    const two = grid([1e18, 1e19, 1e20], 2).flatMap((r) => [r, { ...r, loss: r.loss + 0.003 }]);
    refuses(csv(two), 'too-few-points', /has 4 runs but only 2 distinct model sizes/);
  });
});

describe('IsoFLOP adversarial CSVs — loss monotone in N: no interior minimum', () => {
  const rows = grid([1e18, 1e19, 1e20], 5);
  /** Replace the losses of the 1e19 budget (runs sorted by N) with `losses`. */
  const withLosses = (losses: number[]) => csv(rows.map((r, i) => (r.compute === 1e19 ? { ...r, loss: losses[i % 5] } : r)));

  it('falling and convex (the parabola’s vertex lands INSIDE the range, below every observed loss) → refused', () => {
    refuses(withLosses([3, 2.5, 2.2, 2.1, 2.09]), 'no-interior-minimum', /budget 1e19 FLOPs: no interior minimum — the lowest loss is at the largest N sampled \(6\.\d+e8\), so the runs do not bracket the minimum/);
  });
  it('rising and convex → refused, pointing at the smallest N', () => {
    refuses(withLosses([2.09, 2.1, 2.2, 2.5, 3]), 'no-interior-minimum', /the lowest loss is at the smallest N sampled/);
  });
  it('falling and concave → refused: the parabola opens downward', () => {
    refuses(withLosses([3, 2.98, 2.9, 2.7, 2.3]), 'no-interior-minimum', /opens downward/);
  });
  it('flat (every run the same loss) → refused', () => {
    refuses(withLosses([2.5, 2.5, 2.5, 2.5, 2.5]), 'no-interior-minimum', /budget 1e19 FLOPs: no interior minimum/);
  });
  it('monotone in every budget → refused for all three; the CLI exits 1 with one line', async () => {
    const text = csv(rows.map((r) => ({ ...r, loss: 5 - Math.log(r.N) / 10 })));
    refuses(text, 'no-interior-minimum', /budget 1e18 FLOPs: no interior minimum.*budget 1e19 FLOPs: no interior minimum.*budget 1e20 FLOPs: no interior minimum/);
    const r = await cli(text);
    assert.deepStrictEqual([r.code, r.err.length], [1, 1]);
  });
  it('with a fourth good budget and skipBadBudgets, the monotone budget is excluded with a warning', () => {
    const four = grid([1e18, 1e19, 1e20, 1e21], 5).map((r, i) => (r.compute === 1e19 ? { ...r, loss: [3, 2.5, 2.2, 2.1, 2.09][i % 5] } : r));
    const a = analyse(csv(four), { skipBadBudgets: true });
    assert.deepStrictEqual(a.budgets.map((b) => b.compute), [1e18, 1e20, 1e21]);
    assert.strictEqual(a.excluded[0].code, 'no-interior-minimum');
    assert.match(a.warnings.join('\n'), /excluded budget 1e19 FLOPs: no interior minimum/);
  });
  it('a bracketed minimum with noise still analyses (the edge rule does not refuse good sweeps)', () => {
    const a = analyse(csv(grid([1e18, 1e19, 1e20], 7).map((r, i) => ({ ...r, loss: r.loss + 0.004 * Math.sin(7 * i) }))));
    assert.strictEqual(a.budgets.length, 3);
    assert.ok(Math.abs(a.nFrontier.exponent - LAW.beta / (LAW.alpha + LAW.beta)) < 0.05, `a = ${a.nFrontier.exponent}`);
  });
});
