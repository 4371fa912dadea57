/**
 * Runs one sub-command and maps what it throws to the CLI's exit codes: usage and input errors (bad flags, a
 * file:line:column problem) exit 2 with one line; typed refusals carry their own code; anything else is an
 * internal error (exit 1, stack only with SCALING_LAWS_DEBUG). Shared by `main` and the MCP server's tools.
 */
import { UsageError } from './args';
import type { CliCommand, CliIO } from './io';

export async function runCommand(name: string, command: CliCommand, argv: string[], io: CliIO): Promise<number> {
  try {
    return await command.run(argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`scaling-laws ${name}: ${e.message}`);
      return 2;
    }
    // Typed input errors from the core (bad CSV, invalid JSONC…) carry exitCode 2 and a one-line message.
    const err = e as { exitCode?: number; message?: string };
    if (typeof err?.exitCode === 'number') {
      io.err(`scaling-laws ${name}: ${err.message}`);
      return err.exitCode;
    }
    io.err(`scaling-laws ${name}: internal error: ${err?.message ?? String(e)}`);
    if (process.env.SCALING_LAWS_DEBUG) io.err(String((e as Error)?.stack));
    return 1;
  }
}
