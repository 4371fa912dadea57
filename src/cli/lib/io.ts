/** Where a CLI command writes; tests pass a capturing implementation. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

/** A sub-command. Its `--help` text is a separate export of its module (e.g. `fitHelp`), listed in src/cli/main.ts. */
export interface CliCommand {
  summary: string;
  run(argv: string[], io: CliIO): Promise<number> | number;
}
