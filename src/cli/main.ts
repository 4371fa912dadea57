/**
 * `scaling-laws` — the headless CLI over src/core. Each sub-command lives in ./commands/<name>.ts and
 * exports `run(argv: string[], io: CliIO): Promise<number> | number` returning the exit code.
 * Exit codes: 0 ok, 1 a computation failed (typed refusal), 2 bad arguments or bad input file.
 */
import { runCommand } from './lib/run';
import { shortArg } from './lib/args';
import { own, forTerminal } from '../core/text';
import { COMMANDS as TOOLS } from './commands';
import { mcpCommand, mcpHelp } from './commands/mcp';
import { backwardHelp } from './commands/backward';
import { fitHelp } from './commands/fit';
import { forwardHelp } from './commands/forward';
import { hparamsHelp } from './commands/hparams';
import { isoflopHelp } from './commands/isoflop';
import { lawsHelp } from './commands/laws';
import { mockHelp } from './commands/mock';
import { optimalHelp } from './commands/optimal';
import { planHelp } from './commands/plan';
import type { CliCommand, CliIO } from './lib/io';

/** Every command; the MCP server is handed a runner over the others (each tool is one of them with --json). */
const COMMANDS: Record<string, CliCommand> = {
  ...TOOLS,
  mcp: mcpCommand((name, argv, io) => runCommand(name, TOOLS[name], argv, io)),
};

/**
 * Each command's `--help`. The texts live beside their commands but outside the command objects: the extension
 * bundle runs the same commands for its agent tools and never prints help, so it leaves the ~16 KB of text out.
 */
const COMMAND_HELP: Record<string, () => string> = {
  fit: fitHelp, plan: planHelp, mock: mockHelp, isoflop: isoflopHelp, forward: forwardHelp, backward: backwardHelp,
  laws: lawsHelp, optimal: optimalHelp, hparams: hparamsHelp, mcp: mcpHelp,
};

const HELP = `scaling-laws — compute-optimal planning from published scaling laws

Usage: scaling-laws <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

Run 'scaling-laws <command> --help' for the options of one command.`;

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    io.out(HELP);
    return cmd ? 0 : 2;
  }
  const command = own(COMMANDS, cmd); // "constructor" is not a command
  if (!command) {
    io.err(`scaling-laws: unknown command '${shortArg(cmd)}' (expected one of: ${Object.keys(COMMANDS).join(', ')})`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(COMMAND_HELP[cmd]());
    return 0;
  }
  return runCommand(cmd, command, rest, io);
}

/**
 * The process's own IO: user strings (CSV headers, config values, file names) are neutralised for the
 * terminal — escape sequences and invisible characters are shown escaped, never acted on.
 */
export const processIO: CliIO = {
  out: (s) => void process.stdout.write(forTerminal(s) + '\n'),
  err: (s) => void process.stderr.write(forTerminal(s) + '\n'),
};

/**
 * Output that cannot be written: `scaling-laws laws | head` closes stdout early (EPIPE) — the reader's choice,
 * exit 0; a full disk (ENOSPC), a closed descriptor (EBADF) or an I/O error end with one line on stderr and
 * exit 1 (the output is incomplete), never a stack trace.
 */
export function onStdoutError(e: NodeJS.ErrnoException): never {
  if (e.code === 'EPIPE') process.exit(0);
  try {
    process.stderr.write(`scaling-laws: cannot write the output: ${e.code ?? e.message}${e.code === 'ENOSPC' ? ' (no space left on the device)' : ''}\n`);
  } catch {
    // stderr is gone too: the exit code still says it.
  }
  process.exit(1);
}

if (require.main === module) {
  process.stdout.on('error', onStdoutError);
  main(process.argv.slice(2), {
    // A synchronous write (to a file) throws; an asynchronous one (pipe) emits 'error' on the stream.
    out: (s) => {
      try {
        processIO.out(s);
      } catch (e) {
        onStdoutError(e as NodeJS.ErrnoException);
      }
    },
    err: processIO.err,
  }).then((code) => {
    process.exitCode = code;
  });
}
