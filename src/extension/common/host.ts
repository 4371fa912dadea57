/**
 * What every feature's `register(context, deps)` receives from extension.ts: the typed settings (read
 * here, the one place that calls `getConfiguration`) and a change notification per setting.
 */
import * as vscode from 'vscode';
import { readSettings, SETTING_KEYS, SETTINGS_SECTION, type Settings } from './settings';

export interface FeatureDeps {
  /** The current settings (read on each call: VS Code caches the configuration). */
  settings(): Settings;
  /** Calls `listener` when any of `keys` changes. */
  onSettingsChanged(keys: ReadonlyArray<keyof Settings>, listener: () => void): vscode.Disposable;
}

export function hostDeps(): FeatureDeps {
  return {
    settings: () => readSettings(vscode.workspace.getConfiguration(SETTINGS_SECTION)),
    onSettingsChanged: (keys, listener) =>
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (keys.some((k) => e.affectsConfiguration(`${SETTINGS_SECTION}.${SETTING_KEYS[k]}`))) listener();
      }),
  };
}
