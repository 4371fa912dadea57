/**
 * The notification with progress (and Cancel) for a panel's run, shown only once the run has taken `delayMs`:
 * a fit or analysis that ends within it shows no toast at all — the panel beside the file already shows its own
 * progress — and the toast's animation does not compete with the panel's first paint (on 2 cores the webview,
 * the worker and the workbench share the CPU). Messages reported before the toast appears are kept: the last
 * one is shown when it does. The run starts at once either way; its promise is returned unchanged.
 *
 * The toast itself is `notify` (vscode.window.withProgress at the Notification location: FilePanel.progress), passed
 * in so that this scheduling is tested without VS Code (test/unit/progress.test.ts).
 */
import type * as vscode from 'vscode';

/** How long a run goes before its notification appears (ms). */
export const PROGRESS_DELAY_MS = 1000;

/** Show a progress notification for `task`'s duration. */
export type Notify = (
  title: string,
  cancellable: boolean,
  task: (progress: vscode.Progress<{ message?: string }>, token: Pick<vscode.CancellationToken, 'onCancellationRequested'>) => Promise<void>,
) => unknown;

export function progressAfter(
  notify: Notify,
  title: string,
  onCancel: (() => void) | null,
  work: (report: (message: string) => void) => Promise<void>,
  delayMs = PROGRESS_DELAY_MS,
): Promise<void> {
  let shown: vscode.Progress<{ message?: string }> | undefined;
  let last: string | undefined;
  const done = work((message) => {
    last = message;
    shown?.report({ message });
  });
  // Cleared when the run ends (a promise callback runs before any timer), so it fires only for a run still going.
  const timer = setTimeout(() => {
    notify(title, onCancel !== null, (progress, token) => {
      shown = progress;
      if (last !== undefined) progress.report({ message: last });
      if (onCancel) token.onCancellationRequested(onCancel);
      return done.then(() => undefined, () => undefined);
    });
  }, delayMs);
  const end = () => clearTimeout(timer);
  done.then(end, end);
  return done;
}
