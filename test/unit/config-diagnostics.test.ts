/** Config diagnostics all at once: an unknown GPU does not hide the MFU and dataset problems. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyseDocument, summaryLine } from '../../src/core/config';
import { LAWS } from '../../src/core/laws';

const ex = (f: string) => path.join(__dirname, '..', '..', 'examples', f);
const read = (p: string) => (fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined);
const example = read(ex('llama-1.3b.backward.jsonc'))!;

describe('config diagnostics, all at once', () => {
  it('an unknown GPU, MFU 0.9 and a 10B-token dataset: three problems reported together, the assumption named', () => {
    const text = example.replace('"gpu_type": "A100"', '"gpu_type": "A100X"').replace('"expected_mfu": 0.4', '"expected_mfu": 0.9').replace('627e9', '10e9');
    const a = analyseDocument(text, ex('x.backward.jsonc'), { readFile: read });
    const codes = a.issues.map((i) => i.code);
    assert.ok(codes.includes('unknown-gpu'), codes.join());
    assert.ok(codes.includes('mfu-high'), codes.join());
    assert.ok(codes.includes('dataset-exceeded'), codes.join());
    const data = a.issues.find((i) => i.code === 'dataset-exceeded')!;
    assert.match(data.message, /assuming A100[-\w]* for the unknown GPU 'A100X'/);
    // The MFU quick fix still edits the MFU value.
    assert.strictEqual(a.issues.find((i) => i.code === 'mfu-high')!.fixes[0].edit.text, '0.4');
    assert.strictEqual(a.backward, undefined, 'no lens numbers from a stand-in GPU');
  });
  it('the lens says epochs, not a percentage (no "2.26e+3 %")', () => {
    const text = example.replace('627e9', '1e9');
    const line = summaryLine(analyseDocument(text, ex('x.backward.jsonc'), { readFile: read }))!;
    assert.match(line, /· [\d,.]+ epochs of the dataset$/);
    assert.ok(!/e\+\d/.test(line), line);
  });
});

describe('law completion comes from the schemas, once', () => {
  it('every law enum in the schemas describes each value (name and arXiv id, or the id an older name means)', () => {
    let enums = 0;
    const walk = (o: unknown): void => {
      if (Array.isArray(o)) return o.forEach(walk);
      if (typeof o !== 'object' || o === null) return;
      const r = o as Record<string, unknown>;
      if (Array.isArray(r.enum) && r.enum.includes('hoffmann2022-a3')) {
        enums++;
        const d = r.markdownEnumDescriptions as string[];
        assert.strictEqual(d?.length, r.enum.length, JSON.stringify(r.enum));
        (r.enum as string[]).forEach((v, i) => {
          const law = LAWS.find((l) => l.id === v);
          if (law) assert.ok(d[i].includes(law.name) && d[i].includes(law.citation.arxiv), d[i]);
          else assert.match(d[i], /^Older name for `[\w-]+`/);
        });
      }
      Object.values(r).forEach(walk);
    };
    for (const f of ['backward', 'sweep']) walk(JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'schemas', `${f}.schema.json`), 'utf8')));
    assert.strictEqual(enums, 4, 'scaling_law (string and object form), sweep law, mock law');
  });
});
