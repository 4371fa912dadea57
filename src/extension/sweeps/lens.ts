/**
 * Code lens on IsoFLOP sweep configs (*.sweep.jsonc): "35 runs · C 1.02e21 · ≈716 GPU-hours H100-SXM
 * @40 % MFU" followed by Plan · Export… · Mock results… — the plan is the one `scaling-laws plan` makes
 * from the document's current text. A config that does not parse or plan shows its first error instead.
 */
import * as vscode from 'vscode';
import { DEFAULT_PLAN_DEPS, parseSweepConfig, planSweep, type SweepConfig, type SweepPlan } from '../../core/sweep';
import { sweepLensTitle } from './view';
import { COMMAND_IDS } from '../common/commands';
import { RefreshableLensProvider } from '../common/lensBase';

export const SWEEP_SELECTOR: vscode.DocumentSelector = [{ pattern: '**/*.sweep.jsonc' }, { pattern: '**/*.sweep.json' }];

export interface PlannedDocument {
  config: SweepConfig;
  plan: SweepPlan;
}

// Planning shapes every run (a few hundred ms for 35 runs), so plans are cached per document version.
const cache = new Map<string, { version: number; result: PlannedDocument | Error }>();

/** Plan a sweep config document's current text (cached by version); returns the error instead of throwing. */
export function planDocument(doc: vscode.TextDocument): PlannedDocument | Error {
  const key = doc.uri.toString();
  const hit = cache.get(key);
  if (hit && hit.version === doc.version) return hit.result;
  let result: PlannedDocument | Error;
  try {
    const config = parseSweepConfig(doc.getText(), vscode.workspace.asRelativePath(doc.uri));
    result = { config, plan: planSweep(config, DEFAULT_PLAN_DEPS) };
  } catch (e) {
    result = e instanceof Error ? e : new Error(String(e));
  }
  cache.set(key, { version: doc.version, result });
  return result;
}

export function forgetDocument(doc: vscode.TextDocument): void {
  cache.delete(doc.uri.toString());
}

export class SweepLensProvider extends RefreshableLensProvider {
  protected lenses(doc: vscode.TextDocument, top: vscode.Range): vscode.CodeLens[] {
    const planned = planDocument(doc);
    if (planned instanceof Error) {
      return [new vscode.CodeLens(top, { title: `IsoFLOP sweep: ${planned.message.replace(/^[^:]*:(\d+:\d+:)/, 'line $1')}`, command: '' })];
    }
    const args = [doc.uri];
    return [
      new vscode.CodeLens(top, { title: sweepLensTitle(planned.plan), command: '', tooltip: planned.plan.warnings.map((w) => w.message).join('\n') || undefined }),
      new vscode.CodeLens(top, { title: 'Plan', command: COMMAND_IDS.planSweep, arguments: args, tooltip: 'Open the run table with shapes, tokens, steps and GPU-hours' }),
      new vscode.CodeLens(top, { title: 'Export…', command: COMMAND_IDS.exportSweep, arguments: args, tooltip: 'CSV, JSON, a SLURM job array or a SkyPilot task' }),
      new vscode.CodeLens(top, { title: 'Mock results…', command: COMMAND_IDS.mockSweep, arguments: args, tooltip: 'Synthetic results from the config\'s law with seeded noise, to try the analysis' }),
    ];
  }
}
