/**
 * The planner feature: "Open Compute-Optimal Planner" (optionally with a partial input, e.g. from a config's
 * "Open in Planner"), its status bar item, and the webview serializer that restores the panel after a reload.
 */
import * as vscode from 'vscode';
import { checkPlannerInput, parsePersistedState, type PlannerInput } from '../../shared/protocol';
import { DEFAULT_PLANNER_INPUT } from '../../shared/plannerDefaults';
import { command, registerCommands } from '../common/command';
import type { FeatureDeps } from '../common/host';
import { log } from '../common/log';
import { exposePanelForTests } from '../common/testHooks';
import { PLANNER_VIEW_TYPE, PlannerPanel, usePlannerMemento } from './panel';

export function register(context: vscode.ExtensionContext, _deps: FeatureDeps): void {
  const extensionUri = context.extensionUri;
  usePlannerMemento(context.workspaceState);
  const status = vscode.window.createStatusBarItem('scalingLaws.plannerStatus', vscode.StatusBarAlignment.Right, 100);
  status.name = 'Scaling Laws: compute-optimal plan';
  context.subscriptions.push(status);

  // After a reload VS Code hands back the panel with the state its page saved (validated: it is untrusted).
  const serializer: vscode.WebviewPanelSerializer = {
    deserializeWebviewPanel: async (panel, state: unknown) => {
      let input = DEFAULT_PLANNER_INPUT;
      try {
        const s = parsePersistedState(state);
        if (s.view === 'planner') input = s.input;
      } catch (e) {
        log.warn(`planner state not restored: ${e instanceof Error ? e.message : String(e)}`);
      }
      PlannerPanel.adopt(panel, extensionUri, status, input);
    },
  };
  if (TEST_BUILD) exposePanelForTests('planner', { viewType: PLANNER_VIEW_TYPE, serializer, find: () => PlannerPanel.current });

  registerCommands(context,
    // Optional argument: a partial PlannerInput (e.g. from a config's "Open in Planner"), validated.
    command('scalingLaws.openPlanner', (patch?: unknown) => {
      const t0 = performance.now();
      const panel = PlannerPanel.show(extensionUri, status, t0);
      if (patch && typeof patch === 'object') {
        try {
          panel.setInput(checkPlannerInput({ ...panel.currentInput, ...(patch as object) }, 'input'));
        } catch (e) {
          void vscode.window.showErrorMessage(`Open Compute-Optimal Planner: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    }),
  );
  context.subscriptions.push(vscode.window.registerWebviewPanelSerializer(PLANNER_VIEW_TYPE, serializer));

  if (TEST_BUILD && context.extensionMode !== vscode.ExtensionMode.Production) {
    registerCommands(context,
      command('scalingLaws._test.setPlannerInput', (patch: Partial<PlannerInput>) => {
        const p = PlannerPanel.current;
        if (!p) throw new Error('planner is not open');
        const input = checkPlannerInput({ ...p.currentInput, ...patch }, 'input');
        p.setInput(input);
        return input;
      }),
    );
  }
}
