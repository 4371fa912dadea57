/**
 * Every command id the extension contributes, in one table. Each feature folder registers its own rows
 * (fit → fitCsv, planner → openPlanner, …); a feature that triggers another's command goes through this
 * id and `executeCommand`, never through the other folder's code. test/unit/extension-manifest.test.ts
 * checks the table against package.json's contributes.commands, both ways.
 * Pure data: no `vscode` import, so the unit suite reads it.
 */
export const COMMAND_IDS = {
  // laws/
  showLaws: 'scalingLaws.showLaws',
  // configs/
  newArchConfig: 'scalingLaws.newArchConfig',
  newBackwardConfig: 'scalingLaws.newBackwardConfig',
  newSweepConfig: 'scalingLaws.newSweepConfig',
  openConfigInPlanner: 'scalingLaws.openConfigInPlanner',
  // fit/
  fitCsv: 'scalingLaws.fitCsv',
  // planner/
  openPlanner: 'scalingLaws.openPlanner',
  // common/export.ts: the active panel's results, whichever feature it belongs to
  exportResults: 'scalingLaws.exportResults',
  // sweeps/
  planSweep: 'scalingLaws.planSweep',
  exportSweep: 'scalingLaws.exportSweep',
  mockSweep: 'scalingLaws.mockSweep',
  analyseIsoflop: 'scalingLaws.analyseIsoflop',
  // modelConfig/
  showModelTokens: 'scalingLaws.showModelTokens',
} as const;

export type CommandId = (typeof COMMAND_IDS)[keyof typeof COMMAND_IDS];

/** Commands registered only outside production mode, for the integration tests (not in the manifest). */
export const TEST_COMMAND_IDS = {
  restore: 'scalingLaws._test.restore',
  panelState: 'scalingLaws._test.panelState',
  setPlannerInput: 'scalingLaws._test.setPlannerInput',
  sendRaw: 'scalingLaws._test.sendRaw',
  timings: 'scalingLaws._test.timings',
  focusLastPanel: 'scalingLaws._test.focusLastPanel',
  isoflopState: 'scalingLaws._test.isoflopState',
} as const;

/** Webview panel types (package.json's onWebviewPanel activation events name the same). */
export const VIEW_TYPES = {
  planner: 'scalingLaws.planner',
  fit: 'scalingLaws.fit',
  isoflop: 'scalingLaws.isoflop',
} as const;
