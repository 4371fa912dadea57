/**
 * Fit panel (host side), one per CSV. Fits the document's CURRENT text (open editors included, saved or
 * not) in a worker thread (dist/fitWorker.js) under a cancellable progress notification; the page's
 * Cancel button aborts the same run. The extension host's event loop stays free while the worker fits.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { workerScript } from '../common/workerScript';
import { CsvError } from '../../core/csv';
import { FitRefusal, type FitResultJSON } from '../../core/fit';
import { fitInWorker } from '../../core/fit/nodeWorker';
import type { FitPanelOptions, FitView } from '../../shared/protocol';
import { VIEW_TYPES } from '../common/commands';
import { log } from '../common/log';
import { FilePanel, type FilePanelKind } from '../common/filePanel';
import type { ExportPayload, PanelMessage, PanelTestState } from '../common/panelBase';
import { fitCsv, fitMarkdown } from '../common/report';
import type { Settings } from '../common/settings';
import { blankLines, DEFAULT_FIT_OPTIONS, engineOptions, formOptions, parseLineList, toFitView } from './view';

export const FIT_VIEW_TYPE = VIEW_TYPES.fit;

/** How fit panels are made (common/filePanel.ts). */
function fitKind(extensionUri: vscode.Uri, settings: () => Settings): FilePanelKind<FitPanel, FitPanelOptions> {
  return {
    byUri: FitPanel.byUri,
    viewType: FIT_VIEW_TYPE,
    title: (uri) => `Fit: ${path.basename(uri.path)}`,
    create: (panel, uri, options, openedAt) => new FitPanel(panel, extensionUri, uri, options, openedAt, settings),
  };
}

export class FitPanel extends FilePanel<FitPanelOptions> {
  static readonly byUri = new Map<string, FitPanel>();
  lastView: FitView | null = null;
  lastResult: FitResultJSON | null = null;
  /** ms spent on the host building the view from the worker's result (the fit's only main-thread work). */
  hostBuildMs: number | null = null;
  private abort: AbortController | undefined;

  constructor(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, uri: vscode.Uri, options: FitPanelOptions, openedAt: number, private readonly settings: () => Settings) {
    super(panel, 'fit', extensionUri, uri, options, openedAt, FitPanel.byUri as Map<string, FilePanel<FitPanelOptions>>);
  }

  /** Open (or reveal) the CSV's panel and start a fit of its current text. */
  static show(extensionUri: vscode.Uri, uri: vscode.Uri, settings: () => Settings, openedAt = performance.now()): FitPanel {
    return FilePanel.showFor(fitKind(extensionUri, settings), uri, () => ({ ...DEFAULT_FIT_OPTIONS, bootstrap: settings().fitBootstrap }), openedAt);
  }

  /** Re-attach to a panel restored after a reload; it re-fits once the page is ready. */
  static adopt(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, uri: vscode.Uri, options: FitPanelOptions, settings: () => Settings): FitPanel {
    return FilePanel.adoptFor(fitKind(extensionUri, settings), panel, uri, options);
  }

  override testState(): PanelTestState {
    return { running: this.running, hostView: this.lastView, lastError: this.lastError, statusBar: null, hostBuildMs: this.hostBuildMs };
  }

  protected onMessage(msg: PanelMessage): void {
    switch (msg.type) {
      case 'ready':
        this.post({ type: 'fitInit', uri: this.uri.toString(), fileName: this.fileName, forms: formOptions(), options: this.options });
        if (this.running) this.post({ type: 'fitRunning', runId: this.runId });
        else if (this.lastView) {
          this.post({ type: 'fitRunning', runId: this.runId });
          this.post({ type: 'fitView', runId: this.runId, view: this.lastView });
        } else void this.run();
        return;
      case 'refit':
        this.options = msg.options;
        void this.run();
        return;
      case 'cancelFit':
        this.abort?.abort();
        return;
      case 'copyFormula':
        if (this.lastView) {
          void vscode.env.clipboard.writeText(msg.format === 'latex' ? this.lastView.latex : this.lastView.formula);
          void vscode.window.setStatusBarMessage(`Copied the fitted law as ${msg.format === 'latex' ? 'LaTeX' : 'text'}`, 3000);
        }
        return;
      default:
        return;
    }
  }

  /** Fit the document's current text with the current options; a newer run cancels an older one. */
  run(): Promise<void> {
    this.abort?.abort();
    const runId = this.nextRun();
    const abort = new AbortController();
    this.abort = abort;
    this.post({ type: 'fitRunning', runId });
    const task = vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Fitting ${this.fileName}`, cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => abort.abort());
        await this.fitOnce(runId, abort.signal, (fraction, message) => {
          progress.report({ message });
          this.post({ type: 'fitProgress', runId, fraction, message });
        });
      },
    );
    return this.track(runId, task);
  }

  private async fitOnce(runId: number, signal: AbortSignal, report: (fraction: number, message: string) => void): Promise<void> {
    const t0 = performance.now();
    const stale = () => this.isStale(runId);
    try {
      const doc = await vscode.workspace.openTextDocument(this.uri);
      const dropped = parseLineList(this.options.dropRows);
      const text = blankLines(doc.getText(), dropped);
      const workerPath = workerScript(this.extensionUri);
      const maxRows = this.settings().fitMaxRows;
      const outcome = await fitInWorker(workerPath, text, { fileName: this.fileName, maxRows }, engineOptions(this.options), {
        signal,
        onProgress: (p) => report(p.total > 0 ? p.done / p.total : 0, `${p.phase} ${p.done}/${p.total}`),
        view: { fileName: this.fileName, droppedByUser: dropped },
      });
      if (stale()) return;
      const tb = performance.now();
      // The worker built the view; the host only stamps the elapsed time and relays it.
      const view = outcome.view ? { ...(outcome.view as FitView), elapsedMs: tb - t0 } : toFitView(outcome, this.fileName, dropped, tb - t0);
      this.hostBuildMs = performance.now() - tb;
      this.lastView = view;
      this.lastResult = outcome.result;
      this.lastError = null;
      this.post({ type: 'fitView', runId, view });
      log.info(`[fit] ${this.fileName}: ${outcome.result.form} fitted in ${Math.round(performance.now() - t0)} ms`);
    } catch (e) {
      if (stale()) return;
      if (e instanceof FitRefusal && e.code === 'cancelled') {
        this.post({ type: 'fitCancelled', runId });
        return;
      }
      const title = e instanceof CsvError ? 'Could not read the CSV' : e instanceof FitRefusal ? 'The fit was refused' : 'The fit failed';
      const message = e instanceof Error ? e.message : String(e);
      this.lastError = { title, message };
      this.post({ type: 'fitError', runId, title, message });
      if (!(e instanceof CsvError || e instanceof FitRefusal)) log.error(`[fit] ${this.fileName}: ${e instanceof Error ? e.stack ?? message : message}`);
    }
  }

  exportable(): ExportPayload | undefined {
    const view = this.lastView;
    if (!view || !this.lastResult) return undefined;
    const result = this.lastResult;
    return {
      baseName: `${path.parse(this.fileName).name}-fit`,
      json: { file: this.fileName, options: this.options, result },
      csv: fitCsv(view),
      markdown: (images) => fitMarkdown(view, images),
    };
  }

  protected override onDispose(): void {
    this.abort?.abort();
    super.onDispose();
  }
}
