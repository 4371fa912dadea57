/**
 * Extension entry point. Each feature folder registers what it contributes (its commands, declared in the
 * folder with common/command.ts's `command(id, handler)`, providers, panels); activate() only calls each feature's register() with
 * the shared dependencies. Nothing here computes: the numbers come from src/core (shared with the CLI and
 * the worker). See ARCHITECTURE.md.
 */
import * as vscode from 'vscode';
import * as agents from './agents';
import * as common from './common';
import { hostDeps } from './common/host';
import { timed } from './common/timing';
import * as configs from './configs';
import * as fit from './fit';
import * as laws from './laws';
import * as modelConfig from './modelConfig';
import * as planner from './planner';
import * as sweeps from './sweeps';

export interface ScalingLawsApi {
  /** Version string, used by integration tests to check activation. */
  readonly version: string;
}

export function activate(context: vscode.ExtensionContext): ScalingLawsApi {
  return timed('total', () => {
    const deps = hostDeps();
    timed('common', () => common.register(context));
    timed('config', () => configs.register(context, deps));
    timed('panels', () => {
      planner.register(context, deps);
      fit.register(context, deps);
    });
    timed('sweep', () => sweeps.register(context, deps));
    timed('laws', () => laws.register(context, deps));
    timed('modelConfig', () => modelConfig.register(context, deps));
    timed('agents', () => agents.register(context, deps));
    return { version: String(context.extension.packageJSON.version ?? '0.0.0') };
  });
}

export function deactivate(): void {
  /* disposables are owned by context.subscriptions */
}
