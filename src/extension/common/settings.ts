/**
 * The extension's settings as one typed object. The defaults are the manifest's
 * (package.json contributes.configuration); test/unit/extension-manifest.test.ts asserts that this table
 * and the manifest agree key for key. Pure: the one `getConfiguration` call is in ./host.ts.
 */

export const SETTINGS_SECTION = 'scalingLaws';

export interface Settings {
  /** scalingLaws.codeLens.enabled: the summary lenses on config and sweep files. */
  codeLensEnabled: boolean;
  /** scalingLaws.fit.bootstrap: resamples when a fit panel opens (the panel's field overrides it). */
  fitBootstrap: number;
  /** scalingLaws.fit.maxRows: refuse CSV files with more data rows than this. */
  fitMaxRows: number;
  /** scalingLaws.fit.prestartWorker: keep a warmed-up worker for the next fit (core/worker/spare.ts). */
  fitPrestartWorker: boolean;
  /** scalingLaws.modelConfig.seqLength: training sequence length for config.json files (0 = not set). */
  modelConfigSeqLength: number;
  /** scalingLaws.mcp.command: the command and arguments that start the MCP server (empty: offer none). */
  mcpCommand: string[];
}

/** Each field's key under the `scalingLaws` section. */
export const SETTING_KEYS: Readonly<Record<keyof Settings, string>> = {
  codeLensEnabled: 'codeLens.enabled',
  fitBootstrap: 'fit.bootstrap',
  fitMaxRows: 'fit.maxRows',
  fitPrestartWorker: 'fit.prestartWorker',
  modelConfigSeqLength: 'modelConfig.seqLength',
  mcpCommand: 'mcp.command',
};

/** The manifest's defaults (VS Code returns them for unset keys; these cover a missing or mistyped value). */
export const SETTING_DEFAULTS: Readonly<Settings> = {
  codeLensEnabled: true,
  // As the CLI (--bootstrap 200): a panel shows 95 % intervals by default, not "—".
  fitBootstrap: 200,
  fitMaxRows: 1_000_000,
  fitPrestartWorker: true,
  modelConfigSeqLength: 0,
  mcpCommand: ['scaling-laws', 'mcp'],
};

/** Settings from a configuration section (`vscode.WorkspaceConfiguration` or any `get`). */
export function readSettings(section: { get(key: string): unknown }): Settings {
  const bool = (k: keyof Settings, d: boolean): boolean => {
    const v = section.get(SETTING_KEYS[k]);
    return typeof v === 'boolean' ? v : d;
  };
  const int = (k: keyof Settings, d: number): number => {
    const v = section.get(SETTING_KEYS[k]);
    return typeof v === 'number' && Number.isFinite(v) ? v : d;
  };
  const strings = (k: keyof Settings, d: string[]): string[] => {
    const v = section.get(SETTING_KEYS[k]);
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : d;
  };
  return {
    codeLensEnabled: bool('codeLensEnabled', SETTING_DEFAULTS.codeLensEnabled),
    fitBootstrap: int('fitBootstrap', SETTING_DEFAULTS.fitBootstrap),
    fitMaxRows: int('fitMaxRows', SETTING_DEFAULTS.fitMaxRows),
    fitPrestartWorker: bool('fitPrestartWorker', SETTING_DEFAULTS.fitPrestartWorker),
    modelConfigSeqLength: int('modelConfigSeqLength', SETTING_DEFAULTS.modelConfigSeqLength),
    mcpCommand: strings('mcpCommand', SETTING_DEFAULTS.mcpCommand),
  };
}
