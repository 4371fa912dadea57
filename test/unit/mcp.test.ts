/**
 * `scaling-laws mcp`: the built CLI as an MCP server, driven by the official SDK's client over stdio, as an
 * agent would. Every tool answer must equal what `scaling-laws <command> … --json` prints for the same request.
 */
import { strict as assert } from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { AGENT_TOOLS, checkInput } from '../../src/shared/agentTools';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const cliJson = (...args: string[]) => JSON.parse(execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
type Text = { type: string; text: string };
/** Wall-clock fields differ between any two runs; everything else must be identical. */
const untimed = (x: unknown): unknown =>
  JSON.parse(JSON.stringify(x), (k, v) => (k === 'timeMs' || k === 'elapsedMs' ? undefined : v));

describe('MCP server (scaling-laws mcp) over stdio with the SDK client', function () {
  this.timeout(120000);
  let client: Client;

  before(async function () {
    assert.ok(fs.existsSync(CLI), 'dist/cli.js is built by `npm run build` before the unit suite');
    client = new Client({ name: 'scaling-laws-test', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp'], stderr: 'pipe' }));
  });
  after(async () => client?.close());

  it('lists every agent tool with its JSON schema', async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name), AGENT_TOOLS.map((t) => t.name));
    const optimal = tools.find((t) => t.name === 'scaling_laws_optimal')!;
    assert.equal(optimal.inputSchema.type, 'object');
    assert.ok(optimal.inputSchema.properties && 'compute' in optimal.inputSchema.properties);
    assert.match(optimal.description ?? '', /Chinchilla/);
  });

  it('optimal at C = 1e23 equals `scaling-laws optimal --compute 1e23 --json`', async () => {
    const r = await client.callTool({ name: 'scaling_laws_optimal', arguments: { compute: 1e23 } });
    assert.notEqual(r.isError, true);
    const text = (r.content as Text[])[0].text;
    const expected = cliJson('optimal', '--compute', '1e23', '--json');
    assert.deepEqual(JSON.parse(text), expected);
    assert.deepEqual(r.structuredContent, expected);
    // And the numbers are the registry's: Chinchilla Approach 3 (unrounded) at 1e23 wants ~20–60 tokens/param.
    const a3 = expected.results.find((x: { law: string }) => x.law === 'hoffmann2022-a3');
    assert.ok(a3.N > 1e10 && a3.N < 1e11, `N* ${a3.N}`);
  });

  it('a GPU budget, laws and a language map to the same flags as the CLI', async () => {
    const args = { gpus: 256, gpu: 'H100-SXM', hours: 720, mfu: 0.4, laws: ['besiroglu2024', 'llama3-2024'], language: 'fr' };
    const r = await client.callTool({ name: 'scaling_laws_optimal', arguments: args });
    assert.notEqual(r.isError, true, JSON.stringify(r.content));
    const expected = cliJson('optimal', '--gpus', '256', '--gpu', 'H100-SXM', '--hours', '720', '--mfu', '0.4', '--law', 'besiroglu2024', '--law', 'llama3-2024', '--language', 'fr', '--json');
    assert.deepEqual(r.structuredContent, expected);
  });

  it('forward and fit on files equal the CLI; warnings on stderr come back as a second text part', async () => {
    const arch = path.join(ROOT, 'examples/gpt2-small.arch.jsonc');
    const f = await client.callTool({ name: 'scaling_laws_forward', arguments: { path: arch } });
    assert.deepEqual(f.structuredContent, cliJson('forward', arch, '--json'));
    const runs = path.join(ROOT, 'examples/runs.csv');
    const fit = await client.callTool({ name: 'scaling_laws_fit', arguments: { path: runs, bootstrap: 0, seed: 1 } });
    assert.notEqual(fit.isError, true, JSON.stringify(fit.content));
    assert.deepEqual(untimed(fit.structuredContent), untimed(cliJson('fit', runs, '--bootstrap', '0', '--seed', '1', '--json')));
  });

  it('bad input is an error result naming the field, never a crash; the server keeps serving', async () => {
    const flagLike = await client.callTool({ name: 'scaling_laws_forward', arguments: { path: '--json' } });
    assert.equal(flagLike.isError, true);
    assert.match((flagLike.content as Text[])[0].text, /'path' must not start with '-'/);
    const unknown = await client.callTool({ name: 'scaling_laws_optimal', arguments: { compute: 1e23, flops: 3 } });
    assert.equal(unknown.isError, true);
    assert.match((unknown.content as Text[])[0].text, /unknown field 'flops'/);
    const missing = await client.callTool({ name: 'scaling_laws_fit', arguments: { path: path.join(ROOT, 'no-such.csv') } });
    assert.equal(missing.isError, true);
    assert.match((missing.content as Text[])[0].text, /exited 2/);
    const refused = await client.callTool({ name: 'scaling_laws_optimal', arguments: { target_loss: 0.5, laws: ['besiroglu2024'] } });
    assert.equal(refused.isError, true, 'a target loss below the irreducible loss is refused');
    const ok = await client.callTool({ name: 'scaling_laws_laws', arguments: {} });
    assert.ok(Array.isArray((ok.structuredContent as { laws: unknown[] }).laws));
  });
});

describe('agent tool input checks', () => {
  const optimal = AGENT_TOOLS.find((t) => t.name === 'scaling_laws_optimal')!;
  it('maps every property to its flag', () => {
    assert.deepEqual(optimal.argv(checkInput(optimal, { compute: 1e22, laws: ['a', 'b'], inference_tokens: 0 })), ['--compute', '1e+22', '--law', 'a', '--law', 'b', '--inference-tokens', '0']);
  });
  it('refuses wrong types, bounds and non-objects', () => {
    assert.throws(() => checkInput(optimal, { compute: -1 }), /'compute' must be > 0/);
    assert.throws(() => checkInput(optimal, { mfu: 1.5 }), /'mfu' must be ≤ 1/);
    assert.throws(() => checkInput(optimal, { laws: 'x' }), /must be an array/);
    assert.throws(() => checkInput(optimal, [1]), /JSON object/);
    assert.throws(() => checkInput(optimal, { constructor: 1 }), /unknown field 'constructor'/);
  });
});

describe('language-model tools in the manifest', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  it('contributes exactly the agent tools, with the same descriptions and input schemas', () => {
    const contributed = manifest.contributes.languageModelTools as Array<{ name: string; displayName: string; modelDescription: string; inputSchema: unknown; toolReferenceName: string }>;
    assert.deepEqual(contributed.map((t) => t.name), AGENT_TOOLS.map((t) => t.name));
    for (const t of AGENT_TOOLS) {
      const c = contributed.find((x) => x.name === t.name)!;
      assert.equal(c.displayName, t.title);
      assert.equal(c.modelDescription, t.description);
      assert.deepEqual(c.inputSchema, t.inputSchema, `${t.name}: manifest inputSchema differs from src/shared/agentTools.ts`);
      assert.match(c.toolReferenceName, /^[A-Za-z]+$/);
    }
  });
  it('declares the MCP server provider the extension registers', () => {
    assert.deepEqual(manifest.contributes.mcpServerDefinitionProviders, [{ id: 'scalingLaws.mcp', label: 'Scaling Laws' }]);
  });
});
