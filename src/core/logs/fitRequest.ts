/**
 * The fit worker's 'fitLogs' request: training logs' bytes in, a fit-ready table out (read, turned into
 * learning curves and prepared exactly as the CLI does, src/cli/commands/fit.ts), with what the panel shows
 * besides the law: the columns used, the runs with their planned final tokens, repeats, the weighting.
 */
import type { TableMaker } from '../fit/workerCore';
import type { LogsOutcome, WorkerFitOptions } from '../fit/workerProtocol';
import { curvesFromFiles, type LogFileBytes } from './load';
import { prepareCurves, type PrepareOptions } from './prepare';
import type { CurveOptions } from './curves';

export interface FitLogsRequest {
  type: 'fitLogs';
  files: LogFileBytes[];
  curveOpts: CurveOptions & { maxRows?: number };
  prepOpts: PrepareOptions;
  fitOpts: WorkerFitOptions;
}

export const logsTable: TableMaker = (r) => {
  const req = r as FitLogsRequest;
  const loaded = curvesFromFiles(req.files, req.curveOpts);
  const prepared = prepareCurves(loaded.curves, req.prepOpts);
  const table = { ...prepared.table, summary: { ...prepared.table.summary, notes: [...loaded.notes, ...loaded.warnings.map((w) => `warning: ${w}`), ...prepared.table.summary.notes] } };
  const logs: LogsOutcome = {
    columns: loaded.columns,
    runs: prepared.runs.map((x) => ({ ...x, plannedTokens: loaded.planned[x.run]?.tokens ?? null, plannedHow: loaded.planned[x.run]?.how ?? '' })),
    weighting: prepared.weighting.note,
    dropWarmup: prepared.dropWarmup,
  };
  return { table, info: { headers: loaded.headers, repeated: prepared.repeated, logs } };
};
