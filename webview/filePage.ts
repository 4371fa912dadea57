/**
 * What the pages of per-file panels (fit, IsoFLOP) share, so each page holds only what differs (its
 * options, its results): the header naming the file, option forms that mark invalid fields and apply
 * only valid options (saved for a reload, sent to the host), and the run life cycle. The host numbers its
 * runs; a page follows the newest only (an older run's late view, error or progress is ignored). A run's
 * error replaces the results' place while the previous results stay visible but marked stale; a run's
 * view clears the error; either is reported as rendered like any other paint (the host and the tests see
 * what the page shows).
 */
import type { PersistedState, WebviewMessage } from '../src/shared/protocol';
import { post, saveState } from './api';
import { byId, h, replace } from './dom';
import { exportButtons } from './exporting';
import { reportRendered } from './report';

type FileView = 'fit' | 'isoflop';

/** The page's title with the file's name (as text) in `#fileId`, and a one-line subtitle. */
export function fileHeader(title: string, fileId: string, fileName: string, subtitle: string): HTMLElement {
  return h('header', { class: 'title' }, h('h1', {}, title, h('span', { id: fileId, class: 'file' }, fileName)),
    h('p', { class: 'subtitle' }, subtitle));
}

/** The results' export buttons, with their heading. */
export function exportSection(): HTMLElement {
  return h('section', { class: 'export' }, h('h2', {}, 'Export'), exportButtons());
}

/** Mark each field (by id) valid or not for assistive technology and styling; true when all are valid. */
export function markInvalid(bad: Record<string, boolean>): boolean {
  for (const [id, b] of Object.entries(bad)) byId(id).setAttribute('aria-invalid', String(b));
  return !Object.values(bad).some(Boolean);
}

/**
 * The page's options, applied: each valid set is saved (the webview serializer restores it after a
 * reload) and sent to the host, which starts a run. The initial options are saved at once.
 */
export function optionsSink<O>(initial: O, persist: (options: O) => PersistedState, request: (options: O) => WebviewMessage): (options: O) => void {
  saveState(persist(initial));
  return (options) => {
    saveState(persist(options));
    post(request(options));
  };
}

/** Apply the form's options if they are valid, else say so in the status line (the fields are marked). */
export function applyOrComplain<O>(read: () => O | null, apply: (options: O) => void, statusId: string): void {
  const o = read();
  if (o) apply(o);
  else byId(statusId).textContent = 'Fix the highlighted option.';
}

export interface RunElements {
  /** The alert box a failed run's error fills. */
  error: string;
  /** The results block (hidden until the first view, marked stale after an error). */
  results: string;
}

/** The host's runs as the page follows them (see the file comment). */
export class FileRuns {
  private runId = 0;

  constructor(
    private readonly view: FileView,
    private readonly root: HTMLElement,
    private readonly ids: RunElements,
    /** Show the run state: running or not, a status message, the fraction done. */
    private readonly status: (running: boolean, message: string, fraction: number) => void,
  ) {}

  /** Run `runId` started: from now on only its messages count. */
  start(runId: number, message: string): void {
    this.runId = runId;
    this.status(true, message, 0);
  }

  isCurrent(runId: number): boolean {
    return runId === this.runId;
  }

  /** The current run ended without a view (cancelled): say so and report the paint. */
  end(runId: number, message: string): void {
    if (!this.isCurrent(runId)) return;
    this.status(false, message, 0);
    reportRendered(this.view, runId, this.root, 0, performance.now());
  }

  fail(runId: number, title: string, message: string): void {
    if (!this.isCurrent(runId)) return;
    this.status(false, '', 0);
    replace(byId(this.ids.error), h('strong', {}, title), h('pre', {}, message));
    byId(this.ids.error).hidden = false;
    byId(this.ids.results).classList.add('stale');
    reportRendered(this.view, runId, this.root, 0, performance.now());
  }

  /** The current run's results: `render` fills them (drawing `charts` charts), then the paint is reported. */
  show(runId: number, message: string, charts: number, render: () => void): void {
    if (!this.isCurrent(runId)) return;
    const t0 = performance.now();
    this.status(false, message, 1);
    byId(this.ids.error).hidden = true;
    const results = byId(this.ids.results);
    results.hidden = false;
    results.classList.remove('stale');
    render();
    reportRendered(this.view, runId, this.root, charts, t0);
  }
}
