/**
 * "What should I train?" in a real VS Code: the planner's consensus row, its row badges and their tooltips,
 * the language auto-include, one colour per law across panels (planner and a fit panel), and no sideways
 * scrolling at 480 px in the planner, fit and IsoFLOP panels.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { allocateCompute, consensus } from '../../../src/core/allocation';
import { formatCount } from '../../../src/core/format';
import { DEFAULT_PLANNER_INPUT } from '../../../src/extension/planner/view';
import { LAW_STYLES } from '../../../src/shared/palette';
import type { PlannerView } from '../../../src/shared/protocol';
import {
  closeAllEditorsDiscarding, EXTENSION_ID, inHarness, metric, panelState, requireHarness, setViewport, until, workspaceFile,
} from './util';

const plannerView = async () => (await panelState('planner')).hostView as PlannerView | null;

interface Layout {
  clientWidth: number;
  scrollWidth: number;
  bodyScrollWidth: number;
  overflowing: string[];
  swatches: Record<string, string[]>;
  badges: Array<{ law: string; text: string; title: string }>;
}

/** What scripts/harness/run-tests.js /layout measures in the visible webview showing `text`. */
async function layout(text: string): Promise<Layout> {
  const r = await fetch(`${process.env.HARNESS_SHOT_URL}/layout?text=${encodeURIComponent(text)}`);
  const body = (await r.json()) as { ok: boolean; error?: string; report?: Layout };
  if (!body.ok) throw new Error(`harness /layout failed: ${body.error}`);
  return body.report!;
}

const rgb = (hex: string) => `rgb(${parseInt(hex.slice(1, 3), 16)}, ${parseInt(hex.slice(3, 5), 16)}, ${parseInt(hex.slice(5, 7), 16)})`;

async function setInput(patch: Partial<typeof DEFAULT_PLANNER_INPUT>, shows: string): Promise<PlannerView> {
  const before = (await panelState('planner')).rendered?.seq ?? -1;
  await vscode.commands.executeCommand('scalingLaws._test.setPlannerInput', { ...DEFAULT_PLANNER_INPUT, ...patch });
  // A new render (the page re-posts every input it is given), showing what this input should show.
  await until(() => panelState('planner'), (x) => !!x.rendered && x.rendered.seq > before && x.rendered.text.includes(shows), `the planner to show "${shows}"`);
  return (await plannerView())!;
}

/**
 * Resize the window so the maximised panel (the last one focused) is `width` px wide: measure, then correct
 * the window by the difference (the workbench's own chrome differs between builds).
 */
async function panelAt(width: number, text: string): Promise<Layout> {
  let windowWidth = width + 60;
  let l: Layout | undefined;
  for (let i = 0; i < 3; i++) {
    await setViewport(`${windowWidth}x900`);
    await new Promise((r) => setTimeout(r, 600));
    l = await layout(text);
    if (Math.abs(l.clientWidth - width) <= 4) break;
    windowWidth += width - l.clientWidth;
  }
  return l!;
}

describe('Planner: one recommendation, badges, colours, any width (real VS Code)', function () {
  this.timeout(180000);

  before(async () => {
    await vscode.commands.executeCommand('scalingLaws.openPlanner');
    await until(() => panelState('planner'), (x) => !!x.rendered?.text.includes('Guidance'), 'the planner to paint');
  });
  after(async () => {
    if ((await panelState('planner')).open) await vscode.commands.executeCommand('scalingLaws._test.setPlannerInput', DEFAULT_PLANNER_INPUT);
  });

  it('shows a consensus row: the median and range of N*, D* over the modern loss-bearing laws, and the most relevant law', async () => {
    const view = await setInput({ compute: 1e25 }, 'Training compute C = 1e25 FLOPs');
    const rows = allocateCompute({ compute: 1e25, laws: DEFAULT_PLANNER_INPUT.laws, language: 'en' });
    const expected = consensus(rows, { language: 'en' })!;
    assert.deepStrictEqual(view.consensus!.laws, expected.laws);
    const text = (await panelState('planner')).rendered!.text;
    assert.ok(text.includes('Consensus'), 'consensus row shown');
    assert.ok(text.includes(`${formatCount(expected.N.mid)}`) && text.includes(`${formatCount(expected.N.low)}–${formatCount(expected.N.high)}`), `N* ${formatCount(expected.N.mid)} and its range shown`);
    assert.ok(text.includes(`${formatCount(expected.D.low)}–${formatCount(expected.D.high)}`), 'D* range shown');
    assert.ok(text.includes(`Most relevant here: ${view.consensus!.relevant.lawName} — ${expected.relevant.reason}`), 'the most relevant law and why');
    assert.ok(text.includes('most relevant'), 'its row is tagged');
  });

  it('badges every row with its extrapolation factor, conventions and provisional constants; tooltips carry the full warning', async function () {
    const view = await setInput({ compute: 1e25, laws: ['hoffmann2022-a3', 'deepseek2024', 'porian2024', 'atlas2025'], language: 'fr' }, 'Training compute C = 1e25 FLOPs');
    const text = (await panelState('planner')).rendered!.text;
    for (const r of view.rows) {
      const b = r.badges.find((x) => x.kind === 'extrapolation')!;
      assert.ok(b, `${r.lawId} extrapolates at 1e25 FLOPs`);
      assert.ok(text.includes(b.label), `badge "${b.label}" shown`);
      assert.match(b.tooltip, /beyond what the paper fitted/);
    }
    assert.ok(view.rows.find((r) => r.lawId === 'atlas2025')!.badges.some((b) => b.kind === 'provisional'));
    assert.ok(view.rows.find((r) => r.lawId === 'deepseek2024')!.badges.some((b) => b.label === 'N ≈ M/6'));
    if (!inHarness()) return;
    // The tooltips as the page has them (title attributes on the badges), not only in the view model.
    const shown = (await layout('Compute-optimal planner')).badges;
    for (const r of view.rows) {
      const b = shown.find((x) => x.law === r.lawId && /beyond fit/.test(x.text));
      assert.ok(b, `${r.lawId}: badge in the page: ${JSON.stringify(shown.filter((x) => x.law === r.lawId))}`);
      assert.match(b.title, /^Extrapolation [\d,.]+× beyond what the paper fitted\. .*(Budget 1e25 FLOPs|N = |D = )/);
    }
    assert.ok(shown.some((x) => x.law === 'atlas2025' && x.text.includes('provisional') && /Provisional constants/.test(x.title)));
  });

  it('inference tokens: rows whose compute differs from the budget say by how much and why', async () => {
    const view = await setInput({ inferenceTokens: 1e13 }, 'vs budget');
    const a3 = view.rows.find((r) => r.lawId === 'hoffmann2022-a3')!;
    assert.ok(a3.computeDelta! > 0 && /inference-aware/.test(a3.computeNote!));
    assert.ok((await panelState('planner')).rendered!.text.includes('default 1 %: decode MFU (Sardana et al. 2024)'), 'the inference MFU default is explained');
  });

  it('choosing Swahili adds the ATLAS row, which plans the smallest useful budget instead of thousands of epochs', async () => {
    const view = await setInput({ language: 'sw', compute: 1e23 }, 'ATLAS added');
    assert.ok(view.input.laws.includes('atlas2025'), 'ATLAS auto-included');
    const atlas = view.rows.find((r) => r.lawId === 'atlas2025')!;
    assert.ok(atlas.relevant, 'ATLAS is the most relevant law for Swahili');
    assert.ok(atlas.D! / 770e6 < 200, `epochs ${atlas.D! / 770e6}`);
    const text = (await panelState('planner')).rendered!.text;
    assert.ok(text.includes('data-saturated') && /smallest useful budget/.test(text));
    assert.ok(!/\de-\d{2,}/.test(text.replace(/\d(\.\d+)?e\d+/g, '')), 'no negative exponents such as 1.2e-115 on the page');
  });

  describe('with the code-server harness', () => {
    let dir: string;
    const runs = () => vscode.Uri.file(path.join(dir, 'runs.csv'));
    const results = () => vscode.Uri.file(path.join(dir, 'small.results.csv'));

    before(async function () {
      requireHarness(this, 'colours and widths measured in the webview');
      const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
      dir = fs.mkdtempSync(path.join(workspaceFile('.').fsPath, 'ux-'));
      fs.copyFileSync(workspaceFile('runs.csv').fsPath, path.join(dir, 'runs.csv'));
      fs.copyFileSync(path.join(ext.extensionPath, 'examples', 'small.results.csv'), path.join(dir, 'small.results.csv'));
      for (const c of ['workbench.action.closeSidebar', 'workbench.action.closePanel', 'workbench.action.closeAuxiliaryBar']) await vscode.commands.executeCommand(c);
    });
    after(async () => {
      if (!dir) return;
      await setViewport();
      await closeAllEditorsDiscarding();
      await vscode.commands.executeCommand('workbench.view.explorer');
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('one law has the same colour (the palette’s) in the planner and in a fit panel', async () => {
      await setInput({}, 'Training compute C = 5.76e23 FLOPs');
      const planner = await layout('Compute-optimal planner');
      await vscode.commands.executeCommand('scalingLaws.fitCsv', runs());
      await until(() => panelState('fit', runs()), (x) => !!x.rendered && x.rendered.charts === 5, 'the fit to paint');
      const fit = await layout('Optimal N vs D: your fit and published laws');
      for (const law of ['besiroglu2024', 'hoffmann2022-a3', 'llama3-2024'] as const) {
        assert.deepStrictEqual(planner.swatches[law], [rgb(LAW_STYLES[law].color)], `${law} in the planner: ${JSON.stringify(planner.swatches)}`);
        assert.deepStrictEqual(fit.swatches[law], [rgb(LAW_STYLES[law].color)], `${law} in the fit panel: ${JSON.stringify(fit.swatches)}`);
      }
      // "your runs" / "your fit" are reserved: no law swatch shares their colour.
      const yours = [...(fit.swatches.runs ?? []), ...(fit.swatches.fit ?? [])];
      assert.ok(yours.length > 0, 'your runs / your fit in the legend');
      for (const [law, cs] of Object.entries(fit.swatches)) if (law !== 'runs' && law !== 'fit') for (const c of cs) assert.ok(!yours.includes(c), `${law} shares a colour with your data`);
    });

    for (const [panel, text] of [['planner', 'Compute-optimal planner'], ['fit', 'Optimal N vs D: your fit and published laws'], ['IsoFLOP', 'Compute-optimal frontier']] as const) {
      it(`${panel} panel at 480 px: no horizontal scroll (scrollWidth ≤ clientWidth), at 1,600 px neither`, async () => {
        if (panel === 'planner') {
          await vscode.commands.executeCommand('scalingLaws.openPlanner');
        } else if (panel === 'fit') {
          await vscode.commands.executeCommand('scalingLaws.fitCsv', runs());
          await until(() => panelState('fit', runs()), (x) => !!x.rendered && x.rendered.charts === 5, 'the fit to paint');
        } else {
          await vscode.commands.executeCommand('scalingLaws.analyseIsoflop', results());
        }
        await vscode.commands.executeCommand('scalingLaws._test.focusLastPanel');
        await vscode.commands.executeCommand('workbench.action.toggleMaximizeEditorGroup');
        try {
          const narrow = await panelAt(480, text);
          metric(`${panel} panel at ~480 px: clientWidth / scrollWidth`, `${narrow.clientWidth} / ${narrow.scrollWidth}`);
          assert.ok(Math.abs(narrow.clientWidth - 480) <= 4, `panel width ${narrow.clientWidth}`);
          assert.ok(narrow.scrollWidth <= narrow.clientWidth, `${panel}: scrollWidth ${narrow.scrollWidth} > clientWidth ${narrow.clientWidth}; past the edge: ${narrow.overflowing.join(', ')}`);
          assert.deepStrictEqual(narrow.overflowing, [], `${panel}: elements past the right edge`);
          // For people to look at (SHOT_DIR): the panel as it is at this width.
          await fetch(`${process.env.HARNESS_SHOT_URL}/shot?name=${panel}-480&text=${encodeURIComponent(text)}&webviewOnly=1&settleMs=300`);
          const wide = await panelAt(1600, text);
          assert.ok(wide.scrollWidth <= wide.clientWidth, `${panel} at ${wide.clientWidth} px: scrollWidth ${wide.scrollWidth}`);
        } finally {
          await setViewport();
          await vscode.commands.executeCommand('workbench.action.toggleMaximizeEditorGroup');
        }
      });
    }
  });
});
