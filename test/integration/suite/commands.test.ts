import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './util';

describe('Manifest ↔ extension host', () => {
  it('every command contributed in package.json is registered after activation (no dead menu entries)', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is installed`);
    await ext.activate();
    const contributed: Array<{ command: string }> = ext.packageJSON.contributes.commands;
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.map((c) => c.command).filter((c) => !registered.has(c));
    assert.deepStrictEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
    assert.ok(contributed.length >= 10, `${contributed.length} commands contributed`);
  });
});
