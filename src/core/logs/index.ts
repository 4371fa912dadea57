/**
 * Training logs in: read per-run logs in any supported format, turn them into learning curves, and prepare
 * them for a fit (see prepare.ts). Formats, by file name: `events.out.tfevents.*` (TensorBoard), `.jsonl` /
 * `.ndjson` (JSONL metrics), anything else as CSV (per-run logs, long tables with a run column, W&B exports).
 */
import { readCsvLog, type CsvLogOptions } from './csvLog';
import { readJsonl } from './jsonl';
import { readTensorboard } from './tensorboard';
import type { LogTable } from './types';
import { logFormatOf } from './format';

export * from './types';
export { readCsvLog, baseName, type CsvLogOptions } from './csvLog';
export { readJsonl } from './jsonl';
export { readTensorboard, frameRecord, maskedCrc32c } from './tensorboard';
export { curvesFromTable, tokensPerStepFromConfig, type CurveOptions, type CurveSet } from './curves';
export { prepareCurves, resampleLogTokens, type PrepareOptions, type PreparedCurves, type PreparedRun } from './prepare';
export { detectSchedule, type Schedule, type ScheduleInfo } from './schedule';
export { sizeFromName } from './names';
export { LogError } from './errors';
export { logFormatOf, isLogFile, type LogFormat } from './format';

/** Read one log file's bytes into a table. */
export function readLog(bytes: Uint8Array, file: string, opts: CsvLogOptions = {}): LogTable {
  const format = logFormatOf(file);
  if (format === 'tensorboard') return readTensorboard(bytes, file, opts);
  const text = new TextDecoder('utf-8').decode(bytes);
  return format === 'jsonl' ? readJsonl(text, file, opts) : readCsvLog(text, file, opts);
}
export { runsFromLogs, type SweepLogMatch } from './sweepRuns';
