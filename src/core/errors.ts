/**
 * Bad user input located in a file: `file:line:column: detail`. The CLI prints the message as one line
 * and exits with `exitCode` (2, the usage/input-error code), so every reader of a user file — JSONC
 * configs, sweep configs, CSVs — reports problems the same way. Subclasses only rename it, so callers
 * can still tell which reader failed with `instanceof`.
 */
export class InputError extends Error {
  readonly exitCode = 2 as const;
  constructor(
    /** The file as the user named it. */
    readonly file: string,
    /** 1-based line of the offending text. */
    readonly line: number,
    /** 1-based column of the offending text. */
    readonly column: number,
    /** What is wrong and what was expected, without the location. */
    readonly detail: string,
  ) {
    super(`${file}:${line}:${column}: ${detail}`);
    this.name = 'InputError';
  }
}
