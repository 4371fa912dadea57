/**
 * Per-document debouncing for features that re-analyse a document as it is edited: `schedule(doc)` runs
 * `run(doc)` once the document has been quiet for `ms`; a newer edit of the same document restarts its
 * timer. Disposing clears every pending timer.
 */
import type * as vscode from 'vscode';

export function perDocumentDebounce(run: (doc: vscode.TextDocument) => void, ms = 150): { schedule(doc: vscode.TextDocument): void; dispose(): void } {
  const timers = new Map<string, NodeJS.Timeout>();
  return {
    schedule(doc) {
      const key = doc.uri.toString();
      clearTimeout(timers.get(key));
      timers.set(key, setTimeout(() => {
        timers.delete(key);
        run(doc);
      }, ms));
    },
    dispose: () => timers.forEach((t) => clearTimeout(t)),
  };
}
