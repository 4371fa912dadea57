/**
 * The extension's commands and settings agree with the manifest (package.json), so a command or setting
 * cannot be contributed without being registered, registered without being contributed, referenced under a
 * name nobody declares, or given a default in two places that drift apart. Commands have no central table:
 * each feature folder declares its own with `command('scalingLaws.<name>', handler)`
 * (src/extension/common/command.ts), so these tests read the sources.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { readSettings, SETTING_DEFAULTS, SETTING_KEYS, SETTINGS_SECTION } from '../../src/extension/common/settings';

const ROOT = path.resolve(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** A source file's code without its comments (block comments and whole-line // comments): docs may quote ids. */
function code(file: string): string {
  return fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

const EXTENSION = path.join(ROOT, 'src/extension');
const files = sources(EXTENSION).map((f) => ({ rel: path.relative(EXTENSION, f), text: code(f) }));
/** The folder a file belongs to: a feature (fit, planner, …) or common. */
const folderOf = (rel: string) => rel.split(path.sep)[0];

/** Every `command('scalingLaws.…', …)` declaration: id → the files declaring it. */
const declared = new Map<string, string[]>();
for (const f of files) {
  for (const m of f.text.matchAll(/\bcommand\(\s*'([^']*)'/g)) declared.set(m[1], [...(declared.get(m[1]) ?? []), f.rel]);
}
const isTestId = (id: string) => id.startsWith('scalingLaws._test.');

/** Ids in the `scalingLaws.` namespace that are not commands, and what they name. */
const viewTypes = files.flatMap((f) => [...f.text.matchAll(/_VIEW_TYPE = '([^']+)'/g)].map((m) => m[1]));
const OTHER_IDS: Record<string, string> = {
  'scalingLaws.hasResults': 'context key (package.json menus\' when clauses)',
  'scalingLaws.plannerStatus': 'status bar item id',
  'scalingLaws.planner.input': 'workspace memento key',
  'scalingLaws.mcp': 'MCP server definition provider (contributes.mcpServerDefinitionProviders)',
};

describe('extension manifest: commands', () => {
  const contributed: string[] = manifest.contributes.commands.map((c: { command: string }) => c.command);

  it('the declared commands (test probes aside) and contributes.commands list the same ids', () => {
    assert.deepStrictEqual([...declared.keys()].filter((id) => !isTestId(id)).sort(), [...contributed].sort());
  });

  it('every command is declared once, by one folder, and registered only through command()', () => {
    for (const [id, where] of declared) assert.strictEqual(where.length, 1, `${id} declared in ${where.join(', ')}`);
    for (const [id, [where]] of declared) assert.match(folderOf(where), /^[a-zA-Z]+$/, `${id}: ${where}`);
    // One registration path: a bare registerCommand elsewhere would escape the checks above.
    const bare = files.filter((f) => /\bregisterCommand\(/.test(f.text)).map((f) => f.rel);
    assert.deepStrictEqual(bare, [path.join('common', 'command.ts')]);
    // The scan sees the probes too (a scan that found nothing would pass the checks above vacuously).
    assert.ok(declared.size >= contributed.length + 5, `${declared.size} declarations found`);
  });

  it('no test-only command is contributed, and every id is scalingLaws-scoped', () => {
    for (const id of declared.keys()) {
      assert.match(id, /^scalingLaws\.[A-Za-z_.]+$/);
      if (isTestId(id)) assert.ok(!contributed.includes(id), id);
    }
  });

  it('every scalingLaws.* id the sources name is a declared command, a webview type or a listed non-command id', () => {
    for (const f of files) {
      for (const m of f.text.matchAll(/'(scalingLaws\.[A-Za-z_.]+)'/g)) {
        const id = m[1];
        assert.ok(declared.has(id) || viewTypes.includes(id) || id in OTHER_IDS, `${f.rel} names ${id}, which no folder declares`);
      }
    }
    for (const id of Object.keys(OTHER_IDS)) assert.ok(!declared.has(id), `${id} is listed as a non-command`);
  });

  it('menus, keybindings and walkthrough links name contributed commands only', () => {
    const menuIds = Object.values(manifest.contributes.menus ?? {}).flatMap((items) => (items as Array<{ command: string }>).map((i) => i.command));
    const keyIds = (manifest.contributes.keybindings ?? []).map((k: { command: string }) => k.command);
    const steps = (manifest.contributes.walkthroughs ?? []).flatMap((w: { steps: unknown[] }) => w.steps);
    const walkIds = JSON.stringify(steps).match(/(?<=command:|onCommand:)scalingLaws\.[A-Za-z_.]+/g) ?? [];
    assert.ok(menuIds.length > 0 && keyIds.length > 0 && walkIds.length > 0, 'the manifest has menus, keybindings and walkthrough links');
    for (const id of [...menuIds, ...keyIds, ...walkIds]) assert.ok(contributed.includes(id), id);
  });

  it('every webview panel type has its onWebviewPanel activation event, and vice versa', () => {
    const events = (manifest.activationEvents as string[]).filter((e) => e.startsWith('onWebviewPanel:')).map((e) => e.slice('onWebviewPanel:'.length));
    assert.deepStrictEqual([...viewTypes].sort(), [...events].sort());
  });
});

describe('extension manifest: settings', () => {
  const props: Record<string, { default: unknown }> = manifest.contributes.configuration.properties;

  it('the settings table names exactly the contributed settings, with the manifest defaults', () => {
    const keys = Object.values(SETTING_KEYS).map((k) => `${SETTINGS_SECTION}.${k}`);
    assert.deepStrictEqual([...keys].sort(), Object.keys(props).sort());
    for (const [field, key] of Object.entries(SETTING_KEYS)) {
      assert.deepStrictEqual(SETTING_DEFAULTS[field as keyof typeof SETTING_DEFAULTS], props[`${SETTINGS_SECTION}.${key}`].default, key);
    }
  });

  it('readSettings takes set values and falls back to the defaults for missing or mistyped ones', () => {
    assert.deepStrictEqual(readSettings({ get: () => undefined }), SETTING_DEFAULTS);
    const set: Record<string, unknown> = { 'codeLens.enabled': false, 'fit.bootstrap': 200, 'fit.maxRows': 'many', 'mcp.command': ['node', 7] };
    assert.deepStrictEqual(readSettings({ get: (k) => set[k] }), { ...SETTING_DEFAULTS, codeLensEnabled: false, fitBootstrap: 200, fitMaxRows: SETTING_DEFAULTS.fitMaxRows });
  });

  it('settings are read in one place (common/host.ts)', () => {
    const readers = sources(path.join(ROOT, 'src')).filter((f) => fs.readFileSync(f, 'utf8').includes('getConfiguration('));
    assert.deepStrictEqual(readers.map((f) => path.relative(ROOT, f)), [path.join('src', 'extension', 'common', 'host.ts')]);
  });
});
