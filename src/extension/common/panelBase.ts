/**
 * What every panel shares on the host side: the CSP'd HTML shell, validation of every incoming message
 * against the typed protocol (malformed messages are logged and dropped), paper links, PNG collection for
 * exports, and the "what does the panel show" record used by the integration tests and timing.
 */
import * as vscode from 'vscode';
import {
  parseWebviewMessage, type ChartPng, type ExportFormat, type HostMessage, type ViewKind, type WebviewMessage,
} from '../../shared/protocol';
import { LAWS } from '../../core/laws';
import { isReply, PageRequester } from '../../shared/pageRequests';
import { pageAssets, pageAssetsRead, panelHtml, webviewOptions, type PageAssets } from './html';
import { log } from './log';

/** Every https URL a panel may ask the host to open: the papers' citation pages. */
export function citationUrls(): Set<string> {
  return new Set(LAWS.map((l) => l.citation.url));
}

export interface RenderedInfo {
  seq: number;
  text: string;
  charts: number;
  paintMs: number;
  at: number;
}

export type PanelMessage = Exclude<WebviewMessage, { type: 'painted' | 'rendered' | 'webviewError' | 'pngs' | 'requestFailed' | 'openLink' | 'export' }>;

export abstract class PanelBase implements vscode.Disposable {
  /** Open panels, and the one the user looked at last (what "Export Results…" exports). */
  static readonly open = new Set<PanelBase>();
  static lastActive: PanelBase | undefined;
  static onActiveChanged: (() => void) | undefined;
  /** Last render the page reported, for tests and timings. */
  rendered: RenderedInfo | null = null;
  /** ms from the command (or restore) to the first paint of a result (what is in the window; plots below may follow). */
  firstPaintMs: number | null = null;
  /** ms from the command (or restore) to the first result painted whole, every plot drawn. */
  firstCompleteMs: number | null = null;
  /**
   * The first paint on the page's own clock: ms from the command to the frame, without the report's trip back to
   * the host (the same machine's clock in a desktop or browser window; a remote window's page may run elsewhere).
   */
  firstPaintPageMs: number | null = null;
  /** ms from the command (or restore) to the page's script running (shell painted, data not yet). */
  readyMs: number | null = null;
  readonly webviewErrors: string[] = [];
  readonly rejectedMessages: string[] = [];
  protected readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  private readonly renderWaiters: Array<() => void> = [];
  /** Requests to the page (PNG collection), answered once each; failures are typed PageRequestErrors. */
  private readonly requests = new PageRequester((msg) => this.post(msg));

  protected constructor(
    readonly panel: vscode.WebviewPanel,
    readonly view: ViewKind,
    protected readonly extensionUri: vscode.Uri,
    protected readonly openedAt: number,
  ) {
    panel.webview.options = webviewOptions(extensionUri);
    // The shell is set once its inline script and styles are read (at activation, then cached; html.ts): the
    // webview boots its frame and service worker meanwhile.
    const setHtml = (inline: PageAssets | null) => {
      if (!this.disposed) panel.webview.html = panelHtml(panel.webview, extensionUri, view, panel.title, inline);
    };
    const read = pageAssetsRead(extensionUri);
    if (read !== undefined) setHtml(read);
    else void pageAssets(extensionUri).then(setHtml);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.svg');
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.active) this.markActive();
      }),
    );
    PanelBase.open.add(this);
    this.markActive();
  }

  /** The panel the user asked for or looked at last (exports go to it). */
  markActive(): void {
    PanelBase.lastActive = this;
    PanelBase.onActiveChanged?.();
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  post(msg: HostMessage): void {
    if (!this.disposed) void this.panel.webview.postMessage(msg);
  }

  /** Resolves after the page reports its next render (tests wait on this). */
  nextRender(): Promise<void> {
    return new Promise((resolve) => this.renderWaiters.push(resolve));
  }

  /** PNG data URLs of every chart on the page (the page renders them with its current theme colours). */
  async collectPngs(timeoutMs = 10000): Promise<ChartPng[]> {
    return (await this.requests.request('collectPngs', timeoutMs)).charts;
  }

  /** Entry point for every message from the page (public so tests can feed it malformed input). */
  receive(raw: unknown): void {
    let msg: WebviewMessage;
    try {
      msg = parseWebviewMessage(raw);
    } catch (e) {
      const m = e instanceof Error ? e.message : String(e);
      this.rejectedMessages.push(m);
      log.warn(`[${this.view}] dropped a message: ${m}`);
      return;
    }
    if (msg.type === 'ready' && this.readyMs === null) this.readyMs = performance.now() - this.openedAt;
    if (isReply(msg)) {
      if (!this.requests.receive(msg)) log.warn(`[${this.view}] dropped a reply nobody waits for (request ${msg.requestId})`);
      return;
    }
    switch (msg.type) {
      case 'painted':
        this.notePaint(msg.at);
        return;
      case 'rendered':
        this.rendered = { seq: msg.seq, text: msg.text, charts: msg.charts, paintMs: msg.paintMs, at: performance.now() };
        this.notePaint(msg.at);
        if (this.firstCompleteMs === null) {
          this.firstCompleteMs = performance.now() - this.openedAt;
          if (this.firstCompleteMs - this.firstPaintMs! > 1) log.info(`[${this.view}] every plot drawn ${Math.round(this.firstCompleteMs)} ms after the command`);
        }
        this.renderWaiters.splice(0).forEach((r) => r());
        return;
      case 'webviewError':
        this.webviewErrors.push(msg.message);
        log.error(`[${this.view}] webview error: ${msg.message}`);
        return;
      case 'openLink':
        // Only the papers' own pages: a compromised page must not be able to open arbitrary URLs.
        if (citationUrls().has(msg.url)) void vscode.env.openExternal(vscode.Uri.parse(msg.url));
        else log.warn(`[${this.view}] refused to open ${msg.url}: not a citation link`);
        return;
      case 'export':
        void vscode.commands.executeCommand('scalingLaws.exportResults', msg.format);
        return;
      default:
        this.onMessage(msg);
    }
  }

  private notePaint(pageAt: number): void {
    if (this.firstPaintMs !== null) return;
    this.firstPaintMs = performance.now() - this.openedAt;
    this.firstPaintPageMs = pageAt - (Date.now() - this.firstPaintMs);
    log.info(`[${this.view}] first paint ${Math.round(this.firstPaintMs)} ms after the command`);
  }

  protected abstract onMessage(msg: PanelMessage): void;

  /** The panel's results for export, or undefined when there is nothing to export yet. */
  abstract exportable(): ExportPayload | undefined;

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    PanelBase.open.delete(this);
    if (PanelBase.lastActive === this) PanelBase.lastActive = [...PanelBase.open].pop();
    PanelBase.onActiveChanged?.();
    this.requests.close();
    this.onDispose();
    this.panel.dispose();
    vscode.Disposable.from(...this.disposables).dispose();
  }

  protected onDispose(): void {
    /* subclasses release their own resources */
  }

  /** What the integration tests' panel snapshot adds for this kind of panel (common/testHooks.ts). */
  testState(): PanelTestState {
    return { running: false, hostView: null, lastError: null, statusBar: null, hostBuildMs: null };
  }
}

export interface PanelTestState {
  running: boolean;
  hostView: unknown;
  lastError: { title: string; message: string } | null;
  statusBar: string | null;
  hostBuildMs: number | null;
}

export interface ExportPayload {
  /** Base file name without extension, e.g. "runs-fit" or "planner". */
  baseName: string;
  json: unknown;
  csv: string;
  markdown: (images: string[]) => string;
}

export type { ExportFormat };
