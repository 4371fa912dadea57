/**
 * `scaling-laws <command> --help` for every command: each prints its own usage and exits 0 (the help texts are
 * exports beside their commands, listed in src/cli/main.ts, so that the extension bundle leaves them out).
 */
import * as assert from 'assert';
import { main } from '../../src/cli/main';
import { COMMANDS } from '../../src/cli/commands';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('CLI help', () => {
  for (const cmd of [...Object.keys(COMMANDS), 'mcp']) {
    it(`${cmd} --help prints its usage`, async () => {
      const r = await run([cmd, '--help']);
      assert.strictEqual(r.code, 0, r.err);
      assert.match(r.out, new RegExp(`scaling-laws ${cmd}\\b`), r.out.slice(0, 200));
      assert.ok(r.out.length > 200, `a real help text (${r.out.length} characters)`);
      assert.strictEqual(r.err, '');
    });
  }

  it('the overview lists every command and exits 2 without one', async () => {
    const r = await run([]);
    assert.strictEqual(r.code, 2);
    for (const cmd of [...Object.keys(COMMANDS), 'mcp']) assert.match(r.out, new RegExp(`\\n  ${cmd} `));
  });
});
