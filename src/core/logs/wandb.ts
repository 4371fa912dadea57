/**
 * Weights & Biases exports. Two shapes reach users:
 *  - the chart panel's "Export → CSV": a wide table with a step column ("Step", or the chart's x-axis key) and,
 *    per run, "<run> - <metric>" plus "<run> - <metric>__MIN" / "__MAX" (the min/max of W&B's point sampling
 *    within a bucket; wandb/wandb#5349, #5222). One file holds several runs;
 *  - a run's history from the API (`run.history()` → CSV): `_step`, `_runtime`, `_timestamp` and the metrics,
 *    which is a plain per-run log (csvLog.ts reads it; `_step` is a step alias).
 * The wide form is turned into the long form here: one row per (step, run) with the metric columns, and a `run`
 * column. __MIN/__MAX columns are dropped (the plain column is the bucket's value) with a note.
 */
import type { Cell, LogTable } from './types';

const WIDE = /^(.+?) - (.+?)(__MIN|__MAX)?$/;

export function isWandbChartExport(headers: string[]): boolean {
  const wide = headers.filter((h) => WIDE.test(h));
  return wide.length >= 1 && wide.length >= headers.length - 2 && headers.some((h) => !WIDE.test(h));
}

export function wandbChartToTable(t: LogTable): LogTable {
  const xIdx = t.headers.map((h, i) => (WIDE.test(h) ? -1 : i)).filter((i) => i >= 0);
  const series: Array<{ run: string; metric: string; col: number }> = [];
  let minMax = 0;
  t.headers.forEach((h, col) => {
    const m = WIDE.exec(h);
    if (!m) return;
    if (m[3]) minMax++;
    else series.push({ run: m[1].trim(), metric: m[2].trim(), col });
  });
  const runs = [...new Set(series.map((s) => s.run))];
  const metrics = [...new Set(series.map((s) => s.metric))];
  const headers = [...xIdx.map((i) => t.headers[i]), 'run', ...metrics];
  const rows: Cell[][] = [];
  const lines: number[] = [];
  for (let r = 0; r < t.rows.length; r++) {
    for (const run of runs) {
      const vals = metrics.map((metric) => {
        const s = series.find((x) => x.run === run && x.metric === metric);
        return s ? t.rows[r][s.col] : undefined;
      });
      if (vals.every((v) => v === undefined)) continue;
      rows.push([...xIdx.map((i) => t.rows[r][i]), run, ...vals]);
      lines.push(t.lines[r]);
    }
  }
  const notes = [...t.notes, `W&B chart export: ${runs.length} run${runs.length === 1 ? '' : 's'} (${runs.join(', ')}), metric${metrics.length === 1 ? '' : 's'} ${metrics.join(', ')}`];
  if (minMax) notes.push(`W&B __MIN/__MAX columns (${minMax}) ignored: the plain column is the logged value`);
  return { ...t, headers, rows, lines, notes };
}
