/**
 * Code lens on IsoFLOP sweep configs (*.sweep.jsonc): "35 runs · C 1.02e21 · ≈716 GPU-hours H100-SXM
 * @40 % MFU" followed by Plan · Export… · Mock results… — the plan is the one `scaling-laws plan` makes
 * from the document's current text. A config that does not parse or plan shows its first error instead.
 */
import * as vscode from 'vscode';
import { workerScript } from '../common/workerScript';
import type { SweepConfig, SweepPlan } from '../../core/sweep';
import { callWorker } from '../../core/worker/client';
import { sweepLensTitle } from './view';
import { RefreshableLensProvider } from '../common/lensBase';

export const SWEEP_SELECTOR: vscode.DocumentSelector = [{ pattern: '**/*.sweep.jsonc' }, { pattern: '**/*.sweep.json' }];

export interface PlannedDocument {
  config: SweepConfig;
  plan: SweepPlan;
}

// Planning shapes every run (≈ 5 ms a run: seconds for a 1,000-run sweep), so it runs in the fit worker
// (src/core/worker/tasks.ts, request 'planSweep'), never on the extension host thread, and the promise is
// cached per document version; a newer version aborts the older one's worker.
const cache = new Map<string, { version: number; result: Promise<PlannedDocument | Error>; abort: AbortController }>();
let workerPath: string | undefined;

/** Where dist/fitWorker.js is (set once at activation). */
export function setPlannerWorker(extensionUri: vscode.Uri): void {
  workerPath = workerScript(extensionUri);
}

/** Plan a sweep config document's current text off-thread (cached by version); resolves to the error instead of rejecting. */
export function planDocument(doc: vscode.TextDocument): Promise<PlannedDocument | Error> {
  const key = doc.uri.toString();
  const hit = cache.get(key);
  if (hit && hit.version === doc.version) return hit.result;
  hit?.abort.abort();
  const abort = new AbortController();
  const result = (async (): Promise<PlannedDocument | Error> => {
    if (!workerPath) return new Error('the sweep planner worker is not configured');
    try {
      const { config, plan } = await callWorker(workerPath, { type: 'planSweep', text: doc.getText(), fileName: vscode.workspace.asRelativePath(doc.uri) }, { signal: abort.signal });
      return { config, plan };
    } catch (e) {
      return e instanceof Error ? e : new Error(String(e));
    }
  })();
  cache.set(key, { version: doc.version, result, abort });
  return result;
}

export function forgetDocument(doc: vscode.TextDocument): void {
  cache.get(doc.uri.toString())?.abort.abort();
  cache.delete(doc.uri.toString());
}

export class SweepLensProvider extends RefreshableLensProvider {
  protected async lenses(doc: vscode.TextDocument, top: vscode.Range): Promise<vscode.CodeLens[]> {
    const planned = await planDocument(doc);
    if (planned instanceof Error) {
      return [new vscode.CodeLens(top, { title: `IsoFLOP sweep: ${planned.message.replace(/^[^:]*:(\d+:\d+:)/, 'line $1')}`, command: '' })];
    }
    const args = [doc.uri];
    return [
      new vscode.CodeLens(top, { title: sweepLensTitle(planned.plan), command: '', tooltip: planned.plan.warnings.map((w) => w.message).join('\n') || undefined }),
      new vscode.CodeLens(top, { title: 'Plan', command: 'scalingLaws.planSweep', arguments: args, tooltip: 'Open the run table with shapes, tokens, steps and GPU-hours' }),
      new vscode.CodeLens(top, { title: 'Export…', command: 'scalingLaws.exportSweep', arguments: args, tooltip: 'CSV, JSON, a SLURM job array or a SkyPilot task' }),
      new vscode.CodeLens(top, { title: 'Mock results…', command: 'scalingLaws.mockSweep', arguments: args, tooltip: 'Synthetic results from the config\'s law with seeded noise, to try the analysis' }),
    ];
  }
}
