/**
 * Show Published Laws: the registry in a QuickPick, then the picked law's actions in a second QuickPick
 * (which stays until answered, unlike a toast). Answered through Chromium's keyboard like a user: Enter on
 * the first law, then Down and Enter on "Open in planner".
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { LAWS } from '../../../src/core/laws';
import { DEFAULT_PLANNER_INPUT } from '../../../src/shared/plannerDefaults';
import type { PlannerInput } from '../../../src/shared/protocol';
import { closeAllEditorsDiscarding, panelState, quickInput, requireHarness, until } from './util';

describe('Show Published Laws (real VS Code)', function () {
  this.timeout(120000);

  it('a second QuickPick offers Open paper / Open in planner; Open in planner plans with the picked law', async function () {
    requireHarness(this, 'the Show Published Laws QuickPicks');
    await closeAllEditorsDiscarding();
    const law = LAWS[0];
    const done = vscode.commands.executeCommand('scalingLaws.showLaws');
    const list = await quickInput('Published scaling laws', ['Enter']);
    assert.ok(list.includes(law.name), `the first QuickPick lists ${law.name}: ${list.slice(0, 300)}`);
    const actions = await quickInput('Open in planner', ['ArrowDown', 'Enter']);
    assert.ok(actions.includes(law.name) && actions.includes('Open paper') && actions.includes(`arXiv ${law.citation.arxiv}`), actions);
    await done;
    await until(() => panelState('planner'), (s) => s.open && s.rendered !== null, 'the planner to open');
    const input = (await vscode.commands.executeCommand('scalingLaws._test.setPlannerInput', {})) as PlannerInput;
    assert.deepStrictEqual(input.laws, [law.id], 'the planner shows the law picked in the first QuickPick');
    // The planner remembers its input (workspace state): give the next tests the default laws back.
    await vscode.commands.executeCommand('scalingLaws._test.setPlannerInput', DEFAULT_PLANNER_INPUT);
    await closeAllEditorsDiscarding();
  });
});
