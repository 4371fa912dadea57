/**
 * The compute-optimal planner panel (host side): one instance, restored after a reload by the webview
 * serializer. Inputs arrive from the page (validated), PlannerView goes back; the status bar shows the
 * current N* and D*.
 */
import * as vscode from 'vscode';
import { parsePersistedState, type PlannerInput, type PlannerView } from '../../shared/protocol';
import { PanelBase, type ExportPayload, type PanelMessage, type PanelTestState } from '../common/panelBase';
import { plannerCsv, plannerMarkdown } from '../common/report';
import {
  computePlannerView, DEFAULT_PLANNER_INPUT, gpuOptions, languageOptions, lawOptions, statusText,
} from './view';

export const PLANNER_VIEW_TYPE = 'scalingLaws.planner';
const TITLE = 'Compute-Optimal Planner';

export class PlannerPanel extends PanelBase {
  static current: PlannerPanel | undefined;
  private input: PlannerInput;
  lastView: PlannerView | null = null;
  private statusVisible = false;
  private pageReady = false;

  private constructor(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, input: PlannerInput, openedAt: number, private readonly status: vscode.StatusBarItem) {
    super(panel, 'planner', extensionUri, openedAt);
    this.input = input;
  }

  static show(extensionUri: vscode.Uri, status: vscode.StatusBarItem, openedAt = performance.now()): PlannerPanel {
    if (PlannerPanel.current && !PlannerPanel.current.isDisposed) {
      PlannerPanel.current.panel.reveal();
      PlannerPanel.current.markActive();
      return PlannerPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(PLANNER_VIEW_TYPE, TITLE, vscode.ViewColumn.Beside, {});
    return PlannerPanel.adopt(panel, extensionUri, status, initialInput(), openedAt);
  }

  /** Re-attach to a panel VS Code restored after a reload (state already validated by the serializer). */
  static adopt(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, status: vscode.StatusBarItem, input: PlannerInput, openedAt = performance.now()): PlannerPanel {
    PlannerPanel.current?.dispose();
    panel.title = TITLE;
    PlannerPanel.current = new PlannerPanel(panel, extensionUri, input, openedAt, status);
    return PlannerPanel.current;
  }

  override testState(): PanelTestState {
    return { running: false, hostView: this.lastView, lastError: null, statusBar: this.statusBarText, hostBuildMs: null };
  }

  /** What the status bar item shows (null when hidden). */
  get statusBarText(): string | null {
    return this.statusVisible ? this.status.text : null;
  }

  get currentInput(): PlannerInput {
    return this.input;
  }

  /**
   * Replace the inputs through the page (its form updates, then it posts plannerInput as if typed). Kept
   * here too: a page that is (re)loading — just created, restored, or re-shown after being hidden, which
   * reloads a webview without retainContextWhenHidden — gets it with plannerInit instead.
   */
  setInput(input: PlannerInput): void {
    this.input = input;
    if (this.pageReady) this.post({ type: 'plannerSetInput', input });
  }

  protected onMessage(msg: PanelMessage): void {
    if (msg.type === 'ready') {
      this.pageReady = true;
      this.post({ type: 'plannerInit', laws: lawOptions(), gpus: gpuOptions(), languages: languageOptions(), input: this.input });
    } else if (msg.type === 'plannerInput') {
      this.input = msg.input;
      const view = computePlannerView(msg.input);
      this.lastView = view;
      this.post({ type: 'plannerView', seq: msg.seq, view });
      this.updateStatus(view);
      rememberInput(msg.input);
    }
  }

  private updateStatus(view: PlannerView): void {
    const s = statusText(view);
    this.statusVisible = !!s;
    if (!s) {
      this.status.hide();
      return;
    }
    this.status.text = `$(graph-line) ${s.text}`;
    this.status.tooltip = s.tooltip;
    this.status.command = 'scalingLaws.openPlanner';
    this.status.show();
  }

  exportable(): ExportPayload | undefined {
    const view = this.lastView;
    if (!view) return undefined;
    return { baseName: 'scaling-laws-plan', json: view, csv: plannerCsv(view), markdown: (images) => plannerMarkdown(view, images) };
  }

  protected override onDispose(): void {
    if (PlannerPanel.current === this) PlannerPanel.current = undefined;
    // The status bar keeps the last plan visible (it reopens the planner on click).
  }
}

// The last input survives closing the panel (per workspace), so reopening continues where the user was.
let memento: vscode.Memento | undefined;
export function usePlannerMemento(m: vscode.Memento): void {
  memento = m;
}
function rememberInput(input: PlannerInput): void {
  void memento?.update('scalingLaws.planner.input', input);
}
function initialInput(): PlannerInput {
  const saved = memento?.get<unknown>('scalingLaws.planner.input');
  if (saved === undefined) return DEFAULT_PLANNER_INPUT;
  try {
    // Saved by an earlier version perhaps: re-validate rather than trust the shape.
    const state = parsePersistedState({ view: 'planner', input: saved });
    return state.view === 'planner' ? state.input : DEFAULT_PLANNER_INPUT;
  } catch {
    return DEFAULT_PLANNER_INPUT;
  }
}
