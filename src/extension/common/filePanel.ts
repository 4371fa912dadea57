/**
 * The base of every panel that belongs to one file (fit, IsoFLOP), with webview-sample's lifecycle:
 *   show    — reveal the file's open panel (and re-run it) or create one;
 *   adopt   — re-attach a panel VS Code restored after a reload (common/restore.ts validated its state);
 *   dispose — forget the panel in its kind's registry.
 * A run is the panel's one piece of work on the file's CURRENT text (saved or not): `track` records it so
 * `whenIdle` (tests) waits on it and `running` is true while the newest run is in flight.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { progressAfter } from './progress';
import type { ViewKind } from '../../shared/protocol';
import { PanelBase } from './panelBase';

/** A panel kind's open panels by file URI, and how to make its panels. */
export interface FilePanelKind<P extends FilePanel<O>, O> {
  readonly byUri: Map<string, P>;
  readonly viewType: string;
  /** Panel title for a file, e.g. "Fit: runs.csv". */
  title(uri: vscode.Uri): string;
  create(panel: vscode.WebviewPanel, uri: vscode.Uri, options: O, openedAt: number): P;
}

export abstract class FilePanel<O> extends PanelBase {
  options: O;
  lastError: { title: string; message: string } | null = null;
  running = false;
  protected runId = 0;
  private current: Promise<void> = Promise.resolve();

  protected constructor(
    panel: vscode.WebviewPanel,
    view: ViewKind,
    extensionUri: vscode.Uri,
    readonly uri: vscode.Uri,
    options: O,
    openedAt: number,
    private readonly registry: Map<string, FilePanel<O>>,
  ) {
    super(panel, view, extensionUri, openedAt);
    this.options = options;
    registry.set(uri.toString(), this);
  }

  get fileName(): string {
    return path.basename(this.uri.path);
  }

  /** Run the panel's work on the file's current text (a newer run supersedes an older one). */
  abstract run(): Promise<void>;

  /** Resolves when the run in progress (if any) has finished and been posted. */
  whenIdle(): Promise<void> {
    return this.current;
  }

  /** Run `work` with a Cancel-able progress notification that appears only if it takes over a second (progress.ts). */
  protected progress(title: string, onCancel: (() => void) | null, work: (report: (message: string) => void) => Promise<void>): Promise<void> {
    return progressAfter((t, cancellable, task) => vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t, cancellable }, task), title, onCancel, work);
  }

  /** Record run `runId` (started with `nextRun`); `running` clears when the newest run ends. */
  protected track(runId: number, task: Thenable<void>): Promise<void> {
    this.current = Promise.resolve(task).then(() => {
      if (runId === this.runId) this.running = false;
    });
    return this.current;
  }

  /** A new run id; results of older runs are stale from now on. */
  protected nextRun(): number {
    this.running = true;
    return ++this.runId;
  }

  protected isStale(runId: number): boolean {
    return runId !== this.runId || this.isDisposed;
  }

  protected override onDispose(): void {
    if (this.registry.get(this.uri.toString()) === this) this.registry.delete(this.uri.toString());
  }

  /** Reveal the file's panel and re-run it, or open a new one beside the editor. */
  static showFor<P extends FilePanel<O>, O>(kind: FilePanelKind<P, O>, uri: vscode.Uri, options: () => O, openedAt = performance.now()): P {
    const existing = kind.byUri.get(uri.toString());
    if (existing && !existing.isDisposed) {
      existing.panel.reveal(undefined, true);
      existing.markActive();
      void existing.run();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(kind.viewType, kind.title(uri), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {});
    return kind.create(panel, uri, options(), openedAt);
  }

  /** Re-attach a restored panel to its file (replacing a panel already open on it); it runs once its page is ready. */
  static adoptFor<P extends FilePanel<O>, O>(kind: FilePanelKind<P, O>, panel: vscode.WebviewPanel, uri: vscode.Uri, options: O): P {
    kind.byUri.get(uri.toString())?.dispose();
    panel.title = kind.title(uri);
    return kind.create(panel, uri, options, performance.now());
  }
}
