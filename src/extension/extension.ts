/**
 * Extension entry point. Feature modules register their own commands/providers; activate() wires them.
 * Nothing here computes: the numbers come from src/core (shared with the CLI and the worker).
 */
import * as vscode from 'vscode';
import { registerConfigFeatures } from './config';
import { registerLawCommands } from './laws';
import { registerModelConfigFeatures } from './modelConfig';
import { registerPanels } from './panels';
import { registerSweepFeatures } from './sweep';
import { timed } from './timing';

export interface ScalingLawsApi {
  /** Version string, used by integration tests to check activation. */
  readonly version: string;
}

export function activate(context: vscode.ExtensionContext): ScalingLawsApi {
  return timed('total', () => {
    timed('config', () => registerConfigFeatures(context));
    timed('panels', () => registerPanels(context));
    timed('sweep', () => registerSweepFeatures(context));
    timed('laws', () => registerLawCommands(context));
    timed('modelConfig', () => registerModelConfigFeatures(context));
    return { version: String(context.extension.packageJSON.version ?? '0.0.0') };
  });
}

export function deactivate(): void {
  /* disposables are owned by context.subscriptions */
}
