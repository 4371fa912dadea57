/**
 * Test-only commands (registered outside production mode): integration tests running in the real extension
 * host read what a panel reported it shows, instead of reaching into the webview's DOM, and drive inputs
 * through the same message path the page uses. Each feature hands its panels over with
 * `exposePanelForTests`; this file knows no feature.
 */
import * as vscode from 'vscode';
import type { ViewKind } from '../../shared/protocol';
import { command, registerCommands } from './command';
import { PanelBase } from './panelBase';
import { activationProfile } from './timing';
import { spareWorkerStats } from '../../core/worker/spare';

export interface PanelStateSnapshot {
  open: boolean;
  title: string;
  rendered: { seq: number; text: string; charts: number; paintMs: number } | null;
  firstPaintMs: number | null;
  /** ms from the command to the first result with every plot drawn. */
  firstCompleteMs: number | null;
  /** The first paint on the page's clock (no trip back to the host). */
  firstPaintPageMs: number | null;
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

interface ExposedView {
  viewType: string;
  serializer: vscode.WebviewPanelSerializer;
  /** The panel of `uri` (file panels), else the one shown last. */
  find: (uri?: string) => PanelBase | undefined;
}

const views = new Map<ViewKind, ExposedView>();

/** A feature's panel kind, for the test hooks (cheap: only records; the hooks exist outside production). */
export function exposePanelForTests(view: ViewKind, exposed: ExposedView): void {
  views.set(view, exposed);
}

function snapshot(p: PanelBase | undefined): PanelStateSnapshot {
  const extra = p?.testState();
  return {
    open: !!p && !p.isDisposed,
    title: p?.panel.title ?? '',
    rendered: p?.rendered ? { seq: p.rendered.seq, text: p.rendered.text, charts: p.rendered.charts, paintMs: p.rendered.paintMs } : null,
    firstPaintMs: p?.firstPaintMs ?? null,
    firstCompleteMs: p?.firstCompleteMs ?? null,
    firstPaintPageMs: p?.firstPaintPageMs ?? null,
    readyMs: p?.readyMs ?? null,
    webviewErrors: p?.webviewErrors ?? [],
    rejectedMessages: p?.rejectedMessages ?? [],
    running: extra?.running ?? false,
    hostView: extra?.hostView ?? null,
    lastError: extra?.lastError ?? null,
    statusBar: extra?.statusBar ?? null,
    hostBuildMs: extra?.hostBuildMs ?? null,
  };
}

export function registerTestHooks(context: vscode.ExtensionContext): void {
  const find = (view: ViewKind, uri?: string) => views.get(view)?.find(uri);
  registerCommands(context,
    // What VS Code does after a window reload, without reloading the window (which would end the test run):
    // a fresh panel of the view type goes through the registered serializer with the state a page saved.
    command('scalingLaws._test.restore', async (view: ViewKind, state: unknown) => {
      const exposed = views.get(view);
      if (!exposed) throw new Error(`no panel kind '${view}'`);
      const panel = vscode.window.createWebviewPanel(exposed.viewType, 'Restoring…', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {});
      let disposed = false;
      const sub = panel.onDidDispose(() => { disposed = true; });
      // VS Code calls a serializer once the restored editor is open; let the workbench finish opening this one.
      await new Promise((r) => setTimeout(r, 200));
      await exposed.serializer.deserializeWebviewPanel(panel, state);
      sub.dispose();
      return { disposed, title: disposed ? '' : panel.title };
    }),
    command('scalingLaws._test.panelState', (view: ViewKind, uri?: string) => snapshot(find(view, uri))),
    command('scalingLaws._test.sendRaw', (view: ViewKind, raw: unknown, uri?: string) => {
      const p = find(view, uri);
      if (!p) throw new Error(`${view} panel is not open`);
      p.receive(raw);
      return snapshot(p).rejectedMessages.length;
    }),
    command('scalingLaws._test.timings', () => ({ ...activationProfile })),
    // The fit's spare worker (core/worker/spare.ts): its state, and how many were started and served a call.
    command('scalingLaws._test.spareWorker', () => spareWorkerStats()),
    // Give keyboard focus (and so the active editor group) to the panel shown last, e.g. before maximising it.
    command('scalingLaws._test.focusLastPanel', () => {
      const p = PanelBase.lastActive;
      p?.panel.reveal(undefined, false);
      return p?.panel.title;
    }),
  );
}
