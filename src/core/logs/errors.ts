/** A training-log problem at file:line:column (exit code 2 in the CLI), like CsvError for run tables. */
import { InputError } from '../errors';

export class LogError extends InputError {
  override readonly name = 'LogError';
}

/** Text from a file, shortened and on one line, for messages. */
export function shown(s: string): string {
  const t = s.trim();
  return (t.length > 40 ? `${t.slice(0, 40)}…` : t).replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ');
}

/** Readers refuse logs with more points than this (a bounded parse; raise it with maxRows). */
export const DEFAULT_MAX_LOG_ROWS = 2_000_000;
