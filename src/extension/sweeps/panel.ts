/**
 * IsoFLOP panel (host side), one per results CSV. Analyses the file's CURRENT content (an edited document's
 * text, saved or not; otherwise the worker reads the file) with src/core/isoflop — the same code as
 * `scaling-laws isoflop` — in the worker, which also builds the IsoflopView (thinned plots), under a progress
 * notification; the host only relays the view. Refusals (too few budgets, no interior minimum…) are shown in
 * the panel as such. Restored after a reload by the serializer in ./index.ts.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { workerScript } from '../common/workerScript';
import { fileSource } from '../common/fileText';
import { CsvError } from '../../core/csv';
import { InputError } from '../../core/errors';
import { IsoflopRefusal } from '../../core/isoflop';
import type { HostMessage, IsoflopPanelOptions } from '../../shared/protocol';
import { FilePanel, type FilePanelKind } from '../common/filePanel';
import type { ExportPayload, PanelMessage, PanelTestState } from '../common/panelBase';
import { log } from '../common/log';
import { isoflopCsv, isoflopMarkdown, type IsoflopShown } from './view';
import { callWorker } from '../../core/worker/client';

export const ISOFLOP_VIEW_TYPE = 'scalingLaws.isoflop';

/** How IsoFLOP panels are made (common/filePanel.ts). */
function isoflopKind(extensionUri: vscode.Uri): FilePanelKind<IsoflopPanel, IsoflopPanelOptions> {
  return {
    byUri: IsoflopPanel.byUri,
    viewType: ISOFLOP_VIEW_TYPE,
    title: (uri) => `IsoFLOP: ${path.basename(uri.path)}`,
    create: (panel, uri, options, openedAt) => new IsoflopPanel(panel, extensionUri, uri, options, openedAt),
  };
}

export class IsoflopPanel extends FilePanel<IsoflopPanelOptions> {
  /** The analysis in flight in the worker: a newer run or closing the panel cancels it. */
  private abort: AbortController | undefined;

  protected override onDispose(): void {
    this.abort?.abort();
    super.onDispose();
  }
  static readonly byUri = new Map<string, IsoflopPanel>();
  lastResult: IsoflopShown | null = null;

  constructor(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, uri: vscode.Uri, options: IsoflopPanelOptions, openedAt: number) {
    super(panel, 'isoflop', extensionUri, uri, options, openedAt, IsoflopPanel.byUri as Map<string, FilePanel<IsoflopPanelOptions>>);
  }

  /** Open (or reveal) the CSV's panel and analyse its current text. */
  static show(extensionUri: vscode.Uri, uri: vscode.Uri, options: IsoflopPanelOptions, openedAt = performance.now()): IsoflopPanel {
    return FilePanel.showFor(isoflopKind(extensionUri), uri, () => options, openedAt);
  }

  /** Re-attach to a panel restored after a reload; it re-analyses once the page is ready. */
  static adopt(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, uri: vscode.Uri, options: IsoflopPanelOptions): IsoflopPanel {
    return FilePanel.adoptFor(isoflopKind(extensionUri), panel, uri, options);
  }

  override testState(): PanelTestState {
    return { running: this.running, hostView: this.lastResult?.view ?? null, lastError: this.lastError, statusBar: null, hostBuildMs: null };
  }

  protected onMessage(msg: PanelMessage): void {
    switch (msg.type) {
      case 'ready': {
        // The page (re)loaded: show the last result, or start the first analysis. The page and the run's state
        // go in one message, so the page builds and paints once (protocol.ts, 'batch').
        const start: HostMessage[] = [
          { type: 'isoflopInit', uri: this.uri.toString(), fileName: this.fileName, options: this.options },
          { type: 'isoflopRunning', runId: this.runId },
        ];
        if (!this.running && this.lastResult) start.push({ type: 'isoflopView', runId: this.runId, view: this.lastResult.view });
        else if (!this.running && this.lastError) start.push({ type: 'isoflopError', runId: this.runId, ...this.lastError });
        this.post({ type: 'batch', id: `${this.runId}:${start.length}`, messages: start });
        if (!this.running && !this.lastResult && !this.lastError) void this.run();
        return;
      }
      case 'isoflopOptions':
        this.options = msg.options;
        void this.run();
        return;
      default:
        return;
    }
  }

  /** Analyse the document's current text with the current options. */
  run(): Promise<void> {
    const runId = this.nextRun();
    this.post({ type: 'isoflopRunning', runId });
    const task = this.progress(`IsoFLOP analysis of ${this.fileName}`, null, (report) => {
      report(this.options.joint ? 'parabolas, frontier and joint fit…' : 'parabolas and frontier…');
      return this.analyseOnce(runId);
    });
    return this.track(runId, task);
  }

  private async analyseOnce(runId: number): Promise<void> {
    const t0 = performance.now();
    const stale = () => this.isStale(runId);
    try {
      this.abort?.abort();
      const abort = (this.abort = new AbortController());
      const source = await fileSource(this.uri);
      if (stale()) return;
      // Reading, parsing, parabolas, frontier, joint fit and the view all run in the worker (13 s on an 80 KB
      // file used to freeze the host; reading and posting a 17 MB file's text cost it a second).
      const request = { type: 'isoflopView', source, fileName: this.fileName, options: this.options } as const;
      const result = (await callWorker(workerScript(this.extensionUri), request, { signal: abort.signal }).catch((e: unknown) => {
        if (stale()) return undefined;
        throw e;
      })) as IsoflopShown | undefined;
      if (!result || stale()) return;
      this.lastResult = result;
      this.lastError = null;
      this.post({ type: 'isoflopView', runId, view: result.view });
      log.info(`[isoflop] ${this.fileName}: ${result.view.minima.length} budgets, a = ${result.json.a.toFixed(4)} in ${Math.round(performance.now() - t0)} ms`);
    } catch (e) {
      if (stale()) return;
      const known = e instanceof CsvError || e instanceof IsoflopRefusal || e instanceof InputError;
      const title = e instanceof CsvError ? 'Could not read the CSV'
        : e instanceof IsoflopRefusal ? `The IsoFLOP analysis was refused (${e.code})`
          : e instanceof InputError ? 'A run cannot be used' : 'The analysis failed';
      const message = e instanceof Error ? e.message : String(e);
      this.lastResult = null;
      this.lastError = { title, message };
      this.post({ type: 'isoflopError', runId, title, message });
      if (!known) log.error(`[isoflop] ${this.fileName}: ${e instanceof Error ? e.stack ?? message : message}`);
    }
  }

  exportable(): ExportPayload | undefined {
    const r = this.lastResult;
    if (!r) return undefined;
    return {
      baseName: `${path.parse(this.fileName).name}-isoflop`,
      json: { file: this.fileName, options: this.options, ...r.json },
      csv: isoflopCsv(r.view),
      markdown: (images) => isoflopMarkdown(r.view, images),
    };
  }
}
