/**
 * Webview serializer for panels that belong to one file (fit, IsoFLOP): after a reload VS Code hands back
 * the panel with the state its page saved. The state is untrusted, so it is validated; a valid state of the
 * right view re-attaches the panel to its file, anything else closes the panel with a logged reason.
 */
import * as vscode from 'vscode';
import { parsePersistedState, type PersistedState } from '../../shared/protocol';
import { log } from './log';

type FileView = Exclude<PersistedState['view'], 'planner'>;
type FileState = Extract<PersistedState, { uri: string }>;
type OptionsOf<V extends FileView> = Extract<FileState, { view: V }>['options'];

export function fileRestorer<V extends FileView>(
  view: V,
  label: string,
  adopt: (panel: vscode.WebviewPanel, uri: vscode.Uri, options: OptionsOf<V>) => void,
): vscode.WebviewPanelSerializer {
  return {
    deserializeWebviewPanel: async (panel, state: unknown) => {
      try {
        const s = parsePersistedState(state);
        if (s.view === view) {
          // s.view === view, so its options are V's (TypeScript does not narrow a union by a generic literal).
          adopt(panel, vscode.Uri.parse(s.uri, true), (s as FileState).options as OptionsOf<V>);
          return;
        }
      } catch (e) {
        log.warn(`${label} state not restored: ${e instanceof Error ? e.message : String(e)}`);
      }
      panel.dispose();
    },
  };
}
