/**
 * The extension's one command-id table and one settings table agree with the manifest (package.json), so
 * a command or setting cannot be contributed without being registered, registered without being
 * contributed, or given a default in two places that drift apart.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { COMMAND_IDS, TEST_COMMAND_IDS, VIEW_TYPES } from '../../src/extension/common/commands';
import { readSettings, SETTING_DEFAULTS, SETTING_KEYS, SETTINGS_SECTION } from '../../src/extension/common/settings';

const ROOT = path.resolve(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('extension manifest: commands', () => {
  const contributed: string[] = manifest.contributes.commands.map((c: { command: string }) => c.command);

  it('the command table and contributes.commands list the same ids', () => {
    assert.deepStrictEqual([...Object.values(COMMAND_IDS)].sort(), [...contributed].sort());
  });

  it('no test-only command is contributed, and every id is scalingLaws-scoped and unique', () => {
    for (const id of Object.values(TEST_COMMAND_IDS)) assert.ok(!contributed.includes(id), id);
    const all = [...Object.values(COMMAND_IDS), ...Object.values(TEST_COMMAND_IDS)];
    assert.strictEqual(new Set(all).size, all.length);
    for (const id of all) assert.match(id, /^scalingLaws\.[A-Za-z_.]+$/);
  });

  it('every contributed command is registered exactly once, from a feature folder, through the table', () => {
    const registered = new Map<string, string[]>();
    for (const f of sources(path.join(ROOT, 'src/extension'))) {
      const text = fs.readFileSync(f, 'utf8');
      for (const m of text.matchAll(/registerCommand\(\s*COMMAND_IDS\.(\w+)/g)) {
        const id = COMMAND_IDS[m[1] as keyof typeof COMMAND_IDS];
        assert.ok(id, `${f}: COMMAND_IDS.${m[1]} is not in the table`);
        registered.set(id, [...(registered.get(id) ?? []), path.relative(ROOT, f)]);
      }
      // Ids are spelled once, in the table: a literal 'scalingLaws.<command>' elsewhere would drift from it.
      if (!f.endsWith(path.join('common', 'commands.ts'))) {
        for (const id of [...Object.values(COMMAND_IDS), ...Object.values(TEST_COMMAND_IDS)]) {
          assert.ok(!text.includes(`'${id}'`), `${path.relative(ROOT, f)} spells the command id ${id}; use the table`);
        }
      }
    }
    for (const id of contributed) assert.strictEqual(registered.get(id)?.length, 1, `${id} registered in ${registered.get(id)?.join(', ') ?? 'no file'}`);
  });

  it('menus and keybindings name contributed commands only', () => {
    const menuIds = Object.values(manifest.contributes.menus ?? {}).flatMap((items) => (items as Array<{ command: string }>).map((i) => i.command));
    const keyIds = (manifest.contributes.keybindings ?? []).map((k: { command: string }) => k.command);
    for (const id of [...menuIds, ...keyIds]) assert.ok(contributed.includes(id), id);
  });

  it('every webview panel type has its onWebviewPanel activation event', () => {
    for (const t of Object.values(VIEW_TYPES)) assert.ok(manifest.activationEvents.includes(`onWebviewPanel:${t}`), t);
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
