/**
 * Training logs as the fit sees them: one curve per run (loss against step and/or tokens, optionally the
 * learning rate), whatever file format it came from. Every reader (csvLog.ts, wandb.ts, jsonl.ts,
 * tensorboard.ts) turns its file into a LogTable — named columns of cells, one row per logged point with the
 * row's line (or record) number — and curves.ts turns LogTables into RunCurves with the same column
 * detection for every format.
 */

/** One logged point. step/tokens are null when the log does not have them; line is the 1-based line (or record). */
export interface Checkpoint {
  step: number | null;
  tokens: number | null;
  loss: number;
  lr: number | null;
  line: number;
}

export interface RunCurve {
  /** Run name (run column value, W&B run, TensorBoard run directory, or the file name). */
  run: string;
  file: string;
  /** Parameters, or null when nothing gave them (the caller must ask). */
  N: number | null;
  /** Where N came from, e.g. "column 'num_params'", "run name '125m'", "sizes table 'd32'". */
  nSource: string;
  /** Sorted by tokens (or step). */
  points: Checkpoint[];
  /** Tokens per optimizer step when the log's config gave it (batch × sequence length). */
  tokensPerStep: number | null;
  /** Other columns' constant values over the run (for sweep-repeat detection: peak_lr, seed, batch…). */
  constants: Record<string, string>;
}

/** A cell as a reader found it: a number, text, or missing. */
export type Cell = number | string | undefined;

export interface LogTable {
  file: string;
  headers: string[];
  rows: Cell[][];
  /** 1-based line (CSV, JSONL) or record number (TensorBoard) of each row. */
  lines: number[];
  /** Run name used when the table has no run column (file or directory name). */
  defaultRun: string;
  /** Key/values from the log's own config (JSONL config line, W&B/TensorBoard hparams, a sidecar). */
  config: Record<string, unknown>;
  /** What the reader noticed (format, skipped lines…). */
  notes: string[];
}

/** Column roles a user can choose for logs (CLI --column ROLE=HEADER). */
export type LogColumnRole = 'N' | 'loss' | 'run' | 'step' | 'tokens' | 'lr';
export const LOG_COLUMN_ROLES: readonly LogColumnRole[] = ['N', 'loss', 'run', 'step', 'tokens', 'lr'];
