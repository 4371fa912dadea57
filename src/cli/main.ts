/**
 * `scaling-laws` — the headless CLI over src/core. Each sub-command lives in ./commands/<name>.ts and
 * exports `run(argv: string[], io: CliIO): Promise<number> | number` returning the exit code.
 * Exit codes: 0 ok, 1 a computation failed (typed refusal), 2 bad arguments or bad input file.
 */
import { runCommand } from './lib/run';
import { COMMANDS as TOOLS } from './commands';
import { mcpCommand } from './commands/mcp';
import type { CliCommand, CliIO } from './lib/io';

/** Every command; the MCP server is handed a runner over the others (each tool is one of them with --json). */
const COMMANDS: Record<string, CliCommand> = {
  ...TOOLS,
  mcp: mcpCommand((name, argv, io) => runCommand(name, TOOLS[name], argv, io)),
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
  const command = COMMANDS[cmd];
  if (!command) {
    io.err(`scaling-laws: unknown command '${cmd}' (expected one of: ${Object.keys(COMMANDS).join(', ')})`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.help);
    return 0;
  }
  return runCommand(cmd, command, rest, io);
}

if (require.main === module) {
  // `scaling-laws laws | head` closes stdout early: that is the reader's choice, not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  main(process.argv.slice(2), { out: (s) => process.stdout.write(s + '\n'), err: (s) => process.stderr.write(s + '\n') }).then(
    (code) => {
      process.exitCode = code;
    },
  );
}
