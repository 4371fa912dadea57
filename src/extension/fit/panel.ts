/**
 * Fit panel (host side), one per CSV. Fits the document's CURRENT text (open editors included, saved or
 * not) in a worker thread (src/extension/fit/worker.ts) under a cancellable progress notification; the page's
 * Cancel button aborts the same run. The extension host's event loop stays free while the worker fits.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { workerScript } from '../common/workerScript';
import { fileSource } from '../common/fileText';
import { CsvError } from '../../core/csv';
import { FitRefusal, type FitResultJSON } from '../../core/fit';
import { cvFolds, looRuns } from '../../core/fit/defaults';
import { fitResultOf, type ResidualColumns, type WorkerFitOutcome } from '../../core/fit/workerProtocol';
import type { FitLogsRequest } from '../../core/logs/fitRequest';
import { callWorker } from '../../core/worker/client';
import { InputError } from '../../core/errors';
import { chosenColumns, dataInfo, extraFitOptions, isLogInput, readLogUris } from './logs';
import type { FitPanelOptions, FitView, HostMessage } from '../../shared/protocol';
import { log } from '../common/log';
import { FilePanel, type FilePanelKind } from '../common/filePanel';
import type { ExportPayload, PanelMessage, PanelTestState } from '../common/panelBase';
import { fitCsv, fitMarkdown } from '../common/report';
import type { Settings } from '../common/settings';
import { DEFAULT_FIT_OPTIONS, engineOptions, formOptions, parseLineList, toFitView } from './view';

export const FIT_VIEW_TYPE = 'scalingLaws.fit';
/** Quiet time after the last change to a followed log before refitting (a log is written line by line). */
export const FOLLOW_DEBOUNCE_MS = 1000;

/** What the full fit adds to the early view, as the page's status line says it. */
function pendingWork(o: { bootstrap?: number; cv?: number; loo?: boolean }, rows: number): string {
  const parts = [
    ...((o.bootstrap ?? 0) > 0 ? [`${o.bootstrap} bootstrap resamples (intervals)`] : []),
    ...(cvFolds(o.cv) >= 2 ? [`${cvFolds(o.cv)}-fold CV`] : []),
    ...(looRuns(o.loo, rows) ? ['leave-one-out'] : []),
  ];
  return `Fitted; computing ${parts.join(', ')}…`;
}

/** How fit panels are made (common/filePanel.ts). */
function fitKind(extensionUri: vscode.Uri, settings: () => Settings, sources?: vscode.Uri[]): FilePanelKind<FitPanel, FitPanelOptions> {
  return {
    byUri: FitPanel.byUri,
    viewType: FIT_VIEW_TYPE,
    title: (uri) => `Fit: ${path.basename(uri.path)}`,
    create: (panel, uri, options, openedAt) => new FitPanel(panel, extensionUri, uri, options, openedAt, settings, sources),
  };
}

export class FitPanel extends FilePanel<FitPanelOptions> {
  static readonly byUri = new Map<string, FitPanel>();
  lastView: FitView | null = null;
  /** The run `lastView` came from. */
  private lastViewRun = -1;
  lastResult: FitResultJSON | null = null;
  private lastResiduals: ResidualColumns | undefined;
  /** The law without intervals yet, painted while the bootstrap and cross-validation of the same run finish. */
  private earlyView: { runId: number; view: FitView } | null = null;
  /** ms spent on the host building the view from the worker's result (the fit's only main-thread work). */
  hostBuildMs: number | null = null;
  private abort: AbortController | undefined;
  /** The files or folders fitted: one CSV, or training logs (a folder, several files). */
  sources: vscode.Uri[];
  /** Fitted as training logs (decided on the first fit; a CSV with no N/D columns becomes logs). */
  private asLogs: boolean | undefined;
  private watcher: vscode.Disposable | undefined;
  private followTimer: NodeJS.Timeout | undefined;
  /** The page has said 'ready': run messages before it would reach no listener (it gets the state on 'ready'). */
  private pageReady = false;

  constructor(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, uri: vscode.Uri, options: FitPanelOptions, openedAt: number, private readonly settings: () => Settings, sources?: vscode.Uri[]) {
    super(panel, 'fit', extensionUri, uri, options, openedAt, FitPanel.byUri as Map<string, FilePanel<FitPanelOptions>>);
    this.sources = sources?.length ? sources : [uri];
    this.follow(!!options.follow);
  }

  /** Open (or reveal) the CSV's panel and start a fit of its current text. */
  static show(extensionUri: vscode.Uri, uri: vscode.Uri, settings: () => Settings, openedAt = performance.now(), sources?: vscode.Uri[]): FitPanel {
    const p = FilePanel.showFor(fitKind(extensionUri, settings, sources), uri, () => ({ ...DEFAULT_FIT_OPTIONS, bootstrap: settings().fitBootstrap }), openedAt);
    // A new panel starts fitting now, while its page loads (the two used to run one after the other); the
    // page gets the outcome when it says it is ready. An open panel was re-run by showFor.
    if (!p.running && !p.lastView && !p.lastError) void p.run();
    return p;
  }

  /** Re-attach to a panel restored after a reload; it re-fits once the page is ready. */
  static adopt(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, uri: vscode.Uri, options: FitPanelOptions, settings: () => Settings): FitPanel {
    return FilePanel.adoptFor(fitKind(extensionUri, settings), panel, uri, options);
  }

  /**
   * Run messages go to the page once it is listening; 'ready' replays the run's state. A view or an error that
   * comes before 'ready' goes at once as the whole state (init, run, view): VS Code holds it until the page has
   * loaded, so the page paints without waiting for its 'ready' to reach the host and the answer to come back
   * (40–120 ms here). 'ready' sends the same batch again, which the page skips by its id.
   */
  override post(msg: HostMessage): void {
    if (this.pageReady || !(msg.type.startsWith('fit') || msg.type === 'batch')) super.post(msg);
    else if (msg.type === 'fitError') super.post(this.batchOf('error', msg));
    else if (msg.type === 'fitView') super.post(this.batchOf(msg.view === this.earlyView?.view ? 'early' : 'view', msg));
  }

  /** The page's init, the run, and its last message (a view or an error), in one message whose id names that state. */
  private batchOf(state: 'init' | 'running' | 'early' | 'view' | 'error', last?: HostMessage): HostMessage & { type: 'batch' } {
    const init: HostMessage = { type: 'fitInit', uri: this.uri.toString(), fileName: this.fileName, forms: formOptions(), options: this.options };
    const messages: HostMessage[] = state === 'init' ? [init] : [init, { type: 'fitRunning', runId: this.runId }, ...(last ? [last] : [])];
    return { type: 'batch', id: `${this.runId}:${state}`, messages };
  }

  /** The current state as a batch (what 'ready' sends). */
  private stateBatch(): HostMessage & { type: 'batch' } {
    const runId = this.runId;
    // The last view unless a newer run is still going: the newest run's final view is posted a moment before
    // `running` clears.
    if (this.lastView && (this.lastViewRun === runId || !this.running)) return this.batchOf('view', { type: 'fitView', runId, view: this.lastView });
    if (this.running) {
      const early = this.earlyView?.runId === runId ? this.earlyView.view : null;
      return early ? this.batchOf('early', { type: 'fitView', runId, view: early }) : this.batchOf('running');
    }
    if (this.lastError) return this.batchOf('error', { type: 'fitError', runId, ...this.lastError });
    return this.batchOf('init');
  }

  override testState(): PanelTestState {
    return { running: this.running, hostView: this.lastView, lastError: this.lastError, statusBar: null, hostBuildMs: this.hostBuildMs };
  }

  protected onMessage(msg: PanelMessage): void {
    switch (msg.type) {
      case 'ready': {
        this.pageReady = true;
        // The page and the run's state in one message: the page builds and paints once (protocol.ts, 'batch').
        const idle = !this.running && !this.lastView && !this.lastError;
        this.post(this.stateBatch());
        if (idle) void this.run();
        return;
      }
      case 'refit':
        this.options = msg.options;
        this.follow(!!msg.options.follow);
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
    const task = this.progress(`Fitting ${this.fileName}`, () => abort.abort(), (report) =>
      this.fitOnce(runId, abort.signal, (fraction, message) => {
        report(message);
        this.post({ type: 'fitProgress', runId, fraction, message });
      }),
    );
    return this.track(runId, task);
  }

  private async fitOnce(runId: number, signal: AbortSignal, report: (fraction: number, message: string) => void): Promise<void> {
    const t0 = performance.now();
    const stale = () => this.isStale(runId);
    try {
      const onProgress = (p: { phase: string; done: number; total: number }) => report(p.total > 0 ? p.done / p.total : 0, `${p.phase} ${p.done}/${p.total}`);
      const fitOpts = { ...engineOptions(this.options), ...extraFitOptions(this.options) };
      const keep = this.options.keep;
      const maxRows = this.settings().fitMaxRows;
      const dropped = parseLineList(this.options.dropRows);
      this.asLogs ??= await isLogInput(this.sources);
      let outcome: WorkerFitOutcome | undefined;
      if (!this.asLogs) {
        // The worker reads the file itself unless it is being edited (common/fileText.ts), blanks the lines the
        // user dropped, parses, fits and builds the view: the host only relays it.
        const source = await fileSource(this.uri);
        const columns = chosenColumns(this.options, ['N', 'D', 'C', 'U', 'loss']);
        try {
          // Progressive: the law is painted as soon as it is fitted; intervals and CV follow (a visible
          // "computing…" state, never a silent omission).
          const onPartial = (value: unknown) => {
            const early = value as WorkerFitOutcome;
            if (stale() || !early.view) return;
            const ev = early.view as FitView;
            // The early fit ran no bootstrap by design: its "set Bootstrap to see intervals" advice does not apply.
            const recommendations = ev.recommendations.filter((n) => n.code !== 'no-bootstrap');
            const pending = pendingWork(fitOpts, early.result.rowsUsed);
            const view: FitView = { ...ev, recommendations, elapsedMs: performance.now() - t0, pending, data: dataInfo(early, this.options, !!this.watcher) };
            this.earlyView = { runId, view };
            this.post({ type: 'fitView', runId, view });
          };
          outcome = await callWorker(workerScript(this.extensionUri), {
            type: 'fit', source, dropLines: dropped, parseOpts: { fileName: this.fileName, maxRows, columns }, fitOpts,
            ...(keep ? { keep } : {}), view: { fileName: this.fileName, droppedByUser: dropped }, progressive: true,
          }, { signal, onProgress, onPartial });
        } catch (e) {
          // A CSV without N, or without D/C, may be a training log (step/tokens and loss per checkpoint).
          if (!(e instanceof CsvError && /^no column for/.test(e.detail))) throw e;
          this.asLogs = true;
        }
      }
      if (!outcome) {
        const files = await readLogUris(this.sources);
        const c = chosenColumns(this.options, ['N', 'loss', 'run', 'step', 'tokens']);
        if (this.options.columns?.D && !c.tokens) c.tokens = this.options.columns.D;
        const workerPath = workerScript(this.extensionUri);
        const request: FitLogsRequest = { type: 'fitLogs', files, curveOpts: { columns: c, maxRows }, prepOpts: { dropWarmup: this.options.dropWarmup, keep }, fitOpts };
        outcome = await callWorker(workerPath, request, { signal, onProgress });
      }
      if (stale()) return;
      const tb = performance.now();
      // The fit worker built a CSV fit's view; the host stamps the elapsed time (and builds a logs fit's view).
      const built = outcome.view ? { ...(outcome.view as FitView), elapsedMs: tb - t0 } : toFitView({ ...outcome, result: fitResultOf(outcome) }, this.fileName, dropped, tb - t0);
      const view: FitView = { ...built, data: dataInfo(outcome, this.options, !!this.watcher) };
      this.hostBuildMs = performance.now() - tb;
      this.lastView = view;
      this.lastViewRun = runId;
      // Without its residual rows until an export asks for them (workerProtocol.ts ResidualColumns).
      this.lastResult = outcome.result;
      this.lastResiduals = outcome.residuals;
      this.lastError = null;
      this.post({ type: 'fitView', runId, view });
      log.info(`[fit] ${this.fileName}: ${outcome.result.form} fitted in ${Math.round(performance.now() - t0)} ms`);
    } catch (e) {
      if (stale()) return;
      if (e instanceof FitRefusal && e.code === 'cancelled') {
        this.post({ type: 'fitCancelled', runId });
        return;
      }
      const title = e instanceof CsvError ? 'Could not read the CSV' : e instanceof InputError ? 'Could not read the logs' : e instanceof FitRefusal ? 'The fit was refused' : 'The fit failed';
      const message = e instanceof Error ? e.message : String(e);
      this.lastError = { title, message };
      this.post({ type: 'fitError', runId, title, message });
      if (!(e instanceof InputError || e instanceof FitRefusal)) log.error(`[fit] ${this.fileName}: ${e instanceof Error ? e.stack ?? message : message}`);
    }
  }

  exportable(): ExportPayload | undefined {
    const view = this.lastView;
    if (!view || !this.lastResult) return undefined;
    const result = fitResultOf({ result: this.lastResult, residuals: this.lastResiduals });
    return {
      baseName: `${path.parse(this.fileName).name}-fit`,
      json: { file: this.fileName, options: this.options, result },
      csv: fitCsv(view),
      markdown: (images) => fitMarkdown(view, images),
    };
  }

  /**
   * Follow the sources while they are written: a file watcher, debounced by FOLLOW_DEBOUNCE_MS, refits (a newer
   * change cancels the fit in progress, as run() does).
   */
  follow(on: boolean): void {
    if (!on) {
      this.watcher?.dispose();
      this.watcher = undefined;
      clearTimeout(this.followTimer);
      return;
    }
    if (this.watcher) return;
    const kick = () => {
      clearTimeout(this.followTimer);
      this.followTimer = setTimeout(() => void this.run(), FOLLOW_DEBOUNCE_MS);
    };
    const subs: vscode.Disposable[] = [];
    for (const src of this.sources) {
      const isFile = /\.[^/]+$/.test(src.path) && !src.path.endsWith('/');
      const pattern = isFile ? new vscode.RelativePattern(vscode.Uri.joinPath(src, '..'), path.basename(src.path)) : new vscode.RelativePattern(src, '**/*');
      const w = vscode.workspace.createFileSystemWatcher(pattern);
      subs.push(w, w.onDidChange(kick), w.onDidCreate(kick));
    }
    this.watcher = vscode.Disposable.from(...subs);
  }

  protected override onDispose(): void {
    this.follow(false);
    this.abort?.abort();
    super.onDispose();
  }
}
