/**
 * Commands as values (rust-analyzer's `editors/code` style): a feature folder declares each command it
 * contributes next to its handler, `command('scalingLaws.fitCsv', handler)`, and registers its list with
 * `registerCommands`. There is no central id table: adding a command touches its feature folder and
 * package.json only. test/unit/extension-manifest.test.ts reads the sources and checks that every
 * contributed command is declared by exactly one folder (and nothing else is), that every id a
 * feature runs by name (executeCommand, code lens, status bar) and every menu, keybinding and walkthrough
 * link names a declared command. A feature that needs another feature's command runs it by id, never by
 * import. Test-only probes are `scalingLaws._test.*`, declared only under `if (TEST_BUILD …)` so the
 * production bundle drops them (test/unit/production-build.test.ts looks).
 */
import * as vscode from 'vscode';

/** Contributed commands are `scalingLaws.<name>`, the integration tests' probes `scalingLaws._test.<name>`. */
export type CommandId = `scalingLaws.${string}`;

export interface Command {
  readonly id: CommandId;
  /** Called with whatever VS Code passes (a clicked Uri, a code lens's arguments, nothing): check it. */
  readonly run: (...args: never[]) => unknown;
}

export function command<A extends unknown[]>(id: CommandId, run: (...args: A) => unknown): Command {
  return { id, run: run as (...args: never[]) => unknown };
}

export function registerCommands(context: vscode.ExtensionContext, ...commands: Command[]): void {
  context.subscriptions.push(...commands.map((c) => vscode.commands.registerCommand(c.id, c.run as (...args: unknown[]) => unknown)));
}
