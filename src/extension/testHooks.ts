/**
 * Test-only commands (registered outside production mode): integration tests running in the real extension
 * host read what a panel reported it shows, instead of reaching into the webview's DOM, and drive inputs
 * through the same message path the page uses.
 */
import * as vscode from 'vscode';
import { checkPlannerInput, type PlannerInput, type ViewKind } from '../shared/protocol';
import { FIT_VIEW_TYPE, FitPanel } from './fit/panel';
import { PanelBase } from './panels/base';
import { PLANNER_VIEW_TYPE, PlannerPanel } from './planner/panel';
import { activationProfile } from './timing';

export interface PanelStateSnapshot {
  open: boolean;
  title: string;
  rendered: { seq: number; text: string; charts: number; paintMs: number } | null;
  firstPaintMs: number | null;
  readyMs: number | null;
  webviewErrors: string[];
  rejectedMessages: string[];
  running: boolean;
  hostView: unknown;
  lastError: { title: string; message: string } | null;
  statusBar: string | null;
  /** Fit panels: ms the host spent turning the worker's result into the view (its only synchronous work). */
  hostBuildMs: number | null;
}

function find(view: ViewKind, uri?: string): PanelBase | undefined {
  if (view === 'planner') return PlannerPanel.current;
  if (uri) return FitPanel.byUri.get(vscode.Uri.parse(uri).toString());
  return [...FitPanel.byUri.values()].pop();
}

function snapshot(p: PanelBase | undefined): PanelStateSnapshot {
  return {
    open: !!p && !p.isDisposed,
    title: p?.panel.title ?? '',
    rendered: p?.rendered ? { seq: p.rendered.seq, text: p.rendered.text, charts: p.rendered.charts, paintMs: p.rendered.paintMs } : null,
    firstPaintMs: p?.firstPaintMs ?? null,
    readyMs: p?.readyMs ?? null,
    webviewErrors: p?.webviewErrors ?? [],
    rejectedMessages: p?.rejectedMessages ?? [],
    running: p instanceof FitPanel ? p.running : false,
    hostView: p instanceof FitPanel ? p.lastView : p instanceof PlannerPanel ? p.lastView : null,
    lastError: p instanceof FitPanel ? p.lastError : null,
    statusBar: p instanceof PlannerPanel ? p.statusBarText : null,
    hostBuildMs: p instanceof FitPanel ? p.hostBuildMs : null,
  };
}

/** The webview serializers registered for the panels (the test replays a restore through them). */
export type PanelSerializers = Record<'planner' | 'fit', vscode.WebviewPanelSerializer>;

const VIEW_TYPES: Record<keyof PanelSerializers, string> = { planner: PLANNER_VIEW_TYPE, fit: FIT_VIEW_TYPE };

export function registerTestHooks(context: vscode.ExtensionContext, serializers: PanelSerializers): void {
  context.subscriptions.push(
    // What VS Code does after a window reload, without reloading the window (which would end the test run):
    // a fresh panel of the view type goes through the registered serializer with the state a page saved.
    vscode.commands.registerCommand('scalingLaws._test.restore', async (view: keyof PanelSerializers, state: unknown) => {
      const panel = vscode.window.createWebviewPanel(VIEW_TYPES[view], 'Restoring…', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {});
      let disposed = false;
      const sub = panel.onDidDispose(() => { disposed = true; });
      // VS Code calls a serializer once the restored editor is open; let the workbench finish opening this one.
      await new Promise((r) => setTimeout(r, 200));
      await serializers[view].deserializeWebviewPanel(panel, state);
      sub.dispose();
      return { disposed, title: disposed ? '' : panel.title };
    }),
    vscode.commands.registerCommand('scalingLaws._test.panelState', (view: ViewKind, uri?: string) => snapshot(find(view, uri))),
    vscode.commands.registerCommand('scalingLaws._test.setPlannerInput', (patch: Partial<PlannerInput>) => {
      const p = PlannerPanel.current;
      if (!p) throw new Error('planner is not open');
      const input = checkPlannerInput({ ...p.currentInput, ...patch }, 'input');
      p.setInput(input);
      return input;
    }),
    vscode.commands.registerCommand('scalingLaws._test.sendRaw', (view: ViewKind, raw: unknown, uri?: string) => {
      const p = find(view, uri);
      if (!p) throw new Error(`${view} panel is not open`);
      p.receive(raw);
      return snapshot(p).rejectedMessages.length;
    }),
    vscode.commands.registerCommand('scalingLaws._test.timings', () => ({ ...activationProfile })),
    // Give keyboard focus (and so the active editor group) to the panel shown last, e.g. before maximising it.
    vscode.commands.registerCommand('scalingLaws._test.focusLastPanel', () => {
      const p = PanelBase.lastActive;
      p?.panel.reveal(undefined, false);
      return p?.panel.title;
    }),
  );
}
