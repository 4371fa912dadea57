/**
 * Runs one sub-command and maps what it throws to the CLI's exit codes: bad arguments or input (InputError,
 * exit 2) and refused computations (RefusalError, exit 1) print their one-line message; anything else is an
 * internal error (exit 1, stack only with SCALING_LAWS_DEBUG). Shared by `main` and the MCP server's tools.
 */
import { exitCodeOf } from '../../core/errors';
import type { CliCommand, CliIO } from './io';

export async function runCommand(name: string, command: CliCommand, argv: string[], io: CliIO): Promise<number> {
  try {
    return await command.run(argv, io);
  } catch (e) {
    const code = exitCodeOf(e);
    if (code !== undefined) {
      io.err(`scaling-laws ${name}: ${(e as Error).message}`);
      return code;
    }
    const err = e as { message?: string };
    io.err(`scaling-laws ${name}: internal error: ${err?.message ?? String(e)}`);
    if (process.env.SCALING_LAWS_DEBUG) io.err(String((e as Error)?.stack));
    return 1;
  }
}
