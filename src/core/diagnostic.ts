/**
 * The one shape of a message about an input or a result: a stable machine-readable `code`, a severity and
 * one human sentence. Specific diagnostics extend it with where they point (a config issue's offset and
 * quick fixes, a backward finding's JSON path) rather than inventing their own fields.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic<Code extends string = string> {
  code: Code;
  severity: Severity;
  message: string;
}
