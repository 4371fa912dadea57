/**
 * Bad invocations of `fit`, `optimal` and `laws` through main() (in process): each gives the documented exit
 * code (2 bad arguments or input, 1 a refusal), exactly one line on stderr naming the argument or the
 * file:line:column, and never a stack trace or an "internal error".
 */
import * as assert from 'assert';
import fs from 'fs';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import fc from 'fast-check';
import { main } from '../../src/cli/main';

async function run(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out, err };
}

/** Exit code, one stderr line matching `re`, no stack trace, nothing on stdout. */
async function expectFailure(argv: string[], code: 1 | 2, re: RegExp): Promise<void> {
  const r = await run(argv);
  const what = `scaling-laws ${argv.join(' ')}`;
  assert.strictEqual(r.code, code, `${what}: exit ${r.code}, stderr ${JSON.stringify(r.err)}`);
  assert.strictEqual(r.err.length, 1, `${what}: ${JSON.stringify(r.err)}`);
  const line = r.err[0];
  assert.ok(!line.includes('\n'), `${what}: one line: ${JSON.stringify(line)}`);
  assert.ok(!line.includes('    at ') && !/internal error/.test(line), `${what}: ${line}`);
  assert.match(line, re, what);
  assert.deepStrictEqual(r.out, [], `${what}: nothing on stdout`);
}

describe('CLI under bad invocations (fit, optimal, laws)', function () {
  this.timeout(20000);
  let dir = '';
  const file = (name: string, content: string | Buffer) => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };
  let good = '';

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'scaling-laws-cli-'));
    // 12 runs of L = 1.7 + 400/N^0.34 + 400/D^0.28: enough for a fit, so option errors are the only problem.
    const rows = Array.from({ length: 12 }, (_, i) => {
      const N = 1e7 * 2 ** (i % 6);
      const D = 2e8 * 3 ** Math.floor(i / 2);
      return `${N},${D},${1.7 + 400 / N ** 0.34 + 400 / D ** 0.28}`;
    });
    good = file('good.csv', ['N,D,loss', ...rows].join('\n'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  describe('fit: bad files', () => {
    it('missing file', () => expectFailure(['fit', join(dir, 'nope.csv')], 2, /nope\.csv:1:1: cannot read the file \(ENOENT\)/));
    it('a folder without training logs', () => {
      const empty = mkdtempSync(join(dir, 'empty-'));
      return expectFailure(['fit', empty], 2, /no training logs in folder/);
    });
    it('a path through a file (not a directory)', () => expectFailure(['fit', join(good, 'x.csv')], 2, /x\.csv:1:1: cannot read the file \(ENOTDIR\)/));
    it('unreadable file (permission denied)', async () => {
      const p = file('locked.csv', 'N,D,loss\n');
      chmodSync(p, 0);
      // root reads a mode-000 file anyway: there, make the read fail the way it does for everyone else.
      const real = fs.openSync;
      if (process.getuid?.() === 0) {
        (fs as { openSync: unknown }).openSync = (path: unknown, ...rest: unknown[]) => {
          if (path === p) throw Object.assign(new Error(`EACCES: permission denied, open '${p}'`), { code: 'EACCES' });
          return (real as (...a: unknown[]) => unknown)(path, ...rest);
        };
      }
      try {
        await expectFailure(['fit', p], 2, /locked\.csv:1:1: cannot read the file \(EACCES\)/);
      } finally {
        (fs as { openSync: unknown }).openSync = real;
      }
    });
    it('empty file', () => expectFailure(['fit', file('empty.csv', '')], 2, /empty\.csv:1:1: file is empty/));
    it('header only, no line break', () => expectFailure(['fit', file('header.csv', 'N,D,loss')], 2, /header\.csv:1:1: no data rows/));
    it('binary file (NUL bytes)', () => expectFailure(['fit', file('bin.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))], 2, /bin\.csv:3:1: binary data \(NUL byte\)/));
    it('binary file without NUL bytes', () => expectFailure(['fit', file('bin2.csv', Buffer.from(Array.from({ length: 300 }, (_, i) => 0x80 + ((i * 37) % 120))))], 2, /bin2\.csv:1:1: /));
    it('UTF-16 file (Excel "Unicode text")', () => expectFailure(['fit', file('u16.csv', Buffer.from('\ufeffN,D,loss\n1,2,3\n', 'utf16le'))], 2, /u16\.csv:1:1: the file is UTF-16 encoded/));
    it('text in a numeric column', () => expectFailure(['fit', file('text.csv', 'N,D,loss\n1e8,2e9,3\n1e8,abc,3\n')], 2, /text\.csv:3:2: D: expected a number/));
    it('a line break inside a quoted cell stays escaped in the one-line message', () =>
      expectFailure(['fit', file('quoted.csv', 'N,D,loss\n1e8,"2e9\nx",3\n')], 2, /quoted\.csv:2:2: D: expected a number .* got '2e9\\nx'/));
    it('more rows than --max-rows', () => expectFailure(['fit', good, '--max-rows', '3'], 2, /good\.csv:5:1: more than 3 data rows/));
    it('an unknown forced column', () => expectFailure(['fit', good, '--column', 'loss=val'], 2, /good\.csv:1:1: no column named 'val'/));
    it('too few rows for the form: a refusal, exit 1', () => expectFailure(['fit', file('one.csv', 'N,D,loss\n1e8,2e9,3\n')], 1, /too-few-rows: 1 usable row/));
  });

  describe('fit: bad options', () => {
    const cases: Array<[string[], RegExp]> = [
      [[], /expected a CSV file/],
      [['--bootstrap', '-1'], /--bootstrap expects a whole number ≥ 0, got '-1'/],
      [['--bootstrap', '1e9'], /--bootstrap expects at most 100000 resamples/],
      [['--cv', '1'], /--cv expects 0 \(off\) or at least 2 folds/],
      [['--cv', '2.5'], /--cv expects a whole number/],
      [['--delta', '0'], /--delta must be greater than 0/],
      [['--delta', 'abc'], /--delta expects a number/],
      [['--delta', 'Infinity'], /--delta expects a number/],
      [['--form', 'nope'], /--form expects one of: chinchilla, kaplan, data-constrained, loss-vs-compute, overtraining; got 'nope'/],
      [['--fix', 'E=abc'], /--fix E expects a number, got 'abc'/],
      [['--fix', 'E'], /--fix expects NAME=VALUE/],
      [['--fix', 'gamma=1'], /--fix: 'gamma' is not a parameter of chinchilla/],
      [['--fix', 'E=-1'], /fixed E = -1 is outside the parameter's domain/],
      [['--drop-highest-loss', '1e9'], /--drop-highest-loss 1000000000 would drop all 12 usable rows/],
      [['--drop-highest-loss', '-2'], /--drop-highest-loss expects a whole number/],
      [['--seed', '0.5'], /--seed expects a whole number/],
      [['--compute', '0'], /--compute must be greater than 0/],
      [['--compute', '1e999'], /--compute expects a number/],
      [['--unique', '-1'], /--unique must be greater than 0/],
      [['--max-rows', 'NaN'], /--max-rows expects a number/],
      [['--column', 'Q=x'], /--column: role must be one of N, D, loss, C, U, run, step, tokens, lr/],
      [['--tie-alpha-beta', '--form', 'kaplan'], /the kaplan form has no α\/β pair to tie/],
      [['--form', 'data-constrained'], /data-constrained form needs unique tokens U/],
      [['--nope'], /unknown option '--nope'/],
      [['--json=1'], /--json takes no value/],
      [['extra.csv'], /cannot read 'extra\.csv': no such file or folder/],
    ];
    for (const [args, re] of cases) {
      // Refusals by the fit itself (a form needing a column the file lacks) exit 1; bad arguments exit 2.
      const code = /data-constrained/.test(args.join(' ')) ? 1 : 2;
      it(`fit ${args.join(' ') || '(no file)'}`, () => expectFailure(['fit', ...(args.length ? [good] : []), ...args], code, re));
    }
  });

  describe('optimal: bad options', () => {
    const cases: Array<[string[], 1 | 2, RegExp]> = [
      [[], 2, /give --compute <FLOPs>, a GPU budget .* or --target-loss <L>/],
      [['--compute', '-1'], 2, /--compute must be greater than 0/],
      [['--compute', 'abc'], 2, /--compute expects a number/],
      [['--compute', '1e41'], 2, /compute must be between 1 and 1e40 FLOPs/],
      [['--compute', '1e22', '--target-loss', '2'], 2, /give one budget/],
      [['--compute', '1e22', '--law', 'nope'], 2, /unknown law 'nope'/],
      [['--compute', '1e22', '--language', 'xx'], 2, /unknown language 'xx'/],
      [['--compute', '1e22', '--language', 'fr', '--atlas-vocab', 'foo'], 2, /unknown ATLAS vocabulary 'foo'/],
      [['--compute', '1e22', '--constants', 'nope'], 2, /constant set 'nope'/],
      [['--compute', '1e22', '--unique-tokens', '0'], 2, /--unique-tokens must be greater than 0/],
      [['--compute', '1e22', '--inference-tokens', '-5'], 2, /--inference-tokens must be 0 or more/],
      [['--compute', '1e22', '--cost'], 2, /needs --inference-tokens/],
      [['--gpus', '8'], 2, /a GPU budget needs --gpu, --hours, --mfu/],
      [['--gpus', '8', '--gpu', 'nope', '--hours', '1', '--mfu', '0.4'], 2, /--gpu: unknown GPU 'nope'/],
      [['--gpus', '8', '--gpu', 'H100', '--hours', '1', '--mfu', '2'], 2, /--mfu is a fraction in \(0, 1\]/],
      [['--target-loss', '2'], 2, /--target-loss needs --law/],
      [['--target-loss', '1.0', '--law', 'hoffmann2022-a3'], 1, /hoffmann2022-a3: target loss 1 is not above/],
      [['--target-loss', '2', '--law', 'llama3-2024'], 1, /llama3-2024: this law predicts no loss/],
      [['--compute', '1e22', 'extra'], 2, /unexpected argument 'extra'/],
    ];
    for (const [args, code, re] of cases) it(`optimal ${args.join(' ') || '(nothing)'}`, () => expectFailure(['optimal', ...args], code, re));
  });

  describe('laws: bad options', () => {
    it('laws --json --markdown', () => expectFailure(['laws', '--json', '--markdown'], 2, /give --json or --markdown, not both/));
    it('laws --nope', () => expectFailure(['laws', '--nope'], 2, /unknown option '--nope'/));
    it('laws extra', () => expectFailure(['laws', 'extra'], 2, /unexpected argument 'extra'/));
  });

  it('random argument lists: exit 0 with output, or 1/2 with exactly one stderr line and no stack trace', async () => {
    const values = ['0', '1', '-1', '2.5', '1e22', '1e41', 'NaN', 'abc', '', 'E=abc', 'E=1.7', 'alpha=0.3', 'N=loss', 'hoffmann2022-a3', 'atlas2025', 'fr', 'xx', 'kaplan', 'loss-vs-compute', '--json'];
    const flags: Record<string, string[]> = {
      fit: ['--form', '--delta', '--bootstrap', '--seed', '--cv', '--loo', '--no-loo', '--compute', '--unique', '--fix', '--tie-alpha-beta', '--column', '--max-rows', '--drop-highest-loss', '--json', '--nope'],
      optimal: ['--compute', '--target-loss', '--law', '--inference-tokens', '--unique-tokens', '--language', '--atlas-vocab', '--constants', '--json', '--gpus', '--gpu', '--hours', '--mfu', '--cost', '--price-per-hour'],
      laws: ['--json', '--markdown', '--nope'],
    };
    const argvs = fc.constantFrom('fit', 'optimal', 'laws').chain((cmd) =>
      fc.array(fc.oneof(fc.constantFrom(...flags[cmd]), fc.constantFrom(...values)), { maxLength: 6 }).map((rest) =>
        // A fit defaults to 200 resamples and leave-one-out: keep the runs cheap (later flags override these).
        cmd === 'fit' ? [cmd, good, '--bootstrap', '0', '--no-loo', ...rest] : cmd === 'optimal' ? [cmd, '--compute', '1e22', ...rest] : [cmd, ...rest],
      ),
    );
    await fc.assert(
      fc.asyncProperty(argvs, async (argv) => {
        const r = await run(argv);
        const what = `scaling-laws ${argv.join(' ')} → ${r.code}: ${JSON.stringify(r.err)}`;
        if (r.code === 0) {
          assert.ok(r.out.length > 0 && r.err.length === 0, what);
          return;
        }
        assert.ok(r.code === 1 || r.code === 2, what);
        assert.strictEqual(r.err.length, 1, what);
        assert.ok(!r.err[0].includes('\n') && !r.err[0].includes('    at ') && !/internal error|NaN|undefined/.test(r.err[0].replace(/'[^']*'/g, '')), what);
      }),
      { numRuns: 150 * Number(process.env.PROPS_SOAK ?? 1) },
    );
  });

  it('the good file itself fits (so the option cases above fail for their option alone)', async () => {
    const r = await run(['fit', good, '--bootstrap', '0', '--json']);
    assert.strictEqual(r.code, 0, r.err.join('\n'));
    assert.strictEqual(JSON.parse(r.out.join('\n')).rowsUsed, 12);
  });
});
