/**
 * Helpers for the integration suite (runs inside the real extension host). Panels are observed through the
 * extension's test-only command scalingLaws._test.panelState (what the page reported it shows), and the
 * harness's loopback endpoint (HARNESS_SHOT_URL, scripts/harness/run-tests.js) takes screenshots and types
 * into the visible webview like a user.
 */
import * as assert from 'assert';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { PanelStateSnapshot } from '../../../src/extension/common/testHooks';
import type { ViewKind } from '../../../src/shared/protocol';

export const EXTENSION_ID = 'scaling-laws.scaling-laws';

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration suite needs the fixture workspace open (test/fixtures/integration)');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function panelState(view: ViewKind, uri?: vscode.Uri): Promise<PanelStateSnapshot> {
  return (await vscode.commands.executeCommand('scalingLaws._test.panelState', view, uri?.toString())) as PanelStateSnapshot;
}

/** Poll until `pred` holds; fail with `what` and the last value seen. */
export async function until<T>(get: () => Promise<T>, pred: (v: T) => boolean, what: string, ms = 30000): Promise<T> {
  const end = Date.now() + ms;
  let last = await get();
  while (!pred(last)) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}; last state: ${JSON.stringify(last).slice(0, 1500)}`);
    await new Promise((r) => setTimeout(r, 50));
    last = await get();
  }
  return last;
}

export const inHarness = (): boolean => !!process.env.HARNESS_SHOT_URL;

async function harness<T = unknown>(pathAndQuery: string): Promise<T | undefined> {
  const r = await fetch(`${process.env.HARNESS_SHOT_URL}${pathAndQuery}`);
  const body = (await r.json()) as { ok: boolean; error?: string; report?: T };
  if (!body.ok) throw new Error(`harness ${pathAndQuery.split('?')[0]} failed: ${body.error}`);
  return body.report;
}

/** A screenshot of the whole workbench as it is now (`viewport` WxH: temporarily resize the window). */
export async function windowShot(name: string, viewport?: string, settleMs = 800): Promise<void> {
  await harness(`/shot?name=${name}&settleMs=${settleMs}${viewport ? `&viewport=${viewport}` : ''}`);
}

/**
 * Answer the QuickPick (or InputBox) that shows `text`, as a keyboard user: press `keys` (playwright key
 * names) once it is visible. Returns the widget's text as it was before the keys.
 */
export async function quickInput(text: string, keys: string[]): Promise<string> {
  return (await harness<string>(`/quickInput?text=${encodeURIComponent(text)}&keys=${keys.map(encodeURIComponent).join(',')}`)) ?? '';
}

/** Resize the browser window until the next call (no argument: back to the default size). */
export async function setViewport(size?: string): Promise<void> {
  await harness(`/viewport?size=${size ?? 'default'}`);
}

/** What scripts/harness/a11y.js reports for a webview. */
export interface A11yReport {
  background: string;
  marks: Array<{ id: string; accent: string; contrast: number | null }>;
  controls: Array<{ index: number; tag: string; type: string; id: string; name: string }>;
  charts: Array<{ id: string; role: string; name: string; caption: string }>;
  tables: Array<{ id: string; caption: string; columnHeaders: string[]; bodyRows: number; rowHeaders: number }>;
  walk: Array<{ index: number; tag: string; id: string; name: string; focusVisible: boolean; ring: string; ringContrast: number | null }>;
}

/** Walk the visible webview showing `text` with the Tab key (real key presses in Chromium). */
export async function a11yAudit(text: string): Promise<A11yReport> {
  return (await harness<A11yReport>(`/a11y?text=${encodeURIComponent(text)}`))!;
}

/**
 * Keyboard access as a user meets it: Tab reaches every control, in document (= reading) order, each with
 * an accessible name and a visible focus ring; every chart is an image with a name; tables have headers.
 */
export function assertKeyboardAccessible(r: A11yReport, what: string): void {
  const show = (xs: unknown[]) => JSON.stringify(xs).slice(0, 1500);
  assert.ok(r.controls.length > 5, `${what}: controls found: ${show(r.controls)}`);
  const reached = r.walk.map((w) => w.index);
  const missed = r.controls.filter((c) => !reached.includes(c.index));
  assert.deepStrictEqual(missed, [], `${what}: not reachable with Tab: ${show(missed)}`);
  assert.deepStrictEqual(reached, r.controls.map((c) => c.index), `${what}: Tab order follows the page order`);
  const unnamed = r.controls.filter((c) => !c.name);
  assert.deepStrictEqual(unnamed, [], `${what}: controls without an accessible name`);
  const noRing = r.walk.filter((w) => !w.focusVisible || !w.ring);
  assert.deepStrictEqual(noRing, [], `${what}: focused without a visible focus ring`);
  // Non-text contrast (WCAG 1.4.11, 3:1 against the page background ${r.background}): focus rings and the
  // accent colour that marks a checked box or radio.
  const faintRings = r.walk.filter((w) => w.ringContrast !== null && w.ringContrast < 3);
  assert.deepStrictEqual(faintRings, [], `${what}: focus ring below 3:1 contrast`);
  const faintMarks = r.marks.filter((m) => m.contrast !== null && m.contrast < 3);
  assert.deepStrictEqual(faintMarks, [], `${what}: checked boxes/radios whose accent colour is below 3:1 contrast`);
  assert.ok(r.charts.length > 0, `${what}: charts found`);
  for (const c of r.charts) {
    assert.strictEqual(c.role, 'img', `${what}: chart ${c.id} is exposed as an image`);
    assert.ok(c.name.startsWith(c.caption) && c.name.length > c.caption.length + 20, `${what}: chart ${c.id} has a name and description: ${c.name}`);
  }
}

/**
 * Screenshots once `text` shows in the visible webview: `<name>-window.png` (the whole workbench, as the
 * user sees it) and `<name>.png` (the panel alone, editor group maximised in a tall window so every plot is
 * in the picture). `height` is that tall window's height.
 */
export async function screenshot(name: string, text: string, height = 2000): Promise<void> {
  const t = encodeURIComponent(text);
  await harness(`/shot?name=${name}-window&text=${t}&settleMs=300`);
  // Maximise the panel's own group: focus it first (panels often open beside their file, without focus).
  await vscode.commands.executeCommand('scalingLaws._test.focusLastPanel');
  await vscode.commands.executeCommand('workbench.action.toggleMaximizeEditorGroup');
  try {
    await harness(`/shot?name=${name}&text=${t}&webviewOnly=1&settleMs=500&viewport=1560x${height}`);
  } finally {
    await vscode.commands.executeCommand('workbench.action.toggleMaximizeEditorGroup');
  }
}

/** Type into a field of the visible webview showing `inPanelWithText` (real input through Chromium). */
export async function fill(selector: string, value: string, inPanelWithText: string): Promise<void> {
  await harness(`/fill?selector=${encodeURIComponent(selector)}&value=${encodeURIComponent(value)}&text=${encodeURIComponent(inPanelWithText)}`);
}

/** Focus an element of the visible webview showing `inPanelWithText` and press `key` (a real key press through Chromium). */
export async function pressKey(selector: string, key: string, inPanelWithText: string): Promise<void> {
  await harness(`/click?selector=${encodeURIComponent(selector)}&key=${encodeURIComponent(key)}&text=${encodeURIComponent(inPanelWithText)}`);
}

/** Skip loudly (never silently pass) when not running under the code-server harness. */
export function requireHarness(ctx: Mocha.Context, what: string): void {
  if (!inHarness()) {
    console.warn(`SKIPPED: ${what} needs the code-server harness (HARNESS_SHOT_URL); run npm run test:integration`);
    ctx.skip();
  }
}

/**
 * VS Code's own performance marks for an extension's activation (the extension host records them in
 * globalThis.MonacoPerformanceMarks, ms since the epoch): code/extHost/{will,did}LoadExtensionCode and
 * {will,did}ActivateExtension. Undefined when this VS Code build keeps no such marks.
 */
export function vscodeMarks(id: string): { loadMs: number; contextMs: number; activateMs: number } | undefined {
  const perf = (globalThis as { MonacoPerformanceMarks?: { getMarks(): Array<{ name: string; startTime: number }> } }).MonacoPerformanceMarks;
  const marks = perf?.getMarks() ?? [];
  const at = (what: string) => marks.find((m) => m.name === `code/extHost/${what}/${id}`)?.startTime;
  const [wl, dl, wa, da] = ['willLoadExtensionCode', 'didLoadExtensionCode', 'willActivateExtension', 'didActivateExtension'].map(at);
  if (wl === undefined || dl === undefined || wa === undefined || da === undefined) return undefined;
  return { loadMs: dl - wl, contextMs: wa - dl, activateMs: da - wa };
}

/**
 * Close every editor, discarding unsaved changes (a dirty editor would otherwise ask, and a dialog cannot be
 * answered during a test run, so it would stay open in the next screenshots).
 */
export async function closeAllEditorsDiscarding(): Promise<void> {
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      if (!tab.isDirty || !(tab.input instanceof vscode.TabInputText)) continue;
      await vscode.window.showTextDocument(tab.input.uri, { viewColumn: group.viewColumn, preview: false });
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** One line per measurement, easy to grep from CI logs: "[metric] name: value". */
export function metric(name: string, value: string | number): void {
  console.log(`[metric] ${name}: ${value}`);
}

/**
 * VS Code's own part of a panel's first paint, as a reference in the same window: a bare webview opened the way
 * the extension opens its panels (beside the editor, keeping focus), whose only content is a line of text and an
 * inline script that reports after the first frame is painted (two animation frames, as webview/report.ts does).
 * No bundle, no styles, no messages from the host: what remains is the workbench opening the editor and loading
 * a webview. Returns the command-to-paint time on the host's clock and on the page's.
 */
export async function barePanelPaint(): Promise<{ hostMs: number; pageMs: number }> {
  const nonce = Math.random().toString(36).slice(2);
  const t0 = performance.now();
  const w0 = Date.now();
  const panel = vscode.window.createWebviewPanel('scalingLaws.test.bare', 'Bare webview', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true });
  try {
    const at = new Promise<number>((resolve) => panel.webview.onDidReceiveMessage((m: { at: number }) => resolve(m.at)));
    panel.webview.html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'"></head>
<body><p>Bare webview</p><script nonce="${nonce}">const api = acquireVsCodeApi(); requestAnimationFrame(() => requestAnimationFrame(() => api.postMessage({ at: Date.now() })));</script></body></html>`;
    const pageAt = await at;
    return { hostMs: performance.now() - t0, pageMs: pageAt - w0 };
  } finally {
    panel.dispose();
  }
}

/**
 * Wait until the fit's spare worker is warmed up (core/worker/spare.ts: it starts once a CSV is shown, then after
 * each fit). A timing taken while it warms up measures that work beside the command's; returns how long it waited.
 */
export async function spareWorkerReady(maxMs = 20_000): Promise<number> {
  if (vscode.workspace.getConfiguration('scalingLaws').get('fit.prestartWorker') === false) return 0;
  const t0 = performance.now();
  await until(spareWorker, (s) => s.state === 'ready', 'the spare fit worker to warm up', maxMs);
  return performance.now() - t0;
}

/** The fit's spare worker: its state, and how many spares were started and served a call (scalingLaws._test.spareWorker). */
export async function spareWorker(): Promise<{ state: 'none' | 'warming' | 'ready'; started: number; served: number }> {
  return (await vscode.commands.executeCommand('scalingLaws._test.spareWorker')) as { state: 'none' | 'warming' | 'ready'; started: number; served: number };
}

/** A fresh folder for exports (outside the workspace and the clone). */
export const tmpDir = (): string => path.join(os.tmpdir(), `scaling-laws-it-${process.pid}`);

/**
 * Watch the extension host's event loop: the longest gap between 5 ms ticks until stop(). A long gap means
 * something ran on the host's thread (fits must run in the worker).
 */
export function watchEventLoop(): { stop(): number } {
  let last = performance.now();
  let maxGap = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  }, 5);
  return {
    stop() {
      clearInterval(tick);
      return maxGap;
    },
  };
}

/**
 * Wait until the window has settled after start-up: `quietMs` in a row in which the extension host's event loop
 * never waited more than 30 ms between 5 ms ticks (at most `maxMs`). A timing taken right after the window
 * opened measures VS Code's own start-up (the fit panel's first paint took 7.5 s then, 1.2–2.0 s later): a user
 * runs a command in a window that is already open. Returns how long it waited.
 */
export async function settled(quietMs = 2000, maxMs = 30_000): Promise<number> {
  const t0 = performance.now();
  while (performance.now() - t0 < maxMs) {
    const loop = watchEventLoop();
    await new Promise((r) => setTimeout(r, quietMs));
    if (loop.stop() <= 30) break;
  }
  return performance.now() - t0;
}

/**
 * The extension host thread's longest continuous busy slice, from V8's sampling profiler (the `inspector`
 * module, in this process). A wall-clock event-loop gap also counts the time the OS did not run the thread —
 * on a 2-core machine whose other core runs the worker, that alone reaches ~100 ms with nothing of ours on
 * the host (the idle reference in hostLag.test.ts) — while a run of consecutive non-idle samples is work that
 * held the loop: ours, VS Code's, or the garbage collector. Each sample counts at most two sampling intervals,
 * so a descheduled thread does not inflate a slice. `longestOursMs` is the longest run of consecutive samples
 * with a frame of the extension's bundle (…/dist/extension.js) on the stack: the host time the extension's own
 * code held the loop at once (garbage collection is sampled outside any stack, so it is never counted there).
 */
export async function profileHostThread(intervalUs = 500): Promise<{ stop(): Promise<{ longestBusyMs: number; busyTop: string[]; longestOursMs: number; oursTop: string[] }> }> {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const inspector = require('inspector') as typeof import('inspector');
  const session = new inspector.Session();
  session.connect();
  const post = <T>(method: string, params: object = {}) =>
    new Promise<T>((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r as T))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: intervalUs });
  await post('Profiler.start');
  interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
  return {
    async stop() {
      const { profile } = await post<{ profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] } }>('Profiler.stop');
      session.disconnect();
      const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
      const parent = new Map<number, number>();
      for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
      const frame = (id: number) => {
        const f = nodes.get(id)!.callFrame;
        return `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
      };
      // The extension's own code: a frame of its bundle on the stack (the test's own frames are not the extension's).
      const oursFrame = (id: number): number | undefined => {
        for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) if (/\/dist\/extension\.js$/.test(nodes.get(at)!.callFrame.url)) return at;
        return undefined;
      };
      let longest = 0, run = 0, runTops = new Map<string, number>(), bestTops = new Map<string, number>();
      let longestOurs = 0, ours = 0, oursTops = new Map<string, number>(), bestOursTops = new Map<string, number>();
      profile.samples.forEach((id, i) => {
        const top = nodes.get(id)!.callFrame.functionName;
        const dt = Math.min(profile.timeDeltas[i], 2 * intervalUs) / 1000;
        const mine = oursFrame(id);
        if (mine === undefined) {
          ours = 0;
          oursTops = new Map();
        } else {
          ours += dt;
          const key = frame(mine);
          oursTops.set(key, (oursTops.get(key) ?? 0) + 1);
          if (ours > longestOurs) {
            longestOurs = ours;
            bestOursTops = oursTops;
          }
        }
        if (top === '(idle)' || top === '(root)') {
          run = 0;
          runTops = new Map();
          return;
        }
        run += dt;
        // The innermost frame of ours or VS Code's (skip native leaves) names what the slice was doing.
        let at: number | undefined = id;
        while (at !== undefined && !nodes.get(at)!.callFrame.url) at = parent.get(at);
        const key = at === undefined ? top : frame(at);
        runTops.set(key, (runTops.get(key) ?? 0) + 1);
        if (run > longest) {
          longest = run;
          bestTops = runTops;
        }
      });
      const tops = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k, v]) => `${v}× ${k}`);
      return { longestBusyMs: longest, busyTop: tops(bestTops), longestOursMs: longestOurs, oursTop: tops(bestOursTops) };
    },
  };
}
