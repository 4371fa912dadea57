import * as assert from 'assert';
import { parseArgs, formatTable } from '../../src/cli/lib/args';
import { InputError } from '../../src/core/errors';
import { main } from '../../src/cli/main';

const spec = { compute: 'positive', law: 'strings', json: 'boolean', seed: 'integer' } as const;

describe('CLI argument parser', () => {
  it('parses numbers in scientific notation, repeated and comma-separated lists, booleans', () => {
    const p = parseArgs(['--compute', '5.76e23', '--law', 'a', '--law=b,c', '--json'], spec);
    assert.strictEqual(p.flags.compute, 5.76e23);
    assert.deepStrictEqual(p.flags.law, ['a', 'b', 'c']);
    assert.strictEqual(p.flags.json, true);
  });
  for (const [argv, re] of [
    [['--compute'], /--compute needs a value/],
    [['--compute', '--json'], /--compute needs a value/],
    [['--compute', '-5'], /--compute must be greater than 0/],
    [['--compute', 'abc'], /--compute expects a number/],
    [['--compute', '1e23x'], /--compute expects a number/],
    [['--frobnicate'], /unknown option '--frobnicate'/],
    [['--seed', '1.5'], /--seed expects a whole number/],
    [['stray'], /unexpected argument 'stray'/],
  ] as Array<[string[], RegExp]>) {
    it(`rejects ${JSON.stringify(argv)} with a clear message`, () => {
      assert.throws(() => parseArgs(argv, spec), (e: unknown) => e instanceof InputError && re.test((e as Error).message));
    });
  }
  it('aligns tables', () => {
    const t = formatTable(['law', 'N'], [['a', '1'], ['bbb', '22']]).split('\n');
    assert.strictEqual(t[0], 'law   N');
    assert.strictEqual(t[3], 'bbb  22');
  });
  it('aligns a table of 200,000 rows (widths by a loop: a spread into Math.max overflows the stack)', () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => [`r${i}`, String(i)]);
    const t = formatTable(['run', 'N'], rows).split('\n');
    assert.strictEqual(t.length, 200_002);
    assert.strictEqual(t[t.length - 1], 'r199999  199999');
    assert.strictEqual(t[0], 'run           N');
  });
  it('unknown command exits 2 with one line', async () => {
    const errs: string[] = [];
    const code = await main(['nope'], { out: () => undefined, err: (s) => errs.push(s) });
    assert.strictEqual(code, 2);
    assert.strictEqual(errs.length, 1);
    assert.match(errs[0], /unknown command 'nope'/);
  });
});
