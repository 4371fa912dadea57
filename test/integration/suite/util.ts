/**
 * Helpers for the integration suite (runs inside the real extension host). Panels are observed through the
 * extension's test-only command scalingLaws._test.panelState (what the page reported it shows), and the
 * harness's loopback endpoint (HARNESS_SHOT_URL, scripts/harness/run-tests.js) takes screenshots and types
 * into the visible webview like a user.
 */
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { PanelStateSnapshot } from '../../../src/extension/testHooks';
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

async function harness(pathAndQuery: string): Promise<void> {
  const r = await fetch(`${process.env.HARNESS_SHOT_URL}${pathAndQuery}`);
  const body = (await r.json()) as { ok: boolean; error?: string };
  if (!body.ok) throw new Error(`harness ${pathAndQuery.split('?')[0]} failed: ${body.error}`);
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

/** Skip loudly (never silently pass) when not running under the code-server harness. */
export function requireHarness(ctx: Mocha.Context, what: string): void {
  if (!inHarness()) {
    console.warn(`SKIPPED: ${what} needs the code-server harness (HARNESS_SHOT_URL); run npm run test:integration`);
    ctx.skip();
  }
}

/** One line per measurement, easy to grep from CI logs: "[metric] name: value". */
export function metric(name: string, value: string | number): void {
  console.log(`[metric] ${name}: ${value}`);
}

/** A fresh folder for exports (outside the workspace and the clone). */
export const tmpDir = (): string => path.join(os.tmpdir(), `scaling-laws-it-${process.pid}`);
