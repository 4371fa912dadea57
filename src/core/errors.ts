/**
 * The two kinds of failure the core reports, and the CLI's exit code for each:
 *
 *   InputError   — bad input (a malformed file, an unknown id, a value out of range): exit 2. When the
 *                  problem sits in a user file it carries `file:line:column` and the message starts with it.
 *   RefusalError — well-formed input the computation cannot serve (too few budgets for an IsoFLOP fit, a
 *                  target below a law's floor, a fit that does not converge): exit 1.
 *
 * The CLI (src/cli/main.ts) maps by base class, never by a subclass's name. Subclasses exist only where
 * they carry typed data a caller needs (a refusal `code`, a JSON `path`, a CSV reader's identity).
 */

/** Where in a user file a problem sits (1-based line and column). */
export interface SourceLocation {
  /** The file as the user named it. */
  file: string;
  line: number;
  column: number;
}

export class InputError extends Error {
  readonly exitCode = 2 as const;
  /** What is wrong and what was expected, without the location. */
  readonly detail: string;
  /** Set when the problem is located in a user file. */
  readonly location: SourceLocation | undefined;

  /** `new InputError(detail)` for input without a file position. */
  constructor(detail: string);
  /** `new InputError(file, line, column, detail)`: the message reads `file:line:column: detail`. */
  constructor(file: string, line: number, column: number, detail: string);
  constructor(fileOrDetail: string, line?: number, column?: number, detail?: string) {
    const located = line !== undefined && column !== undefined && detail !== undefined;
    super(located ? `${fileOrDetail}:${line}:${column}: ${detail}` : fileOrDetail);
    this.name = 'InputError';
    this.detail = located ? detail : fileOrDetail;
    this.location = located ? { file: fileOrDetail, line, column } : undefined;
  }

  /** The file as the user named it ('' when the error has no location). */
  get file(): string {
    return this.location?.file ?? '';
  }
  get line(): number {
    return this.location?.line ?? 0;
  }
  get column(): number {
    return this.location?.column ?? 0;
  }
}

export class RefusalError extends Error {
  /**
   * 1 for a refusal. A subclass whose refusal is caused by a bad option (FitRefusal 'bad-option') may
   * report 2, the input-error code, and documents that where it does.
   */
  readonly exitCode: 1 | 2;
  constructor(message: string, exitCode: 1 | 2 = 1) {
    super(message);
    this.name = 'RefusalError';
    this.exitCode = exitCode;
  }
}

/** The exit code the CLI uses for an error thrown by the core, or undefined for an internal error. */
export function exitCodeOf(e: unknown): 1 | 2 | undefined {
  if (e instanceof InputError) return 2;
  if (e instanceof RefusalError) return e.exitCode;
  return undefined;
}
