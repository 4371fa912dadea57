/** Where a CLI command writes; tests pass a capturing implementation. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

export interface CliCommand {
  summary: string;
  help: string;
  run(argv: string[], io: CliIO): Promise<number> | number;
}
