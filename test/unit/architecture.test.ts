/**
 * The layering ARCHITECTURE.md describes, checked on the sources: no import cycles between files or between
 * folders (the same rule as ../shared/tools/import-cycles.py: relative imports, type-only included), no
 * imports between the extension's feature folders, and a core that never imports `vscode` or the layers
 * above it. Imports are read with the TypeScript compiler's own pre-processor, not a regex.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');
const DIRS = ['src', 'webview'];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

const files = DIRS.flatMap((d) => sources(path.join(ROOT, d)));
const fileSet = new Set(files);
const rel = (f: string) => path.relative(ROOT, f).split(path.sep).join('/');

/** Every import / export-from / dynamic import of a file: [specifier, resolved file or undefined]. */
function importsOf(f: string): Array<[string, string | undefined]> {
  const info = ts.preProcessFile(fs.readFileSync(f, 'utf8'), true, true);
  return info.importedFiles.map(({ fileName: spec }) => {
    if (!spec.startsWith('.')) return [spec, undefined];
    const base = path.resolve(path.dirname(f), spec);
    return [spec, [`${base}.ts`, path.join(base, 'index.ts'), base].find((c) => fileSet.has(c))];
  });
}

const graph = new Map(files.map((f) => [f, new Set(importsOf(f).flatMap(([, t]) => (t && t !== f ? [t] : [])))]));

/** Strongly connected components with more than one node (Tarjan). */
function cycles(g: Map<string, Set<string>>): string[][] {
  let n = 0;
  const index = new Map<string, number>(), low = new Map<string, number>(), stack: string[] = [], on = new Set<string>(), out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, n); low.set(v, n++); stack.push(v); on.add(v);
    for (const w of g.get(v) ?? []) {
      if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const c: string[] = [];
      for (let w = ''; w !== v; ) { w = stack.pop()!; on.delete(w); c.push(w); }
      if (c.length > 1) out.push(c.map(rel).sort());
    }
  };
  for (const v of g.keys()) if (!index.has(v)) visit(v);
  return out;
}

describe('architecture: layering of the sources', () => {
  it('reads a plausible number of files and imports (the check is not vacuous)', () => {
    assert.ok(files.length > 100, `${files.length} files`);
    assert.ok([...graph.values()].reduce((s, t) => s + t.size, 0) > 300);
  });

  it('no import cycle between files', () => {
    assert.deepStrictEqual(cycles(graph), []);
  });

  it('no import cycle between folders', () => {
    const folders = new Map<string, Set<string>>();
    for (const [f, ts] of graph) {
      const from = path.dirname(f);
      const set = folders.get(from) ?? new Set<string>();
      for (const t of ts) if (path.dirname(t) !== from) set.add(path.dirname(t));
      folders.set(from, set);
    }
    assert.deepStrictEqual(cycles(folders), []);
  });

  it('extension feature folders import no other feature folder (shared pieces live in common/ or the core)', () => {
    const ext = path.join(ROOT, 'src', 'extension');
    const featureOf = (f: string) => {
      const parts = path.relative(ext, f).split(path.sep);
      return parts.length > 1 && parts[0] !== 'common' && !parts[0].startsWith('..') ? parts[0] : undefined;
    };
    const bad: string[] = [];
    for (const [f, ts] of graph) {
      const from = featureOf(f);
      if (!from) continue;
      for (const t of ts) {
        const to = featureOf(t);
        if (to && to !== from) bad.push(`${rel(f)} → ${rel(t)}`);
      }
    }
    assert.deepStrictEqual(bad, []);
  });

  it('common/ imports no feature folder; src/core imports neither vscode nor the layers above it', () => {
    const bad: string[] = [];
    for (const f of files) {
      const r = rel(f);
      for (const [spec, t] of importsOf(f)) {
        const tr = t ? rel(t) : '';
        if (r.startsWith('src/extension/common/') && tr.startsWith('src/extension/') && !tr.startsWith('src/extension/common/')) bad.push(`${r} → ${tr}`);
        if (r.startsWith('src/core/') && (spec === 'vscode' || /^src\/(extension|cli|shared)\/|^webview\//.test(tr))) bad.push(`${r} → ${spec}`);
        if (r.startsWith('src/shared/') && (spec === 'vscode' || /^src\/(extension|cli)\/|^webview\//.test(tr))) bad.push(`${r} → ${spec}`);
      }
    }
    assert.deepStrictEqual(bad, []);
  });

  it('no two exported declarations share a name (features all export `register`, their common entry point)', () => {
    const byName = new Map<string, string[]>();
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      for (const m of text.matchAll(/^export (?:declare )?(?:abstract )?(?:async )?(?:function|const|class|interface|type|let|enum) (\w+)/gm)) {
        byName.set(m[1], [...(byName.get(m[1]) ?? []), rel(f)]);
      }
    }
    const clashes = [...byName].filter(([name, where]) => where.length > 1 && name !== 'register').map(([name, where]) => `${name}: ${where.join(', ')}`);
    assert.deepStrictEqual(clashes, []);
  });
});
