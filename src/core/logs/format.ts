/**
 * Which reader takes a log file, by its name alone: `events.out.tfevents.*` (TensorBoard), `.jsonl` / `.ndjson`
 * (JSONL metrics), anything else as CSV; and which file beside a log is its sidecar config. A module of its own so
 * the extension host can list a folder's logs without loading the readers (they run in the worker).
 */
export type LogFormat = 'tensorboard' | 'jsonl' | 'csv';

export function logFormatOf(file: string): LogFormat {
  const name = file.split(/[\\/]/).pop() ?? file;
  if (/^events\.out\.tfevents\./.test(name) || /\.tfevents/.test(name)) return 'tensorboard';
  if (/\.(jsonl|ndjson)$/i.test(name)) return 'jsonl';
  return 'csv';
}

/** Is this a file the log readers take (used when a folder is given)? */
export function isLogFile(file: string): boolean {
  const name = file.split(/[\\/]/).pop() ?? file;
  return logFormatOf(file) !== 'csv' || /\.(csv|tsv)$/i.test(name);
}

/** Is `file` a sidecar (`<name>.json`) of a log among `files`, rather than a log itself? */
export function sidecarPath(file: string): string | null {
  if (/\.(jsonl|ndjson|json)$/i.test(file)) return null;
  const side = file.replace(/\.[^./\\]+$/, '') + '.json';
  return side === file ? null : side;
}
