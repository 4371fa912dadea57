/**
 * Show Published Laws: the registry in a QuickPick, then the picked law's actions in a second QuickPick
 * (which stays until answered, unlike a toast). Driven with the workbench's QuickPick commands, as a
 * keyboard user would: Enter on the first law, Down, Enter on "Open in planner".
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { LAWS } from '../../../src/core/laws';
import type { PlannerInput } from '../../../src/shared/protocol';
import { closeAllEditorsDiscarding, panelState, until } from './util';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Show Published Laws (real VS Code)', function () {
  this.timeout(60000);

  it('a second QuickPick offers Open paper / Open in planner; Open in planner plans with the picked law', async () => {
    await closeAllEditorsDiscarding();
    const done = vscode.commands.executeCommand('scalingLaws.showLaws');
    await pause(800); // the first QuickPick is open, its first item (LAWS[0]) active
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await pause(800); // the second QuickPick: "Open paper", then "Open in planner"
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await done;
    await until(() => panelState('planner'), (s) => s.open && s.rendered !== null, 'the planner to open');
    const input = (await vscode.commands.executeCommand('scalingLaws._test.setPlannerInput', {})) as PlannerInput;
    assert.deepStrictEqual(input.laws, [LAWS[0].id], 'the planner shows the law picked in the first QuickPick');
    await closeAllEditorsDiscarding();
  });
});
